import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { createDatabase } from "../../src/db/client.js";
import { RequiredChatRepository } from "../../src/features/gate/required-chats/required-chat-repository.js";
import { cliIo } from "../support/cli-io.js";
import { type FakeServer, FakeTelegram, type SimUser } from "../support/fake-telegram/index.js";
import { lastMigrationTag } from "../support/migrations.js";
import { e2eToken, temporaryFolder } from "../support/usher-process.js";
import { waitFor } from "../support/wait-for.js";

let fake: FakeTelegram;
let server: FakeServer;
let folder: ReturnType<typeof temporaryFolder>;
let databasePath: string;
let owner: SimUser;
const channelId = -1_001_000_000_001;

beforeEach(async () => {
  fake = new FakeTelegram({ token: e2eToken });
  server = await fake.listen();
  folder = temporaryFolder();
  databasePath = join(folder.path, "usher.db");
  owner = fake.addUser({ first_name: "Owner" });
  fake.addChat({ id: channelId, type: "channel", title: "News", botIsAdmin: true });
  const database = createDatabase(databasePath);
  new RequiredChatRepository(database.db).add(
    { chatId: channelId, title: "News", joinUrl: "https://t.me/news" },
    new Date(),
  );
  database.close();
});

afterEach(async () => {
  await server.close();
  folder.remove();
});

const env = (overrides: Record<string, string> = {}) => ({
  BOT_TOKEN: e2eToken,
  BOT_API_ROOT: server.apiRoot,
  DATABASE_PATH: databasePath,
  ADMIN_IDS: String(owner.id),
  ...overrides,
});

async function doctor(overrides: Record<string, string> = {}, args: string[] = []) {
  const run = cliIo(env(overrides));
  const code = await runCli(["doctor", ...args], run.io);
  return { code, out: run.stdout(), line: (name: string) => lineOf(run.stdout(), name) };
}

/** The check's line and its fix line, if any. */
function lineOf(out: string, name: string): string {
  const lines = out.split("\n");
  const at = lines.findIndex((l) => new RegExp(`^\\S+\\s+${name}\\s`).test(l));
  if (at < 0) throw new Error(`no line for ${name} in:\n${out}`);
  const next = lines[at + 1] ?? "";
  return next.trim().startsWith("fix:") ? `${lines[at]}\n${next}` : (lines[at] ?? "");
}

describe("usher doctor against the Bot API double", () => {
  it("when everything is set up, then every check is ok and it exits 0", async () => {
    const { code, out } = await doctor();
    expect(out).not.toMatch(/PROBLEM/);
    for (const name of [
      "config",
      "token",
      "webhook",
      "database",
      "migrations",
      "integrity",
      `owner ${owner.id}`,
    ])
      expect(lineOf(out, name)).toMatch(/^ok /);
    expect(lineOf(out, `chat ${channelId}`)).toMatch(/^ok .*administrator/);
    expect(out).toContain("All checks passed.");
    expect(code).toBe(0);
  });

  it("when Telegram rejects the token, then it says to get a new one from @BotFather and exits 1", async () => {
    const { code, line } = await doctor({ BOT_TOKEN: "123456:AAWRONG_TOKEN_0123456789abcdefgh" });
    expect(line("token")).toMatch(/^PROBLEM .*BOT_TOKEN is rejected by Telegram \(401 Unauthorized\)/);
    expect(line("token")).toContain("@BotFather");
    expect(line("webhook")).toMatch(/^skipped/);
    expect(code).toBe(1);
  });

  it("when Telegram's deliveries to the webhook fail, then the last error and the waiting updates are reported", async () => {
    const url = "http://127.0.0.1:9/telegram";
    await fake.handle(e2eToken, "setWebhook", { url, secret_token: "s".repeat(20) });
    fake.enqueue(fake.updates.text(owner, "hello"));
    await waitFor(() => fake.webhookAttempts.some((a) => !a.ok), "a failed webhook delivery");
    const { code, line } = await doctor({ WEBHOOK_URL: url, WEBHOOK_SECRET: "s".repeat(20), HTTP_PORT: "0" });
    expect(line("webhook")).toMatch(
      /^PROBLEM .*last delivery to .* failed at .*: "Connection .*1 update\(s\) waiting/,
    );
    expect(line("webhook")).toMatch(/fix: make WEBHOOK_URL reach this server/);
    expect(code).toBe(1);
  });

  it("when a webhook is set but Usher is configured for long polling, then it says polling is blocked", async () => {
    await fake.handle(e2eToken, "setWebhook", { url: "https://elsewhere.example.com/hook" });
    const { code, line } = await doctor();
    expect(line("webhook")).toMatch(
      /^PROBLEM .*a webhook is set \(https:\/\/elsewhere\.example\.com\/hook\).*refuses long polling/,
    );
    expect(code).toBe(1);
  });

  it("when the bot cannot read a required chat's members, or the chat is gone, then each chat is named", async () => {
    const database = createDatabase(databasePath);
    const chats = new RequiredChatRepository(database.db);
    fake.addChat({ id: -1_001_000_000_002, type: "channel", title: "Hidden", botIsAdmin: false });
    chats.add({ chatId: -1_001_000_000_002, title: "Hidden", joinUrl: "https://t.me/hidden" }, new Date());
    chats.add({ chatId: -1_001_000_000_003, title: "Gone", joinUrl: "https://t.me/gone" }, new Date());
    database.close();
    const { code, line } = await doctor();
    expect(line(`chat ${channelId}`)).toMatch(/^ok/);
    expect(line("chat -1001000000002")).toMatch(/^PROBLEM .*cannot read the members of "Hidden"/);
    expect(line("chat -1001000000002")).toMatch(/fix: make @usher_test_bot an administrator/);
    expect(line("chat -1001000000003")).toMatch(/^PROBLEM .*"Gone" \(-1001000000003\) cannot be read/);
    expect(code).toBe(1);
  });

  it("when an owner never started the bot and an added admin blocked it, then each is named with what to do", async () => {
    const blocker = fake.addUser({ first_name: "Blocker", state: "blocked" });
    const database = createDatabase(databasePath);
    database.sqlite
      .prepare("INSERT INTO admins (user_id, added_by, added_at) VALUES (?, ?, ?)")
      .run(blocker.id, owner.id, Date.now());
    database.close();
    const { code, line } = await doctor({ ADMIN_IDS: `${owner.id},777` });
    expect(line(`owner ${owner.id}`)).toMatch(/^ok/);
    expect(line("owner 777")).toMatch(/^PROBLEM .*owner 777 has never started the bot/);
    expect(line("owner 777")).toMatch(/fix: ask them to open @usher_test_bot and press Start/);
    expect(line(`admin ${blocker.id}`)).toMatch(/^PROBLEM .*has blocked the bot.*\n.*unblock/);
    expect(code).toBe(1);
  });

  it("when BOT_TOKEN is missing, then the config problem names it, Telegram is skipped and the database still checked", async () => {
    const { code, line } = await doctor({ BOT_TOKEN: "" });
    expect(line("config")).toMatch(/^PROBLEM .*BOT_TOKEN is required/);
    expect(line("token")).toMatch(/^skipped/);
    expect(line("integrity")).toMatch(/^ok/);
    expect(code).toBe(1);
  });

  it("when a migration is missing from the database, then --json reports it with the fix", async () => {
    const database = createDatabase(databasePath);
    database.sqlite
      .prepare(
        "DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)",
      )
      .run();
    database.close();
    const { code, out } = await doctor({}, ["--json"]);
    const report = JSON.parse(out) as {
      ok: boolean;
      checks: Array<{ name: string; status: string; detail: string; fix?: string }>;
    };
    expect(report.ok).toBe(false);
    const migrations = report.checks.find((c) => c.name === "migrations");
    expect(migrations).toMatchObject({
      status: "problem",
      detail: expect.stringMatching(new RegExp(`^1 not applied: ${lastMigrationTag()}`)),
    });
    expect(migrations?.fix).toContain("usher migrate");
    expect(code).toBe(1);
  });
});
