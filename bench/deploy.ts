import { textMailing } from "../test/support/mailing-helpers.js";
import {
  createFleet,
  peakPerSecond,
  peakPerSlidingSecond,
  seedRecipients,
} from "../test/support/usher-fleet.js";
import { waitFor } from "../test/support/wait-for.js";
import { defineScenario, formatTable, round } from "./scenario.js";

const budget = 30;

/**
 * A rolling deploy as an orchestrator does it, with real processes on one SQLite file: the old one
 * sends a mailing, the new one starts beside it, then the old one gets SIGTERM mid-mailing.
 */
export const deployScenario = defineScenario({
  name: "deploy",
  description:
    "a rolling deploy during a mailing: real processes, HTTP fake at 30 msg/s; duplicates, unknowns, the peak second, the handover",
  flags: {
    recipients: { description: "recipients of the mailing", default: 3000, min: 200 },
  },
  async run(flags) {
    const fleet = await createFleet({
      latencyMs: 50,
      flood: { globalPerSecond: budget, perChatPerSecond: 1 },
    });
    try {
      const ids = seedRecipients(fleet, flags.recipients);
      const mailing = fleet.services.mailings.create(
        textMailing("Deploy {first_name}", { ratePerSecond: budget }),
        new Date(),
      );
      const old = await fleet.start();
      await fleet.active(old);
      const sentAt = (n: number) =>
        waitFor(() => (fleet.services.mailings.find(mailing.id)?.sent ?? 0) >= n, `${n} sent`, 600_000);
      await sentAt(Math.floor(flags.recipients / 3));
      const fresh = await fleet.start();
      await waitFor(
        () => fresh.usher.logs().some((l) => String(l.msg).includes("waiting to take over")),
        "the new process to wait for the lease",
        60_000,
      );
      old.usher.signal("SIGTERM");
      const stopAsked = Date.now();
      if ((await old.usher.exit(60_000)) !== 0) throw new Error("the old process did not stop cleanly");
      const oldGone = Date.now();
      await fleet.active(fresh, 60_000);
      const handoverMs = Date.now() - oldGone;
      await waitFor(
        () => fleet.services.mailings.find(mailing.id)?.status === "completed",
        "the mailing to complete",
        600_000,
      );
      const done = fleet.services.mailings.find(mailing.id);
      if (!done?.startedAt || !done.finishedAt) throw new Error("the mailing has no start or finish");
      const received = ids.map((id) => fleet.fake.textsTo(id).length);
      const duplicates = received.filter((n) => n > 1).length;
      const missed = received.filter((n) => n === 0).length;
      const peak = peakPerSecond(fleet);
      const slidingPeak = peakPerSlidingSecond(fleet);
      const seconds = (done.finishedAt.getTime() - done.startedAt.getTime()) / 1000;
      const tooMany = fleet.fake.stats.tooManyRequests;
      const passed =
        duplicates === 0 && done.unknown === 0 && missed === 0 && peak <= budget && tooMany === 0;
      return {
        lines: [
          ...formatTable([
            [
              "recipients",
              "sent",
              "unknown",
              "duplicates",
              "missed",
              "peak msg in 1 s",
              "429s",
              "stop → exit",
              "exit → new active",
              "msg/s",
            ],
            [
              String(flags.recipients),
              String(done.sent),
              String(done.unknown),
              String(duplicates),
              String(missed),
              String(peak),
              String(slidingPeak),
              String(tooMany),
              `${oldGone - stopAsked} ms`,
              `${handoverMs} ms`,
              String(round(flags.recipients / seconds, 2)),
            ],
          ]),
          `target: 0 duplicates, 0 unknown, nobody missed, never more than ${budget} in a second and no 429 from the flood model — ${passed ? "PASS" : "FAIL"}`,
          "(the sliding window counts arrivals at the fake: a message or two over when the durable commit between the engine's grant and the request varies)",
        ],
        data: {
          recipients: flags.recipients,
          sent: done.sent,
          unknown: done.unknown,
          duplicates,
          missed,
          peakPerSecond: peak,
          peakPerSlidingSecond: slidingPeak,
          tooManyRequests: tooMany,
          stopToExitMs: oldGone - stopAsked,
          handoverMs,
          rate: round(flags.recipients / seconds, 2),
          pass: passed,
        },
        passed,
      };
    } finally {
      await fleet.close();
    }
  },
});
