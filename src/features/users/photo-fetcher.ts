import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { classifyTelegramError } from "../../telegram/errors.js";
import { TickLoop } from "../../tick-loop.js";
import { PhotoRepository } from "./photo-repository.js";
import { currentProfilePhoto } from "./profile-photo.js";

export interface PhotoFetcherDeps {
  /** A client outside the budget: a read is not a message, and takes no turn of the sending limit. */
  api: Api;
  db: Db;
  logger: Logger;
  now: () => Date;
  /** How often the due photos are looked at (1 s). */
  tickMs?: number;
  /** Fetches per tick at most (2): a burst of newcomers is fetched over minutes, not at once. */
  perTick?: number;
}

/**
 * Fetches the profile photos that registration and returns after a day marked due, off the update's
 * path, at most `perTick` a tick. A read is not a message: it takes nothing from the limit replies
 * and mailings share, and only a 429 on its own calls holds it back. Runs in the lease holder.
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
    const { api, now, logger } = this.deps;
    if (now().getTime() < this.pausedUntil) return;
    for (const due of this.photos.due(this.deps.perTick ?? 2)) {
      if (signal?.aborted) return;
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
