import { setTimeout as delay } from "node:timers/promises";
import type { SimUser } from "../test/support/fake-telegram/index.js";
import { createFleet, type Fleet, type FleetMember, seedRecipients } from "../test/support/usher-fleet.js";
import { defineScenario, formatTable, round } from "./scenario.js";

/** Telegram's limits as the double applies them: the bot as a whole, and one private chat. */
const limits = { globalPerSecond: 30, perChatPerSecond: 1 };
/** Newcomers arrive at two thirds of the budget: their welcomes fit, so any wait is the flooder's doing. */
const newcomersPerSecond = 20;
/** A newcomer still unanswered this long after the last one arrived counts as never answered. */
const patienceMs = 60_000;
const targetRatio = 2;

/** What one run measured: each newcomer's wait for a first answer, and what became of the flood. */
interface Run {
  waits: number[];
  flooderSent: number;
  flooderAnswered: number;
  tooManyRequests: number;
  dropped: number;
  timeouts: number;
}

interface Figures extends Omit<Run, "waits"> {
  newcomers: number;
  answered: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile; unanswered newcomers count as infinitely late. */
function percentile(sorted: number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/** When the first message to each chat arrived at the double (accepted, not refused with a 429). */
function firstAnswers(fleet: Fleet): Map<number, number> {
  const first = new Map<number, number>();
  for (const call of fleet.fake.callsOf("sendMessage")) {
    const chat = Number(call.params.chat_id);
    if (call.ok && !first.has(chat)) first.set(chat, call.receivedAt);
  }
  return first;
}

async function scrape(member: FleetMember, name: string): Promise<number> {
  const text = await (await fetch(`${member.base}/metrics`)).text();
  const found = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, "m"));
  return Number(found?.[1] ?? Number.NaN);
}

/**
 * One real Usher process (long polling) against the HTTP double with Telegram's limits: optionally a
 * registered user sending /start `floodPerSecond` times a second from `leadSeconds` before the
 * newcomers until the last of them is answered, and `newcomers` people pressing /start.
 */
async function runOnce(newcomers: number, floodPerSecond: number, leadSeconds: number): Promise<Run> {
  const fleet = await createFleet({ latencyMs: 30, flood: limits });
  try {
    const [flooderId] = seedRecipients(fleet, 1);
    const flooder = fleet.fake.user(flooderId as number) as SimUser;
    const member = await fleet.start();
    await fleet.active(member);

    let flooderSent = 0;
    const flooding = floodPerSecond > 0;
    const floodTimer = flooding
      ? setInterval(() => {
          fleet.fake.enqueue(fleet.fake.updates.start(flooder));
          flooderSent += 1;
        }, 1000 / floodPerSecond)
      : undefined;
    try {
      // Without a flooder too, so both runs meet a process that has been running as long.
      await delay(leadSeconds * 1000);
      const arrivals = new Map<number, number>();
      for (let i = 0; i < newcomers; i++) {
        const user = fleet.fake.addUser({ first_name: `N${i}` });
        fleet.fake.enqueue(fleet.fake.updates.start(user));
        arrivals.set(user.id, Date.now());
        await delay(1000 / newcomersPerSecond);
      }
      const lastArrival = Date.now();
      const everyoneAnswered = () => {
        const first = firstAnswers(fleet);
        return [...arrivals.keys()].every((id) => first.has(id));
      };
      while (!everyoneAnswered() && Date.now() - lastArrival < patienceMs) await delay(200);
      const first = firstAnswers(fleet);
      return {
        waits: [...arrivals].map(([id, at]) => {
          const answeredAt = first.get(id);
          return answeredAt === undefined ? Number.POSITIVE_INFINITY : answeredAt - at;
        }),
        flooderSent,
        flooderAnswered: fleet.fake
          .callsOf("sendMessage")
          .filter((c) => c.ok && c.params.chat_id === flooder.id).length,
        tooManyRequests: fleet.fake.stats.tooManyRequests,
        dropped: await scrape(member, "usher_updates_dropped_total"),
        timeouts: await scrape(member, "usher_update_timeouts_total"),
      };
    } finally {
      clearInterval(floodTimer);
    }
  } finally {
    await fleet.close();
  }
}

/** JSON has no infinity: a figure that never came is null. */
const finite = (value: number, digits = 1) => (Number.isFinite(value) ? round(value, digits) : null);
/** The runs of one kind pooled: more samples behind the p99 than one run gives. */
function pool(runs: Run[]): Figures {
  const waits = runs.flatMap((r) => r.waits).sort((a, b) => a - b);
  const sum = (pick: (r: Run) => number) => runs.reduce((total, r) => total + pick(r), 0);
  return {
    newcomers: waits.length,
    answered: waits.filter(Number.isFinite).length,
    p50: percentile(waits, 0.5),
    p99: percentile(waits, 0.99),
    max: waits.at(-1) ?? Number.NaN,
    flooderSent: sum((r) => r.flooderSent),
    flooderAnswered: sum((r) => r.flooderAnswered),
    tooManyRequests: sum((r) => r.tooManyRequests),
    dropped: sum((r) => r.dropped),
    timeouts: sum((r) => r.timeouts),
  };
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : "never");
const count = (value: number) => (Number.isNaN(value) ? "–" : String(value));

/**
 * Per-user fairness: one user floods the bot (long polling) while newcomers arrive; their first
 * answers must come about as fast as without the flooder.
 */
export const floodScenario = defineScenario({
  name: "flood",
  description:
    "one user sends /start 50 times a second while newcomers arrive: real process, HTTP fake at 30 msg/s and 1/s per chat; newcomers' p99 first answer against a run without the flooder",
  flags: {
    newcomers: { description: "newcomers pressing /start, 20 a second", default: 200, min: 20 },
    rounds: { description: "runs of each kind, alternated, their newcomers pooled", default: 2 },
    "flood-rate": { description: "the flooder's updates per second", default: 50 },
    "flood-lead": {
      description: "seconds the flood runs before the first newcomer",
      default: 15,
      min: 0,
    },
  },
  async run(flags) {
    // Alternated, so a busy moment of the machine falls on both kinds alike.
    const quietRuns: Run[] = [];
    const floodedRuns: Run[] = [];
    for (let i = 0; i < flags.rounds; i++) {
      quietRuns.push(await runOnce(flags.newcomers, 0, flags["flood-lead"]));
      floodedRuns.push(await runOnce(flags.newcomers, flags["flood-rate"], flags["flood-lead"]));
    }
    const quiet = pool(quietRuns);
    const flooded = pool(floodedRuns);
    const ratio = flooded.p99 / quiet.p99;
    const passed =
      quiet.answered === quiet.newcomers && flooded.answered === flooded.newcomers && ratio <= targetRatio;
    const row = (label: string, r: Figures) => [
      label,
      `${r.answered}/${r.newcomers}`,
      ms(r.p50),
      ms(r.p99),
      ms(r.max),
      String(r.flooderSent),
      String(r.flooderAnswered),
      count(r.dropped),
      count(r.timeouts),
      String(r.tooManyRequests),
    ];
    return {
      lines: [
        ...formatTable([
          [
            "",
            "answered",
            "first answer p50",
            "p99",
            "max",
            "flooder sent",
            "flooder answered",
            "dropped",
            "timeouts",
            "429s",
          ],
          row("without flooder", quiet),
          row(`flooder at ${flags["flood-rate"]}/s`, flooded),
        ]),
        `newcomers' p99 with the flooder / without: ${Number.isFinite(ratio) ? `${round(ratio, 2)}×` : "∞"} (target ≤ ${targetRatio}×, everyone answered) — ${passed ? "PASS" : "FAIL"}`,
        `(${flags.rounds} runs of each kind, alternated; in each, newcomers come ${newcomersPerSecond} a second from ${flags["flood-lead"]} s after start, the flood from the start; welcomes only, no admin alerts; times are until the welcome reaches the double)`,
      ],
      data: {
        newcomers: flags.newcomers,
        rounds: flags.rounds,
        floodRate: flags["flood-rate"],
        floodLeadSeconds: flags["flood-lead"],
        quiet: { ...quiet, p50: finite(quiet.p50), p99: finite(quiet.p99), max: finite(quiet.max) },
        flooded: { ...flooded, p50: finite(flooded.p50), p99: finite(flooded.p99), max: finite(flooded.max) },
        ratio: finite(ratio, 2),
        pass: passed,
      },
      passed,
    };
  },
});
