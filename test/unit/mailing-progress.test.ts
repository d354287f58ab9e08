import { describe, expect, it } from "vitest";
import {
  etaMs,
  formatDuration,
  formatRate,
  type MailingProgress,
  progressBar,
  remainingOf,
  reportText,
  sendRate,
  statusText,
} from "../../src/features/menu/mailing/progress.js";

const start = new Date("2026-06-01T12:00:00Z");

function mailing(overrides: Partial<MailingProgress> = {}): MailingProgress {
  return {
    id: 7,
    kind: "mailing",
    status: "running",
    total: 100,
    sent: 40,
    failed: 8,
    unknown: 2,
    newlyDead: 5,
    revived: 1,
    scheduledAt: null,
    startedAt: start,
    finishedAt: null,
    ...overrides,
  };
}

const context = (overrides = {}) => ({
  timezone: "UTC",
  now: new Date(start.getTime() + 10_000),
  rate: 5,
  breakdown: [],
  ...overrides,
});

describe("mailing progress", () => {
  it("when a bar is drawn, then it fills in proportion and is full only when everything is done", () => {
    expect(progressBar(0, 100)).toBe("▱▱▱▱▱▱▱▱▱▱ 0%");
    expect(progressBar(50, 100)).toBe("▰▰▰▰▰▱▱▱▱▱ 50%");
    expect(progressBar(99, 100)).toBe("▰▰▰▰▰▰▰▰▰▱ 99%");
    expect(progressBar(100, 100)).toBe("▰▰▰▰▰▰▰▰▰▰ 100%");
    expect(progressBar(0, 0)).toBe("▰▰▰▰▰▰▰▰▰▰ 100%");
    expect(progressBar(3, 4, 4)).toBe("▰▰▰▱ 75%");
  });

  it("when the speed is measured between two moments, then it is deliveries per second", () => {
    expect(sendRate({ at: 0, processed: 0 }, { at: 2000, processed: 50 })).toBe(25);
    expect(sendRate({ at: 1000, processed: 10 }, { at: 1000, processed: 20 })).toBeNull();
    expect(sendRate({ at: 0, processed: 30 }, { at: 1000, processed: 20 })).toBeNull();
  });

  it("when the time left is estimated, then it is what remains at the measured speed", () => {
    expect(etaMs(50, 25)).toBe(2000);
    expect(etaMs(0, null)).toBe(0);
    expect(etaMs(10, null)).toBeNull();
    expect(etaMs(10, 0)).toBeNull();
    expect(remainingOf(mailing())).toBe(50);
    expect(remainingOf(mailing({ total: 10, sent: 12 }))).toBe(0);
  });

  it("when durations and speeds are written, then they read naturally", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(4_400)).toBe("4s");
    expect(formatDuration(125_000)).toBe("2m 05s");
    expect(formatDuration(3_780_000)).toBe("1h 03m");
    expect(formatRate(7.345)).toBe("7.3");
    expect(formatRate(28.4)).toBe("28");
  });

  it("when a mailing runs, then the status shows the bar, the counts, the speed and the time left", () => {
    const text = statusText(mailing(), context());
    expect(text).toBe(
      [
        "📨 Mailing #7 · ▶️ Sending",
        "",
        "▰▰▰▰▰▱▱▱▱▱ 50%",
        "✅ Sent: 40 · ❌ Failed: 8 · 💀 Dead: 5 · ⏳ Remaining: 50",
        "⚡ 5.0 messages/s · about 10s left",
      ].join("\n"),
    );
    expect(statusText(mailing(), context({ rate: null }))).toContain("measuring");
  });

  it("when a mailing is paused, scheduled or about to start, then the status says so", () => {
    expect(statusText(mailing({ status: "paused" }), context())).toContain("⏸ Paused");
    expect(statusText(mailing({ status: "paused" }), context())).not.toContain("messages/s");
    const scheduled = mailing({
      status: "scheduled",
      startedAt: null,
      total: 0,
      scheduledAt: new Date("2026-06-02T07:00:00Z"),
    });
    expect(statusText(scheduled, context({ timezone: "Europe/Berlin" }))).toContain(
      "Starts at 2026-06-02 09:00 (Europe/Berlin).",
    );
    expect(statusText(mailing({ status: "queued", startedAt: null }), context())).toContain(
      "Starts in a moment",
    );
  });

  it("when Check Users runs, then it speaks of alive and unreachable users", () => {
    const text = statusText(mailing({ kind: "check_users" }), context());
    expect(text).toContain("🔍 Check Users #7 · ▶️ Checking");
    expect(text).toContain("✅ Alive: 40 · ❌ Unreachable: 8 · 💀 Newly dead: 5");
  });

  it("when a mailing completes, then the report gives outcomes, error classes, deaths and duration", () => {
    const done = mailing({
      status: "completed",
      total: 6,
      sent: 3,
      failed: 3,
      unknown: 0,
      newlyDead: 3,
      revived: 0,
      finishedAt: new Date(start.getTime() + 65_000),
    });
    const breakdown = [
      { errorKind: "blocked", count: 2 },
      { errorKind: "something_new", count: 1 },
    ];
    expect(reportText(done, context({ breakdown }))).toBe(
      [
        "📨 Mailing #7 · ✅ Completed",
        "",
        "👥 Recipients: 6",
        "✅ Sent: 3",
        "❌ Failed: 3",
        "   · blocked the bot: 2",
        "   · something_new: 1",
        "💀 Newly dead: 3 · ♻️ Revived: 0",
        "⏱ Duration: 1m 05s",
        "🕑 Started 2026-06-01 12:00 (UTC)",
      ].join("\n"),
    );
    expect(statusText(done, context({ breakdown }))).toBe(reportText(done, context({ breakdown })));
  });

  it("when recipients speak many languages, then the report names the five largest and counts the rest and the unknown as other", () => {
    const languages = [
      { language: "ru", total: 120 },
      { language: null, total: 70 },
      { language: "es", total: 40 },
      ...["de", "fr", "it", "pt", "tr"].map((language, i) => ({ language, total: 10 - i })),
    ];
    const done = mailing({ status: "completed", finishedAt: start });
    expect(reportText(done, context({ languages }))).toContain(
      "🌐 By language: ru 120 · es 40 · de 10 · fr 9 · it 8 · other 83",
    );
    expect(reportText(done, context({ languages: [{ language: "ru", total: 3 }] }))).toContain(
      "🌐 By language: ru 3\n",
    );
    expect(reportText(done, context())).not.toContain("🌐");
  });

  it("when deliveries were lost to a restart or the mailing was cancelled, then the report says how many", () => {
    const cancelled = mailing({ status: "cancelled", unknown: 2, finishedAt: start });
    const text = reportText(cancelled, context());
    expect(text).toContain("✖ Cancelled");
    expect(text).toContain("❔ Unknown: 2");
    expect(text).toContain("✖ Not sent (cancelled): 50");
    expect(reportText(mailing({ status: "cancelled", startedAt: null }), context())).toContain(
      "cancelled before it started",
    );
  });

  it("when a check is cancelled, then its report counts who was not checked, never 'sent'", () => {
    const running = reportText(
      mailing({ kind: "check_users", status: "cancelled", unknown: 0, finishedAt: start }),
      context(),
    );
    expect(running).toContain("✖ Not checked (cancelled): 52");
    expect(running).not.toMatch(/sent/i);
    const early = reportText(
      mailing({ kind: "check_users", status: "cancelled", startedAt: null }),
      context(),
    );
    expect(early).toContain("It was cancelled before it started: nobody was checked.");
    expect(early).not.toMatch(/sent/i);
  });
});
