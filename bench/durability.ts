import { MailingRepository } from "../src/features/mailing/mailing-repository.js";
import { insertBotUsers, mailingOptions, temporaryUsher } from "./mailing.js";
import { defineScenario, formatTable, round } from "./scenario.js";

type Variant = "normal" | "usher" | "full";

const variantLabels: Record<Variant, string> = {
  normal: "synchronous=NORMAL for every commit",
  usher: "FULL for the sending mark only (Usher)",
  full: "synchronous=FULL for every commit",
};

/** The paid-broadcast ceiling: durable sending marks must leave room for it. */
const targetPerSecond = 1000;

/**
 * The database side of `deliveries` deliveries (sending mark, then outcome with counters and
 * liveness) on a SQLite file in WAL mode, as the engine writes them, without Telegram in between.
 */
function measure(variant: Variant, deliveries: number): { microsPerDelivery: number } {
  const usher = temporaryUsher();
  try {
    const firstId = 5_000_001;
    insertBotUsers(usher.database, firstId, deliveries);
    if (variant === "full") usher.database.sqlite.pragma("synchronous = FULL");
    const repository = new MailingRepository(usher.database.db);
    // The baseline: the same statements without the durable commit around the sending mark.
    if (variant === "normal")
      (repository as unknown as { durably: (write: () => unknown) => unknown }).durably = (write) => write();
    const mailing = repository.create(
      {
        kind: "mailing",
        payload: { kind: "message", content: { type: "text", text: "x" }, buttons: [] },
        audience: { includeDead: false },
        options: mailingOptions({}),
        createdBy: null,
      },
      new Date(),
    );
    repository.snapshot(mailing.id, new Date());
    const start = performance.now();
    for (let i = 0; i < deliveries; i++) {
      const userId = firstId + i;
      if (!repository.markSending(mailing.id, userId, new Date())) throw new Error(`${userId} not marked`);
      repository.recordOutcome(mailing.id, userId, { state: "sent" }, 1, new Date());
    }
    const micros = ((performance.now() - start) * 1000) / deliveries;
    if (repository.find(mailing.id)?.sent !== deliveries) throw new Error("not every delivery was recorded");
    return { microsPerDelivery: micros };
  } finally {
    usher.remove();
  }
}

export const durabilityScenario = defineScenario({
  name: "durability",
  description:
    "what a delivery's state changes cost on a SQLite file with WAL: NORMAL, FULL for the sending mark only, FULL for all",
  flags: {
    deliveries: { description: "deliveries per variant", default: 5000, min: 100 },
  },
  async run(flags) {
    const results = (["normal", "usher", "full"] as const).map((variant) => ({
      variant,
      ...measure(variant, flags.deliveries),
    }));
    const normal = results[0]?.microsPerDelivery ?? 1;
    const usher = results.find((r) => r.variant === "usher")?.microsPerDelivery ?? 0;
    const ceiling = 1_000_000 / usher;
    const passed = ceiling >= targetPerSecond;
    return {
      lines: [
        ...formatTable([
          ["", "µs per delivery", "vs NORMAL", "deliveries/s (database alone)"],
          ...results.map((r) => [
            variantLabels[r.variant],
            String(round(r.microsPerDelivery)),
            `${round(r.microsPerDelivery / normal, 2)}×`,
            String(Math.round(1_000_000 / r.microsPerDelivery)),
          ]),
        ]),
        `target: with durable sending marks the database alone keeps up with the paid-broadcast ceiling (${targetPerSecond}/s) — ${passed ? "PASS" : "FAIL"}`,
      ],
      data: {
        deliveries: flags.deliveries,
        microsPerDelivery: Object.fromEntries(results.map((r) => [r.variant, round(r.microsPerDelivery)])),
        usherVsNormal: round(usher / normal, 2),
        pass: passed,
      },
      passed,
    };
  },
});
