import type { Metrics } from "../../metrics/metrics.js";
import { Pacing, type PacingLimits } from "./pacing.js";
import type { Priority } from "./priority.js";
import { OutgoingQueue, type Waiter } from "./queue.js";

/** The time and timers the budget runs on; tests pass a hand-moved one. */
export interface OutgoingClock {
  now(): number;
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's clock and timers. */
export const systemClock: OutgoingClock = {
  now: Date.now,
  setTimeout: (fire, ms) => setTimeout(fire, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** How long a message may wait for its turn before it is dropped, unless its caller says otherwise. */
export const defaultMaxAgeMs = 10 * 60_000;

/** What the budget reports to /metrics. */
export type OutgoingMetrics = Pick<Metrics, "countFloodWait" | "countOutgoingDrop" | "watchOutgoing">;

export interface OutgoingBudgetOptions {
  limits: PacingLimits;
  maxAgeMs?: number;
  clock?: OutgoingClock;
  metrics?: OutgoingMetrics;
}

/** One request for a turn to send a message. */
export interface TurnRequest {
  priority: Priority;
  chatId?: number;
  /** A paid broadcast (`allow_paid_broadcast`): Telegram does not count it in the free rate. */
  paid?: boolean;
  /** When the call first asked; given again after a 429, it goes back to the head of its chat's line. */
  since?: number;
  /** Infinity for work that is safe however long it waits (a mailing's deliveries are in SQLite). */
  maxAgeMs?: number;
  /** Gives up the wait (a stopping engine, a caller's timeout): `take` resolves false. */
  signal?: AbortSignal;
}

/**
 * Where free turns come from while other instances send for the same bot: the one limit's turns,
 * evenly spaced, handed out across them.
 */
export interface TurnSource {
  /**
   * Takes this instance's next free turn, at `earliest` or later (it may lie ahead: the caller waits
   * for it); undefined when none can be taken now, and the budget asks again at the next `takeTurnsFrom`.
   */
  take(earliest: number): number | undefined;
}

/** A message that waited longer than its max age for its turn; it was not sent. */
export class OutgoingDropped extends Error {
  override name = "OutgoingDropped";
  readonly code = "outgoing_max_age";

  constructor(
    readonly priority: Priority,
    readonly waitedMs: number,
  ) {
    super(`dropped after waiting ${Math.round(waitedMs / 1000)} s for a turn to send (${priority})`);
  }
}

interface Entry extends Waiter {
  paid: boolean;
  expiresAt: number;
  go(): void;
  drop(error: OutgoingDropped): void;
}

/**
 * The one budget every message the bot sends draws from: turns are given at the global rate and
 * each chat's own, by priority, paced before sending; a 429 anywhere holds everyone back.
 */
export class OutgoingBudget {
  private readonly pacing: Pacing;
  private readonly queue = new OutgoingQueue<Entry>();
  private readonly clock: OutgoingClock;
  private readonly maxAgeMs: number;
  private timer: unknown;
  private wakeAt = Number.POSITIVE_INFINITY;
  /** The earliest a waiting head expires (a new waiter lowers it), so pump knows when to look. */
  private nextExpiryAt = Number.POSITIVE_INFINITY;
  /** Set while other instances send too: free turns are taken from it, one ahead at most. */
  private turns: TurnSource | undefined;
  /** The free turn taken from `turns` and not used yet. */
  private turnAt: number | undefined;
  private pauseListener: ((until: number) => void) | undefined;

  constructor(private readonly options: OutgoingBudgetOptions) {
    this.pacing = new Pacing(options.limits);
    this.clock = options.clock ?? systemClock;
    this.maxAgeMs = options.maxAgeMs ?? defaultMaxAgeMs;
    options.metrics?.watchOutgoing(() => this.snapshot());
  }

  /** The budget's clock (ms): when a call first asked, for its age. */
  now(): number {
    return this.clock.now();
  }

  /**
   * Resolves true when the caller may send one message, false when its signal gave up first;
   * rejects with OutgoingDropped once it has waited longer than its max age.
   */
  take(request: TurnRequest): Promise<boolean> {
    const { signal } = request;
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve, reject) => {
      const since = request.since ?? this.clock.now();
      const entry: Entry = {
        priority: request.priority,
        chatId: request.chatId,
        since,
        paid: request.paid === true,
        expiresAt: since + (request.maxAgeMs ?? this.maxAgeMs),
        go: () => {
          signal?.removeEventListener("abort", giveUp);
          resolve(true);
        },
        drop: (error) => {
          signal?.removeEventListener("abort", giveUp);
          reject(error);
        },
      };
      const giveUp = () => {
        if (!this.queue.remove(entry)) return;
        resolve(false);
        this.pump();
      };
      signal?.addEventListener("abort", giveUp, { once: true });
      this.queue.add(entry, request.since !== undefined);
      this.nextExpiryAt = Math.min(this.nextExpiryAt, entry.expiresAt);
      this.pump();
    });
  }

  /**
   * Telegram answered 429: everyone waits `retryAfterSeconds` (it is bot-wide), this chat too.
   * True when this started or lengthened the pause (overlapping 429s of calls in flight do not).
   */
  pushBack(retryAfterSeconds: number, chatId?: number): boolean {
    this.options.metrics?.countFloodWait(retryAfterSeconds);
    const lengthened = this.pacing.pushBack(retryAfterSeconds, this.clock.now(), chatId);
    this.pump();
    if (lengthened) this.pauseListener?.(this.pacing.pausedUntil);
    return lengthened;
  }

  /** Hears each 429 pause this budget starts or lengthens (with its end), to tell other instances. */
  onPause(listener: (until: number) => void): void {
    this.pauseListener = listener;
  }

  /** Another instance met a 429: nobody here sends before `until` either (ms on this budget's clock). */
  holdUntil(until: number): void {
    if (this.pacing.pauseUntil(until)) this.pump();
  }

  /** The time between two free turns of the one limit (ms). */
  get spacingMs(): number {
    return this.pacing.spacingMs;
  }

  /**
   * Takes free turns from `source` (other instances send too), from now on; called again, looks for
   * a turn again after `source` had none.
   */
  takeTurnsFrom(source: TurnSource): void {
    this.turns = source;
    this.pump();
  }

  /**
   * Paces free turns here again (this instance is alone), the next a spacing after `lastTurnAt`,
   * the last turn the shared source gave anyone.
   */
  paceAlone(lastTurnAt: number): void {
    if (this.turns === undefined) return;
    this.pacing.continueAfter(Math.max(lastTurnAt, this.turnAt ?? Number.NEGATIVE_INFINITY));
    this.turns = undefined;
    this.turnAt = undefined;
    this.pump();
  }

  /** A 429 on a read: counted, but it holds nobody back (reads have limits of their own). */
  countReadFloodWait(retryAfterSeconds: number): void {
    this.options.metrics?.countFloodWait(retryAfterSeconds);
  }

  /**
   * Resolves once no 429 holds the bot back (calls that are not messages wait only for that), or
   * early when `signal` aborts; rejects with OutgoingDropped once the call is older than the max age.
   */
  async pauseOver(request: { priority: Priority; since: number; signal?: AbortSignal }): Promise<void> {
    const { since, signal } = request;
    for (;;) {
      const now = this.clock.now();
      if (now - since >= this.maxAgeMs) {
        this.options.metrics?.countOutgoingDrop("max_age");
        throw new OutgoingDropped(request.priority, now - since);
      }
      const waitMs = Math.min(this.pacing.pausedUntil, since + this.maxAgeMs) - now;
      if (waitMs <= 0 || signal?.aborted) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.clock.clearTimeout(handle);
          signal?.removeEventListener("abort", wake);
          resolve();
        };
        const handle = this.clock.setTimeout(wake, waitMs);
        signal?.addEventListener("abort", wake, { once: true });
      });
    }
  }

  /** How many wait per priority, how long the oldest has waited, and whether turns are shared. */
  snapshot(): { queued: Record<Priority, number>; oldestAgeSeconds: number; sharedTurns: boolean } {
    const now = this.clock.now();
    let oldest = now;
    this.queue.forEachHead((head) => {
      oldest = Math.min(oldest, head.since);
    });
    return {
      queued: this.queue.sizes(),
      oldestAgeSeconds: (now - oldest) / 1000,
      sharedTurns: this.turns !== undefined,
    };
  }

  private isReady(now: number): (entry: Entry) => boolean {
    return (entry) => {
      if (this.turns === undefined || entry.paid) return this.pacing.readyAt(entry.chatId, entry.paid) <= now;
      return this.pacing.chatReadyAt(entry.chatId) <= now && this.sharedTurnDue(this.turns, now);
    };
  }

  /** Whether the free turn taken from the shared source is due now; takes one when none is held. */
  private sharedTurnDue(source: TurnSource, now: number): boolean {
    // A turn left unused for a spacing would now crowd the others' turns: a fresh one is taken.
    if (this.turnAt !== undefined && this.turnAt < now - this.pacing.spacingMs) this.turnAt = undefined;
    // Not before this instance's own pacing allows either: its turns alone, just before, still count.
    this.turnAt ??= source.take(Math.max(now, this.pacing.readyAt(undefined)));
    return this.turnAt !== undefined && this.turnAt <= now;
  }

  private grantAt(now: number): (entry: Entry) => void {
    return (entry) => {
      // Pacing counts this instance's own free grants whoever gave the turn.
      this.pacing.grant(entry.chatId, now, entry.paid);
      if (!entry.paid) this.turnAt = undefined;
      entry.go();
    };
  }

  /** When `head` may go, as far as is known now (a shared turn not taken yet: at the next `takeTurnsFrom`). */
  private headReadyAt(head: Entry, now: number): number {
    if (this.turns === undefined || head.paid) return this.pacing.readyAt(head.chatId, head.paid);
    const chatAt = this.pacing.chatReadyAt(head.chatId);
    if (chatAt > now) return Math.max(chatAt, this.turnAt ?? chatAt);
    return this.turnAt ?? Number.POSITIVE_INFINITY;
  }

  /** Drops the expired, gives every turn due now, and sets the timer for the next. */
  private pump(): void {
    const now = this.clock.now();
    // Only when a head may have expired: the scan of every line is not paid at every send.
    if (now >= this.nextExpiryAt) {
      for (const expired of this.queue.removeExpired((entry) => entry.expiresAt <= now)) {
        this.options.metrics?.countOutgoingDrop("max_age");
        expired.drop(new OutgoingDropped(expired.priority, now - expired.since));
      }
    }
    this.queue.takeReady(this.isReady(now), this.grantAt(now));
    let wakeAt = Number.POSITIVE_INFINITY;
    let nextExpiryAt = Number.POSITIVE_INFINITY;
    this.queue.forEachHead((head) => {
      nextExpiryAt = Math.min(nextExpiryAt, head.expiresAt);
      wakeAt = Math.min(wakeAt, head.expiresAt, this.headReadyAt(head, now));
    });
    this.nextExpiryAt = nextExpiryAt;
    if (wakeAt === this.wakeAt) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.wakeAt = wakeAt;
    if (wakeAt === Number.POSITIVE_INFINITY) return;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, wakeAt - now),
    );
  }
}
