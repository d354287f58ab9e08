import type { Update } from "grammy/types";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { Db } from "../db/client.js";
import { mailingKinds, mailingStatuses, userStatuses } from "../db/schema/index.js";
import { StatisticsRepository } from "../features/statistics/statistics-repository.js";
import { type Priority, priorities } from "../telegram/outgoing/priority.js";

/** Where a newcomer's (or a user's) walk through the gate ended up, counted once per decision. */
export const gateOutcomes = [
  "captcha_shown",
  "captcha_passed",
  "captcha_failed",
  "join_required",
  "join_unavailable",
  "registered",
  "ref_only_refused",
  "maintenance",
  "deeplink",
] as const;
export type GateOutcome = (typeof gateOutcomes)[number];

export type MailingKindLabel = (typeof mailingKinds)[number];
/** `unknown`: caught in flight by a restart, so nobody knows whether Telegram delivered it. */
export type DeliveryOutcome = "sent" | "failed" | "unknown";
/**
 * `lane_full`: the user already had the most updates allowed waiting behind the one being handled;
 * `duplicate`: Telegram sent an update again that this or another instance had already taken on.
 */
export const updateDropReasons = ["lane_full", "duplicate"] as const;
export type UpdateDropReason = (typeof updateDropReasons)[number];

export type OutgoingDropReason = "max_age";

/** The outgoing queue as /metrics shows it. */
export interface OutgoingSnapshot {
  queued: Record<Priority, number>;
  oldestAgeSeconds: number;
  /** Whether free turns come from the clock this instance shares with others on the database. */
  sharedTurns: boolean;
}

/** Usher's Prometheus metrics; every part of the bot takes it as an optional dependency. */
export interface Metrics {
  readonly registry: Registry;
  /** The content type of `render()`'s text. */
  readonly contentType: string;
  countUpdate(update: Update): void;
  countGate(outcome: GateOutcome): void;
  /** An update refused without being handled. */
  countUpdateDropped(reason: UpdateDropReason): void;
  /** An update its lane stopped waiting for (its handler still runs). */
  countUpdateTimeout(): void;
  /** One finished delivery; `errorKind` is the classifier's kind for failures. */
  countDeliveries(kind: MailingKindLabel, outcome: DeliveryOutcome, errorKind?: string, count?: number): void;
  /** A 429 from the Bot API and how long it asked everyone to wait. */
  countFloodWait(retryAfterSeconds: number): void;
  /** A message the outgoing budget gave up on (`max_age`: it waited too long for its turn). */
  countOutgoingDrop(reason: OutgoingDropReason): void;
  /** Where the outgoing queue gauges are read at scrape time. */
  watchOutgoing(source: () => OutgoingSnapshot): void;
  /** The Prometheus text exposition of every metric, the database gauges read now. */
  render(): Promise<string>;
}

export interface MetricsOptions {
  /** The gauges over SQLite (queue depth, mailings, users) are left out without it. */
  db?: Db;
  /** Process metrics (CPU, memory, event loop, GC); on by default. */
  processMetrics?: boolean;
}

/**
 * A gauge read from SQLite at scrape time. When the database cannot be read the gauge has no samples
 * (/healthz says why) rather than failing the whole scrape and losing the process metrics with it.
 */
function databaseGauge<L extends string>(
  registers: Registry[],
  name: string,
  help: string,
  labelNames: readonly L[],
  fill: (set: (labels: Partial<Record<L, string>>, value: number) => void) => void,
): void {
  new Gauge<L>({
    name,
    help,
    labelNames,
    registers,
    collect() {
      this.reset();
      try {
        fill((labels, value) => this.set(labels, value));
      } catch {
        this.reset();
        // A gauge without labels cannot be left without a sample: NaN says "not known", not 0.
        if (labelNames.length === 0) this.set(Number.NaN);
      }
    },
  });
}

const updateTypeOf = (update: Update) => Object.keys(update).find((key) => key !== "update_id") ?? "unknown";

/** A fresh registry of its own (never prom-client's global one), so tests and bots stay apart. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  // The event-loop delay is sampled every 100 ms, not prom-client's 10: at 10 ms its native timer woke
  // an idle bot 100 times a second and cost about 6 ms of CPU a second (of 10.5 ms idle in all).
  if (options.processMetrics !== false)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });

  const updates = new Counter({
    name: "usher_updates_total",
    help: "Telegram updates handled, by update type",
    labelNames: ["type"] as const,
    registers,
  });
  const dropped = new Counter({
    name: "usher_updates_dropped_total",
    help: "Telegram updates dropped without being handled, by reason",
    labelNames: ["reason"] as const,
    registers,
  });
  for (const reason of updateDropReasons) dropped.inc({ reason }, 0);
  const timeouts = new Counter({
    name: "usher_update_timeouts_total",
    help: "Updates whose handler outlasted the per-update timeout; the user's next update went ahead",
    registers,
  });
  const gate = new Counter({
    name: "usher_gate_outcomes_total",
    help: "Decisions taken by the new-user gate, by outcome",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const outcome of gateOutcomes) gate.inc({ outcome }, 0);
  const deliveries = new Counter({
    name: "usher_deliveries_total",
    help: "Mailing and Check Users deliveries by outcome; error_kind names why a failed one failed",
    labelNames: ["kind", "outcome", "error_kind"] as const,
    registers,
  });
  for (const kind of mailingKinds) {
    deliveries.inc({ kind, outcome: "sent", error_kind: "" }, 0);
    deliveries.inc({ kind, outcome: "unknown", error_kind: "" }, 0);
  }
  const floodWaits = new Counter({
    name: "usher_telegram_flood_waits_total",
    help: "429 Too Many Requests answers from the Bot API, to any call",
    registers,
  });
  const floodWaitSeconds = new Counter({
    name: "usher_telegram_flood_wait_seconds_total",
    help: "Seconds the Bot API asked the bot to wait (retry_after), summed",
    registers,
  });
  let outgoing: (() => OutgoingSnapshot) | undefined;
  new Gauge({
    name: "usher_outgoing_queued",
    help: "Messages waiting for their turn to send, by priority (reply, alert, broadcast)",
    labelNames: ["priority"] as const,
    registers,
    collect() {
      const queued = outgoing?.().queued;
      for (const priority of priorities) this.set({ priority }, queued?.[priority] ?? 0);
    },
  });
  new Gauge({
    name: "usher_outgoing_shared_turns",
    help: "1 while other instances send on the database and this one takes its turns of BOT_API_RATE from the clock they share; 0 alone",
    registers,
    collect() {
      const shared = outgoing?.().sharedTurns;
      if (shared !== undefined) this.set(shared ? 1 : 0);
    },
  });
  new Gauge({
    name: "usher_outgoing_oldest_age_seconds",
    help: "How long the oldest message waiting for its turn has waited",
    registers,
    collect() {
      this.set(outgoing?.().oldestAgeSeconds ?? 0);
    },
  });
  const outgoingDrops = new Counter({
    name: "usher_outgoing_dropped_total",
    help: "Messages never sent because they waited past their max age (10 minutes), by reason",
    labelNames: ["reason"] as const,
    registers,
  });
  outgoingDrops.inc({ reason: "max_age" }, 0);

  const { db } = options;
  if (db) {
    const statistics = new StatisticsRepository(db);
    databaseGauge(
      registers,
      "usher_mailing_queue_depth",
      "Deliveries still pending in queued, running and paused mailings",
      ["kind"],
      (set) => {
        const depth = statistics.mailingQueueDepth();
        for (const kind of mailingKinds) set({ kind }, depth[kind] ?? 0);
      },
    );
    databaseGauge(
      registers,
      "usher_mailings",
      "Mailings and Check Users runs by status",
      ["kind", "status"],
      (set) => {
        const counts = statistics.mailingsByStatus();
        for (const kind of mailingKinds) {
          for (const status of mailingStatuses) set({ kind, status }, counts[`${kind}:${status}`] ?? 0);
        }
      },
    );
    databaseGauge(
      registers,
      "usher_users",
      "Users by status (pending: still at the gate; active: bot users)",
      ["status"],
      (set) => {
        const counts = statistics.userCounts();
        for (const status of userStatuses) set({ status }, counts[status]);
      },
    );
    databaseGauge(
      registers,
      "usher_users_dead",
      "Bot users Telegram no longer delivers to (blocked the bot, deactivated, deleted)",
      [],
      (set) => set({}, statistics.userCounts().dead),
    );
  }

  return {
    registry,
    contentType: registry.contentType,
    countUpdate: (update) => updates.inc({ type: updateTypeOf(update) }),
    countGate: (outcome) => gate.inc({ outcome }),
    countUpdateDropped: (reason) => dropped.inc({ reason }),
    countUpdateTimeout: () => timeouts.inc(),
    countDeliveries: (kind, outcome, errorKind = "", count = 1) =>
      deliveries.inc({ kind, outcome, error_kind: errorKind }, count),
    countFloodWait: (retryAfterSeconds) => {
      floodWaits.inc();
      floodWaitSeconds.inc(retryAfterSeconds);
    },
    countOutgoingDrop: (reason) => outgoingDrops.inc({ reason }),
    watchOutgoing: (source) => {
      outgoing = source;
    },
    render: () => registry.metrics(),
  };
}
