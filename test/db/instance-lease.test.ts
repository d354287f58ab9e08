import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createServices } from "../../src/bot/services.js";
import { createDatabase, type OpenDatabase } from "../../src/db/client.js";
import { InstanceLease, type InstanceLeaseTiming } from "../../src/features/lease/instance-lease.js";
import { LeaseRepository } from "../../src/features/lease/lease-repository.js";
import { textMailing } from "../support/mailing-helpers.js";
import { temporaryFolder } from "../support/usher-process.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const timing: InstanceLeaseTiming = { ttlMs: 400, renewMs: 50, pollMs: 20 };

/** Two processes' connections to one database file. */
function twoConnections(): [OpenDatabase, OpenDatabase] {
  const folder = temporaryFolder();
  const path = join(folder.path, "usher.db");
  const first = createDatabase(path);
  const second = createDatabase(path);
  cleanups.push(folder.remove, first.close, second.close);
  return [first, second];
}

/** Log lines a lease wrote, as objects. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function leaseOver(database: OpenDatabase, pid: number, isRunning: (pid: number) => boolean = () => true) {
  const log = capturedLogger();
  const lease = new InstanceLease({
    repository: new LeaseRepository(database.db),
    logger: log.logger,
    now: () => new Date(),
    timing,
    self: { id: `process-${pid}`, pid, host: "host-a" },
    isRunning,
  });
  cleanups.push(() => lease.release());
  return { lease, lines: log.lines };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms))]);

describe("instance lease: one active process per database", () => {
  it("when a second process starts, then it waits, says who holds the lease, and takes over once the holder releases it", async () => {
    const [a, b] = twoConnections();
    const first = leaseOver(a, 101);
    const second = leaseOver(b, 102);
    const stop = new AbortController();
    cleanups.push(() => stop.abort());

    expect(await first.lease.acquire(stop.signal)).toBeDefined();
    const waiting = second.lease.acquire(stop.signal);
    expect(await within(waiting, 300)).toBe("timeout");
    expect(second.lease.status()).toMatchObject({ role: "standby", holder: { pid: 101, host: "host-a" } });
    const said = second.lines.filter((l) => String(l.msg).includes("waiting to take over"));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ holder: { pid: 101, host: "host-a" } });
    expect(said[0]?.holder).toHaveProperty("since", expect.any(String));

    first.lease.release();
    expect(await within(waiting, 500)).toHaveProperty("lost");
    expect(second.lease.status()).toMatchObject({ role: "active" });
  });

  it("when the holder dies without releasing, then another host's process takes over after the lease's life, and not before", async () => {
    const [a, b] = twoConnections();
    const first = leaseOver(a, 201);
    const stop = new AbortController();
    cleanups.push(() => stop.abort());
    await first.lease.acquire(stop.signal);
    // A dead process renews nothing: the lease row stays as its last renewal left it.
    new LeaseRepository(a.db).renew("active", "process-201", new Date());
    const started = Date.now();
    const other = new InstanceLease({
      repository: new LeaseRepository(b.db),
      logger: pino({ level: "silent" }),
      now: () => new Date(),
      timing,
      self: { id: "elsewhere", pid: 201, host: "host-b" },
    });
    cleanups.push(() => other.release());
    // Simulate the death: stop the holder's renewals without releasing.
    (first.lease as unknown as { stopRenewing(): void }).stopRenewing();

    await other.acquire(stop.signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(timing.ttlMs - 50);
    expect(other.status()).toMatchObject({ role: "active" });
  });

  it("when the holder was on this host and its process no longer runs, then the lease is taken at once", async () => {
    const [a, b] = twoConnections();
    const first = leaseOver(a, 301);
    const stop = new AbortController();
    cleanups.push(() => stop.abort());
    await first.lease.acquire(stop.signal);
    (first.lease as unknown as { stopRenewing(): void }).stopRenewing();

    const second = leaseOver(b, 302, (pid) => pid !== 301);
    const started = Date.now();
    await second.lease.acquire(stop.signal);
    expect(Date.now() - started).toBeLessThan(timing.ttlMs / 2);
    expect(second.lines.some((l) => (l.tookOverFrom as { pid?: number })?.pid === 301)).toBe(true);
  });

  it("when another process took the lease meanwhile, then the old holder hears it lost the lease", async () => {
    const [a, b] = twoConnections();
    const first = leaseOver(a, 401);
    const stop = new AbortController();
    cleanups.push(() => stop.abort());
    const held = await first.lease.acquire(stop.signal);
    // A stall past the lease's life: someone else takes it over.
    new LeaseRepository(b.db).acquire(
      "active",
      { id: "intruder", pid: 402, host: "host-b" },
      new Date(),
      new Date(Date.now() + 1),
    );

    expect(await within(held?.lost as Promise<string>, 500)).toBe("another instance took the lease over");
    expect(first.lease.isHeld).toBe(false);
  });

  it("when a process no longer holds the lease, then its mailing engine cannot start a send", () => {
    const [a] = twoConnections();
    const services = createServices(a.db, { ownerIds: [] });
    const userId = 7001;
    services.users.touch({ id: userId, is_bot: false, first_name: "Ann" }, new Date());
    services.users.register(userId, { referrerId: null, campaignId: null }, new Date());
    const mailing = services.mailings.create(textMailing("fenced"), new Date());
    services.mailings.snapshot(mailing.id, new Date());
    const leases = new LeaseRepository(a.db);
    const holder = { id: "holder", pid: 1, host: "h" };
    leases.acquire("active", holder, new Date(), new Date(0));

    expect(services.mailings.markSending(mailing.id, userId, new Date(), "stale-process")).toBe(false);
    expect(services.mailings.markSending(mailing.id, userId, new Date(), "holder")).toBe(true);
  });
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("per-process caches over one database", () => {
  it("when another process changes admins, settings or required chats, then this process sees it from its next event-loop turn", async () => {
    const [a, b] = twoConnections();
    const here = createServices(a.db, { ownerIds: [1] });
    const there = createServices(b.db, { ownerIds: [1] });
    expect(here.admins.isAdmin(42)).toBe(false);
    expect(here.settings.get("maintenance").enabled).toBe(false);
    expect(here.requiredChats.list()).toEqual([]);

    there.admins.add(42, 1, new Date());
    there.settings.update("maintenance", { enabled: true });
    there.requiredChats.add({ chatId: -100123, title: "News", joinUrl: "https://t.me/news" }, new Date());
    // The same synchronous stretch keeps one view (data_version is read once per turn).
    expect(here.admins.isAdmin(42)).toBe(false);
    await nextTurn();

    expect(here.admins.isAdmin(42)).toBe(true);
    expect(here.settings.get("maintenance").enabled).toBe(true);
    expect(here.requiredChats.list().map((c) => c.chatId)).toEqual([-100123]);

    there.admins.remove(42);
    await nextTurn();
    expect(here.admins.isAdmin(42)).toBe(false);
  });

  it("when this process changes them itself, then it sees the change at once", () => {
    const [a] = twoConnections();
    const here = createServices(a.db, { ownerIds: [1] });
    expect(here.admins.isAdmin(42)).toBe(false);
    expect(here.settings.get("maintenance").enabled).toBe(false);
    here.admins.add(42, 1, new Date());
    here.settings.update("maintenance", { enabled: true });
    expect(here.admins.isAdmin(42)).toBe(true);
    expect(here.settings.get("maintenance").enabled).toBe(true);
  });
});
