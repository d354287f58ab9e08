import { BotError, type Context, type MiddlewareFn, type NextFunction } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Metrics } from "../metrics/metrics.js";

/** Updates one user may have waiting behind the one being handled; past that they are dropped. */
export const defaultMaxQueuedPerUser = 20;
/** How long a lane waits for one update before it goes on with the next: past a reply's own retries. */
export const defaultUpdateTimeoutMs = 60_000;

export interface UpdateLanesOptions {
  logger: Logger;
  metrics?: Metrics;
  /** Gets every failure of an update handled in a lane (grammY's `bot.catch` never sees them). */
  onError: (error: BotError<Context>) => unknown;
  /** Whose updates are never dropped (the bot's admins). */
  isTrusted?: (userId: number) => boolean;
  maxQueuedPerUser?: number;
  updateTimeoutMs?: number;
}

interface Job {
  ctx: Context;
  next: NextFunction;
}

interface Lane {
  queue: Job[];
  /** Drops in this busy period, so a flood is logged once rather than per update. */
  dropped: number;
}

/** Facts rather than requests (a mass ban in a required group): dropping one would leave the records wrong. */
const isMembershipChange = (update: Update) =>
  update.chat_member !== undefined || update.my_chat_member !== undefined;

/**
 * One lane per user (from.id, else chat.id): a user's updates run one at a time and in order, so the
 * gate never races itself. The update that opens a lane keeps its caller (the runner's slot, the
 * webhook request, what a shutdown waits for) until the lane is empty; updates parked behind it
 * return at once, so one busy user holds one slot whatever they send. A lane holds at most
 * `maxQueuedPerUser` parked updates, and moves on from an update after `updateTimeoutMs` (its
 * handler is left to finish on its own), so no handler holds a slot longer than that.
 */
export class UpdateLanes {
  private readonly lanes = new Map<number, Lane>();
  private readonly maxQueued: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: UpdateLanesOptions) {
    this.maxQueued = options.maxQueuedPerUser ?? defaultMaxQueuedPerUser;
    this.timeoutMs = options.updateTimeoutMs ?? defaultUpdateTimeoutMs;
  }

  /** Install it before anything that handles the update. */
  readonly middleware: MiddlewareFn<Context> = (ctx, next) => {
    const key = ctx.from?.id ?? ctx.chat?.id;
    if (key === undefined) return next();
    const lane = this.lanes.get(key);
    if (lane === undefined) {
      const opened: Lane = { queue: [], dropped: 0 };
      this.lanes.set(key, opened);
      return this.drain(key, opened, { ctx, next });
    }
    if (lane.queue.length >= this.maxQueued && !this.neverDropped(ctx)) {
      this.drop(key, lane, ctx.update);
      return Promise.resolve();
    }
    lane.queue.push({ ctx, next });
    return Promise.resolve();
  };

  private async drain(key: number, lane: Lane, first: Job): Promise<void> {
    try {
      for (let job: Job | undefined = first; job !== undefined; job = lane.queue.shift()) {
        await this.runOne(job);
      }
    } finally {
      // Synchronous with the last empty shift: nothing can be parked in a lane that is going away.
      this.lanes.delete(key);
    }
  }

  private async runOne({ ctx, next }: Job): Promise<void> {
    const handled = next().then(
      () => "done" as const,
      (error: unknown) => {
        this.options.onError(new BotError(error, ctx));
        return "done" as const;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), this.timeoutMs);
    });
    try {
      if ((await Promise.race([handled, deadline])) === "late") {
        this.options.metrics?.countUpdateTimeout();
        this.options.logger.warn(
          { updateId: ctx.update.update_id, afterMs: this.timeoutMs },
          "update timed out: its user's next update goes ahead, this one finishes on its own",
        );
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private neverDropped(ctx: Context): boolean {
    if (isMembershipChange(ctx.update)) return true;
    return ctx.from !== undefined && (this.options.isTrusted?.(ctx.from.id) ?? false);
  }

  /**
   * Nothing is sent for a dropped update, not even an answer to a button press: that would spend the
   * bot's budget on the flooder, and Telegram's client gives up on an unanswered press by itself.
   */
  private drop(key: number, lane: Lane, update: Update): void {
    lane.dropped += 1;
    this.options.metrics?.countUpdateDropped("lane_full");
    if (lane.dropped === 1) {
      this.options.logger.warn(
        { lane: key, updateId: update.update_id, maxQueued: this.maxQueued },
        "a user sends faster than they are answered: dropping their updates past the queue bound",
      );
    }
  }
}
