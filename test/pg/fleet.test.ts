import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  deliveries,
  type MailingRecord,
  newUserAlertDigests,
  newUserAlertMinutes,
  users,
} from "../../src/db/schema/index.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { createTestSchema } from "../support/pg-database.js";
import { RoundRobinProxy } from "../support/round-robin-proxy.js";
import { createFleet, type Fleet, fleetApiToken } from "../support/usher-fleet.js";
import { waitFor } from "../support/wait-for.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ownerId = 900_001;
const secret = "fleet-webhook-secret_0123456789";
const recipients = 3000;
const newcomers = 1000;
/** Every n-th newcomer opens a referral link of one of the first `parents` recipients. */
const referredEvery = 5;
const parents = 40;
/** The mailing's pace: fast, as a paid broadcast, since what is checked is correctness, not rate. */
const rate = 100;
/** Webhook POSTs Telegram has in flight at once. */
const connections = 8;
/** Newcomers whose two different /start updates reach both instances at the same moment. */
const racers = 50;

/** Registered users only the fake and the database know, in German so the mailing's segment picks them alone. */
function seedRecipients(f: Fleet): SimUser[] {
  const now = new Date();
  return Array.from({ length: recipients }, (_, i) => {
    const sim = f.fake.addUser({ first_name: `R${i}`, language_code: "de" });
    f.services.users.touch(
      { id: sim.id, is_bot: false, first_name: sim.first_name, language_code: "de" },
      now,
    );
    f.services.users.register(sim.id, { referrerId: null, campaignId: null }, now);
    return sim;
  });
}

/** A mailing's state and counts, without its content and options. */
function progress(mailing: MailingRecord | undefined) {
  if (!mailing) return undefined;
  const { status, total, sent, failed, unknown } = mailing;
  return { status, total, sent, failed, unknown };
}

const welcomesTo = (f: Fleet, sim: SimUser) =>
  f.fake.textsTo(sim).filter((t) => t === `Welcome, ${sim.first_name}! 👋`).length;

/** Individual new-user alerts the owner got, per newcomer id. */
function alertsByUser(f: Fleet): Map<number, number> {
  const counts = new Map<number, number>();
  for (const text of f.fake.textsTo(ownerId)) {
    const id = /^🆕 New user: .*id (\d+)\)/.exec(text)?.[1];
    if (id !== undefined) counts.set(Number(id), (counts.get(Number(id)) ?? 0) + 1);
  }
  return counts;
}

// Real processes on PostgreSQL: start-up (tsx), seeding and the mailing take a while on a busy machine.
describe("two instances on one PostgreSQL behind a round-robin proxy", { timeout: 240_000 }, () => {
  it("when 1,000 newcomers arrive during a 3,000-recipient mailing and the active instance is killed with -9, then nobody is registered, alerted, credited or mailed twice, and every recipient is accounted for", async () => {
    const schema = await createTestSchema();
    cleanups.push(() => schema.drop());
    // Every tenth update also goes to the other instance at once, as Telegram resends a late one.
    const proxy = await RoundRobinProxy.listen({ twiceEvery: 10 });
    cleanups.push(() => proxy.close());
    const f = await createFleet({ latencyMs: 10, webhook: { connections } }, { url: schema.url });
    cleanups.push(() => f.close());
    f.fake.addUser({ id: ownerId, first_name: "Owner" });
    f.services.settings.update("userReferrals", { enabled: true });
    f.services.settings.update("mailing", { paidBroadcast: true });
    const seeded = seedRecipients(f);
    const codes = seeded
      .slice(0, parents)
      .map((sim) => f.services.users.find(sim.id)?.referralCode as string);

    const env = {
      ADMIN_IDS: String(ownerId),
      WEBHOOK_URL: `${proxy.origin}/telegram`,
      WEBHOOK_SECRET: secret,
      // Replies and alerts of 1,000 newcomers in seconds rather than half a minute.
      BOT_API_RATE: "300",
    };
    const first = await f.start(env);
    await f.active(first);
    const second = await f.start(env);
    await waitFor(
      () => second.usher.logs().some((l) => l.msg === "Usher is running (webhook)"),
      "the second instance to start",
      30_000,
    );
    proxy.upstreams = [first.base, second.base];

    const created = await fetch(`${second.base}/api/mailings`, {
      method: "POST",
      headers: { authorization: `Bearer ${fleetApiToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        text: "Once only, {first_name}",
        rate,
        paid_broadcast: true,
        audience: { segment: "lang:de" },
      }),
    });
    expect(created.status).toBe(201);
    const mailingId = ((await created.json()) as { id: number }).id;

    /** Moments of the run the report tells, filled in as they pass. */
    const seen: Record<string, unknown> = {};
    /**
     * Why a wait timed out or a check failed, added to its message: the counts the checks compare,
     * the owner's alert bookkeeping, what each instance logged at warn and above (counted by
     * message), and the last lines each logged.
     */
    const explain = (error: Error): never => {
      const problems = new Map<string, number>();
      for (const [n, member] of [first, second].entries()) {
        for (const line of member.usher.logs().filter((l) => Number(l.level) >= 40)) {
          const err = (line.err as { message?: string } | undefined)?.message?.slice(0, 160) ?? "";
          const key = `#${n + 1} ${String(line.msg)} ${err}`;
          problems.set(key, (problems.get(key) ?? 0) + 1);
        }
      }
      const welcomes = arrivals.map((a) => welcomesTo(f, a.sim));
      const alerts = alertsByUser(f);
      const summary = {
        ...seen,
        mailing: progress(f.services.mailings.find(mailingId)),
        unwelcomed: welcomes.filter((n) => n === 0).length,
        welcomedTwice: welcomes.filter((n) => n > 1).length,
        proxy: proxy.stats,
        pending: f.fake.pendingUpdates().length,
        alerts: { newcomers: alerts.size, twice: [...alerts.values()].filter((n) => n > 1).length },
        ownerMessages: f.fake
          .textsTo(ownerId)
          .map((t) => t.split("\n")[0]?.slice(0, 60))
          .slice(-12),
        alertMinutes: f.database.db.select().from(newUserAlertMinutes).all(),
        digests: f.database.db.select().from(newUserAlertDigests).all(),
      };
      // Past the lines each update logs, which would fill the tail of a busy instance.
      const tails = [first, second].map(
        (member, n) =>
          `#${n + 1} (pid ${member.pid()}), last lines but per-update ones:\n${member.usher.output
            .filter((line) => !line.includes('"updateId"'))
            .slice(-15)
            .map((line) => line.slice(0, 300))
            .join("\n")}`,
      );
      error.message = [
        error.message,
        JSON.stringify(summary),
        ...[...problems].map(([key, n]) => `${n}× ${key}`),
        ...tails,
      ].join("\n");
      throw error;
    };
    const arrivals = Array.from({ length: newcomers }, (_, i) => {
      const sim = f.fake.addUser({ first_name: `N${i}`, language_code: "en" });
      const parent = i % referredEvery === 0 ? i % parents : undefined;
      return { sim, parent, payload: parent === undefined ? undefined : `r${codes[parent]}` };
    });
    // Two /starts of one newcomer, handled by both instances at once: the database decides who registers them.
    const racing = Array.from({ length: racers }, (_, i) => ({
      sim: f.fake.addUser({ first_name: `Racer${i}`, language_code: "en" }),
      parent: i % parents,
    }));
    const raced = await Promise.all(
      racing.flatMap(({ sim, parent }) =>
        [first, second].map(async (member) => {
          const update = f.fake.updates.start(sim, `r${codes[parent]}`);
          const response = await fetch(`${member.base}/telegram`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
            body: JSON.stringify(update),
          });
          return response.status;
        }),
      ),
    );
    expect(raced.every((status) => status === 200)).toBe(true);

    // Newcomers arrive in bursts over several seconds, while the mailing runs and across the kill.
    let arrived = 0;
    const arriving = (async () => {
      for (let i = 0; i < newcomers; i += 25) {
        for (const a of arrivals.slice(i, i + 25)) f.fake.enqueue(f.fake.updates.start(a.sim, a.payload));
        arrived = i + 25;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    })();

    await waitFor(
      () => arrived >= newcomers / 2 && (f.services.mailings.find(mailingId)?.sent ?? 0) >= 200,
      "half the newcomers to have arrived and the mailing to be under way",
      60_000,
    ).catch(explain);
    const atKill = { mailing: f.services.mailings.find(mailingId), arrived };
    seen.atKill = { at: new Date().toISOString(), arrived, mailing: progress(atKill.mailing) };
    first.usher.signal("SIGKILL");
    await first.usher.exit();
    const killedAt = Date.now();
    await f.active(second, 15_000).catch(explain);
    const tookOverAfterMs = Date.now() - killedAt;
    seen.tookOverAfterMs = tookOverAfterMs;
    const tookOver = second.usher.logs().find((l) => l.msg === "this instance is now the active one");

    await arriving;
    await waitFor(
      () => f.fake.pendingUpdates().length === 0,
      "Telegram to have every update accepted",
      60_000,
    ).catch(explain);
    // Answered means handled, replies included; a moment more for the last answers to be counted.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // A newcomer whose /start died with the instance (no welcome came) sends /start again, as people do.
    const retried = arrivals.filter((a) => welcomesTo(f, a.sim) === 0);
    seen.retried = retried.length;
    for (const a of retried) f.fake.enqueue(f.fake.updates.start(a.sim, a.payload));
    await waitFor(
      () => f.fake.pendingUpdates().length === 0,
      "the second /starts to be accepted",
      60_000,
    ).catch(explain);
    const done = await waitFor(
      () => {
        const m = f.services.mailings.find(mailingId);
        return m?.status === "completed" ? m : undefined;
      },
      "the mailing to complete on the survivor",
      120_000,
    ).catch(explain);
    // The replies of the last updates may still be on their way.
    await waitFor(
      () => arrivals.every((a) => welcomesTo(f, a.sim) >= 1),
      "every newcomer to be welcomed",
      30_000,
    ).catch(explain);

    try {
      // The kill landed mid-mailing, and the survivor took over at once (the holder's pid is gone).
      expect(atKill.mailing?.status).toBe("running");
      expect(atKill.mailing?.sent).toBeLessThan(recipients);
      expect(atKill.arrived).toBeLessThan(newcomers);
      expect(tookOver?.tookOverFrom).toMatchObject({ pid: first.pid() });
      expect(tookOverAfterMs).toBeLessThan(5000);
      // Updates did reach both instances, twice on purpose, and again on the survivor after the kill.
      expect(proxy.stats.twice).toBeGreaterThan(50);
      expect(proxy.stats.failedOver).toBeGreaterThan(0);
      expect(proxy.stats.unanswered).toBe(0);
      expect(retried.length).toBeLessThanOrEqual(connections);

      // The mailing: everyone accounted for, nobody sent it twice, only what was in flight at the kill unknown.
      expect(done.total).toBe(recipients);
      expect(done.sent + done.failed + done.unknown).toBe(recipients);
      expect(done.unknown).toBeLessThanOrEqual(rate);
      const received = seeded.map(
        (sim) => f.fake.textsTo(sim).filter((t) => t.startsWith("Once only")).length,
      );
      expect(Math.max(...received)).toBe(1);
      const states = f.database.db
        .select({ userId: deliveries.userId, state: deliveries.state })
        .from(deliveries)
        .where(eq(deliveries.mailingId, mailingId))
        .all();
      expect(states).toHaveLength(recipients);
      const wrong = states.flatMap(({ userId, state }) => {
        const got = f.fake.textsTo(userId).filter((t) => t.startsWith("Once only")).length;
        return (state === "sent" && got !== 1) || (state === "failed" && got !== 0)
          ? [`${userId} ${state} ${got}`]
          : [];
      });
      expect(wrong).toEqual([]);
      expect(arrivals.some((a) => f.fake.textsTo(a.sim).some((t) => t.startsWith("Once only")))).toBe(false);

      // Newcomers: each registered once, welcomed once, credited to their referrer once, alerted at most once.
      const newcomerIds = arrivals.map((a) => a.sim.id);
      const rows = f.database.db.select().from(users).where(inArray(users.id, newcomerIds)).all();
      expect(rows.filter((u) => u.status === "active")).toHaveLength(newcomers);
      expect(arrivals.filter((a) => welcomesTo(f, a.sim) !== 1).map((a) => a.sim.first_name)).toEqual([]);
      const byId = new Map(rows.map((u) => [u.id, u]));
      const creditedTo = arrivals.filter(
        (a) => byId.get(a.sim.id)?.referrerId === seeded[a.parent ?? -1]?.id,
      );
      // A referred newcomer whose first /start died before registration may come back without the credit
      // only if the payload was lost; here the second /start carries it again, so all are credited.
      expect(creditedTo).toHaveLength(newcomers / referredEvery);
      const racerRows = f.database.db
        .select()
        .from(users)
        .where(
          inArray(
            users.id,
            racing.map((r) => r.sim.id),
          ),
        )
        .all();
      expect(
        racing.filter(
          ({ sim, parent }) =>
            !racerRows.some(
              (u) => u.id === sim.id && u.status === "active" && u.referrerId === seeded[parent]?.id,
            ),
        ),
      ).toEqual([]);
      const counts = f.database.db
        .select({ id: users.id, referralCount: users.referralCount })
        .from(users)
        .where(
          inArray(
            users.id,
            seeded.slice(0, parents).map((s) => s.id),
          ),
        )
        .all();
      for (const { id, referralCount } of counts) {
        const referred = [...rows, ...racerRows].filter((u) => u.referrerId === id).length;
        expect(referralCount, `referrer ${id}`).toBe(referred);
      }
      expect(counts.reduce((sum, c) => sum + c.referralCount, 0)).toBe(newcomers / referredEvery + racers);
      const alerts = alertsByUser(f);
      expect(Math.max(0, ...alerts.values())).toBeLessThanOrEqual(1);
      const claimed = f.database.db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            inArray(users.id, [...newcomerIds, ...racing.map((r) => r.sim.id)]),
            isNotNull(users.newUserAlertSentAt),
          ),
        )
        .all();
      const tallies = f.database.db.select().from(newUserAlertMinutes).all();
      const tallied = tallies.reduce((sum, m) => sum + m.alerted + m.digested, 0);
      // Each claim is counted once, in an alert of its own or a digest; only a kill between the
      // registration and the claim leaves a newcomer unannounced.
      expect(tallied).toBe(claimed.length);
      expect(claimed.length).toBeGreaterThanOrEqual(newcomers + racers - connections);
      expect([...alerts.keys()].every((id) => claimed.some((c) => c.id === id))).toBe(true);
      // The digests of busy minutes, sent by the lease holder and then by the survivor: one message per minute.
      const digestMinutes = f.fake
        .messagesTo(ownerId)
        .flatMap((m) => /^🆕 \d+ new users? in the minute from (\d\d:\d\d)/.exec(m.text ?? "")?.[1] ?? []);
      expect(digestMinutes.length).toBeGreaterThan(0);
      expect(new Set(digestMinutes).size).toBe(digestMinutes.length);

      second.usher.signal("SIGTERM");
      expect(await second.usher.exit(30_000)).toBe(0);
    } catch (error) {
      explain(error as Error);
    }
  });
});
