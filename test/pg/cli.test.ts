import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { cliIo } from "../support/cli-io.js";
import { type FakeServer, FakeTelegram, type SimUser } from "../support/fake-telegram/index.js";
import { createTestPgDatabase, pgMigrationsFolder, type TestPgDatabase } from "../support/pg-database.js";
import { e2eToken } from "../support/usher-process.js";

let fake: FakeTelegram;
let server: FakeServer;
let owner: SimUser;
let database: TestPgDatabase;

beforeEach(async () => {
  fake = new FakeTelegram({ token: e2eToken });
  server = await fake.listen();
  owner = fake.addUser({ first_name: "Owner" });
  database = await createTestPgDatabase({ migrated: false });
});

afterEach(async () => {
  await server.close();
  await database.drop();
});

/** The test database's URL, with a password the output must never show. */
function databaseUrl(): string {
  const url = new URL(database.url);
  url.password = "hunter2";
  return url.toString();
}

async function usher(command: string[], overrides: Record<string, string> = {}) {
  const run = cliIo({
    BOT_TOKEN: e2eToken,
    BOT_API_ROOT: server.apiRoot,
    DATABASE_URL: databaseUrl(),
    ADMIN_IDS: String(owner.id),
    ...overrides,
  });
  const code = await runCli(command, run.io);
  return { code, out: run.stdout(), err: run.stderr() };
}

const shippedTags = (): string[] =>
  (
    JSON.parse(readFileSync(join(pgMigrationsFolder, "meta", "_journal.json"), "utf8")) as {
      entries: Array<{ tag: string }>;
    }
  ).entries.map((entry) => entry.tag);

function doctorCheck(out: string, name: string) {
  const report = JSON.parse(out) as {
    checks: Array<{ name: string; status: string; detail: string; fix?: string }>;
  };
  return report.checks.find((check) => check.name === name);
}

describe("usher migrate and usher doctor on PostgreSQL", () => {
  it("when migrate runs on an empty database, then it names every PostgreSQL migration it applied, and a second run has nothing to do", async () => {
    const first = await usher(["migrate"]);
    expect(first.code).toBe(0);
    expect(first.out).toBe(
      `Created ${database.url.replace("postgres://postgres@", "postgres://postgres:***@")}; applied:\n${shippedTags()
        .map((tag) => `  ${tag}\n`)
        .join("")}`,
    );
    expect(first.out).not.toContain("hunter2");

    const second = await usher(["migrate"]);
    expect(second.out).toMatch(
      new RegExp(`is up to date: all ${shippedTags().length} migration\\(s\\) applied`),
    );
  });

  it("when the database is migrated, then doctor finds the migrations applied and leaves integrity to PostgreSQL", async () => {
    await usher(["migrate"]);
    const { code, out } = await usher(["doctor", "--json"]);
    expect(doctorCheck(out, "database")).toMatchObject({
      status: "ok",
      detail: expect.stringContaining(":***@"),
    });
    expect(doctorCheck(out, "migrations")).toMatchObject({
      status: "ok",
      detail: `all ${shippedTags().length} applied`,
    });
    expect(doctorCheck(out, "integrity")).toMatchObject({ status: "skipped" });
    expect(out).not.toContain("hunter2");
    expect(code).toBe(0);
  });

  it("when the newest migration is missing, then doctor names it with the fix", async () => {
    await usher(["migrate"]);
    await database.pool.query(
      "DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)",
    );
    const { code, out } = await usher(["doctor", "--json"]);
    expect(doctorCheck(out, "migrations")).toMatchObject({
      status: "problem",
      detail: `1 not applied: ${shippedTags().at(-1)}`,
      fix: expect.stringContaining("usher migrate"),
    });
    expect(code).toBe(1);
  });

  it("when the server does not answer, then doctor says so and skips what needs the database", async () => {
    const { code, out } = await usher(["doctor", "--json"], {
      DATABASE_URL: "postgres://postgres:hunter2@127.0.0.1:1/test",
    });
    expect(doctorCheck(out, "database")).toMatchObject({
      status: "problem",
      detail: expect.stringMatching(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test does not answer/),
      fix: expect.stringContaining("DATABASE_URL"),
    });
    expect(doctorCheck(out, "migrations")).toMatchObject({ status: "skipped" });
    expect(out).not.toContain("hunter2");
    expect(code).toBe(1);
  });
});
