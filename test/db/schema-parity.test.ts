import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as pgSchema from "../../src/db/pg-schema/index.js";
import * as sqliteSchema from "../../src/db/schema/index.js";
import { foreignKeyTypeDrifts, tableDrifts } from "../support/schema-parity.js";
import { declaringFiles, pgShapes, sqliteShapes } from "../support/schema-shape.js";

const folder = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const sqlite = sqliteShapes(sqliteSchema);
const pg = pgShapes(pgSchema);
const files = {
  sqlite: declaringFiles(folder("../../src/db/schema"), "src/db/schema"),
  pg: declaringFiles(folder("../../src/db/pg-schema"), "src/db/pg-schema"),
};
const tableNames = [...new Set([...sqlite.keys(), ...pg.keys()])].sort();

describe("the PostgreSQL schema mirrors the SQLite one", () => {
  it("when both are read, then each has every table (a sanity check of the reading itself)", () => {
    expect(sqlite.size).toBeGreaterThan(30);
    expect(sqlite.get("users")?.columns.find((column) => column.name === "id")?.primary).toBe(true);
  });

  it.each(tableNames)("when table %s is compared, then columns, keys and indexes agree", (name) => {
    expect(tableDrifts(sqlite.get(name), pg.get(name), files)).toEqual([]);
  });

  it("when a foreign key is declared on PostgreSQL, then its type is its target's (bigint user ids)", () => {
    expect(foreignKeyTypeDrifts(pg)).toEqual([]);
  });
});

describe("the parity check itself", () => {
  it("when a SQLite column has no mirror, then the drift names the table, the column and the declaration to add", () => {
    const users = sqlite.get("users");
    const pgUsers = pg.get("users");
    if (!users || !pgUsers) throw new Error("users missing");
    const withoutReferrer = { ...pgUsers, columns: pgUsers.columns.filter((c) => c.name !== "referrer_id") };

    const drifts = tableDrifts(users, withoutReferrer, files);

    expect(drifts).toContain(
      'users.referrer_id: missing on PostgreSQL; add to src/db/pg-schema/users.ts (pgTable "users"): ' +
        'referrerId: telegramId("referrer_id").references(() => users.id, { onDelete: "set null" }), ' +
        "then `npm run db:generate:pg -- --name <the SQLite migration's name>`",
    );
  });

  it("when an index lost its filter on PostgreSQL, then the drift gives the index as it should be declared", () => {
    const users = sqlite.get("users");
    const pgUsers = pg.get("users");
    if (!users || !pgUsers) throw new Error("users missing");
    const unfiltered = {
      ...pgUsers,
      indexes: pgUsers.indexes.map((index) => ({ ...index, where: undefined })),
    };

    expect(tableDrifts(users, unfiltered, files).join("\n")).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected text is TypeScript source with a placeholder.
      'index("users_photo_due_idx").on(t.photoDueAt).where(sql`${t.photoDueAt} IS NOT NULL`)',
    );
  });
});
