import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  averageSentiment,
  nextSession,
  readMessage,
  type SessionState,
  sentimentScore,
} from "../../src/features/users/activity.js";

const minute = 60_000;
const timeout = 10 * minute;
const t0 = new Date("2026-06-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

/** Runs interactions at the given offsets through the rules; returns sessions and time spent. */
function replay(offsets: number[], infiniteSession = false) {
  let state: SessionState = { sessionStartedAt: null, lastActivityAt: null, infiniteSession };
  let sessions = 0;
  let seconds = 0;
  for (const offset of offsets) {
    const step = nextSession(state, at(offset), timeout);
    if (step.newSession) sessions += 1;
    seconds += step.addedSeconds;
    state = { sessionStartedAt: step.sessionStartedAt, lastActivityAt: at(offset), infiniteSession };
  }
  return { sessions, seconds };
}

describe("session rules", () => {
  it("when a user interacts for the first time, then a session starts with no time spent", () => {
    const step = nextSession(
      { sessionStartedAt: null, lastActivityAt: null, infiniteSession: false },
      t0,
      timeout,
    );
    expect(step).toEqual({ newSession: true, sessionStartedAt: t0, addedSeconds: 0 });
  });

  it("when the gap is exactly the timeout, then the session goes on; a millisecond more starts a new one", () => {
    expect(replay([0, timeout])).toEqual({ sessions: 1, seconds: 600 });
    expect(replay([0, timeout + 1])).toEqual({ sessions: 2, seconds: 0 });
  });

  it("when a user comes back after a long break, then time spent is the sum of both sessions' lengths", () => {
    expect(replay([0, 3 * minute, 5 * minute, 60 * minute, 62 * minute])).toEqual({
      sessions: 2,
      seconds: 420,
    });
  });

  it("when infinite session is on, then no gap ends the session and time spent covers it", () => {
    expect(replay([0, 60 * minute, 24 * 60 * minute], true)).toEqual({ sessions: 1, seconds: 24 * 60 * 60 });
  });

  it("when the clock goes back, then nothing is subtracted", () => {
    expect(replay([5 * minute, 4 * minute])).toEqual({ sessions: 1, seconds: 0 });
  });

  it("for any interaction times, time spent is the sum over sessions of (last − first), in whole seconds", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 * minute }), { maxLength: 40 }), (gaps) => {
        let clock = 0;
        const offsets = gaps.map((gap) => {
          clock += gap;
          return clock;
        });
        const sessions: number[][] = [];
        for (const offset of offsets) {
          const current = sessions.at(-1);
          const last = current?.at(-1);
          if (current && last !== undefined && offset - last <= timeout) current.push(offset);
          else sessions.push([offset]);
        }
        const expected = sessions.reduce(
          (sum, s) => sum + Math.floor(((s.at(-1) ?? 0) - (s[0] ?? 0)) / 1000),
          0,
        );
        expect(replay(offsets)).toEqual({ sessions: sessions.length, seconds: expected });
      }),
    );
  });
});

describe("sentiment", () => {
  it("when the seed's examples are scored, then laughter is positive, a greeting neutral, and slowness negative", () => {
    expect(sentimentScore("hahaha")).toBeGreaterThan(0);
    expect(sentimentScore("hello")).toBe(0);
    expect(sentimentScore("so slow!")).toBeLessThan(0);
  });

  it("when emoji stand alone, next to words or to each other, then each one counts", () => {
    expect(sentimentScore("😍")).toBe(3);
    expect(sentimentScore("great😍😍")).toBe(3 + 3 + 3);
    expect(sentimentScore("😡😡")).toBe(-2);
    expect(sentimentScore("👍🏽")).toBe(sentimentScore("👍"));
    expect(sentimentScore("❤️")).toBe(sentimentScore("❤"));
  });

  it("when an emoji is newer than the library's ranking, then the documented extras score it", () => {
    expect(sentimentScore("🙂")).toBeGreaterThan(0);
    expect(sentimentScore("🤬")).toBeLessThan(0);
  });

  it("when there is nothing scored yet, then the average is null, else total over count", () => {
    expect(averageSentiment(0, 0)).toBeNull();
    expect(averageSentiment(3, 2)).toBe(1.5);
  });
});

describe("reading a message", () => {
  it("when it is text, then the label is the text and it is scored; a command is not scored", () => {
    expect(readMessage({ text: "I love it" })).toEqual({ label: "I love it", sentiment: 3 });
    expect(readMessage({ text: "/start promo" })).toEqual({ label: "/start promo", sentiment: null });
  });

  it("when it is media, then the label names the kind and a caption or sticker emoji is scored", () => {
    expect(readMessage({ photo: [], caption: "so slow!" } as never)).toEqual({
      label: "[photo] so slow!",
      sentiment: -2,
    });
    expect(readMessage({ sticker: { emoji: "😍" } })).toEqual({ label: "[sticker] 😍", sentiment: 3 });
    expect(readMessage({ voice: {} } as never)).toEqual({ label: "[voice]", sentiment: null });
  });

  it("when a text is longer than Telegram allows in one message, then the label is cut to 4096", () => {
    expect(readMessage({ text: "a".repeat(5000) }).label).toHaveLength(4096);
  });
});
