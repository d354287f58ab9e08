import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "pino";
import type { LeaseRecord } from "../../db/schema/index.js";
import type { LeaseHolder, LeaseRepository } from "./lease-repository.js";

/** The lease of the active instance: the one that long-polls and runs the mailing engine. */
export const activeLeaseName = "active";

export interface InstanceLeaseTiming {
  /** A holder not heard from for this long is presumed gone. */
  ttlMs: number;
  /** How often the holder renews. */
  renewMs: number;
  /** How often a waiting process tries to take the lease. */
  pollMs: number;
}

export const defaultLeaseTiming: InstanceLeaseTiming = { ttlMs: 10_000, renewMs: 2000, pollMs: 1000 };

export interface InstanceLeaseDependencies {
  repository: LeaseRepository;
  logger: Logger;
  now: () => Date;
  timing?: Partial<InstanceLeaseTiming>;
  /** This process; a fresh random id with this pid and host by default. */
  self?: LeaseHolder;
  /** Whether a process on this host is still running (a kill -9 leaves its lease behind). */
  isRunning?: (pid: number) => boolean;
}

/** What /healthz tells: whether this process is the active instance, and who is if not. */
export type LeaseStatus =
  | { role: "active"; since: Date }
  | { role: "standby"; holder: Pick<LeaseRecord, "pid" | "host" | "acquiredAt"> | null };

/**
 * One active instance per database. A process waits until the lease is free (released, expired, or
 * left by a process on this host that no longer runs), holds it while renewing, and hears when it
 * is lost (renewals failed past the lease's life, or another process took it).
 */
export class InstanceLease {
  readonly self: LeaseHolder;
  private readonly timing: InstanceLeaseTiming;
  private heldSince: Date | undefined;
  private renewedAt = 0;
  private renewTimer: NodeJS.Timeout | undefined;
  private signalLost: ((reason: string) => void) | undefined;

  constructor(private readonly deps: InstanceLeaseDependencies) {
    this.self = deps.self ?? { id: randomUUID(), pid: process.pid, host: hostname() };
    this.timing = { ...defaultLeaseTiming, ...deps.timing };
  }

  get isHeld(): boolean {
    return this.heldSince !== undefined;
  }

  status(): LeaseStatus {
    if (this.heldSince) return { role: "active", since: this.heldSince };
    const holder = this.deps.repository.find(activeLeaseName);
    return {
      role: "standby",
      holder: holder ? { pid: holder.pid, host: holder.host, acquiredAt: holder.acquiredAt } : null,
    };
  }

  /**
   * Waits until this process holds the lease; resolves with a promise of the reason it is lost
   * later (wrapped: a promise resolving to a promise would wait for it), or undefined when `signal` aborted the wait.
   */
  async acquire(signal: AbortSignal): Promise<{ lost: Promise<string> } | undefined> {
    const { repository, logger, now } = this.deps;
    let waitingFor: string | undefined;
    while (!signal.aborted) {
      const current = repository.find(activeLeaseName);
      const gone = current && current.holder !== this.self.id && this.isGone(current) ? current : undefined;
      try {
        const at = now();
        const expiredBefore = new Date(at.getTime() - this.timing.ttlMs);
        if (repository.acquire(activeLeaseName, this.self, at, expiredBefore, gone?.holder)) {
          return this.hold(at, current?.holder === this.self.id ? undefined : current);
        }
      } catch (error) {
        logger.error({ err: error }, "could not try the instance lease; trying again");
      }
      const holder = repository.find(activeLeaseName);
      if (holder && holder.holder !== waitingFor) {
        waitingFor = holder.holder;
        logger.warn(
          { holder: { pid: holder.pid, host: holder.host, since: holder.acquiredAt.toISOString() } },
          "another instance is active on this database; waiting to take over when it stops",
        );
      }
      await delay(this.timing.pollMs, undefined, { signal }).catch(() => undefined);
    }
    return undefined;
  }

  /** Gives the lease up (a clean stop): a waiting process takes over within its poll interval. */
  release(): void {
    this.stopRenewing();
    if (!this.heldSince) return;
    this.heldSince = undefined;
    try {
      this.deps.repository.release(activeLeaseName, this.self.id);
    } catch (error) {
      this.deps.logger.error({ err: error }, "could not release the instance lease; it expires by itself");
    }
  }

  private hold(at: Date, previous: LeaseRecord | undefined): { lost: Promise<string> } {
    this.heldSince = at;
    this.renewedAt = at.getTime();
    this.deps.logger.info(
      {
        lease: { pid: this.self.pid, host: this.self.host },
        ...(previous && { tookOverFrom: { pid: previous.pid, host: previous.host } }),
      },
      "this instance is now the active one",
    );
    const lost = new Promise<string>((resolve) => {
      this.signalLost = resolve;
    });
    this.renewTimer = setInterval(() => this.renew(), this.timing.renewMs);
    return { lost };
  }

  private renew(): void {
    const { repository, logger, now } = this.deps;
    const at = now().getTime();
    let reason: string | undefined;
    try {
      if (repository.renew(activeLeaseName, this.self.id, new Date(at))) this.renewedAt = at;
      else reason = "another instance took the lease over";
    } catch (error) {
      logger.error({ err: error }, "could not renew the instance lease");
      // Past its life another process may take it: stop acting as the active instance first.
      if (at - this.renewedAt >= this.timing.ttlMs - this.timing.renewMs)
        reason = "the lease could not be renewed in time";
    }
    if (reason === undefined) return;
    this.stopRenewing();
    this.heldSince = undefined;
    logger.error({ reason }, "this instance lost the lease and stands by");
    this.signalLost?.(reason);
  }

  private stopRenewing(): void {
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  /** A holder on this host whose process no longer runs (a pid equal to ours is an earlier process). */
  private isGone(holder: LeaseRecord): boolean {
    if (holder.host !== this.self.host) return false;
    if (holder.pid === this.self.pid) return true;
    return !(this.deps.isRunning ?? isProcessRunning)(holder.pid);
  }
}

/** Whether a process with this pid runs on this host. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
