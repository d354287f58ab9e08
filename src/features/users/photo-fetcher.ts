import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { classifyTelegramError } from "../../telegram/errors.js";
import type { OutgoingBudget } from "../../telegram/outgoing/budget.js";
import { TickLoop } from "../../tick-loop.js";
import { PhotoRepository } from "./photo-repository.js";
import { currentProfilePhoto } from "./profile-photo.js";

export interface PhotoFetcherDeps {
  /** A client outside the budget: the fetcher takes its turns itself. */
  api: Api;
  db: Db;
  budget: OutgoingBudget;
  logger: Logger;
  now: () => Date;
  /** How often the due photos are looked at (1 s). */
  tickMs?: number;
  /** Fetches per tick at most (2): a burst of newcomers is fetched over minutes, not at once. */
  perTick?: number;
}

/**
 * Fetches the profile photos that registration and returns after a day marked due, off the update's
 * path. Each fetch waits for a broadcast turn of the one budget, so it goes after every reply and
 * alert waiting and a 429 holds it back; on top, at most `perTick` a tick. Runs in the lease holder.
 */
export class PhotoFetcher {
  private readonly photos: PhotoRepository;
  private readonly ticks: TickLoop;
  /** Telegram asked us to wait (429) until then. */
  private pausedUntil = 0;

  constructor(private readonly deps: PhotoFetcherDeps) {
    this.photos = new PhotoRepository(deps.db);
    this.ticks = new TickLoop({
      tick: (signal) => this.tick(signal),
      tickMs: deps.tickMs ?? 1000,
      logger: deps.logger,
      failure: "profile photo fetch failed; trying again",
    });
  }

  /** Starts the passes (every tick) until `stop`. */
  start(): void {
    this.ticks.start();
  }

  /** Stops the passes and waits for the one in progress. */
  stop(): Promise<void> {
    return this.ticks.stop();
  }

  /** One pass: fetches up to `perTick` due photos, the longest waiting first. */
  async tick(signal?: AbortSignal): Promise<void> {
    const { budget, api, now, logger } = this.deps;
    if (now().getTime() < this.pausedUntil) return;
    for (const due of this.photos.due(this.deps.perTick ?? 2)) {
      const turn = await budget.take({
        priority: "broadcast",
        maxAgeMs: Number.POSITIVE_INFINITY,
        ...(signal && { signal }),
      });
      if (!turn) return;
      try {
        this.photos.storeFetched(due.id, await currentProfilePhoto(api, due.id), due.dueAt);
      } catch (err) {
        const failure = classifyTelegramError(err);
        if (failure.kind === "rate_limited") {
          this.pausedUntil = now().getTime() + failure.retryAfterSeconds * 1000;
          return;
        }
        if (failure.kind === "transient") return;
        // Telegram does not know the user (deleted, never real): asking again would not change that.
        logger.warn({ err, userId: due.id }, "could not fetch a profile photo");
        this.photos.settle(due.id, due.dueAt);
      }
    }
  }
}
