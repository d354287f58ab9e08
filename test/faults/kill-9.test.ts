import { asc, between, eq, gt, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { deliveries, imports, users, userTags } from "../../src/db/schema/index.js";
import { upsertUser } from "../../src/features/users/upsert-user.js";
import { HealthProbe } from "../support/health-probe.js";
import { textMailing } from "../support/mailing-helpers.js";
import { createFleet, type Fleet, fleetApiToken, seedRecipients } from "../support/usher-fleet.js";

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const rounds = 20;
/** Large enough that applying it takes a second or more: most kills land in it. */
const importRows = 20_000;
const budget = 30;

/** Round r's CSV: `importRows` new people with Telegram ids of their own, a tag each. */
function importCsv(round: number): string {
  const lines = ["Telegram ID,First Name,Tags"];
  for (let i = 0; i < importRows; i++) lines.push(`${importedId(round, i)},Imp${round}_${i},"round${round}"`);
  return lines.join("\n");
}
const importedId = (round: number, i: number) => 8_000_000 + round * 100_000 + i;
const phoneOf = (round: number) => `+4915550${String(round).padStart(5, "0")}`;
const mergerId = (round: number) => 7_000_000 + round;

/** How many of round r's rows are stored. */
function importedRows(f: Fleet, round: number): number {
  const ids = between(users.id, importedId(round, 0), importedId(round, importRows - 1));
  return f.database.db.select({ id: users.id }).from(users).where(ids).all().length;
}

/** The import a round's request registered, if it got that far. */
const importAfter = (f: Fleet, id: number) =>
  f.database.db.select().from(imports).where(gt(imports.id, id)).orderBy(asc(imports.id)).get();
const lastImportId = (f: Fleet) =>
  f.database.db.select({ id: imports.id }).from(imports).orderBy(asc(imports.id)).all().at(-1)?.id ?? 0;
const unfinishedImports = (f: Fleet) =>
  f.database.db
    .select()
    .from(imports)
    .where(inArray(imports.status, ["storing", "applying"]))
    .all();

/** Waits until the active instance has finished (or dropped) what earlier kills left of imports. */
async function untilImportsSettled(f: Fleet, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (unfinishedImports(f).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** A merge is one transaction: the imported contact either still stands or is gone with its tag moved. */
function mergeState(f: Fleet, round: number): "before" | "after" | "torn" {
  const { db } = f.database;
  const contact = db
    .select()
    .from(users)
    .where(eq(users.phone, phoneOf(round)))
    .all();
  const merger = db
    .select()
    .from(users)
    .where(eq(users.id, mergerId(round)))
    .get();
  const mergerTags = db
    .select()
    .from(userTags)
    .where(eq(userTags.userId, mergerId(round)))
    .all();
  const contactStands = contact.some((c) => c.id < 0);
  const moved = merger?.phone === phoneOf(round) && mergerTags.some((t) => t.tag === `vip${round}`);
  if (contactStands && !moved) return "before";
  if (!contactStands && moved) return "after";
  return "torn";
}

describe("kill -9 at random moments", { timeout: 600_000 }, () => {
  it("when the process is killed again and again during a mailing, an import and a merge, then nothing is doubled, torn or lost", async () => {
    fleet = await createFleet({ latencyMs: 15, flood: { globalPerSecond: budget, perChatPerSecond: 1 } });
    const f = fleet;
    const recipients = seedRecipients(f, 900, 20);
    for (let round = 0; round < rounds; round++) {
      upsertUser(
        { db: f.database.db, users: f.services.users, now: () => new Date() },
        { kind: "system", label: "test" },
        { where: "phone", phone: phoneOf(round), firstName: `Contact${round}`, tags: [`vip${round}`] },
      );
    }
    const mailing = f.services.mailings.create(
      textMailing("Once {first_name}", { ratePerSecond: budget }),
      new Date(),
    );
    const killAfterMs = fc.sample(fc.integer({ min: 0, max: 2500 }), { numRuns: rounds });
    const probes: HealthProbe[] = [];
    const torn: string[] = [];

    /** Per round, what the kill left of its import: absent (never stored), being applied, or done. */
    const atKill: Array<"absent" | "storing" | "applying" | "done"> = [];
    for (let round = 0; round < rounds; round++) {
      const member = await f.start();
      await f.active(member);
      const probe = new HealthProbe(`${member.base}/healthz`);
      probes.push(probe);
      // The new active instance finishes the import the last kill interrupted; only then may another start.
      if (!(await untilImportsSettled(f, 60_000)))
        torn.push(`round ${round}: an interrupted import was not finished`);
      const importsBefore = lastImportId(f);
      const auth = { authorization: `Bearer ${fleetApiToken}` };
      // Not awaited: the kill lands wherever it lands.
      void fetch(`${member.base}/api/users/import`, {
        method: "POST",
        headers: { ...auth, "content-type": "text/csv" },
        body: importCsv(round),
      }).catch(() => undefined);
      void fetch(`${member.base}/api/users/upsert?where=telegram_id`, {
        method: "PUT",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          telegram_id: mergerId(round),
          first_name: `Merger${round}`,
          phone: phoneOf(round),
        }),
      }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, killAfterMs[round]));
      await probe.stop();
      member.usher.signal("SIGKILL");
      await member.usher.exit();

      const left = importAfter(f, importsBefore)?.status ?? "absent";
      atKill.push(left);
      const rows = importedRows(f, round);
      // Part of an import may stand only while it is being applied: the next instance finishes it.
      if (left === "done" ? rows !== importRows : left !== "applying" && rows !== 0)
        torn.push(`import ${round} (${left}): ${rows} of ${importRows} rows`);
      if (mergeState(f, round) === "torn") torn.push(`merge ${round}`);
    }

    const last = await f.start();
    await f.active(last);
    const probe = new HealthProbe(`${last.base}/healthz`);
    probes.push(probe);
    const deadline = Date.now() + 120_000;
    while (f.services.mailings.find(mailing.id)?.status !== "completed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const settled = await untilImportsSettled(f, 60_000);
    await probe.stop();

    expect(torn).toEqual([]);
    // Every import that was stored is whole, including each one a kill cut part way through.
    expect(settled).toBe(true);
    const wrong = atKill.flatMap((left, round) => {
      const rows = importedRows(f, round);
      const expected = left === "applying" || left === "done" ? importRows : 0;
      return rows === expected ? [] : [`import ${round} (${left} at the kill): ${rows} of ${expected} rows`];
    });
    expect(wrong).toEqual([]);
    // Not whole or absent by luck: kills did land while rows were being written.
    expect(atKill.filter((left) => left === "applying").length, atKill.join(", ")).toBeGreaterThan(0);
    const done = f.services.mailings.find(mailing.id);
    expect(done?.status).toBe("completed");
    expect(done?.total).toBe(recipients.length);
    expect((done?.sent ?? 0) + (done?.failed ?? 0) + (done?.unknown ?? 0)).toBe(recipients.length);
    const received = recipients.map((id) => f.fake.textsTo(id).length);
    expect(Math.max(...received)).toBe(1);
    const states = f.database.db
      .select({ userId: deliveries.userId, state: deliveries.state })
      .from(deliveries)
      .where(eq(deliveries.mailingId, mailing.id))
      .all();
    for (const { userId, state } of states) {
      const got = f.fake.textsTo(userId).length;
      if (state === "sent") expect(got, `user ${userId} is sent`).toBe(1);
      if (state === "failed") expect(got, `user ${userId} failed`).toBe(0);
    }
    // Only what was in flight at each kill may be unknown.
    expect(done?.unknown ?? 0).toBeLessThanOrEqual(rounds * budget);
    const failures = probes.flatMap((p) => p.failures);
    expect(failures).toEqual([]);
    expect(Math.max(...probes.map((p) => p.maxLatencyMs))).toBeLessThan(1000);
  });
});
