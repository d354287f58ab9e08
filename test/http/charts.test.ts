import { describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { ownerId } from "../support/bot-harness.js";
import { type ApiHarness, appSessionOf, createApiHarness } from "../support/http-harness.js";
import {
  createTestEngine,
  seedBotUsers,
  stopEngineAfterEach,
  waitForStatus,
} from "../support/mailing-helpers.js";

let h: ApiHarness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

type Row = Record<string, unknown>;
interface VegaSpec {
  data: Array<{ name: string; values?: Row[] }>;
  title?: unknown;
  marks: unknown[];
}

/** The rows compiled charts plot: their inlined datasets, each known by the fields of its rows. */
function datasetsOf(charts: VegaSpec[]): Row[][] {
  return charts.flatMap((chart) => chart.data.flatMap((d) => (d.values ? [d.values] : [])));
}
const withFields = (charts: VegaSpec[], ...fields: string[]) =>
  datasetsOf(charts).filter((rows) => rows.length > 0 && fields.every((f) => f in (rows[0] as Row)));
const sum = (rows: Row[], field: string) => rows.reduce((total, row) => total + Number(row[field]), 0);

describe("GET /api/stats/charts", () => {
  it("when there are users of several languages, one dead, then the charts plot exactly the figures of /api/stats", async () => {
    h = createApiHarness();
    const [, bob] = seedBotUsers(h, [
      { language_code: "en" },
      { language_code: "de" },
      {},
      { language_code: "en" },
    ]);
    h.services.users.markDead(bob?.id as number, "blocked", h.clock.now());
    const stats = (await h.get("/api/stats")).json;
    const answer = await h.get("/api/stats/charts");
    expect(answer.status).toBe(200);
    const charts = answer.json.charts as VegaSpec[];
    expect(charts).toHaveLength(4);

    const [newUsers] = withFields(charts, "day", "users").filter((rows) => !("state" in (rows[0] as Row)));
    expect(newUsers).toHaveLength(30);
    expect(sum(newUsers ?? [], "users")).toBe(stats.new_users.last_30_days);
    const [liveness] = withFields(charts, "day", "state", "users");
    const today = (liveness ?? []).slice(-2);
    expect(today.map((row) => [row.state, row.users])).toEqual([
      ["alive", stats.users.active - stats.users.dead],
      ["dead", stats.users.dead],
    ]);
    const [sources, languages] = withFields(charts, "name", "users");
    expect(sum(sources ?? [], "users")).toBe(stats.users.active);
    expect(languages?.map((row) => row.users)).toEqual(
      stats.languages.map((l: { users: number }) => l.users),
    );
    expect(JSON.stringify(charts)).toContain("New bot users per day");
  });

  it("when a language is asked for, then the titles and labels are in it", async () => {
    h = createApiHarness();
    seedBotUsers(h, [{ language_code: "en" }]);
    const answer = await h.get("/api/stats/charts?lang=ru");
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("Новые пользователи по дням");
    expect(answer.text).not.toContain("New bot users per day");
    expect((await h.get("/api/stats/charts?lang=xx")).status).toBe(400);
  });

  it("when the token is missing or wrong, then no chart is given", async () => {
    h = createApiHarness();
    expect((await h.get("/api/stats/charts", { token: null })).status).toBe(401);
    const wrong = await h.get("/api/stats/charts", { token: "x" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.charts).toBeUndefined();
  });
});

describe("GET /api/mailings/{id}/chart", () => {
  it("when a mailing finished with deliveries and a blocked user, then its chart plots each outcome's count", async () => {
    h = createApiHarness();
    const started = createTestEngine(h);
    engine = started.engine;
    engine.start();
    seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bo" }, { first_name: "Gone", state: "blocked" }]);
    const created = await h.post("/api/mailings", { body: { text: "Hi", dead_after: 1 } });
    expect(created.status).toBe(201);
    await waitForStatus(started.repository, created.json.id);
    const counts = (await h.get(`/api/mailings/${created.json.id}`)).json.counts;
    expect(counts).toMatchObject({ total: 3, sent: 2, failed: 1 });

    const answer = await h.get(`/api/mailings/${created.json.id}/chart`);
    expect(answer.status).toBe(200);
    const [bars] = withFields(answer.json.charts as VegaSpec[], "outcome", "deliveries");
    const of = (outcome: string) =>
      sum(
        (bars ?? []).filter((row) => row.outcome === outcome),
        "deliveries",
      );
    expect(of("delivered")).toBe(counts.sent);
    expect(of("blocked or deleted") + of("other error")).toBe(counts.failed);
    expect(sum(bars ?? [], "deliveries")).toBe(counts.total);
  });

  it("when the mailing is a Check Users run, then it has no deliveries to chart: 422", async () => {
    h = createApiHarness();
    seedBotUsers(h, [{}]);
    const created = await h.post("/api/check-users", { body: { dead_after: 1 } });
    expect(created.status).toBe(201);
    const answer = await h.get(`/api/mailings/${created.json.id}/chart`);
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe("no_deliveries");
  });

  it("when the mailing does not exist, then 404; without a token, 401", async () => {
    h = createApiHarness();
    const unknown = await h.get("/api/mailings/999/chart");
    expect(unknown.status).toBe(404);
    expect((await h.get("/api/mailings/999/chart", { token: null })).status).toBe(401);
  });
});

describe("the charts through the Mini App", () => {
  it("when an admin's session asks for them, then they come in the admin's language; without a session, 401", async () => {
    h = createApiHarness();
    seedBotUsers(h, [{ language_code: "en" }]);
    h.services.users.touch(
      { id: ownerId, is_bot: false, first_name: "Owner", language_code: "es" },
      h.clock.now(),
    );
    const token = await appSessionOf(h, { id: ownerId, first_name: "Owner" });
    const viaApp = await h.get("/app/api/stats/charts", { token });
    expect(viaApp.status).toBe(200);
    expect(viaApp.text).toContain("Nuevos usuarios del bot por día");
    expect((await h.get("/app/api/stats/charts", { token: null })).status).toBe(401);
    expect((await h.get("/app/api/mailings/999/chart", { token })).status).toBe(404);
  });
});
