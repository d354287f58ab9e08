import { eq, is } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as pgSchema from "../../src/db/pg-schema/index.js";
import * as sqliteSchema from "../../src/db/schema/index.js";
import { createTestPgDatabase, pgMigrationsFolder, type TestPgDatabase } from "../support/pg-database.js";
import { sqliteShapes } from "../support/schema-shape.js";

const pgTables = Object.values(pgSchema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));

let database: TestPgDatabase;

beforeAll(async () => {
  database = await createTestPgDatabase({ migrated: true });
});

afterAll(async () => {
  await database?.drop();
});

describe("migrations-pg applied to a fresh database", () => {
  it("when applied, then every table of the SQLite schema exists", async () => {
    const { rows } = await database.pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public'",
    );

    const tables = rows.map((row) => row.table_name).sort();
    expect(tables).toEqual([...sqliteShapes(sqliteSchema).keys()].sort());
  });

  it("when applied, then each table has the columns and nullability src/db/pg-schema declares (no db:generate:pg forgotten)", async () => {
    const { rows } = await database.pool.query<{
      table_name: string;
      column_name: string;
      is_nullable: string;
    }>(
      "select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'",
    );

    const inDatabase = rows.map(
      (row) => `${row.table_name}.${row.column_name} ${row.is_nullable === "NO" ? "not null" : "null"}`,
    );
    const declared = pgTables.flatMap((table) =>
      table.columns.map((column) => `${table.name}.${column.name} ${column.notNull ? "not null" : "null"}`),
    );
    expect(inDatabase.sort()).toEqual(declared.sort());
  });

  it("when applied again, then nothing is applied twice", async () => {
    const applied = "select count(*)::int as n from drizzle.__drizzle_migrations";
    const before = await database.pool.query<{ n: number }>(applied);

    await migrate(database.db, { migrationsFolder: pgMigrationsFolder });

    const after = await database.pool.query<{ n: number }>(applied);
    expect(before.rows[0]?.n).toBeGreaterThan(0);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});

describe("a row written and read back through drizzle on PostgreSQL", () => {
  const bigTelegramId = 2 ** 32 + 7; // past 32 bits, as Telegram's newer ids are
  const firstSeenAt = new Date("2026-12-04T15:04:05.678Z");

  it("when a user with a Telegram id past 2^32 is written, then id, dates and booleans come back as written", async () => {
    const { db } = database;
    await db.insert(pgSchema.users).values({
      id: bigTelegramId,
      firstName: "Ada",
      firstSeenAt,
      lastSeenAt: firstSeenAt,
      referralCode: "ref-big",
      isPremium: true,
    });

    const [user] = await db.select().from(pgSchema.users).where(eq(pgSchema.users.id, bigTelegramId));

    expect(user?.id).toBe(bigTelegramId);
    expect(user?.firstSeenAt).toBeInstanceOf(Date);
    expect(user?.firstSeenAt.getTime()).toBe(firstSeenAt.getTime());
    expect(user?.isPremium).toBe(true);
    expect(user?.status).toBe("pending");
    expect(user?.registeredAt).toBeNull();
  });

  it("when a surrogate user (negative id) gets a tag and is deleted, then the tag goes with it (on delete cascade)", async () => {
    const { db } = database;
    await db
      .insert(pgSchema.users)
      .values({ id: -42, firstSeenAt, lastSeenAt: firstSeenAt, referralCode: "ref-surrogate" });
    await db.insert(pgSchema.userTags).values({ userId: -42, tag: "imported", createdAt: firstSeenAt });

    await db.delete(pgSchema.users).where(eq(pgSchema.users.id, -42));

    expect(await db.select().from(pgSchema.userTags).where(eq(pgSchema.userTags.userId, -42))).toEqual([]);
  });

  it("when JSON, bytes and a numbered id are written, then they come back as written", async () => {
    const { db } = database;
    const [entry] = await db
      .insert(pgSchema.auditLog)
      .values({ actorLabel: "api", action: "test", after: { tags: ["a", "b"], n: 1 }, at: firstSeenAt })
      .returning();
    const [job] = await db
      .insert(pgSchema.imports)
      .values({
        status: "storing",
        owner: "o",
        pid: 1,
        host: "h",
        heartbeatAt: firstSeenAt,
        validRowsOnly: false,
        actor: "{}",
        startedAt: firstSeenAt,
      })
      .returning();
    if (!job) throw new Error("no import");
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await db.insert(pgSchema.importFileParts).values({ importId: job.id, part: 0, bytes });

    const [part] = await db.select().from(pgSchema.importFileParts);

    expect(entry?.id).toBeTypeOf("number");
    expect(entry?.after).toEqual({ tags: ["a", "b"], n: 1 });
    expect(Buffer.compare(part?.bytes ?? Buffer.alloc(0), bytes)).toBe(0);
  });
});
