import { textMailing } from "../test/support/mailing-helpers.js";
import { createFleet, seedRecipients } from "../test/support/usher-fleet.js";
import { waitFor } from "../test/support/wait-for.js";
import { defineScenario, formatTable, round } from "./scenario.js";

/** Telegram's limits as the double plays them: 30 messages a second for the bot, one a second per chat. */
const limit = { globalPerSecond: 30, perChatPerSecond: 1 };
const adminId = 4_000_001;

interface BurstMeasurement {
  newcomers: number;
  welcomed: number;
  duplicates: number;
  /** Seconds from the burst to the last welcome, as the double received it. */
  lastWelcomeS: number;
  /** Welcomes plus the alerts that went out meanwhile: what the limit had to carry. */
  messagesBeforeLastWelcome: number;
  alertsBeforeLastWelcome: number;
  /** What the limit allows for those messages, in seconds. */
  allowedS: number;
  tooManyRequests: number;
  /** Mailing deliveries sent when the burst came, when the last welcome went out, and at the end. */
  mailing?: {
    recipients: number;
    sentAtBurst: number;
    sentAtLastWelcome: number;
    missed: number;
    twice: number;
  };
}

/**
 * A real Usher process (default settings: welcome plus a new-user alert to the one admin) against
 * the HTTP double with Telegram's limits; `newcomers` press /start at once, during a mailing when
 * `recipients` is more than 0.
 */
async function measureBurst(newcomers: number, recipients: number): Promise<BurstMeasurement> {
  const fleet = await createFleet({ latencyMs: 20, flood: limit });
  try {
    fleet.fake.addUser({ id: adminId, first_name: "Admin" });
    const ids = recipients > 0 ? seedRecipients(fleet, recipients) : [];
    const mailing =
      recipients > 0
        ? fleet.services.mailings.create(textMailing("News {first_name}", { ratePerSecond: 30 }), new Date())
        : undefined;
    const member = await fleet.start({ ADMIN_IDS: String(adminId) });
    await fleet.active(member);
    const sentSoFar = () => (mailing ? (fleet.services.mailings.find(mailing.id)?.sent ?? 0) : 0);
    // The burst comes once the mailing runs at full speed.
    if (mailing)
      await waitFor(() => sentSoFar() >= Math.min(300, recipients / 4), "the mailing to run", 120_000);

    const people = Array.from({ length: newcomers }, (_, i) => fleet.fake.addUser({ first_name: `New${i}` }));
    const newcomerIds = new Set(people.map((p) => p.id));
    const sentAtBurst = sentSoFar();
    const burstAt = Date.now();
    fleet.fake.enqueue(...people.map((p) => fleet.fake.updates.start(p)));
    await waitFor(
      () => people.every((p) => fleet.fake.textsTo(p.id).length > 0),
      "every newcomer to be welcomed",
      600_000,
    );
    const sentAtLastWelcome = sentSoFar();
    const sent = fleet.fake.callsOf("sendMessage").filter((c) => c.ok && c.receivedAt >= burstAt);
    const welcomes = sent.filter((c) => newcomerIds.has(Number(c.params.chat_id)));
    const lastWelcomeAt = Math.max(...welcomes.map((c) => c.receivedAt));
    const alerts = sent.filter((c) => Number(c.params.chat_id) === adminId && c.receivedAt <= lastWelcomeAt);
    const messages = welcomes.length + alerts.length;
    const tooManyRequests = fleet.fake.stats.tooManyRequests;

    let mailingFigures: BurstMeasurement["mailing"];
    if (mailing) {
      await waitFor(
        () => fleet.services.mailings.find(mailing.id)?.status === "completed",
        "the mailing to complete",
        600_000,
      );
      const received = ids.map((id) => fleet.fake.textsTo(id).length);
      mailingFigures = {
        recipients,
        sentAtBurst,
        sentAtLastWelcome,
        missed: received.filter((n) => n === 0).length,
        twice: received.filter((n) => n > 1).length,
      };
    }
    return {
      newcomers,
      welcomed: people.filter((p) => fleet.fake.textsTo(p.id).length > 0).length,
      duplicates: people.filter((p) => fleet.fake.textsTo(p.id).length > 1).length,
      lastWelcomeS: (lastWelcomeAt - burstAt) / 1000,
      messagesBeforeLastWelcome: messages,
      alertsBeforeLastWelcome: alerts.length,
      allowedS: messages / limit.globalPerSecond,
      tooManyRequests,
      ...(mailingFigures && { mailing: mailingFigures }),
    };
  } finally {
    await fleet.close();
  }
}

const passes = (m: BurstMeasurement) =>
  m.welcomed === m.newcomers &&
  m.duplicates === 0 &&
  m.lastWelcomeS <= 1.5 * m.allowedS &&
  m.tooManyRequests < 10 &&
  (m.mailing === undefined || (m.mailing.missed === 0 && m.mailing.twice === 0));

/** A viral post: newcomers press /start at once, alone and during a mailing. */
export const burstScenario = defineScenario({
  name: "burst",
  description:
    "newcomers press /start at once (welcome + new-user alert to one admin), real process vs the HTTP double at 30 msg/s and 1/s per chat; alone and during a mailing",
  flags: {
    newcomers: { description: "newcomers pressing /start at once", default: 600, min: 10 },
    recipients: {
      description: "recipients of the mailing running during the second burst",
      default: 3000,
      min: 100,
    },
  },
  async run(flags) {
    const alone = await measureBurst(flags.newcomers, 0);
    const during = await measureBurst(flags.newcomers, flags.recipients);
    const row = (label: string, m: BurstMeasurement) => [
      label,
      `${m.welcomed}/${m.newcomers}`,
      String(m.duplicates),
      `${round(m.lastWelcomeS, 1)} s`,
      `${m.messagesBeforeLastWelcome} (${m.alertsBeforeLastWelcome} alerts)`,
      `${round(m.allowedS, 1)} s`,
      String(m.tooManyRequests),
      m.mailing
        ? `${m.mailing.sentAtBurst} → ${m.mailing.sentAtLastWelcome} of ${m.mailing.recipients}`
        : "—",
      passes(m) ? "PASS" : "FAIL",
    ];
    const passed = passes(alone) && passes(during);
    return {
      lines: [
        ...formatTable([
          [
            "burst",
            "welcomed",
            "twice",
            "last welcome",
            "msgs until then",
            "limit allows",
            "429s",
            "mailing sent (burst → last welcome)",
            "",
          ],
          row("alone", alone),
          row(`during a mailing`, during),
        ]),
        `target: every newcomer welcomed once, the last within 1.5× what 30 msg/s allows for the messages sent until then, fewer than 10 × 429; the mailing loses nobody and sends nobody twice — ${passed ? "PASS" : "FAIL"}`,
        "(the alerts to the one admin go at about one a second: the rest wait their turn; they are not counted as welcomes)",
      ],
      data: { alone, during, pass: passed },
      passed,
    };
  },
});
