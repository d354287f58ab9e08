import { setTimeout as delay } from "node:timers/promises";
import type { OpenDatabase } from "../src/db/client.js";
import { textMailing } from "../test/support/mailing-helpers.js";
import { createFleet, type Fleet, type FleetMember } from "../test/support/usher-fleet.js";
import { defineScenario, formatTable, round } from "./scenario.js";

/** Telegram's limits as the double plays them; the bot's budget is configured for the same 30/s. */
const limit = { globalPerSecond: 30, perChatPerSecond: 1 };
const metricsToken = "bench-metrics-token-0123456789";
const firstId = 7_000_001;
const day = 86_400_000;

/**
 * `due + others` registered users, known to the double and the database; the first `due` are in a
 * two-step sequence whose first step fell due at one moment (the second comes a day later).
 */
function seed(fleet: Fleet, due: number, others: number): void {
  const { sqlite } = fleet.database as OpenDatabase;
  const now = Date.now();
  const insertUser = sqlite.prepare(
    `INSERT INTO users (id, first_name, status, first_seen_at, last_seen_at, registered_at, referral_code)
     VALUES (?, ?, 'active', ?, ?, ?, ?)`,
  );
  const insertSubscription = sqlite.prepare(
    `INSERT INTO sequence_subscriptions (sequence_id, user_id, status, position, due_at, source, subscribed_at)
     VALUES (1, ?, 'active', 0, ?, 'api', ?)`,
  );
  sqlite.transaction(() => {
    sqlite
      .prepare(
        "INSERT INTO sequences (id, name, enabled, enrolled_through, created_at) VALUES (1, 'Drip', 1, ?, ?)",
      )
      .run(now, now);
    const insertStep = sqlite.prepare(
      "INSERT INTO sequence_steps (sequence_id, position, content, delay_ms) VALUES (1, ?, ?, ?)",
    );
    insertStep.run(0, JSON.stringify({ type: "text", text: "Step 1 for {first_name}" }), 0);
    insertStep.run(1, JSON.stringify({ type: "text", text: "Step 2 for {first_name}" }), day);
    for (let i = 0; i < due + others; i++) {
      const id = firstId + i;
      fleet.fake.addUser({ id, first_name: `U${i}` });
      insertUser.run(id, `U${i}`, now - day, now - day, now - day, `c${id}`);
      if (i < due) insertSubscription.run(id, now - 1000, now - day);
    }
  })();
}

/** The process's resident memory (MB) and CPU time so far (s), as its /metrics says. */
async function sample(member: FleetMember): Promise<{ at: number; mb: number; cpuS: number }> {
  const text = await (
    await fetch(`${member.base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
  ).text();
  const value = (name: string) =>
    Number(text.match(new RegExp(`^${name} ([\\d.e+-]+)$`, "m"))?.[1] ?? Number.NaN);
  return {
    at: Date.now(),
    mb: value("process_resident_memory_bytes") / 2 ** 20,
    cpuS: value("process_cpu_seconds_total"),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface LoadMeasurement {
  windowS: number;
  steps: number;
  mailed: number;
  /** Sends per second in the window, both kinds, and what the limit allows. */
  rate: number;
  fraction: number;
  tooManyRequests: number;
  /** The longest the double went without a step while steps were still due. */
  longestStepGapMs: number;
  /** Both kinds per second in each quarter of the window: a slowdown with time shows here. */
  quarterRates: number[];
  /** The process's CPU time per second of the window (1 = a whole core). */
  cpuShare: number;
  rss: { firstQuarterMb: number; lastQuarterMb: number; peakMb: number; samples: number };
}

/**
 * A real Usher process against the HTTP double: `due` steps fall due at the moment a mailing to the
 * `others` starts; measured from the first send of both kinds until the last step went out.
 */
async function measureLoad(due: number, others: number): Promise<LoadMeasurement> {
  const fleet = await createFleet({ latencyMs: 30, flood: limit });
  try {
    seed(fleet, due, others);
    const firstOther = firstId + due;
    const mailing =
      others > 0
        ? fleet.services.mailings.create(
            {
              ...textMailing("News for {first_name}", { ratePerSecond: limit.globalPerSecond }),
              audience: { includeDead: false, segment: `id>=${firstOther}` },
            },
            new Date(),
          )
        : undefined;
    const member = await fleet.start({
      METRICS_TOKEN: metricsToken,
      BOT_API_RATE: String(limit.globalPerSecond),
    });
    await fleet.active(member);

    const settled = fleet.database.sqlite.prepare(
      "SELECT count(*) AS n FROM sequence_sends WHERE status != 'sending'",
    );
    const samples: Array<{ at: number; mb: number; cpuS: number }> = [];
    const deadline = Date.now() + 120_000 + (due / 5) * 1000;
    while ((settled.get() as { n: number }).n < due) {
      if (Date.now() > deadline)
        throw new Error(`steps not all sent in time:\n${member.usher.output.slice(-20).join("\n")}`);
      samples.push(await sample(member));
      await delay(1000);
    }
    // Anything sent twice would arrive within moments; the mailing keeps running meanwhile.
    await delay(2000);

    const sent = fleet.fake.callsOf("sendMessage").filter((c) => c.ok);
    const stepCalls = sent.filter((c) => Number(c.params.chat_id) < firstOther);
    const mailCalls = sent.filter((c) => Number(c.params.chat_id) >= firstOther);
    const received = new Map<number, number>();
    for (const c of stepCalls)
      received.set(Number(c.params.chat_id), (received.get(Number(c.params.chat_id)) ?? 0) + 1);
    const twice = [...received.values()].filter((n) => n > 1).length;
    if (received.size !== due || twice > 0)
      throw new Error(`steps: ${received.size} of ${due} subscribers got one, ${twice} got more than one`);
    const rows = fleet.database.sqlite
      .prepare("SELECT status, count(*) AS n FROM sequence_sends GROUP BY status")
      .all() as Array<{ status: string; n: number }>;
    if (rows.length !== 1 || rows[0]?.status !== "sent" || rows[0].n !== due)
      throw new Error(`sequence_sends should hold ${due} "sent": ${JSON.stringify(rows)}`);
    const mailedTo = new Set(mailCalls.map((c) => Number(c.params.chat_id)));
    if (mailedTo.size !== mailCalls.length) throw new Error("the mailing sent someone its message twice");

    const stepTimes = stepCalls.map((c) => c.receivedAt).sort((a, b) => a - b);
    const mailTimes = mailCalls.map((c) => c.receivedAt).sort((a, b) => a - b);
    const start = Math.max(stepTimes[0] as number, mailTimes[0] ?? 0);
    const end = stepTimes.at(-1) as number;
    const mailingDone = mailing && fleet.services.mailings.find(mailing.id)?.status === "completed";
    if (mailing && (mailingDone || (mailTimes.at(-1) ?? 0) <= end))
      throw new Error("the mailing finished before the last step: give it more recipients");
    const inWindow = (t: number) => t >= start && t <= end;
    const steps = stepTimes.filter(inWindow).length;
    const mailed = mailTimes.filter(inWindow).length;
    const windowS = (end - start) / 1000;
    const rate = (steps + mailed - 1) / windowS;
    let longestStepGapMs = 0;
    for (let i = 1; i < stepTimes.length; i++)
      longestStepGapMs = Math.max(longestStepGapMs, (stepTimes[i] as number) - (stepTimes[i - 1] as number));

    const quarterS = windowS / 4;
    const quarterRates = [0, 1, 2, 3].map(
      (q) =>
        [...stepTimes, ...mailTimes].filter((t) => {
          const offset = (t - start) / 1000;
          return offset >= q * quarterS && (offset < (q + 1) * quarterS || (q === 3 && t === end));
        }).length / quarterS,
    );
    const within = samples.filter((s) => inWindow(s.at));
    const first = within[0];
    const last = within.at(-1);
    const cpuShare = first && last ? (last.cpuS - first.cpuS) / ((last.at - first.at) / 1000) : Number.NaN;
    const windowSamples = within.map((s) => s.mb);
    const quarter = Math.max(1, Math.floor(windowSamples.length / 4));
    return {
      windowS,
      steps,
      mailed,
      rate,
      fraction: rate / limit.globalPerSecond,
      tooManyRequests: fleet.fake.stats.tooManyRequests,
      longestStepGapMs,
      quarterRates,
      cpuShare,
      rss: {
        firstQuarterMb: median(windowSamples.slice(0, quarter)),
        lastQuarterMb: median(windowSamples.slice(-quarter)),
        peakMb: Math.max(...windowSamples),
        samples: windowSamples.length,
      },
    };
  } finally {
    await fleet.close();
  }
}

const rssGrowth = (m: LoadMeasurement) => m.rss.lastQuarterMb / m.rss.firstQuarterMb - 1;

/** Both together at ≥ 95 % of the limit, no 429, memory flat (the last quarter < 10 % over the first). */
const passes = (m: LoadMeasurement) => m.fraction >= 0.95 && m.tooManyRequests === 0 && rssGrowth(m) < 0.1;

/** The case: many steps fall due at once while a broadcast runs; both share the one budget. */
export const sequenceLoadScenario = defineScenario({
  name: "steps",
  description:
    "sequence steps falling due at once while a mailing to everyone else starts, then the same steps alone: a real process against the HTTP double at 30 msg/s",
  flags: {
    due: {
      description: "subscribers whose step falls due at once (the issue: 10,000)",
      default: 1000,
      min: 100,
    },
    others: { description: "the mailing's recipients (must outlast the steps)", default: 4000, min: 100 },
  },
  async run(flags) {
    const during = await measureLoad(flags.due, flags.others);
    const alone = await measureLoad(flags.due, 0);
    const row = (label: string, m: LoadMeasurement) => [
      label,
      `${m.steps} + ${m.mailed}`,
      `${round(m.windowS)} s`,
      `${round(m.steps / m.windowS, 2)} + ${round(m.mailed / m.windowS, 2)}`,
      `${round(m.fraction * 100)}%`,
      String(m.tooManyRequests),
      `${m.longestStepGapMs} ms`,
      `${round(m.rss.firstQuarterMb)} → ${round(m.rss.lastQuarterMb)} MB (${round(rssGrowth(m) * 100)}%)`,
      passes(m) ? "PASS" : "FAIL",
    ];
    const detail = (label: string, m: LoadMeasurement) =>
      `${label}: per second by quarter of the window ${m.quarterRates.map((r) => round(r, 1)).join(" / ")}; Usher used ${round(m.cpuShare * 100)}% of a core`;
    const passed = passes(during) && passes(alone);
    return {
      lines: [
        ...formatTable([
          [
            `${flags.due} steps`,
            "steps + mailing",
            "window",
            "per second",
            "of 30/s",
            "429s",
            "longest step pause",
            "RSS 1st → last quarter",
            "",
          ],
          row(`during a mailing to ${flags.others}`, during),
          row("alone", alone),
        ]),
        detail("during", during),
        detail("alone", alone),
        `every step sent exactly once (sequence_sends and the double's log); window: first send of each kind → last step; RSS sampled each second (peak ${round(during.rss.peakMb)} / ${round(alone.rss.peakMb)} MB)`,
        `target: steps and mailing together ≥ 95% of the limit, no 429, RSS flat (last quarter < 10% over the first) — ${passed ? "PASS" : "FAIL"}`,
      ],
      data: { due: flags.due, others: flags.others, during, alone, pass: passed },
      passed,
    };
  },
});
