import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createServices } from "../../src/bot/services.js";
import { runCli } from "../../src/cli/program.js";
import { createDatabase } from "../../src/db/client.js";
import { cliIo } from "../support/cli-io.js";
import { textMailing } from "../support/mailing-helpers.js";
import { processWorld } from "../support/process-world.js";
import { e2eToken, UsherProcess } from "../support/usher-process.js";
import { waitFor } from "../support/wait-for.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `usher <args>` as an operator runs it: a real process through the bin launcher. */
async function usherBin(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["bin/usher.mjs", ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Deliveries with a final state, as "user:state", read from a file. */
function finishedDeliveries(sqlite: Database.Database, mailingId: number): string[] {
  return (
    sqlite
      .prepare(
        "SELECT user_id AS id, state FROM deliveries WHERE mailing_id = ? AND state IN ('sent', 'failed')",
      )
      .all(mailingId) as Array<{ id: number; state: string }>
  ).map((d) => `${d.id}:${d.state}`);
}

// A real process: start-up (tsx) and each step take longer on a busy CI machine.
describe("backup while a mailing runs, then restore", { timeout: 240_000 }, () => {
  it("when backups are taken mid-mailing, then each passes integrity_check and holds every delivery committed before it began, and a restore starts", async () => {
    const { folder, databasePath, fake, server, database, services } = await processWorld(cleanups, {
      latencyMs: 5,
    });
    const recipients = 3000;
    const now = new Date();
    for (let i = 0; i < recipients; i++) {
      const sim = fake.addUser({ first_name: `U${i}`, state: i % 50 === 0 ? "blocked" : "active" });
      services.users.touch({ id: sim.id, is_bot: false, first_name: sim.first_name }, now);
      services.users.register(sim.id, { referrerId: null, campaignId: null }, now);
    }
    const mailing = services.mailings.create(
      textMailing("Hello {first_name}", { ratePerSecond: 300, paidBroadcast: true }),
      now,
    );

    const env = {
      BOT_TOKEN: e2eToken,
      BOT_API_ROOT: server.apiRoot,
      DATABASE_PATH: databasePath,
      BOT_API_RATE: "300",
    };
    const bot = new UsherProcess({ ...env, LOG_LEVEL: "info" });
    cleanups.push(() => bot.kill());
    bot.start();

    const backups: string[] = [];
    for (const [n, atLeast] of [
      [1, 300],
      [2, 900],
    ] as const) {
      await waitFor(
        () => (services.mailings.find(mailing.id)?.sent ?? 0) >= atLeast,
        `${atLeast} sent`,
        60_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${bot.output.join("\n")}`);
      });
      const committed = finishedDeliveries(database.sqlite, mailing.id);
      const file = join(folder.path, `backup-${n}.db`);
      const backup =
        n === 1
          ? await usherBin({ DATABASE_PATH: databasePath }, "backup", file)
          : await (async () => {
              const run = cliIo({ DATABASE_PATH: databasePath });
              const code = await runCli(["backup", file], run.io);
              return { code, stdout: run.stdout(), stderr: run.stderr() };
            })();
      expect(backup, backup.stderr).toMatchObject({ code: 0 });
      expect(backup.stdout).toContain("(integrity_check ok)");
      // Taken mid-send: the mailing was still running when the copy was done.
      expect(services.mailings.find(mailing.id)?.status).toBe("running");

      const copy = new Database(file, { readonly: true });
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      const copied = new Set(finishedDeliveries(copy, mailing.id));
      copy.close();
      expect(committed.length).toBeGreaterThanOrEqual(atLeast);
      expect(committed.filter((d) => !copied.has(d))).toEqual([]);
      expect(copied.size).toBeLessThan(recipients);
      backups.push(file);
    }

    // While the bot holds its lease, a restore is refused.
    const refused = await usherBin({ DATABASE_PATH: databasePath }, "restore", backups[0] ?? "");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Usher is running on .*: stop it first/);

    bot.signal("SIGTERM");
    expect(await bot.exit()).toBe(0);
    database.close();

    const restore = cliIo({ DATABASE_PATH: databasePath });
    expect(await runCli(["restore", backups[0] ?? ""], restore.io), restore.stderr()).toBe(0);

    const restarted = new UsherProcess({ ...env, LOG_LEVEL: "info" });
    cleanups.push(() => restarted.kill());
    restarted.start();
    const reopened = createDatabase(databasePath);
    cleanups.push(() => reopened.close());
    const afterRestore = createServices(reopened.db, { ownerIds: [] });
    const done = await waitFor(
      () => {
        const m = afterRestore.mailings.find(mailing.id);
        return m?.status === "completed" ? m : undefined;
      },
      "the restored mailing to complete",
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${restarted.output.join("\n")}`);
    });
    expect(done.sent + done.failed + done.unknown).toBe(recipients);
    restarted.signal("SIGTERM");
    expect(await restarted.exit()).toBe(0);
  });
});
