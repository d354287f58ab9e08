import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { campaigns } from "../../src/db/schema/index.js";
import { chartSvg, chartZoom, renderChart } from "../../src/features/charts/render-chart.js";
import {
  type StatisticsChartFigures,
  statisticsChartSpec,
} from "../../src/features/charts/statistics-chart.js";
import { StatisticsRepository } from "../../src/features/statistics/statistics-repository.js";
import { inLocale } from "../../src/texts/locale-scope.js";
import { decodePng } from "../support/png.js";
import { createTestDatabase } from "../support/test-database.js";
import { insertUser } from "../support/user-factory.js";

const now = new Date("2026-06-15T09:30:00Z");
const at = (iso: string) => new Date(iso);

/** A database with users of every source, status and several languages, and the figures the statistics chart takes from it. */
function seeded() {
  const { db } = createTestDatabase();
  db.insert(campaigns).values({ id: 1, name: "Ads", code: "ads", createdAt: now }).run();
  const rows = [
    { id: 1, status: "active", registeredAt: at("2026-06-15T08:00:00Z"), languageCode: "en" },
    { id: 2, status: "active", registeredAt: at("2026-06-12T08:00:00Z"), referrerId: 1, languageCode: "ru" },
    { id: 3, status: "active", registeredAt: at("2026-06-12T09:00:00Z"), campaignId: 1, languageCode: "ru" },
    { id: 4, status: "active", registeredAt: at("2026-05-20T08:00:00Z"), deadAt: at("2026-06-01T00:00:00Z") },
    { id: 5, status: "active", registeredAt: at("2026-02-01T08:00:00Z"), campaignId: 1, languageCode: "de" },
    { id: 6, status: "banned", registeredAt: at("2026-06-14T08:00:00Z"), languageCode: "en" },
    { id: 7, status: "pending", languageCode: "fr" },
  ] as const;
  for (const row of rows) insertUser(db, { ...row }, now);
  const stats = new StatisticsRepository(db);
  const figures: StatisticsChartFigures = {
    newUsers: stats.newUsersByDay(now),
    liveness: stats.livenessByDay(now),
    sources: stats.usersBySource(),
    languages: stats
      .usersByLanguage(8)
      .map((s) => ({ name: s.kind === "language" ? s.code : s.kind, users: s.users })),
  };
  return { stats, figures };
}

type Row = Record<string, unknown>;
/** The data rows and the title of each chart of the statistics picture, in order. */
function chartsOf(spec: ReturnType<typeof statisticsChartSpec>) {
  if (!("vconcat" in spec)) throw new Error("the statistics picture is a column of charts");
  return spec.vconcat.map((part) => ({
    title: (part as { title: string }).title,
    rows: (part as { data: { values: Row[] } }).data.values,
  }));
}
const total = (rows: Row[], field: string) => rows.reduce((sum, r) => sum + Number(r[field]), 0);

describe("charts", () => {
  it("when the statistics chart is drawn from a seeded database, then each chart plots exactly the repository's figures", () => {
    const { stats, figures } = seeded();
    const [newUsers, liveness, sources, languages] = chartsOf(statisticsChartSpec(figures));
    expect(newUsers?.rows).toHaveLength(30);
    expect(total(newUsers?.rows ?? [], "users")).toBe(stats.newUsers(now).last30Days);
    expect(newUsers?.rows.at(-1)).toEqual({ day: "2026-06-15", users: stats.newUsers(now).today });
    expect(newUsers?.rows.find((r) => r.day === "2026-06-12")).toEqual({ day: "2026-06-12", users: 2 });
    const counts = stats.userCounts();
    const today = liveness?.rows.filter((r) => r.day === "2026-06-15");
    expect(today).toEqual([
      { day: "2026-06-15", state: "alive", users: counts.active - counts.dead },
      { day: "2026-06-15", state: "dead", users: counts.dead },
    ]);
    expect(liveness?.rows.filter((r) => r.day === "2026-05-31").map((r) => r.users)).toEqual([2, 0]);
    expect(sources?.rows).toEqual([
      { name: "campaign links", users: 2 },
      { name: "user referrals", users: 1 },
      { name: "direct", users: 2 },
    ]);
    expect(total(sources?.rows ?? [], "users")).toBe(counts.active);
    expect(languages?.rows).toEqual([
      { name: "ru", users: 2 },
      { name: "de", users: 1 },
      { name: "en", users: 1 },
      { name: "unknown", users: 1 },
    ]);
    expect(total(languages?.rows ?? [], "users")).toBe(counts.active);
  });

  it("when the statistics chart is drawn for a Russian admin, then its titles and labels are Russian and its figures the same", () => {
    const { figures } = seeded();
    const english = chartsOf(statisticsChartSpec(figures));
    const russian = chartsOf(inLocale("ru", () => statisticsChartSpec(figures)));
    expect(russian.map((c) => c.title)).toEqual([
      "Новые пользователи по дням (UTC, последние 30 дней)",
      "Живые и мёртвые активные пользователи (дни по UTC)",
      "Откуда пришли активные пользователи",
      "Активные пользователи по языкам",
    ]);
    expect(russian[2]?.rows.map((r) => r.name)).toEqual([
      "ссылки кампаний",
      "приглашения пользователей",
      "напрямую",
    ]);
    expect(russian.map((c) => c.rows.map((r) => r.users))).toEqual(
      english.map((c) => c.rows.map((r) => r.users)),
    );
  });

  it("when the statistics chart is rendered, then it is a PNG that decodes, twice the SVG's size, with ink on it, in under three seconds even cold", async () => {
    const { figures } = seeded();
    const spec = inLocale("ru", () => statisticsChartSpec(figures));
    const svg = await chartSvg(spec);
    const drawn = new Resvg(svg);
    const started = performance.now();
    const png = await renderChart(spec);
    const took = performance.now() - started;
    const image = decodePng(png);
    expect(image.width).toBe(Math.round(drawn.width * chartZoom));
    expect(image.height).toBe(Math.round(drawn.height * chartZoom));
    // One column of charts a phone shows across: wider than a phone's screen in pixels, taller than wide.
    expect(image.width).toBeGreaterThan(1000);
    expect(image.width).toBeLessThan(1800);
    expect(image.height).toBeGreaterThan(image.width * 0.8);
    expect(image.height / image.width).toBeLessThan(3);
    expect(image.inked).toBeGreaterThan(image.width * image.height * 0.05);
    expect(took).toBeLessThan(3000);
    // Cyrillic is drawn in DejaVu from npm: the SVG names it and resvg finds it among the bundled files only.
    expect(svg).toContain("DejaVu Sans");
    expect(svg).toContain("Активные пользователи по языкам");
  });

  it("when bytes are not a PNG or are cut short, then the decoder says so (the check can fail)", async () => {
    const png = await renderChart(statisticsChartSpec(seeded().figures));
    expect(() => decodePng(Buffer.from("GIF89a not a png"))).toThrow(/signature/);
    expect(() => decodePng(png.subarray(0, png.length - 200))).toThrow();
  });
});
