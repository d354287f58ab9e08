import type { Logger } from "pino";
import type { BudgetShareRecord } from "../../db/schema/index.js";
import { type OutgoingBudget, type OutgoingClock, systemClock } from "../../telegram/outgoing/budget.js";
import { type Priority, priorities } from "../../telegram/outgoing/priority.js";
import type { BudgetRepository } from "./budget-repository.js";
import { divideLimit, type InstanceDemand, minimumShare } from "./budget-shares.js";

export interface SharingTiming {
  /** How often an instance publishes what it asks for and reads what the others ask. */
  syncMs: number;
  /** An instance not seen for this long is gone: the others divide the limit without it. */
  liveMs: number;
  /**
   * A larger share is taken only once every share computed this long holds it: by then the others
   * have read the demand that earned it (one sync) and their lowered rate has held a whole window.
   */
  raiseAfterMs: number;
  /** A row not seen for this long, its pause over, is deleted (a process that was killed). */
  forgetAfterMs: number;
}

export const defaultSharingTiming: SharingTiming = {
  syncMs: 250,
  liveMs: 2000,
  raiseAfterMs: 1500,
  forgetAfterMs: 60_000,
};

export interface SharedBudgetDependencies {
  budget: OutgoingBudget;
  repository: BudgetRepository;
  /** This process (the lease holder id). */
  instance: string;
  /** The bot's one limit (BOT_API_RATE), divided among the instances. */
  limit: number;
  logger: Logger;
  /** The budget's own clock, so pauses and grants are on one time line; the system's by default. */
  clock?: OutgoingClock;
  timing?: Partial<SharingTiming>;
}

/** Grants counted over about this long give the rate an instance asks to keep: long enough to smooth uneven replies. */
const demandWindowMs = 3000;

/**
 * This instance's part in the one limit every instance on the database shares. A few times a second
 * it publishes what it asks for (turns taken lately plus a burst waiting, per priority),
 * reads every live instance's row, and sets its budget's rate to its share (`divideLimit`); a 429
 * met here is written at once, and one met anywhere holds this budget back too. No database round
 * trip per message: alone, the share is the whole limit and nothing else changes.
 */
export class SharedBudget {
  private readonly timing: SharingTiming;
  private readonly clock: OutgoingClock;
  private timer: unknown;
  /** Grant counts at recent syncs, oldest first: the grants of the last few seconds. */
  private samples: Array<{ at: number; granted: Record<Priority, number> }> = [];
  /** Shares computed lately: the smallest is in force (a cut at once, a rise once it has held). */
  private targets: Array<{ at: number; rate: number }> = [];
  /** The rate taken per priority at recent syncs, in whole messages (see `steadyLevel`). */
  private readonly levels: Record<Priority, Array<{ at: number; level: number }>> = {
    reply: [],
    alert: [],
    broadcast: [],
  };
  private lastSyncAt = Number.NEGATIVE_INFINITY;
  private liveCount = 1;

  constructor(private readonly deps: SharedBudgetDependencies) {
    this.timing = { ...defaultSharingTiming, ...deps.timing };
    this.clock = deps.clock ?? systemClock;
  }

  /** Publishes and takes a share now (before anything is sent), then again every `syncMs`. */
  start(): void {
    this.deps.budget.onPause((until) => this.publishPause(until));
    this.lastSyncAt = this.clock.now();
    this.sync();
    this.schedule();
  }

  /** Stops syncing and removes this instance's row, so the others take its share at once. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    try {
      this.deps.repository.forget(this.deps.instance);
    } catch (error) {
      this.deps.logger.error(
        { err: error },
        "could not remove this instance's budget share; it expires by itself",
      );
    }
  }

  /** One round: publish this instance's demand, read everyone's, take this instance's share and any pause. */
  sync(): void {
    const { budget, repository, instance, limit, logger } = this.deps;
    const at = this.clock.now();
    const demand = budget.demand();
    const wants = this.wantsOf(at, demand);
    const queued = priorities.reduce((total, priority) => total + demand.queued[priority], 0);
    let rows: BudgetShareRecord[];
    try {
      repository.publish({ instance, wants, queued, seenAt: new Date(at) });
      rows = repository.all();
    } catch (error) {
      logger.error({ err: error }, "could not sync the outgoing budget with the other instances");
      // The others count this instance out once its row is stale: it must not send beside them.
      if (at - this.lastSyncAt >= this.timing.liveMs) this.aim(at, Math.min(minimumShare, limit));
      return;
    }
    // Unseen that long (a blocked event loop, a lost database), the others counted it out: it joins again.
    if (at - this.lastSyncAt >= this.timing.liveMs) this.targets = [];
    this.lastSyncAt = at;
    const live = rows.filter(
      (row) => row.instance === instance || row.seenAt.getTime() > at - this.timing.liveMs,
    );
    const share = divideLimit(limit, live.map(demandOf)).get(instance) ?? limit;
    // Joining others that send: the floor until they have made room (the share waits like any rise).
    if (this.targets.length === 0 && live.length > 1) {
      this.targets.push({ at, rate: Math.min(share, minimumShare, limit) });
    }
    this.aim(at, share);
    if (live.length !== this.liveCount) {
      logger.info(
        { instances: live.length, share: budget.rate },
        "instances sharing the outgoing budget changed",
      );
      this.liveCount = live.length;
    }
    let pausedUntil = Number.NEGATIVE_INFINITY;
    for (const row of rows) pausedUntil = Math.max(pausedUntil, row.pausedUntil.getTime());
    if (pausedUntil > at) budget.holdUntil(pausedUntil);
    for (const row of rows) {
      const gone = row.seenAt.getTime() <= at - this.timing.forgetAfterMs;
      if (gone && row.pausedUntil.getTime() <= at) this.forgetQuietly(row.instance);
    }
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.sync();
      this.schedule();
    }, this.timing.syncMs);
    // A pending sync never keeps the process alive on its own.
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Turns a window asked per priority: those taken over the last few seconds plus those waiting beyond a window's worth. */
  private wantsOf(
    at: number,
    demand: { granted: Record<Priority, number>; queued: Record<Priority, number> },
  ): Record<Priority, number> {
    this.samples.push({ at, granted: demand.granted });
    while (this.samples.length > 1 && (this.samples[1] as { at: number }).at <= at - demandWindowMs) {
      this.samples.shift();
    }
    const oldest = this.samples[0] as { at: number; granted: Record<Priority, number> };
    // Per window of the pacing (a second and a guard), the unit shares are counted in; over the
    // nominal span, though the samples cover up to a sync more: better a little over than short.
    const perWindow = this.deps.budget.windowMs / demandWindowMs;
    // A queue the share in force clears within a window asks nothing more (replies' first): only a
    // longer one is a burst that needs a larger share. A short one comes and goes with every reply.
    let clearable = this.deps.budget.rate;
    const wants = { reply: 0, alert: 0, broadcast: 0 };
    for (const priority of priorities) {
      const cleared = Math.min(clearable, demand.queued[priority]);
      clearable -= cleared;
      const taken = (demand.granted[priority] - oldest.granted[priority]) * perWindow;
      wants[priority] = this.steadyLevel(at, priority, taken) + demand.queued[priority] - cleared;
    }
    return wants;
  }

  /**
   * The rate taken as a steady whole number: the highest of the last few seconds. Replies come
   * unevenly; a share that followed each dip and rise by one would make the others' flicker too,
   * and each instance keeps the smallest of its recent shares, so a flicker costs everyone.
   */
  private steadyLevel(at: number, priority: Priority, taken: number): number {
    const levels = this.levels[priority];
    levels.push({ at, level: Math.ceil(taken - 1e-9) });
    while (levels.length > 1 && (levels[0] as { at: number }).at <= at - demandWindowMs) levels.shift();
    return Math.max(...levels.map((entry) => entry.level));
  }

  /** Sets the budget to the smallest share computed within `raiseAfterMs`, this one included. */
  private aim(at: number, share: number): void {
    this.targets.push({ at, rate: share });
    while (
      this.targets.length > 1 &&
      (this.targets[0] as { at: number }).at <= at - this.timing.raiseAfterMs
    ) {
      this.targets.shift();
    }
    this.deps.budget.setRate(Math.min(...this.targets.map((target) => target.rate)));
  }

  private publishPause(until: number): void {
    try {
      this.deps.repository.pause(this.deps.instance, new Date(until));
    } catch (error) {
      this.deps.logger.error({ err: error }, "could not tell the other instances of a 429 pause");
    }
  }

  private forgetQuietly(instance: string): void {
    try {
      this.deps.repository.forget(instance);
    } catch (error) {
      this.deps.logger.warn({ err: error, instance }, "could not remove a gone instance's budget share");
    }
  }
}

function demandOf(row: BudgetShareRecord): InstanceDemand {
  return {
    instance: row.instance,
    wants: { reply: row.wantsReply, alert: row.wantsAlert, broadcast: row.wantsBroadcast },
    queued: row.queued,
  };
}
