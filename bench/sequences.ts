import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type OpenDatabase } from "../src/db/client.js";
import { SequenceRepository } from "../src/features/sequences/sequence-repository.js";
import { defineScenario, formatTable, round } from "./scenario.js";

const anchor = Date.UTC(2026, 5, 1);
const day = 86_400_000;
const firstUserId = 100_000_000;
/** Due subscriptions read per pass, as the sender reads them. */
const batch = 200;

/**
 * `population` users, `subscribed` of them (every tenth) in one of three sequences with due times
 * spread over the next 30 days; `dueNow` of those due already. One transaction of prepared statements.
 */
function seed(database: OpenDatabase, population: number, subscribed: number, dueNow: number): void {
  const { sqlite } = database;
  const insertUser = sqlite.prepare(
    `INSERT INTO users (id, first_name, status, first_seen_at, last_seen_at, registered_at, referral_code)
     VALUES (?, 'U', 'active', ?, ?, ?, ?)`,
  );
  const insertSubscription = sqlite.prepare(
    `INSERT INTO sequence_subscriptions (sequence_id, user_id, status, position, due_at, source, subscribed_at)
     VALUES (?, ?, ?, ?, ?, 'api', ?)`,
  );
  sqlite.transaction(() => {
    for (let s = 1; s <= 3; s++) {
      sqlite
        .prepare(
          "INSERT INTO sequences (id, name, enabled, enrolled_through, created_at) VALUES (?, ?, 1, ?, ?)",
        )
        .run(s, `Sequence ${s}`, anchor, anchor);
      for (let p = 0; p < 5; p++)
        sqlite
          .prepare(
            "INSERT INTO sequence_steps (sequence_id, position, content, delay_ms) VALUES (?, ?, ?, ?)",
          )
          .run(s, p, JSON.stringify({ type: "text", text: `Step ${p}` }), day);
    }
    const every = Math.max(1, Math.floor(population / subscribed));
    let made = 0;
    for (let i = 0; i < population; i++) {
      const id = firstUserId + i;
      insertUser.run(id, anchor - day, anchor, anchor - day, `c${id}`);
      if (i % every !== 0 || made >= subscribed) continue;
      // A fifth completed or stopped (kept, not due); the rest active, `dueNow` of them already due.
      const status = made % 5 === 4 ? (made % 10 === 9 ? "stopped" : "completed") : "active";
      const dueAt =
        status !== "active"
          ? null
          : made < dueNow
            ? anchor - (made % 3600) * 1000
            : anchor + 1 + ((made * 7919) % (30 * day));
      insertSubscription.run(1 + (made % 3), id, status, made % 5, dueAt, anchor - day);
      made += 1;
    }
  })();
  sqlite.exec("ANALYZE");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export const sequencesScenario = defineScenario({
  name: "sequences",
  description: "finding the next due sequence steps among a million users, 100,000 of them subscribed",
  flags: {
    population: { description: "users in the database", default: 1_000_000, min: 1000 },
    subscribed: { description: "subscriptions among them", default: 100_000, min: 100 },
    repeats: { description: "timed look-ups per case (the median counts)", default: 21 },
  },
  async run(flags) {
    const folder = mkdtempSync(join(tmpdir(), "usher-bench-sequences-"));
    const database = createDatabase(join(folder, "usher.db"));
    try {
      const dueNow = Math.floor(flags.subscribed / 100);
      const seedStarted = performance.now();
      seed(database, flags.population, flags.subscribed, dueNow);
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const repository = new SequenceRepository(database.db);
      const measure = (at: number) => {
        const times: number[] = [];
        let found = 0;
        for (let r = 0; r < flags.repeats; r++) {
          const started = performance.now();
          found = repository.due(new Date(at), batch).length;
          times.push((performance.now() - started) / 1000);
        }
        return { found, seconds: median(times) };
      };
      const cases = [
        { label: `${dueNow} due now`, at: anchor, expect: Math.min(batch, dueNow) },
        { label: "none due", at: anchor - 2 * 3600_000, expect: 0 },
        { label: "every active one due", at: anchor + 31 * day, expect: batch },
      ].map((c) => {
        const result = measure(c.at);
        if (result.found !== c.expect)
          throw new Error(`${c.label}: found ${result.found}, expected ${c.expect}`);
        return { ...c, ...result };
      });
      const plan = database.sqlite
        .prepare(
          `EXPLAIN QUERY PLAN SELECT s.id FROM sequence_subscriptions s JOIN sequences q ON q.id = s.sequence_id
           WHERE s.status = 'active' AND s.due_at <= ? AND q.enabled = 1 ORDER BY s.due_at LIMIT ?`,
        )
        .all(anchor, batch)
        .map((row) => (row as { detail: string }).detail);
      const slowest = Math.max(...cases.map((c) => c.seconds));
      const passed = slowest < 0.05 && plan.some((d) => d.includes("sequence_subscriptions_due_idx"));
      return {
        lines: [
          `${flags.population} users, ${flags.subscribed} subscriptions seeded in ${round(seedSeconds)} s; plan: ${plan.join("; ")}`,
          ...formatTable([
            ["case", "found", "ms (median)"],
            ...cases.map((c) => [c.label, String(c.found), String(round(c.seconds * 1000, 3))]),
          ]),
          `target: each look-up of the next ${batch} due steps under 50 ms by the (status, due_at) index: ${passed ? "PASS" : "FAIL"}`,
        ],
        data: {
          population: flags.population,
          subscribed: flags.subscribed,
          seedSeconds: round(seedSeconds, 2),
          cases: cases.map((c) => ({ case: c.label, found: c.found, ms: round(c.seconds * 1000, 3) })),
          plan,
        },
        passed,
      };
    } finally {
      database.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
});
