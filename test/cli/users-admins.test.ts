import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { createDatabase } from "../../src/db/client.js";
import { admins, auditLog } from "../../src/db/schema/index.js";
import { exportUsersCsv } from "../../src/features/users/csv/export-users.js";
import { cliIo } from "../support/cli-io.js";
import { type ProcessDatabase, processDatabase } from "../support/test-database.js";
import { insertUser } from "../support/user-factory.js";
import { temporaryFolder } from "../support/usher-process.js";

let folder: ReturnType<typeof temporaryFolder>;
let place: ProcessDatabase;
const now = new Date("2026-12-04T12:00:00Z");

beforeEach(() => {
  folder = temporaryFolder();
  place = processDatabase(join(folder.path, "usher.db"));
  const database = createDatabase(place.location);
  insertUser(database.db, { id: 10, firstName: "Ada", username: "ada" }, now);
  insertUser(database.db, { id: 11, firstName: "=cmd()" }, now);
  database.close();
});
afterEach(() => folder.remove());

async function usher(...argv: string[]) {
  const run = cliIo({ ...place.env, ADMIN_IDS: "1" }, () => now);
  const code = await runCli(argv, run.io);
  return { code, out: run.stdout(), err: run.stderr() };
}

describe("usher export-users", () => {
  it("when no file is given, then stdout carries the same CSV as the menu and API export", async () => {
    const database = createDatabase(place.location);
    const expected = await text(exportUsersCsv(database.db));
    database.close();
    const { code, out } = await usher("export-users");
    expect(code).toBe(0);
    expect(out).toBe(expected);
    expect(out).toContain("'=cmd()");
  });

  it("when a file is given, then the CSV is written there", async () => {
    const file = join(folder.path, "users.csv");
    const { code, err } = await usher("export-users", file);
    expect(code).toBe(0);
    expect(err).toContain(`Exported users to ${file}`);
    expect(readFileSync(file, "utf8").split("\n")[1]).toMatch(/^10,Ada,/);
  });
});

describe("usher add-admin", () => {
  it("when given a Telegram id, then they become an admin through the verb, audited as the command line", async () => {
    const { code, out } = await usher("add-admin", "10");
    expect(code).toBe(0);
    expect(out).toContain("Added 10 as an admin");
    const database = createDatabase(place.location);
    expect(database.db.select().from(admins).all()).toMatchObject([{ userId: 10, addedBy: 0 }]);
    expect(database.db.select().from(auditLog).all()).toMatchObject([
      { action: "admins.add", actorId: null, actorLabel: "cli", after: { userId: 10 } },
    ]);
    database.close();
  });

  it("when the id is not numeric, then it is a usage error (exit 2) and nothing is written", async () => {
    const { code, err } = await usher("add-admin", "@ada");
    expect(code).toBe(2);
    expect(err).toContain("must be a numeric Telegram user id");
    const database = createDatabase(place.location);
    expect(database.db.select().from(admins).all()).toEqual([]);
    database.close();
  });

  it("when there is no database, then it refuses instead of creating one", async () => {
    const missing = join(folder.path, "missing.db");
    place = { location: missing, env: { DATABASE_PATH: missing } };
    expect(await usher("add-admin", "10")).toMatchObject({
      code: 1,
      err: `usher: no database at ${missing}\n`,
    });
    expect(existsSync(missing)).toBe(false);
  });

  it("when they are an owner or an admin already, then it refuses with exit 1", async () => {
    const owner = await usher("add-admin", "1");
    expect(owner).toMatchObject({ code: 1, err: "usher: 1 is an owner (ADMIN_IDS) already\n" });
    await usher("add-admin", "10");
    expect(await usher("add-admin", "10")).toMatchObject({ code: 1, err: "usher: 10 is an admin already\n" });
  });
});
