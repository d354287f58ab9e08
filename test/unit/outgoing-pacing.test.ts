import { describe, expect, it } from "vitest";
import { Pacing } from "../../src/telegram/outgoing/pacing.js";

const limits = { perSecond: 10, privateChatMs: 1000, groupChatMs: 3000 };

/** Grants `count` messages to `chat(i)` as early as pacing allows; their times. */
function sendAll(pacing: Pacing, count: number, chat: (i: number) => number | undefined, paid = false) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.max(0, pacing.readyAt(chat(i), paid));
    pacing.grant(chat(i), at, paid);
    times.push(at);
  }
  return times;
}

const mostInOneSecond = (times: number[]) =>
  Math.max(...times.map((t) => times.filter((g) => g >= t && g < t + 1000).length));

describe("outgoing pacing", () => {
  it("when many chats wait at once, then they go at the global rate, never more in one second", () => {
    const times = sendAll(new Pacing(limits), 40, (i) => i + 1);
    expect(mostInOneSecond(times)).toBe(10);
    expect(times[39]).toBeGreaterThanOrEqual(3500);
    expect(times[39]).toBeLessThan(4000);
  });

  it("when one private chat gets many, then they go one a second; a group one every three", () => {
    expect(sendAll(new Pacing(limits), 3, () => 7)).toEqual([0, 1000, 2000]);
    expect(sendAll(new Pacing(limits), 3, () => -100)).toEqual([0, 3000, 6000]);
  });

  it("when one chat is busy, then another chat is not held up by it", () => {
    const pacing = new Pacing(limits);
    pacing.grant(7, 0);
    expect(pacing.readyAt(7)).toBe(1000);
    expect(pacing.readyAt(8)).toBeLessThanOrEqual(100);
  });

  it("when Telegram says 429, then nobody goes before retry_after, overlapping 429s do not stack", () => {
    const pacing = new Pacing(limits);
    expect(pacing.pushBack(5, 1000, 7)).toBe(true);
    expect(pacing.pushBack(3, 1500)).toBe(false);
    expect(pacing.readyAt(8)).toBe(6000);
    expect(pacing.readyAt(undefined, true)).toBe(6000);
  });

  it("when a broadcast is paid, then it skips the free rate but not its chat's spacing", () => {
    const pacing = new Pacing(limits);
    sendAll(pacing, 20, (i) => i + 1);
    expect(pacing.readyAt(1000, true)).toBe(0);
    pacing.grant(1000, 0, true);
    expect(pacing.readyAt(1000, true)).toBe(1000);
  });
});

describe("outgoing pacing beside other instances", () => {
  it("when turns came from a shared clock, then pacing alone again goes on a spacing after the last of them", () => {
    const pacing = new Pacing(limits);
    sendAll(pacing, 3, (i) => i + 1);
    pacing.continueAfter(5000);
    expect(pacing.readyAt(99)).toBe(5100);
    // An older turn than its own last changes nothing.
    pacing.continueAfter(10);
    expect(pacing.readyAt(99)).toBe(5100);
  });

  it("when a timer fires a little late, then the next turn catches up; after a quiet spell the spacing starts from now, with no burst", () => {
    const pacing = new Pacing(limits);
    pacing.grant(1, 0);
    pacing.grant(2, 150);
    expect(pacing.readyAt(3)).toBe(200);
    pacing.grant(3, 5000);
    expect(pacing.readyAt(4)).toBe(5100);
  });

  it("when a pause comes from elsewhere, then nobody goes before it ends, and an earlier one changes nothing", () => {
    const pacing = new Pacing(limits);
    expect(pacing.pauseUntil(4000)).toBe(true);
    expect(pacing.pauseUntil(3000)).toBe(false);
    expect(pacing.readyAt(5)).toBe(4000);
  });
});
