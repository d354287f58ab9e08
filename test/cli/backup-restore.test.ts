import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { createDatabase, migrationsFolder } from "../../src/db/client.js";
import { cliIo } from "../support/cli-io.js";
import { lastMigrationTag } from "../support/migrations.js";
import { insertUser } from "../support/user-factory.js";
import { temporaryFolder } from "../support/usher-process.js";

let folder: ReturnType<typeof temporaryFolder>;
let databasePath: string;
const now = new Date("2026-12-04T12:00:00Z");

beforeEach(() => {
  folder = temporaryFolder();
  databasePath = join(folder.path, "usher.db");
});
afterEach(() => folder.remove());

async function usher(...argv: string[]) {
  const run = cliIo({ DATABASE_PATH: databasePath }, () => now);
  const code = await runCli(argv, run.io);
  return { code, out: run.stdout(), err: run.stderr() };
}

/** Runs `fn` on a connection to the file, closed after. */
function withFile<T>(path: string, fn: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(path);
  try {
    return fn(sqlite);
  } finally {
    sqlite.close();
  }
}

const userIds = (path: string) =>
  withFile(path, (s) =>
    (s.prepare("SELECT id FROM users ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id),
  );

function seedUsers(path: string, ids: number[]): void {
  const database = createDatabase(path);
  for (const id of ids) insertUser(database.db, { id }, now);
  database.close();
}

/** A database as the previous release left it: every migration but the newest applied. */
function migrateAllButLast(path: string): void {
  const folderCopy = join(folder.path, "migrations");
  cpSync(migrationsFolder, folderCopy, { recursive: true });
  const journalPath = join(folderCopy, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
  journal.entries.pop();
  writeFileSync(journalPath, JSON.stringify(journal));
  withFile(path, (s) => migrate(drizzle(s), { migrationsFolder: folderCopy }));
}

describe("usher backup", () => {
  it("when the database has users, then the copy is one checked file with the same rows, and it says so", async () => {
    seedUsers(databasePath, [1, 2, 3]);
    const target = join(folder.path, "copy.db");
    const { code, out } = await usher("backup", target);
    expect(code).toBe(0);
    expect(out).toContain(`to ${target} (integrity_check ok)`);
    expect(out).toMatch(/users 3, mailings 0, deliveries 0/);
    expect(userIds(target)).toEqual([1, 2, 3]);
    expect(withFile(target, (s) => s.pragma("journal_mode", { simple: true }))).toBe("delete");
    expect(existsSync(`${target}-wal`)).toBe(false);
  });

  it("when there is no database, then it fails naming the path and writes nothing", async () => {
    const target = join(folder.path, "copy.db");
    const { code, err } = await usher("backup", target);
    expect(code).toBe(1);
    expect(err).toContain(`no database at ${databasePath}`);
    expect(existsSync(target)).toBe(false);
  });
});

describe("usher restore", () => {
  let backup: string;
  beforeEach(async () => {
    seedUsers(databasePath, [1, 2]);
    backup = join(folder.path, "backup.db");
    expect((await usher("backup", backup)).code).toBe(0);
    seedUsers(databasePath, [3]);
  });

  it("when Usher is stopped, then the backup takes the database's place and the replaced one is kept beside it", async () => {
    const { code, out } = await usher("restore", backup);
    expect(code).toBe(0);
    expect(userIds(databasePath)).toEqual([1, 2]);
    const kept = `${databasePath}.before-restore-2026-12-04T12-00-00-000Z`;
    expect(out).toContain(`kept as ${kept}`);
    expect(userIds(kept)).toEqual([1, 2, 3]);
    expect(existsSync(`${databasePath}-wal`)).toBe(false);
    // It opens as Usher opens it.
    createDatabase(databasePath).close();
  });

  it("when there is no database yet (a new machine), then the backup becomes it", async () => {
    databasePath = join(folder.path, "new", "usher.db");
    const { code, out } = await usher("restore", backup);
    expect(code).toBe(0);
    expect(out).not.toContain("kept as");
    expect(userIds(databasePath)).toEqual([1, 2]);
  });

  it("when another instance holds a live lease, then it refuses and leaves the database alone", async () => {
    withFile(databasePath, (s) =>
      s
        .prepare(
          "INSERT INTO leases (name, holder, pid, host, acquired_at, renewed_at) VALUES ('active', 'x', 1, 'elsewhere', ?, ?)",
        )
        .run(now.getTime() - 60_000, now.getTime() - 2_000),
    );
    const { code, err } = await usher("restore", backup);
    expect(code).toBe(1);
    expect(err).toMatch(
      /Usher is running on .* \(pid 1 on elsewhere, lease renewed 2 s ago\): stop it first/,
    );
    expect(userIds(databasePath)).toEqual([1, 2, 3]);
  });

  it("when the lease was left by an instance long gone, then the restore goes ahead", async () => {
    withFile(databasePath, (s) =>
      s
        .prepare(
          "INSERT INTO leases (name, holder, pid, host, acquired_at, renewed_at) VALUES ('active', 'x', 1, 'elsewhere', ?, ?)",
        )
        .run(now.getTime() - 600_000, now.getTime() - 300_000),
    );
    expect((await usher("restore", backup)).code).toBe(0);
    expect(userIds(databasePath)).toEqual([1, 2]);
  });

  it("when the destination is the database itself, then backup refuses", async () => {
    const { code, err } = await usher("backup", databasePath);
    expect(code).toBe(1);
    expect(err).toContain("is the database itself");
    expect(userIds(databasePath)).toEqual([1, 2, 3]);
  });

  it("when the backup has a migration this build does not know, then it refuses it as from a newer Usher", async () => {
    withFile(backup, (s) =>
      s
        .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('f00d', ?)")
        .run(now.getTime() + 1e9),
    );
    const { code, err } = await usher("restore", backup);
    expect(code).toBe(1);
    expect(err).toMatch(/was written by a newer Usher \(1 migration\(s\) this build does not know\)/);
    expect(userIds(databasePath)).toEqual([1, 2, 3]);
  });

  it("when the backup is from an older Usher, then it is restored and the pending migrations are named", async () => {
    const older = join(folder.path, "older.db");
    migrateAllButLast(older);
    const { code, out } = await usher("restore", older);
    expect(code).toBe(0);
    expect(out).toContain(`older Usher: 1 migration(s) to apply (${lastMigrationTag()})`);
    const migrate = await usher("migrate");
    expect(migrate.out).toMatch(/^Migrated .*; applied:\n {2}\S+\n$/);
    expect(migrate.out).toContain(`  ${lastMigrationTag()}\n`);
  });

  it("when the file is not a database, or not Usher's, then it refuses it", async () => {
    const text = join(folder.path, "notes.txt");
    writeFileSync(text, "hello, this is not SQLite at all ".repeat(100));
    const notes = await usher("restore", text);
    expect(notes.code).toBe(1);
    expect(notes.err).toContain("is not an SQLite database");
    const other = join(folder.path, "other.db");
    withFile(other, (s) => s.exec("CREATE TABLE things (id INTEGER)"));
    const foreign = await usher("restore", other);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain("is an SQLite database, but not Usher's");
    expect(userIds(databasePath)).toEqual([1, 2, 3]);
  });
});

describe("usher migrate", () => {
  it("when there is no database, then it creates one and names every migration it applied", async () => {
    const { code, out } = await usher("migrate");
    expect(code).toBe(0);
    expect(out).toMatch(/^Created .*; applied:\n {2}0000_init\n/);
    expect((await usher("migrate")).out).toMatch(/is up to date: all \d+ migration\(s\) applied/);
  });

  it("when the database has a migration this build does not know, then it refuses", async () => {
    createDatabase(databasePath).close();
    withFile(databasePath, (s) =>
      s
        .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('f00d', ?)")
        .run(now.getTime() + 1e9),
    );
    const { code, err } = await usher("migrate");
    expect(code).toBe(1);
    expect(err).toContain("was written by a newer Usher");
  });
});
