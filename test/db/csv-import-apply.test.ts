import { hostname } from "node:os";
import { setImmediate as nextTurn } from "node:timers/promises";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { createDatabase } from "../../src/db/client.js";
import { auditLog, importFileParts, imports, users, userTags } from "../../src/db/schema/index.js";
import type { Actor } from "../../src/features/audit/audit-log.js";
import { ImportBusyError } from "../../src/features/users/csv/import-errors.js";
import { finishInterruptedImports } from "../../src/features/users/csv/import-recovery.js";
import { importUsers } from "../../src/features/users/csv/import-users.js";
import { createTestDatabase, testPostgresUrl } from "../support/test-database.js";

const now = new Date("2026-06-01T12:00:00Z");
const admin = { kind: "admin", id: 900_001 } satisfies Actor;
/** An import's connection, on a clock that stands at `now`. */
const deps = (db: Db) => ({ db, now: () => now });
const apply = { dryRun: false };

type Db = ReturnType<typeof createDatabase>["db"];

/** `rows` new people with a Telegram id, a phone and a tag each. */
function bigCsv(rows: number, firstId = 6_000_000): string {
  const lines = ["telegram_id,first_name,phone,tags"];
  for (let i = 1; i <= rows; i++)
    lines.push(`${firstId + i},First${i},+4917${String(i).padStart(9, "0")},t${i % 7}`);
  return lines.join("\n");
}

/** Rows for dozens of slices: a row on PostgreSQL takes round trips ~100 times SQLite's, so fewer fill as many. */
const manyRows = testPostgresUrl === undefined ? 10_000 : 1_000;

const userCount = (db: Db) => db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
const importRows = (db: Db) => db.select().from(imports).orderBy(asc(imports.id)).all();

/** Waits, turn by turn of the event loop, until some rows of the running import are committed. */
async function untilPartlyApplied(db: Db): Promise<void> {
  for (let turn = 0; turn < 100_000; turn++) {
    const running = importRows(db).find((i) => i.status === "applying");
    if (running && running.nextRow > 0) return;
    await nextTurn();
  }
  throw new Error("the import never got part way");
}

/** Starts an import of `rows` rows and stops it part way, as a process stopping would (it stays `applying`). */
async function interruptedImport(db: Db, rows: number): Promise<void> {
  const stop = new AbortController();
  const importing = importUsers(deps(db), admin, { file: bigCsv(rows), ...apply, signal: stop.signal });
  await untilPartlyApplied(db);
  stop.abort();
  await expect(importing).rejects.toMatchObject({ code: "import_interrupted" });
}

describe("CSV import: applied in slices", () => {
  it("when a large file is applied, then timers run between its transactions and see part of it committed", async () => {
    const { db, close } = createTestDatabase();
    const rows = manyRows;
    const seen: number[] = [];
    const timer = setInterval(() => seen.push(userCount(db)), 1);
    try {
      const report = await importUsers(deps(db), admin, { file: bigCsv(rows), ...apply });
      expect(report).toMatchObject({ applied: true, created: rows, skipped: [] });
    } finally {
      clearInterval(timer);
      close();
    }
    // One transaction would show a timer nothing or everything, never a part.
    expect(seen.filter((n) => n > 0 && n < rows).length).toBeGreaterThanOrEqual(2);
  });

  it("when an apply stops after some slices, then the next active instance finishes it: every row, one audit entry, the file dropped", async () => {
    const { db, close } = createTestDatabase();
    try {
      const rows = manyRows;
      await interruptedImport(db, rows);
      const partial = userCount(db);
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(rows);
      expect(importRows(db)).toEqual([expect.objectContaining({ status: "applying" })]);

      // Another process: the import is silent, so it takes it over and applies the rest.
      expect(await finishInterruptedImports(db, { staleMs: 0 })).toBe(1);
      expect(userCount(db)).toBe(rows);
      expect(db.select().from(userTags).all()).toHaveLength(rows);
      expect(importRows(db)).toEqual([
        expect.objectContaining({ status: "done", nextRow: rows, created: rows, skipped: 0 }),
      ]);
      expect(db.select().from(importFileParts).all()).toEqual([]);
      expect(db.select().from(auditLog).all()).toEqual([
        expect.objectContaining({
          action: "users.import",
          after: { created: rows, updated: 0, unchanged: 0, skipped: 0 },
        }),
      ]);
      // Finished imports stay finished.
      expect(await finishInterruptedImports(db, { staleMs: 0 })).toBe(0);
    } finally {
      close();
    }
  });

  it("when the process applying an import no longer runs on this host, then it is finished at once; a live one is left alone", async () => {
    const { db, close } = createTestDatabase();
    try {
      await interruptedImport(db, manyRows);
      // Heard from just now, by this process: alive, its owner's.
      db.update(imports).set({ heartbeatAt: new Date() }).run();
      expect(await finishInterruptedImports(db)).toBe(0);
      // The same, by a process of this host that is gone (a kill -9): no need to wait until it is silent.
      db.update(imports).set({ pid: 2_147_483_000, host: hostname() }).run();
      expect(await finishInterruptedImports(db)).toBe(1);
      expect(userCount(db)).toBe(manyRows);
    } finally {
      close();
    }
  });

  it("when an import is being applied, then another is refused as in progress until it is done, and a dry run still answers", async () => {
    const { db, close } = createTestDatabase();
    try {
      const first = importUsers(deps(db), admin, { file: bigCsv(manyRows), ...apply });
      await untilPartlyApplied(db);
      const second = "telegram_id,first_name\n42,Ann\n";
      await expect(importUsers(deps(db), admin, { file: second, ...apply })).rejects.toEqual(
        expect.any(ImportBusyError),
      );
      await expect(importUsers(deps(db), admin, { file: second, ...apply })).rejects.toMatchObject({
        code: "import_in_progress",
      });
      expect(await importUsers(deps(db), admin, { file: second, ...apply, dryRun: true })).toMatchObject({
        created: 1,
      });
      await first;
      expect(await importUsers(deps(db), admin, { file: second, ...apply })).toMatchObject({
        applied: true,
        created: 1,
      });
      expect(userCount(db)).toBe(manyRows + 1);
    } finally {
      close();
    }
  });

  it("when an import was interrupted and is not finished yet, then another is refused as interrupted", async () => {
    const { db, close } = createTestDatabase();
    try {
      await interruptedImport(db, manyRows);
      // Silent for longer than a live import ever is.
      db.update(imports)
        .set({ heartbeatAt: new Date(Date.now() - 60_000) })
        .run();
      await expect(
        importUsers(deps(db), admin, { file: "telegram_id\n42\n", ...apply }),
      ).rejects.toMatchObject({
        code: "import_interrupted",
      });
    } finally {
      close();
    }
  });

  it("when a process stopped while storing the file, then the import is dropped: nothing of it is applied", async () => {
    const { db, close } = createTestDatabase();
    try {
      const [left] = db
        .insert(imports)
        .values({
          status: "storing",
          owner: "gone",
          pid: 1,
          host: "another host",
          heartbeatAt: new Date(Date.now() - 60_000),
          validRowsOnly: false,
          actor: JSON.stringify(admin),
          startedAt: now,
        })
        .returning()
        .all();
      db.insert(importFileParts)
        .values({ importId: left?.id ?? 0, part: 0, bytes: Buffer.from("telegram_id\n42\n") })
        .run();
      expect(await finishInterruptedImports(db)).toBe(0);
      expect(importRows(db)).toEqual([]);
      expect(db.select().from(importFileParts).all()).toEqual([]);
      expect(userCount(db)).toBe(0);
    } finally {
      close();
    }
  });

  it("when an earlier row merges a contact whose email a later Telegram row has, then the later row is a conflict and nothing is imported, as in one transaction", async () => {
    const { db, close } = createTestDatabase();
    try {
      await importUsers(deps(db), admin, {
        file: "phone,email,tags\n+4915100000001,c@example.com,lead\n",
        ...apply,
      });
      // 101 takes the contact by its phone (and so its email); 102 then claims that email.
      const file = "telegram_id,phone,email\n101,+4915100000001,\n102,,c@example.com\n";
      const preview = await importUsers(deps(db), admin, { file: file, ...apply, dryRun: true });
      expect(preview).toMatchObject({ applied: false, updated: 1 });
      expect(preview.skipped).toEqual([
        { line: 3, problems: [{ kind: "conflict", field: "email", userId: 101 }] },
      ]);
      const refused = await importUsers(deps(db), admin, { file: file, ...apply });
      expect(refused).toMatchObject({ applied: false, skipped: preview.skipped });
      expect(db.select({ id: users.id }).from(users).all()).toEqual([{ id: -1 }]);
      const valid = await importUsers(deps(db), admin, { file: file, ...apply, validRowsOnly: true });
      expect(valid).toMatchObject({ applied: true, updated: 1, skipped: preview.skipped });
      expect(db.select().from(users).where(eq(users.id, 101)).get()?.email).toBe("c@example.com");
    } finally {
      close();
    }
  });
});
