import { join } from "node:path";
import { createServices, type Services } from "../../src/bot/services.js";
import { createDatabase, type OpenDatabase } from "../../src/db/client.js";
import { type FakeServer, FakeTelegram, type FakeTelegramOptions } from "./fake-telegram/index.js";
import { e2eToken, freePort, temporaryFolder, UsherProcess } from "./usher-process.js";
import { waitFor } from "./wait-for.js";

export const fleetApiToken = "fault-suite-api-token-0123456789";

/** A running Usher process with its own HTTP port. */
export interface FleetMember {
  usher: UsherProcess;
  base: string;
  pid: () => number | undefined;
}

/**
 * Real Usher processes over one SQLite file (or the PostgreSQL database at `databaseUrl`) and one
 * HTTP fake Bot API, as a deployment runs them, with the test's own connection to the same database
 * for arranging and checking.
 */
export async function createFleet(
  fakeOptions: FakeTelegramOptions = {},
  databaseFolder?: string,
  databaseUrl?: string,
) {
  const folder = temporaryFolder();
  const databasePath = join(databaseFolder ?? folder.path, "usher.db");
  const fake = new FakeTelegram({ token: e2eToken, ...fakeOptions });
  const server: FakeServer = await fake.listen();
  const database: OpenDatabase = createDatabase(databaseUrl ?? databasePath);
  const services: Services = createServices(database.db, { ownerIds: [] });
  const members: FleetMember[] = [];

  return {
    fake,
    database,
    services,
    databasePath,
    /** Starts one more process; `env` adds to (or overrides) the fleet's environment. */
    async start(env: Record<string, string> = {}): Promise<FleetMember> {
      const port = await freePort();
      const usher = new UsherProcess({
        BOT_TOKEN: e2eToken,
        BOT_API_ROOT: server.apiRoot,
        DATABASE_PATH: databasePath,
        ...(databaseUrl !== undefined && { DATABASE_URL: databaseUrl }),
        LOG_LEVEL: "info",
        HTTP_PORT: String(port),
        API_TOKEN: fleetApiToken,
        ...env,
      });
      usher.start();
      const member = { usher, base: `http://127.0.0.1:${port}`, pid: () => usher.pid };
      members.push(member);
      return member;
    },
    /** Waits until the process logs that it became the active instance. */
    async active(member: FleetMember, timeoutMs = 30_000): Promise<void> {
      await waitFor(
        () => member.usher.logs().some((l) => l.msg === "this instance is now the active one"),
        "the process to become the active instance",
        timeoutMs,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${member.usher.output.slice(-40).join("\n")}`);
      });
    },
    async close(): Promise<void> {
      for (const member of members) member.usher.kill();
      await Promise.all(members.map((m) => m.usher.exit().catch(() => undefined)));
      await server.close();
      database.close();
      folder.remove();
    },
  };
}

export type Fleet = Awaited<ReturnType<typeof createFleet>>;

/** Registered bot users known to the fake and the database, ids from 5_000_001 on. */
export function seedRecipients(fleet: Fleet, count: number, blockedEvery = 0): number[] {
  const now = new Date();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const blocked = blockedEvery > 0 && i % blockedEvery === 0;
    const sim = fleet.fake.addUser({ first_name: `U${i}`, state: blocked ? "blocked" : "active" });
    fleet.services.users.touch({ id: sim.id, is_bot: false, first_name: sim.first_name }, now);
    fleet.services.users.register(sim.id, { referrerId: null, campaignId: null }, now);
    ids.push(sim.id);
  }
  return ids;
}

/** Accepted calls of `method` by the second (of the clock) they arrived in at the fake: the rate Telegram sees. */
export function peakPerSecond(fleet: Fleet, method = "sendMessage"): number {
  const perSecond = new Map<number, number>();
  for (const call of fleet.fake.callsOf(method)) {
    if (!call.ok) continue;
    const second = Math.floor(call.receivedAt / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  return Math.max(0, ...perSecond.values());
}

/**
 * The strictest reading: accepted calls in any sliding one-second window of arrival. Stricter than
 * Telegram's own accounting, and it sees the few milliseconds between the engine's grant and the
 * request leaving (the durable commit of the sending mark).
 */
export function peakPerSlidingSecond(fleet: Fleet, method = "sendMessage"): number {
  const times = fleet.fake
    .callsOf(method)
    .filter((c) => c.ok)
    .map((c) => c.receivedAt)
    .sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
