import { afterEach, describe, expect, it } from "vitest";
import { HealthProbe } from "../support/health-probe.js";
import { textMailing } from "../support/mailing-helpers.js";
import { createFleet, type Fleet, peakPerSecond, seedRecipients } from "../support/usher-fleet.js";
import { waitFor } from "../support/wait-for.js";

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const budget = 30;

/** Every recipient accounted for and nobody messaged twice; how many got the mailing. */
function expectDeliveredOnce(f: Fleet, ids: number[], mailingId: number, prefix: string) {
  const done = f.services.mailings.find(mailingId);
  expect(done?.status).toBe("completed");
  expect((done?.sent ?? 0) + (done?.failed ?? 0) + (done?.unknown ?? 0)).toBe(ids.length);
  const received = ids.map((id) => f.fake.textsTo(id).filter((t) => t.startsWith(prefix)).length);
  expect(Math.max(...received)).toBe(1);
  return { done, received: received.filter((n) => n === 1).length };
}

describe("a rolling deploy: a second process on the same database", { timeout: 180_000 }, () => {
  it("when a second process starts mid-mailing and the first is stopped, then it waits, takes over, and nobody is missed, doubled or unknown", async () => {
    fleet = await createFleet({ latencyMs: 20, flood: { globalPerSecond: budget, perChatPerSecond: 1 } });
    const ids = seedRecipients(fleet, 450, 25);
    const mailing = fleet.services.mailings.create(
      textMailing("Rolling {first_name}", { ratePerSecond: budget }),
      new Date(),
    );
    const old = await fleet.start();
    await fleet.active(old);
    await waitFor(
      () => (fleet?.services.mailings.find(mailing.id)?.sent ?? 0) >= 60,
      "the mailing to be under way",
    );

    const fresh = await fleet.start();
    await waitFor(
      () => fresh.usher.logs().find((l) => String(l.msg).includes("waiting to take over")),
      "the new process to say it waits",
      30_000,
    );
    const waiting = fresh.usher.logs().find((l) => String(l.msg).includes("waiting to take over"));
    expect(waiting?.holder).toMatchObject({ pid: old.pid(), since: expect.any(String) });
    const standby = await (await fetch(`${fresh.base}/healthz`)).json();
    expect(standby).toMatchObject({
      status: "ok",
      instance: { role: "standby", active: { pid: old.pid() } },
    });
    const probe = new HealthProbe(`${fresh.base}/healthz`);

    old.usher.signal("SIGTERM");
    expect(await old.usher.exit(30_000)).toBe(0);
    const stoppedAt = Date.now();
    await fleet.active(fresh, 10_000);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);

    await waitFor(
      () => fleet?.services.mailings.find(mailing.id)?.status === "completed",
      "the mailing to complete",
      120_000,
    );
    await probe.stop();
    const { done, received } = expectDeliveredOnce(fleet, ids, mailing.id, "Rolling ");
    // A clean handover leaves nothing in flight: no delivery is "unknown".
    expect(done?.unknown).toBe(0);
    expect(received).toBe(done?.sent);
    expect(peakPerSecond(fleet)).toBeLessThanOrEqual(budget);
    expect(fleet.fake.stats.tooManyRequests).toBeLessThan(10);
    expect(probe.failures).toEqual([]);
    expect(probe.maxLatencyMs).toBeLessThan(1000);
  });

  it("when the active process is killed in a 429 storm, then the waiting one takes over within seconds and sends nobody twice", async () => {
    // Telegram allows less than the engine's budget: 429s all along, on both sides of the takeover.
    fleet = await createFleet({ latencyMs: 20, flood: { globalPerSecond: 12, perChatPerSecond: 1 } });
    const ids = seedRecipients(fleet, 300);
    const mailing = fleet.services.mailings.create(
      textMailing("Crash", { ratePerSecond: budget }),
      new Date(),
    );
    const old = await fleet.start();
    await fleet.active(old);
    const fresh = await fleet.start();
    await waitFor(
      () => fresh.usher.logs().some((l) => String(l.msg).includes("waiting to take over")),
      "the new process to wait",
      30_000,
    );
    await waitFor(
      () => (fleet?.services.mailings.find(mailing.id)?.sent ?? 0) >= 60,
      "the mailing to be under way",
    );

    old.usher.signal("SIGKILL");
    await old.usher.exit();
    const killedAt = Date.now();
    await fleet.active(fresh, 15_000);
    expect(Date.now() - killedAt).toBeLessThan(5000);
    const tookOver = fresh.usher.logs().find((l) => l.msg === "this instance is now the active one");
    expect(tookOver?.tookOverFrom).toMatchObject({ pid: old.pid() });

    await waitFor(
      () => fleet?.services.mailings.find(mailing.id)?.status === "completed",
      "the mailing to complete",
      120_000,
    );
    const { done, received } = expectDeliveredOnce(fleet, ids, mailing.id, "Crash");
    expect(fleet.fake.stats.tooManyRequests).toBeGreaterThan(10);
    expect(done?.unknown).toBeLessThanOrEqual(budget);
    expect(received).toBeGreaterThanOrEqual(done?.sent ?? 0);
    expect(received).toBeLessThanOrEqual((done?.sent ?? 0) + (done?.unknown ?? 0));
  });
});
