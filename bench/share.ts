import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { PostgresDatabase } from "../src/db/postgres/postgres-database.js";
import { textMailing } from "../test/support/mailing-helpers.js";
import { inSchema } from "../test/support/test-database.js";
import { createFleet, type Fleet, type FleetMember, seedRecipients } from "../test/support/usher-fleet.js";
import { freePort } from "../test/support/usher-process.js";
import { waitFor } from "../test/support/wait-for.js";
import { defineScenario, formatTable, round } from "./scenario.js";

/** Telegram's limits as the double plays them; each instance is configured for the same 30/s. */
const limit = { globalPerSecond: 30, perChatPerSecond: 1 };
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const secret = "bench-webhook-secret_0123456789";

interface ShareMeasurement {
  instances: number;
  windowS: number;
  mailed: number;
  replies: number;
  /** Both kinds per second in the window, and that as a fraction of the one limit. */
  rate: number;
  fraction: number;
  tooManyRequests: number;
  /** The most messages the double accepted in any one second (sliding) of the window. */
  peakPerSecond: number;
  /** Newcomers answered / posted, and the wait from the post to the welcome reaching the double. */
  answered: number;
  posted: number;
  replyWaitMs: { p50: number; p95: number; max: number };
  /** Each instance's replies (by where the update was posted). */
  repliesBy: number[];
  /** Each instance's replies' p95 wait (ms). */
  replyP95By: number[];
  /** Whether each instance took its turns from the shared clock at the end of the window, by its /metrics. */
  sharedBy: boolean[];
  load: [number, number];
}

/** Whether an instance takes its turns from the clock it shares with others, from its /metrics. */
async function sharesTurns(member: FleetMember): Promise<boolean> {
  const text = await (await fetch(`${member.base}/metrics`)).text();
  return /^usher_outgoing_shared_turns 1$/m.test(text);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** A webhook instance on the fleet's database, at its own port and path. */
async function startWebhookInstance(fleet: Fleet): Promise<FleetMember> {
  const port = await freePort();
  const member = await fleet.start({
    HTTP_PORT: String(port),
    WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
    WEBHOOK_SECRET: secret,
    BOT_API_RATE: String(limit.globalPerSecond),
  });
  await waitFor(
    () => member.usher.logs().some((l) => l.msg === "Usher is running (webhook)"),
    "the instance to take webhook updates",
    60_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${member.usher.output.slice(-30).join("\n")}`);
  });
  // Its own port, which overrides the one the fleet picked.
  return { ...member, base: `http://127.0.0.1:${port}` };
}

/**
 * `instances` real Usher processes (webhook mode) on one fresh PostgreSQL schema: the first holds
 * the lease and sends a mailing at the limit; meanwhile newcomers' /start updates are posted in turn
 * to each instance for `seconds`. Measured at the double, from the first post to the last reply.
 */
async function measureShare(
  instances: number,
  seconds: number,
  newcomersPerSecond: number,
  postgres: boolean,
) {
  const schema = `usher_bench_share_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres ? new PostgresDatabase(postgresUrl) : undefined;
  admin?.native(`create schema ${schema}`);
  const fleet = await createFleet(
    { latencyMs: 30, flood: limit },
    postgres ? { url: inSchema(postgresUrl, schema) } : undefined,
  );
  try {
    // Enough to outlast the window at the whole limit.
    const recipients = seedRecipients(fleet, Math.ceil((seconds + 20) * limit.globalPerSecond));
    const mailedTo = new Set(recipients);
    const mailing = fleet.services.mailings.create(
      textMailing("News for {first_name}", { ratePerSecond: limit.globalPerSecond }),
      new Date(),
    );
    const members = [await startWebhookInstance(fleet)];
    await fleet.active(members[0] as FleetMember, 60_000);
    for (let i = 1; i < instances; i++) members.push(await startWebhookInstance(fleet));
    await waitFor(
      () => (fleet.services.mailings.find(mailing.id)?.sent ?? 0) >= 3 * limit.globalPerSecond,
      "the mailing to be under way",
      120_000,
    );
    // The shares settle within a couple of syncs and a raise's wait.
    await delay(3000);

    const newcomers = Array.from({ length: Math.round(seconds * newcomersPerSecond) }, (_, i) =>
      fleet.fake.addUser({ first_name: `New${i}` }),
    );
    const postedAt = new Map<number, number>();
    const postedTo = new Map<number, number>();
    const posts: Promise<void>[] = [];
    const load0 = loadavg()[0] as number;
    const start = Date.now();
    for (const [i, person] of newcomers.entries()) {
      const due = start + (i * 1000) / newcomersPerSecond;
      if (due > Date.now()) await delay(due - Date.now());
      const target = i % members.length;
      const member = members[target] as FleetMember;
      postedAt.set(person.id, Date.now());
      postedTo.set(person.id, target);
      // Not awaited: Telegram posts the next update on its schedule, not when the last was answered.
      posts.push(
        fetch(`${member.base}/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
          body: JSON.stringify(fleet.fake.updates.start(person)),
        }).then((answer) => {
          if (!answer.ok) throw new Error(`instance ${target} answered the webhook ${answer.status}`);
        }),
      );
    }
    await Promise.all(posts);
    const isNewcomer = (chat: number) => postedAt.has(chat);
    const welcomes = () =>
      fleet.fake.callsOf("sendMessage").filter((c) => c.ok && isNewcomer(Number(c.params.chat_id)));
    await waitFor(() => welcomes().length >= newcomers.length, "every newcomer's welcome", 60_000).catch(
      () => undefined,
    );
    // The window lasts `seconds` at least: the last welcome may come before its end, and the double
    // records a call once it has answered it (half its latency after receiving it).
    const windowEnd = start + seconds * 1000;
    await delay(Math.max(0, windowEnd - Date.now()) + 200);
    const load1 = loadavg()[0] as number;
    const sharedBy = await Promise.all(members.map(sharesTurns));

    const replies = welcomes();
    const end = Math.max(...replies.map((c) => c.receivedAt), windowEnd);
    const sent = fleet.fake
      .callsOf("sendMessage")
      .filter((c) => c.ok && c.receivedAt >= start && c.receivedAt <= end);
    const mailed = sent.filter((c) => mailedTo.has(Number(c.params.chat_id))).length;
    const replyCount = sent.filter((c) => isNewcomer(Number(c.params.chat_id))).length;
    const windowS = (end - start) / 1000;
    const times = sent.map((c) => c.receivedAt).sort((a, b) => a - b);
    let peak = 0;
    for (let first = 0, last = 0; last < times.length; last++) {
      while ((times[last] as number) - (times[first] as number) >= 1000) first++;
      peak = Math.max(peak, last - first + 1);
    }
    const rate = (mailed + replyCount) / windowS;
    const waits = replies
      .map((c) => c.receivedAt - (postedAt.get(Number(c.params.chat_id)) as number))
      .sort((a, b) => a - b);
    const waitsBy = members.map((_, i) =>
      replies
        .filter((c) => postedTo.get(Number(c.params.chat_id)) === i)
        .map((c) => c.receivedAt - (postedAt.get(Number(c.params.chat_id)) as number))
        .sort((a, b) => a - b),
    );
    const repliesBy = members.map(
      (_, i) => replies.filter((c) => postedTo.get(Number(c.params.chat_id)) === i).length,
    );
    if (fleet.services.mailings.find(mailing.id)?.status === "completed")
      throw new Error("the mailing finished inside the window: give it more recipients");
    return {
      instances,
      windowS,
      mailed,
      replies: replyCount,
      rate,
      fraction: rate / limit.globalPerSecond,
      tooManyRequests: fleet.fake.stats.tooManyRequests,
      peakPerSecond: peak,
      answered: new Set(replies.map((c) => Number(c.params.chat_id))).size,
      posted: newcomers.length,
      replyWaitMs: {
        p50: percentile(waits, 0.5),
        p95: percentile(waits, 0.95),
        max: waits.at(-1) ?? Number.NaN,
      },
      repliesBy,
      replyP95By: waitsBy.map((waits) => percentile(waits, 0.95)),
      sharedBy,
      load: [round(load0, 2), round(load1, 2)],
    } satisfies ShareMeasurement;
  } finally {
    await fleet.close();
    admin?.native(`drop schema ${schema} cascade`);
    admin?.close();
  }
}

const passes = (m: ShareMeasurement) =>
  m.fraction >= 0.95 && m.tooManyRequests === 0 && m.answered === m.posted;

/** The "done when": two instances together keep the mailing at the one limit, not twice it. */
export const shareScenario = defineScenario({
  name: "share",
  description:
    "two real processes (webhook) on one PostgreSQL: a mailing at the limit while newcomers' /start alternate between them; against one process alone, HTTP double at 30 msg/s",
  flags: {
    seconds: { description: "how long newcomers keep arriving", default: 40, min: 10 },
    newcomers: { description: "newcomers a second, all instances together", default: 4 },
    postgres: {
      description: "1: one PostgreSQL schema; 0: one SQLite file (a rolling deploy)",
      default: 1,
      min: 0,
    },
  },
  async run(flags) {
    const postgres = flags.postgres !== 0;
    const two = await measureShare(2, flags.seconds, flags.newcomers, postgres);
    const alone = await measureShare(1, flags.seconds, flags.newcomers, postgres);
    const row = (label: string, m: ShareMeasurement) => [
      label,
      `${round(m.rate, 2)}/s`,
      `${round(m.fraction * 100)}%`,
      `${round(m.mailed / m.windowS, 2)}/s (${round((m.mailed / (m.mailed + m.replies)) * 100)}%)`,
      `${round(m.replies / m.windowS, 2)}/s (${round((m.replies / (m.mailed + m.replies)) * 100)}%)`,
      m.repliesBy.join(" + "),
      m.sharedBy.map((shared) => (shared ? "yes" : "no")).join(" + "),
      `${m.answered}/${m.posted}`,
      `${m.replyWaitMs.p50} / ${m.replyWaitMs.p95} / ${m.replyWaitMs.max} ms (p95 ${m.replyP95By.join(" + ")})`,
      String(m.peakPerSecond),
      String(m.tooManyRequests),
      `${m.load[0]} → ${m.load[1]}`,
      passes(m) ? "PASS" : "FAIL",
    ];
    const passed = passes(two) && passes(alone);
    return {
      lines: [
        ...formatTable([
          [
            `${postgres ? "PostgreSQL" : "SQLite"}, ${flags.seconds} s, ${flags.newcomers} newcomers/s`,
            "together",
            "of 30/s",
            "mailing",
            "replies",
            "replies by instance",
            "turns shared",
            "answered",
            "reply wait p50 / p95 / max",
            "peak in 1 s",
            "429s",
            "load avg",
            "",
          ],
          row("two instances", two),
          row("one alone", alone),
        ]),
        "window: the first newcomer posted → the last welcome, at the double; the mailing is sent by the lease holder alone; turns shared: each instance's usher_outgoing_shared_turns at the end",
        `target: together ≥ 95% of the one limit (not twice it), 0 × 429, every newcomer answered — ${passed ? "PASS" : "FAIL"}`,
      ],
      data: {
        database: postgres ? "postgres" : "sqlite",
        seconds: flags.seconds,
        newcomers: flags.newcomers,
        two,
        alone,
        pass: passed,
      },
      passed,
    };
  },
});
