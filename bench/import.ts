import { parse } from "csv-parse/sync";
import type { OpenDatabase } from "../src/db/client.js";
import { type ImportReport, importUsers } from "../src/features/users/csv/import-users.js";
import { temporaryUsher } from "./mailing.js";
import { defineScenario, formatTable, round } from "./scenario.js";

const target = { seconds: 10 };

/** A CSV of `rows` people with a Telegram id, names, contacts, two tags and two attributes each. */
function generateCsv(rows: number): string {
  const lines = ["Telegram ID,First Name,Last Name,Username,Language,Phone,Email,Tags,Plan,City"];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `${7_000_000 + i},First${i},Last${i},user_${i},en,+4917${String(i).padStart(9, "0")},u${i}@example.com,"t${i % 7}, all",p${i % 3},City ${i % 100}`,
    );
  }
  return lines.join("\n");
}

/** The floor: the same file parsed and the same rows inserted with bare prepared statements, no checks. */
function baselineInsert(database: OpenDatabase, csv: string): void {
  const { sqlite } = database;
  const [, ...records] = parse(csv) as string[][];
  const insertUser = sqlite.prepare(`
    INSERT INTO users (id, first_name, last_name, username, language_code, phone, email, first_seen_at,
      last_seen_at, imported_at, referral_code)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTag = sqlite.prepare("INSERT INTO user_tags (user_id, tag, created_at) VALUES (?, ?, ?)");
  const insertAttribute = sqlite.prepare(
    "INSERT INTO user_attributes (user_id, key, value, updated_at) VALUES (?, ?, ?, ?)",
  );
  const now = Date.now();
  sqlite.transaction(() => {
    for (const [id, first, last, username, language, phone, email, tags, plan, city] of records) {
      const userId = Number(id);
      insertUser.run(userId, first, last, username, language, phone, email, now, now, now, `c${userId}`);
      for (const tag of (tags ?? "").split(", ")) insertTag.run(userId, tag, now);
      insertAttribute.run(userId, "plan", plan, now);
      insertAttribute.run(userId, "city", city, now);
    }
  })();
}

async function timed<T>(run: () => T | Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = performance.now();
  const result = await run();
  return { result, seconds: (performance.now() - start) / 1000 };
}

type Counts = Pick<ImportReport, "applied" | "created" | "updated" | "unchanged">;

/** Throws when an import did not do what the scenario expects: a benchmark of a broken import means nothing. */
function expectCounts(label: string, report: ImportReport, expected: Partial<Counts>): void {
  if (report.fileProblems.length > 0 || report.skipped.length > 0)
    throw new Error(`${label}: ${report.fileProblems.length + report.skipped.length} problems`);
  for (const [key, value] of Object.entries(expected)) {
    const actual = report[key as keyof Counts];
    if (actual !== value) throw new Error(`${label}: ${key} is ${actual}, expected ${value}`);
  }
}

export const importScenario = defineScenario({
  name: "import",
  description: "CSV import of users: dry run, apply in one transaction and a re-import, against bare INSERTs",
  flags: {
    rows: { description: "rows in the generated CSV file", default: 100_000, min: 100 },
  },
  async run(flags) {
    const rows = flags.rows;
    const csv = generateCsv(rows);
    const options = { actor: { kind: "system", label: "bench" } as const, now: new Date() };

    const usher = temporaryUsher();
    const baseline = temporaryUsher();
    try {
      const dry = await timed(() => importUsers(usher.database.db, csv, { ...options, dryRun: true }));
      expectCounts("dry run", dry.result, { applied: false, created: rows });
      const apply = await timed(() => importUsers(usher.database.db, csv, { ...options, dryRun: false }));
      expectCounts("apply", apply.result, { applied: true, created: rows });
      const again = await timed(() => importUsers(usher.database.db, csv, { ...options, dryRun: false }));
      expectCounts("re-import", again.result, { applied: true, unchanged: rows });
      const stored = usher.database.sqlite.prepare("SELECT count(*) AS n FROM users").get() as { n: number };
      if (stored.n !== rows) throw new Error(`${stored.n} users stored, expected ${rows}`);
      const bare = await timed(() => baselineInsert(baseline.database, csv));

      const rate = (seconds: number) => String(Math.round(rows / seconds));
      const ratio = apply.seconds / bare.seconds;
      const passed = dry.seconds <= target.seconds && apply.seconds <= target.seconds;
      return {
        lines: [
          ...formatTable([
            ["", "seconds", "rows/s", "× bare"],
            [
              "dry run",
              String(round(dry.seconds, 2)),
              rate(dry.seconds),
              String(round(dry.seconds / bare.seconds, 2)),
            ],
            ["apply", String(round(apply.seconds, 2)), rate(apply.seconds), String(round(ratio, 2))],
            [
              "re-import (unchanged)",
              String(round(again.seconds, 2)),
              rate(again.seconds),
              String(round(again.seconds / bare.seconds, 2)),
            ],
            ["bare INSERTs", String(round(bare.seconds, 2)), rate(bare.seconds), "1"],
          ]),
          `${rows} rows, ${round(csv.length / 1024 / 1024, 1)} MB; the bare INSERTs check nothing and look nothing up`,
          `target: dry run and apply each within ${target.seconds} s — ${passed ? "PASS" : "FAIL"}`,
        ],
        data: {
          rows,
          megabytes: round(csv.length / 1024 / 1024, 1),
          drySeconds: round(dry.seconds, 2),
          applySeconds: round(apply.seconds, 2),
          reimportSeconds: round(again.seconds, 2),
          bareSeconds: round(bare.seconds, 2),
          applyRowsPerSecond: Math.round(rows / apply.seconds),
          ratio: round(ratio, 2),
          pass: passed,
        },
        passed,
      };
    } finally {
      usher.remove();
      baseline.remove();
    }
  },
});
