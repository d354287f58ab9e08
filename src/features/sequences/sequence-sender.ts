import { getMaxListeners, setMaxListeners } from "node:events";
import type { Api, RawApi } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { inTransaction } from "../../db/in-transaction.js";
import { classifyTelegramError, unreachableKinds } from "../../telegram/errors.js";
import type { OutgoingBudget } from "../../telegram/outgoing/budget.js";
import { inLocale } from "../../texts/locale-scope.js";
import { texts } from "../../texts/sequences.js";
import { TickLoop } from "../../tick-loop.js";
import type { LinkTracker } from "../clicks/link-tracker.js";
import { localeOfUser } from "../language/language.js";
import { dearUserOf } from "../personalization/dear-user.js";
import type { SettingsRepository } from "../settings/settings-repository.js";
import type { UserRepository } from "../users/user-repository.js";
import type { VariantRepository } from "../variants/variant-repository.js";
import { networkAttempts, networkRetryDelayMs } from "./network-retry.js";
import { sendStep } from "./send-step.js";
import { nextDueAt } from "./sending-window.js";
import { stopButtonData } from "./sequence.js";
import type { DueSubscription, SequenceRepository, SequenceStepRecord } from "./sequence-repository.js";
import { StepVariants } from "./step-variants.js";
import { enrolTriggered, type SubscriptionServices, timeZoneOf } from "./subscription-commands.js";

export interface SequenceSenderDependencies {
  db: Db;
  /** A Bot API client outside the budget: the sender takes its turns and handles 429s itself. */
  api: Api<RawApi>;
  /** The bot's one outgoing budget, shared with mailings: every step waits for a broadcast turn. */
  budget: OutgoingBudget;
  sequences: SequenceRepository;
  users: UserRepository;
  settings: SettingsRepository;
  /** The steps' texts per language: each subscriber gets the one in their language, if written. */
  variants: Pick<VariantRepository, "list" | "find">;
  audit: SubscriptionServices["audit"];
  logger: Logger;
  now: () => Date;
  /** Click tracking (PUBLIC_URL set): URL buttons get each user's own links. */
  links?: LinkTracker;
  /** The start links of forms, for steps with a form button (see `formStartLinks`). */
  formLink?: (formId: number) => string | undefined;
  /** This process's instance lease id: a step is claimed only while the lease is still this process's. */
  leaseHolder?: string;
  tickMs?: number;
}

/** Due subscriptions read at a time; a pass reads again while they last. */
const batchSize = 200;
/** Steps in flight at once: enough to keep a 30/s turn rate busy. */
const concurrency = 16;

const windowOf = (step: SequenceStepRecord) =>
  step.windowStart === null || step.windowEnd === null
    ? null
    : { start: step.windowStart, end: step.windowEnd };

/**
 * Sends the sequences' due steps, run by the lease holder. Each step is claimed by a durable
 * "sending" record before its API call, so a crash loses at most the calls in flight, which are
 * counted unknown and skipped, never sent twice.
 */
export class SequenceSender {
  private readonly loop: TickLoop;
  private signal: AbortSignal = new AbortController().signal;
  private readonly stepVariants: StepVariants;

  constructor(private readonly deps: SequenceSenderDependencies) {
    this.stepVariants = new StepVariants(deps.variants);
    this.loop = new TickLoop({
      tick: (signal) => this.pass(signal),
      tickMs: deps.tickMs ?? 1000,
      logger: deps.logger,
      failure: "sequence pass failed; trying again",
    });
  }

  /** Counts the steps a crash left in flight as unknown, then sends until `stop`. */
  start(): void {
    const unknown = this.deps.sequences.recoverInFlight();
    if (unknown > 0)
      this.deps.logger.warn({ unknown }, "steps caught in flight by a restart are marked unknown");
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /**
   * One pass: subscribe the triggered newcomers, then send what was due when it began, reading more
   * as the workers run low, so a crowd of due steps keeps the budget busy without a pause per batch.
   */
  async pass(signal: AbortSignal = this.signal): Promise<void> {
    this.enrol();
    // A subscription moved on in this pass is due after this, so the pass sends each one step at most.
    const dueBy = this.deps.now();
    const taken = new Set<number>();
    const queue: DueSubscription[] = [];
    let inFlight = 0;
    let more = true;
    const read = () => {
      this.stepVariants.forget();
      // The steps in flight are still due: read past them.
      const limit = batchSize + inFlight;
      const due = this.deps.sequences.due(dueBy, limit);
      more = due.length === limit;
      for (const next of due) {
        if (taken.has(next.id)) continue;
        taken.add(next.id);
        queue.push(next);
      }
    };
    const worker = async () => {
      try {
        while (!signal.aborted) {
          // A pass through a crowd lasts minutes: the triggers are still looked at every batch.
          if (queue.length === 0 && more) {
            this.enrol();
            read();
          }
          const next = queue.shift();
          if (!next) return;
          inFlight += 1;
          const movedOn = await this.deliver(next, signal).finally(() => {
            inFlight -= 1;
          });
          // Held back (a 429, a network error, the lease lost): the next pass tries again, not this one.
          if (!movedOn) more = false;
        }
      } catch (error) {
        more = false;
        throw error;
      }
    };
    read();
    // Every worker waits on the signal at once for a turn (each listener goes when its turn comes):
    // not a leak, so Node's warning at 11 would only be noise.
    setMaxListeners(Math.max(getMaxListeners(signal), concurrency), signal);
    // Settled, not all: the pass ends only when every worker has, so two passes never overlap.
    const workers = await Promise.allSettled(Array.from({ length: concurrency }, worker));
    const failure = workers.find((w) => w.status === "rejected");
    if (failure) throw failure.reason;
  }

  private enrol(): void {
    const enrolled = enrolTriggered(this.deps);
    if (enrolled > 0) this.deps.logger.info({ enrolled }, "users subscribed by sequence triggers");
  }

  /** One due step: sent, failed or skipped, and the subscription moved on; false when it stays due. */
  private async deliver(due: DueSubscription, signal: AbortSignal): Promise<boolean> {
    const { sequences, users, now, logger } = this.deps;
    const user = users.find(due.userId);
    if (user?.status !== "active" || user.deadAt !== null) {
      sequences.stop(due.id, "dead", now());
      return true;
    }
    const step = sequences.step(due.sequenceId, due.position);
    if (!step) {
      sequences.advance(due, null, now());
      return true;
    }
    const turn = {
      priority: "broadcast" as const,
      chatId: due.userId,
      paid: false,
      maxAgeMs: Infinity,
      signal,
    };
    if (!(await this.deps.budget.take(turn))) return false;
    if (!sequences.claim(due, step.id, now(), this.deps.leaseHolder)) {
      // Claimed before: sent, failed or lost in a crash. Never again; move on to the next step.
      if (!sequences.wasClaimed(due)) return false;
      this.advance(due);
      return true;
    }
    const sequence = sequences.find(due.sequenceId);
    // Sent outside any update: the button speaks the subscriber's language.
    const stop = sequence?.stopButton
      ? {
          text: inLocale(localeOfUser(user), () => texts.stopButton),
          callback_data: stopButtonData(due.id, step.id),
        }
      : undefined;
    let attributes: Map<string, string> | undefined;
    const fields = {
      recipient: user,
      // Read once, and only when a template asks for one.
      attribute: (key: string) => {
        attributes ??= new Map(users.attributesOf(user.id).map((a) => [a.key, a.value]));
        return attributes.get(key);
      },
      dearUser: dearUserOf(this.deps, user),
    };
    const content = this.stepVariants.contentFor(step, user);
    const result = await sendStep(this.deps.api, due.userId, { ...step, content }, fields, {
      stopButton: stop,
      // The step's own links: their clicks count for it.
      link: this.deps.links?.forUser(due.userId, { stepId: step.id }),
      formLink: this.deps.formLink,
    }).catch((error: unknown) => ({ error }));
    const deadAfter = this.deps.settings.get("mailing").deadAfter;
    if ("messageId" in result) {
      inTransaction(this.deps.db, () => {
        if (!sequences.settle(due, { status: "sent", ...result })) return;
        sequences.recordLiveness(due.userId, "delivered", deadAfter, now());
        this.advance(due);
      });
      return true;
    }
    const failure = classifyTelegramError(result.error);
    if (failure.kind === "rate_limited") {
      // Not delivered: the claim is given back and the step stays due; no attempt is counted.
      sequences.release(due);
      if (this.deps.budget.pushBack(failure.retryAfterSeconds, due.userId))
        logger.warn({ retryAfter: failure.retryAfterSeconds }, "flood limit: every send waits");
      return false;
    }
    if (failure.kind === "transient") {
      // Telegram or the network is struggling: the pass stops reading; this step waits its back-off.
      this.retryLater(due, step, failure.description);
      return false;
    }
    inTransaction(this.deps.db, () => {
      if (!sequences.settle(due, { status: "failed", error: failure.description })) return;
      const died =
        unreachableKinds.has(failure.kind) &&
        sequences.recordLiveness(due.userId, "unreachable", deadAfter, now());
      if (died) sequences.stop(due.id, "dead", now());
      else this.advance(due);
    });
    return true;
  }

  /**
   * A network failure (the bot's side, not the user's): the step is tried again later, backing off,
   * and after the last attempt settled as failed and passed by, not counted toward Dead After.
   */
  private retryLater(due: DueSubscription, step: SequenceStepRecord, description: string): void {
    const { sequences, now, logger } = this.deps;
    const failures = inTransaction(this.deps.db, () => {
      const failures = sequences.countNetworkFailure(due);
      if (failures === undefined || failures < networkAttempts) {
        sequences.release(due);
        if (failures === undefined) return failures;
        const timeZone = timeZoneOf(this.deps, this.deps.users.find(due.userId)?.timezone ?? null);
        sequences.postpone(due, nextDueAt(now(), networkRetryDelayMs(failures), windowOf(step), timeZone));
        return failures;
      }
      const error = `network error, gave up after ${failures} attempts: ${description}`;
      if (sequences.settle(due, { status: "failed", error })) this.advance(due);
      return failures;
    });
    const where = { subscriptionId: due.id, position: due.position, failures, error: description };
    if (failures !== undefined && failures >= networkAttempts)
      logger.warn(where, "sequence step given up after repeated network errors");
    else logger.info(where, "sequence step failed with a network error; tried again later");
  }

  /** Past the step just handled: the next one's delay from now, in its window; or completed. */
  private advance(due: DueSubscription): void {
    const { sequences, now } = this.deps;
    const next = sequences.step(due.sequenceId, due.position + 1);
    if (!next) {
      sequences.advance(due, null, now());
      return;
    }
    const timeZone = timeZoneOf(this.deps, this.deps.users.find(due.userId)?.timezone ?? null);
    const dueAt = nextDueAt(now(), next.delayMs, windowOf(next), timeZone);
    sequences.advance(due, { position: due.position + 1, dueAt }, now());
  }
}
