import { describe, expect, it } from "vitest";
import { deliveries } from "../../src/db/schema/index.js";
import { mailingChartSpec } from "../../src/features/charts/mailing-chart.js";
import { renderChart } from "../../src/features/charts/render-chart.js";
import {
  DeliveryTimelineRepository,
  timelineStep,
} from "../../src/features/mailing/delivery-timeline-repository.js";
import { inLocale } from "../../src/texts/locale-scope.js";
import { insertCompletedMailing } from "../support/mailing-factory.js";
import { decodePng } from "../support/png.js";
import { createTestDatabase } from "../support/test-database.js";
import { insertUser } from "../support/user-factory.js";

const start = new Date("2026-06-01T12:00:00Z");
const minute = 60_000;
const later = (ms: number) => new Date(start.getTime() + ms);

type Seed = { state: "pending" | "sent" | "failed" | "unknown"; errorKind?: string; at?: number | null };

/** A mailing started at 12:00 UTC and finished after `durationMs`, with one delivery per seed, to users 1…n. */
function seeded(seeds: Seed[], durationMs: number) {
  const { db } = createTestDatabase();
  const mailing = insertCompletedMailing(db, start, { startedAt: start, finishedAt: later(durationMs) });
  seeds.forEach((seed, i) => {
    insertUser(db, { id: i + 1, status: "active" }, start);
    db.insert(deliveries)
      .values({
        mailingId: mailing.id,
        userId: i + 1,
        state: seed.state,
        errorKind: seed.errorKind ?? null,
        updatedAt: seed.at === null ? null : later(seed.at ?? 0),
      })
      .run();
  });
  return { mailing, timeline: new DeliveryTimelineRepository(db).timeline(mailing, later(durationMs)) };
}

describe("DeliveryTimelineRepository", () => {
  it("when a mailing ran for 20 minutes, then its finished deliveries are counted per minute (20 bars) by outcome, pending ones not at all", () => {
    const { timeline } = seeded(
      [
        { state: "sent", at: 5_000 },
        { state: "sent", at: 59_999 },
        { state: "failed", errorKind: "blocked", at: 30_000 },
        { state: "sent", at: minute + 1 },
        { state: "failed", errorKind: "deactivated", at: 2 * minute },
        { state: "failed", errorKind: "chat_not_found", at: 2 * minute + 10 },
        { state: "unknown", at: 2 * minute + 20 },
        { state: "sent", at: null }, // no time of its own: counted at the start
        { state: "pending" },
      ],
      20 * minute,
    );
    expect(timeline.stepMs).toBe(minute);
    expect(timeline.points).toEqual([
      { at: start, outcome: "delivered", deliveries: 3 },
      { at: start, outcome: "blocked", deliveries: 1 },
      { at: later(minute), outcome: "delivered", deliveries: 1 },
      { at: later(2 * minute), outcome: "blocked", deliveries: 1 },
      { at: later(2 * minute), outcome: "failed", deliveries: 1 },
      { at: later(2 * minute), outcome: "unknown", deliveries: 1 },
    ]);
  });

  it("when mailings last longer, then the step grows so that at most 60 bars cross the chart", () => {
    expect(timelineStep(30_000)).toBe(10_000);
    expect(timelineStep(10 * minute)).toBe(10_000);
    expect(timelineStep(11 * minute)).toBe(minute);
    expect(timelineStep(60 * minute)).toBe(minute);
    expect(timelineStep(61 * minute)).toBe(5 * minute);
    expect(timelineStep(10 * 3_600_000)).toBe(15 * minute);
    expect(timelineStep(2 * 86_400_000)).toBe(3_600_000);
    expect(timelineStep(3 * 86_400_000)).toBe(21_600_000);
    expect(timelineStep(100 * 86_400_000)).toBe(86_400_000);
  });

  it("when a finished mailing's chart is drawn, then its bars add up to the mailing's outcomes, in Russian for a Russian admin, and it renders to a PNG", async () => {
    const seeds: Seed[] = [];
    for (let i = 0; i < 40; i++) seeds.push({ state: "sent", at: i * 20_000 });
    for (let i = 0; i < 6; i++) seeds.push({ state: "failed", errorKind: "blocked", at: i * 90_000 });
    seeds.push(
      { state: "failed", errorKind: "transient", at: 4 * minute },
      { state: "unknown", at: 13 * minute },
    );
    const { timeline } = seeded(seeds, 14 * minute);
    const spec = inLocale("ru", () => mailingChartSpec(timeline, "Europe/Berlin"));
    const rows = (spec as { data: { values: Array<Record<string, unknown>> } }).data.values;
    const totals = new Map<unknown, number>();
    for (const row of rows) totals.set(row.outcome, (totals.get(row.outcome) ?? 0) + Number(row.deliveries));
    expect(Object.fromEntries(totals)).toEqual({
      доставлено: 40,
      "заблокировали или удалились": 6,
      "другая ошибка": 1,
      "неизвестно (сбой)": 1,
    });
    expect(spec.title).toBe("Доставки по исходу (шаг: 1 минута)");
    // Berlin's summer clock: the first bar starts at 14:00.
    expect(rows[0]).toMatchObject({ start: "2026-06-01T14:00:00.000Z", end: "2026-06-01T14:01:00.000Z" });
    const image = decodePng(await renderChart(spec));
    expect(image.width).toBeGreaterThan(800);
    expect(image.height).toBeGreaterThan(400);
    expect(image.inked).toBeGreaterThan(image.width * image.height * 0.05);
  });
});
