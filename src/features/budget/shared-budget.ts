import type { Logger } from "pino";
import {
  type OutgoingBudget,
  type OutgoingClock,
  systemClock,
  type TurnSource,
} from "../../telegram/outgoing/budget.js";
import type { BudgetRepository } from "./budget-repository.js";

export interface SharingTiming {
  /** How often an instance writes that it is alive and reads who else sends. */
  syncMs: number;
  /** An instance not seen for this long is gone: the others do not wait for it to share. */
  liveMs: number;
  /** A row not seen for this long, its pause over, is deleted (a process that was killed). */
  forgetAfterMs: number;
}

export const defaultSharingTiming: SharingTiming = {
  syncMs: 250,
  liveMs: 2000,
  forgetAfterMs: 60_000,
};

export interface SharedBudgetDependencies {
  budget: OutgoingBudget;
  repository: BudgetRepository;
  /** This process (the lease holder id). */
  instance: string;
  logger: Logger;
  /** The budget's own clock, so pauses and turns are on one time line; the system's by default. */
  clock?: OutgoingClock;
  timing?: Partial<SharingTiming>;
}

/**
 * This instance's part in the one limit every instance on the database shares. A few times a
 * second it writes that it is alive and reads the others' rows. Alone, its budget paces itself and
 * nothing touches the database per message. With others there, every free turn is taken from one
 * clock in the database, the limit's turns evenly spaced whoever sends: together they keep to the
 * limit, and whatever one leaves unused the others take (no share sits idle). A 429 met here is
 * written at once, and one met anywhere holds this budget back too.
 */
export class SharedBudget implements TurnSource {
  private readonly timing: SharingTiming;
  private readonly clock: OutgoingClock;
  private timer: unknown;
  /** Every live instance takes its turns from the clock: this one may too. */
  private othersShare = false;
  private instances = 1;
  private turnFailed = false;

  constructor(private readonly deps: SharedBudgetDependencies) {
    this.timing = { ...defaultSharingTiming, ...deps.timing };
    this.clock = deps.clock ?? systemClock;
  }

  /** Checks in now (before anything is sent), then again every `syncMs`. */
  start(): void {
    this.deps.budget.onPause((until) => this.publishPause(until));
    this.sync();
    this.schedule();
  }

  /** Stops syncing and removes this instance's row, so the others stop waiting for it. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    try {
      this.deps.repository.forget(this.deps.instance);
    } catch (error) {
      this.deps.logger.error(
        { err: error },
        "could not remove this instance's budget row; it expires by itself",
      );
    }
  }

  /** One round: write that this instance is alive, read the others, and pace alone or by the clock. */
  sync(): void {
    const { budget, repository, instance, logger } = this.deps;
    const at = this.clock.now();
    let checkIn: ReturnType<BudgetRepository["checkIn"]>;
    try {
      checkIn = repository.checkIn(instance, new Date(at));
    } catch (error) {
      // Sharing, no turn is taken until the clock answers again; alone, the budget needs no database.
      logger.error({ err: error }, "could not sync the outgoing budget with the other instances");
      return;
    }
    this.turnFailed = false;
    const others = checkIn.rows.filter((row) => row.instance !== instance);
    const live = others.filter((row) => row.seenAt.getTime() > at - this.timing.liveMs);
    // Turns come from the clock only once every live instance takes them from it too: one that
    // still paces alone (it has not read this one's row yet) would send beside them.
    this.othersShare = live.every((row) => row.sharing);
    if (others.length === 0) budget.paceAlone((checkIn.lastTurnUs ?? Number.NEGATIVE_INFINITY) / 1000);
    else budget.takeTurnsFrom(this);
    if (live.length + 1 !== this.instances) {
      this.instances = live.length + 1;
      logger.info({ instances: this.instances }, "instances sharing the outgoing budget changed");
    }
    let pausedUntil = Number.NEGATIVE_INFINITY;
    for (const row of checkIn.rows) pausedUntil = Math.max(pausedUntil, row.pausedUntil.getTime());
    if (pausedUntil > at) budget.holdUntil(pausedUntil);
    for (const row of others) {
      const gone = row.seenAt.getTime() <= at - this.timing.forgetAfterMs;
      if (gone && row.pausedUntil.getTime() <= at) this.forgetQuietly(row.instance);
    }
  }

  /** The next turn of the one limit from the clock in the database (ms), or none while others join. */
  take(earliest: number): number | undefined {
    if (!this.othersShare) return undefined;
    try {
      const spacingUs = Math.round(this.deps.budget.spacingMs * 1000);
      return this.deps.repository.takeTurn(Math.floor(earliest * 1000), spacingUs) / 1000;
    } catch (error) {
      // Asked again at the next sync; said once until then, not at every waiting message.
      if (!this.turnFailed)
        this.deps.logger.error({ err: error }, "could not take a turn to send from the shared clock");
      this.turnFailed = true;
      return undefined;
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
      this.deps.logger.warn({ err: error, instance }, "could not remove a gone instance's budget row");
    }
  }
}
