import { describe, expect, it } from "vitest";
import { intoWindow, isSendingWindow, nextDueAt } from "../../src/features/sequences/sending-window.js";

const nineToEight = { start: 9 * 60, end: 20 * 60 };
const overnight = { start: 22 * 60, end: 6 * 60 };

describe("sending window", () => {
  it("when no window is set, then the time is kept", () => {
    const at = new Date("2026-03-01T03:00:00Z");
    expect(intoWindow(at, null, "UTC")).toEqual(at);
  });

  it("when the time is inside a day window, then it is kept", () => {
    const at = new Date("2026-03-01T12:30:00Z");
    expect(intoWindow(at, nineToEight, "UTC")).toEqual(at);
  });

  it("when the time is before the window opens, then it moves to that day's opening", () => {
    expect(intoWindow(new Date("2026-03-01T03:00:00Z"), nineToEight, "UTC")).toEqual(
      new Date("2026-03-01T09:00:00Z"),
    );
  });

  it("when the time is past the window's end, then it moves to the next day's opening", () => {
    expect(intoWindow(new Date("2026-03-01T20:00:00Z"), nineToEight, "UTC")).toEqual(
      new Date("2026-03-02T09:00:00Z"),
    );
  });

  it("when the user's time zone is given, then the window is in their local hours", () => {
    // 06:00 UTC is 15:00 in Tokyo: inside; 12:00 UTC is 21:00 there: the next Tokyo morning.
    expect(intoWindow(new Date("2026-03-01T06:00:00Z"), nineToEight, "Asia/Tokyo")).toEqual(
      new Date("2026-03-01T06:00:00Z"),
    );
    expect(intoWindow(new Date("2026-03-01T12:00:00Z"), nineToEight, "Asia/Tokyo")).toEqual(
      new Date("2026-03-02T00:00:00Z"),
    );
  });

  it("when a window spans midnight, then both sides of midnight are inside and the day waits for the evening", () => {
    const late = new Date("2026-03-01T23:00:00Z");
    const early = new Date("2026-03-02T05:59:00Z");
    expect(intoWindow(late, overnight, "UTC")).toEqual(late);
    expect(intoWindow(early, overnight, "UTC")).toEqual(early);
    expect(intoWindow(new Date("2026-03-02T06:00:00Z"), overnight, "UTC")).toEqual(
      new Date("2026-03-02T22:00:00Z"),
    );
  });

  it("when the clocks go forward, then the opening is still the local hour", () => {
    // Europe/Berlin springs forward on 2026-03-29: 09:00 local is 07:00 UTC that day.
    expect(intoWindow(new Date("2026-03-29T01:30:00Z"), nineToEight, "Europe/Berlin")).toEqual(
      new Date("2026-03-29T07:00:00Z"),
    );
  });

  it("when the time zone is unknown, then UTC is used", () => {
    expect(intoWindow(new Date("2026-03-01T03:00:00Z"), nineToEight, "Not/AZone")).toEqual(
      new Date("2026-03-01T09:00:00Z"),
    );
  });

  it("when a delay is added, then the window applies to the result", () => {
    expect(nextDueAt(new Date("2026-03-01T19:00:00Z"), 2 * 3600_000, nineToEight, "UTC")).toEqual(
      new Date("2026-03-02T09:00:00Z"),
    );
  });

  it("when a window's ends are the same or outside the day, then it is not a window", () => {
    expect(isSendingWindow({ start: 60, end: 60 })).toBe(false);
    expect(isSendingWindow({ start: 0, end: 1440 })).toBe(false);
    expect(isSendingWindow(overnight)).toBe(true);
  });
});
