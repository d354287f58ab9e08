import { setMaxListeners } from "node:events";
import type { Api, RawApi } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { Logger } from "pino";
import type { MailingRecord } from "../../db/schema/index.js";
import type { Metrics } from "../../metrics/metrics.js";
import { classifyTelegramError, unreachableKinds } from "../../telegram/errors.js";
import type { OutgoingBudget } from "../../telegram/outgoing/budget.js";
import type { Locale } from "../../texts/translations.js";
import type { LinkTracker } from "../clicks/link-tracker.js";
import { trackEntities, trackTextLinks } from "../clicks/text-links.js";
import { renderTextContent } from "../content/text-content.js";
import { urlKeyboard } from "../content/url-keyboard.js";
import { localeOfUser } from "../language/language.js";
import { dearUserNames } from "../personalization/dear-user.js";
import type { PersonalizationRepository } from "../personalization/personalization-repository.js";
import type { RecipientFields } from "../personalization/recipient-fields.js";
import type { SettingsRepository } from "../settings/settings-repository.js";
import { mailingTopic, unsubscribeRow } from "../topics/mailing-topic.js";
import type { TopicRepository } from "../topics/topic-repository.js";
import { topicTexts } from "../topics/topic-texts.js";
import type { VariantRepository } from "../variants/variant-repository.js";
import {
  effectiveRate,
  type MailingOptions,
  type MailingPayload,
  maxTransientAttempts,
  transientBackoffMs,
} from "./mailing.js";
import type { MailingKind, MailingRepository, Recipient } from "./mailing-repository.js";
import { sendPollParameters } from "./poll.js";
import { RateLimiter } from "./rate-limiter.js";
import { type PersonalRecipient, RecipientPersonalizer } from "./recipient-content.js";
import type { MailingVariantRepository } from "./variant-repository.js";
import type { WakeSignal } from "./wake-signal.js";

export interface MailingEngineDependencies {
  /** A Bot API client outside the budget: the engine takes its turns and handles 429s itself. */
  api: Api<RawApi>;
  /** The bot's one outgoing budget: every delivery waits there for a turn, behind replies and alerts. */
  budget: OutgoingBudget;
  repository: MailingRepository;
  /** Per-segment contents of mailings, and the attributes their templates read. */
  mailingVariants: MailingVariantRepository;
  personalization: PersonalizationRepository;
  /** Topics, for the 🔕 button under a mailing to one topic. */
  topics: TopicRepository;
  settings: SettingsRepository;
  /** The admin's texts per language: a recipient with no name is called by the Dear User in theirs. */
  variants: Pick<VariantRepository, "find">;
  logger: Logger;
  now: () => Date;
  /** Called at most every `progressIntervalMs` per mailing while it sends. */
  onProgress?: (mailing: MailingRecord) => Promise<void>;
  /** Called once when a mailing completes. */
  onFinished?: (mailing: MailingRecord) => Promise<void>;
  progressIntervalMs?: number;
  tickMs?: number;
  /** Wakes the engine when admins create or resume a mailing. */
  wake?: WakeSignal;
  /** Counts deliveries by outcome when given (the budget counts flood waits). */
  metrics?: Metrics;
  /** Click tracking (PUBLIC_URL set): each recipient's URL buttons get links of their own. */
  links?: LinkTracker;
  /** This process's instance lease id: a send starts only while the lease is still this process's. */
  leaseHolder?: string;
}

const batchSize = 500;
const kinds: MailingKind[] = ["mailing", "check_users"];

/** What a recipient gets: their content and fields for a message, nothing more for a probe. */
type Delivery = Recipient | PersonalRecipient;

/**
 * Reads pending recipients in id order, one batch at a time, for all workers of a mailing; each
 * batch is personalized as a whole (variants and attributes in a few queries).
 */
class RecipientCursor {
  private buffer: Delivery[] = [];
  private afterUserId = 0;
  private exhausted = false;

  constructor(
    private readonly repository: MailingRepository,
    private readonly mailingId: number,
    private readonly personalizer: RecipientPersonalizer | undefined,
  ) {}

  next(): Delivery | undefined {
    if (this.buffer.length === 0 && !this.exhausted) {
      const batch = this.repository.pendingBatch(this.mailingId, this.afterUserId, batchSize);
      if (batch.length < batchSize) this.exhausted = true;
      const last = batch.at(-1);
      if (last) this.afterUserId = last.userId;
      this.buffer = this.personalizer ? this.personalizer.personalize(batch) : batch;
    }
    return this.buffer.shift();
  }
}

/** How long the engine waits before it retries a run that moved nothing (doubling from the first). */
const idleBackoffMs = { first: 1000, max: 30_000 };
/** How long a failed database write after a send waits before it is tried again (doubling). */
const writeRetryMs = { first: 50, max: 5000 };

/**
 * Sends mailings and Check Users probes from SQLite at the rate Telegram allows: one mailing and
 * one Check Users at a time, each at its own rate, taking turns from the bot's outgoing budget as
 * broadcasts. Every delivery is committed before and after its API call, so a crash loses at
 * most the calls in flight, which become "unknown".
 */
export class MailingEngine {
  private readonly running = new Map<MailingKind, Promise<void>>();
  /** Per kind: a run that moved nothing waits until then (and the wait doubles while it lasts). */
  private readonly idle = new Map<MailingKind, { until: number; waitMs: number }>();
  private stopping = false;
  /** Aborted by `stop`: senders waiting for the rate or a flood pause give up their wait at once. */
  private halt = new AbortController();
  private wakeUp: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private readonly lastProgress = new Map<number, number>();

  constructor(private readonly deps: MailingEngineDependencies) {
    deps.wake?.subscribe(() => this.wake());
  }

  /** Recovers what a crashed or replaced process left in flight, then keeps sending until `stop`. */
  start(): void {
    this.stopping = false;
    this.halt = new AbortController();
    // Every worker waits on it at once (for the mailing's rate, then for a turn).
    setMaxListeners(0, this.halt.signal);
    this.idle.clear();
    const recovered = this.deps.repository.recoverInFlight(this.deps.now());
    for (const { mailingId, unknown } of recovered) {
      const kind = this.deps.repository.find(mailingId)?.kind;
      if (kind) this.deps.metrics?.countDeliveries(kind, "unknown", undefined, unknown);
      this.deps.logger.warn(
        { mailingId, unknown },
        "deliveries caught in flight by a restart are marked unknown",
      );
    }
    this.loopDone = this.loop();
  }

  /** Looks for work now (a mailing was created, resumed or its time came). */
  wake(): void {
    this.idle.clear();
    this.wakeUp?.();
  }

  /** Stops taking deliveries and waits for the calls in flight (and for their outcomes to be written). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.halt.abort();
    this.wake();
    await this.loopDone;
    await Promise.all(this.running.values());
  }

  private async loop(): Promise<void> {
    const tickMs = this.deps.tickMs ?? 1000;
    while (!this.stopping) {
      try {
        this.deps.repository.promoteDue(this.deps.now());
        for (const kind of kinds) {
          if (!this.running.has(kind) && Date.now() >= (this.idle.get(kind)?.until ?? 0))
            this.startNext(kind);
        }
      } catch (error) {
        this.deps.logger.error({ err: error }, "mailing engine loop failed; trying again");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, tickMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private startNext(kind: MailingKind): void {
    const next = this.deps.repository.nextToRun(kind);
    if (!next) return;
    const { repository, now } = this.deps;
    if (next.status === "queued") repository.snapshot(next.id, now());
    const run = this.run(next.id)
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, mailingId: next.id }, "mailing run failed");
        return false;
      })
      .then((moved) => {
        this.running.delete(kind);
        // A run that moved nothing while its mailing still runs (deliveries held elsewhere, a failing
        // database) would start again at once, forever: it waits, longer each time, instead.
        if (moved || this.stopping || repository.statusOf(next.id) !== "running") {
          this.idle.delete(kind);
          this.wakeUp?.();
          return;
        }
        const waitMs = Math.min(
          idleBackoffMs.max,
          (this.idle.get(kind)?.waitMs ?? idleBackoffMs.first / 2) * 2,
        );
        this.idle.set(kind, { until: Date.now() + waitMs, waitMs });
        this.deps.logger.warn(
          { mailingId: next.id, waitMs },
          "mailing run moved nothing; waiting before the next",
        );
      })
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, mailingId: next.id }, "mailing run failed"),
      );
    this.running.set(kind, run);
  }

  private isSending(mailingId: number): boolean {
    return !this.stopping && this.deps.repository.statusOf(mailingId) === "running";
  }

  /** Sends to the mailing's pending recipients until none is left or it stops; whether anything moved. */
  private async run(mailingId: number): Promise<boolean> {
    const mailing = this.deps.repository.find(mailingId);
    if (mailing?.status !== "running") return false;
    const rate = effectiveRate(mailing.options);
    const limiter = new RateLimiter(rate);
    const personalizer =
      mailing.payload.kind === "message"
        ? new RecipientPersonalizer(
            this.deps,
            mailing,
            mailing.payload.content,
            this.deps.now(),
            dearUserNames(this.deps),
          )
        : undefined;
    const cursor = new RecipientCursor(this.deps.repository, mailingId, personalizer);
    // Read once per run: a topic renamed or deleted before the run shows as it is now.
    const topic =
      mailing.options.topicButton !== false
        ? mailingTopic(this.deps.topics, mailing.audience.segment)
        : undefined;
    // The unsubscribe button in each recipient's language (an owner's own label as written), one per locale.
    const rowsByLocale = new Map<Locale, InlineKeyboardButton[][]>();
    const extraRowsOf = (recipient: Recipient): InlineKeyboardButton[][] => {
      if (!topic) return [];
      const locale = localeOfUser(recipient);
      let rows = rowsByLocale.get(locale);
      if (rows === undefined) {
        rows = [unsubscribeRow(topic, topicTexts(this.deps.settings, locale).unsubscribeButton)];
        rowsByLocale.set(locale, rows);
      }
      return rows;
    };
    // Enough calls in flight to reach the rate when each takes up to ~400 ms.
    const concurrency = Math.min(500, Math.max(2, Math.ceil(rate * 0.4)));
    this.deps.logger.info(
      { mailingId, kind: mailing.kind, total: mailing.total, rate, concurrency },
      "mailing sending",
    );

    let moved = 0;
    const worker = async () => {
      while (!this.stopping) {
        const recipient = cursor.next();
        if (!recipient) return;
        if (await this.deliver(mailing, recipient, limiter, extraRowsOf(recipient))) moved += 1;
        // The mark refuses a mailing no longer running: only then is its status worth a read.
        else if (!this.isSending(mailingId)) return;
        await this.reportProgress(mailingId);
      }
    };
    // Settled, not all: a worker that throws must not leave the others sending beside the next run.
    const workers = await Promise.allSettled(Array.from({ length: concurrency }, worker));
    const failure = workers.find((w) => w.status === "rejected");
    if (failure) this.deps.logger.error({ err: failure.reason, mailingId }, "mailing worker failed");

    if (this.deps.repository.completeIfDone(mailingId, this.deps.now())) {
      const finished = this.deps.repository.find(mailingId) as MailingRecord;
      this.deps.logger.info({ mailingId, sent: finished.sent, failed: finished.failed }, "mailing completed");
      this.lastProgress.delete(mailingId);
      await this.deps.onFinished?.(finished);
      return true;
    }
    await this.reportProgress(mailingId, true);
    return moved > 0;
  }

  /**
   * A write that must follow a send (its outcome, or its return to pending) is tried until it lands:
   * a delivery left "sending" in a live process would hold its mailing open for good. Only a
   * stopping engine gives up, leaving the row for the next start to count as unknown.
   */
  private async persist(what: string, write: () => void): Promise<void> {
    for (let waitMs = writeRetryMs.first; ; waitMs = Math.min(writeRetryMs.max, waitMs * 2)) {
      try {
        write();
        return;
      } catch (error) {
        if (this.stopping) throw error;
        this.deps.logger.error({ err: error, waitMs }, `could not record ${what}; trying again`);
        await new Promise((r) => setTimeout(r, waitMs));
      }
    }
  }

  private async reportProgress(mailingId: number, force = false): Promise<void> {
    const { onProgress } = this.deps;
    if (!onProgress) return;
    const now = Date.now();
    const interval = this.deps.progressIntervalMs ?? 3000;
    if (!force && now - (this.lastProgress.get(mailingId) ?? 0) < interval) return;
    this.lastProgress.set(mailingId, now);
    const mailing = this.deps.repository.find(mailingId);
    if (mailing)
      await onProgress(mailing).catch((err: unknown) =>
        this.deps.logger.warn({ err }, "progress update failed"),
      );
  }

  /** One recipient: wait for the rate, commit "sending", call Telegram, commit the outcome; whether it moved. */
  private async deliver(
    mailing: MailingRecord,
    recipient: Delivery,
    limiter: RateLimiter,
    extraRows: InlineKeyboardButton[][],
  ): Promise<boolean> {
    const { repository, now, logger, metrics } = this.deps;
    for (let attempt = 1; ; attempt++) {
      await limiter.take(this.halt.signal);
      // Paid messages are outside Telegram's free rate; they still wait out a 429 and yield per chat.
      const paid = mailing.payload.kind === "message" && mailing.options.paidBroadcast;
      const turn = { priority: "broadcast" as const, chatId: recipient.userId, paid, maxAgeMs: Infinity };
      if (!(await this.deps.budget.take({ ...turn, signal: this.halt.signal }))) return false;
      if (this.stopping) return false;
      if (!repository.markSending(mailing.id, recipient.userId, now(), this.deps.leaseHolder)) return false;
      // Only the API call is judged here: a database error after a delivered message is not a failed delivery.
      const result = await this.send(mailing, recipient, extraRows).then(
        (sent) => ({ sent }),
        (reason: unknown) => ({ error: reason ?? new Error("send failed") }),
      );
      if ("sent" in result) {
        const { pollId } = result.sent;
        await this.persist("a sent delivery", () =>
          repository.recordOutcome(
            mailing.id,
            recipient.userId,
            pollId === undefined ? { state: "sent" } : { state: "sent", pollId },
            mailing.options.deadAfter,
            now(),
          ),
        );
        metrics?.countDeliveries(mailing.kind, "sent");
        return true;
      }
      const failure = classifyTelegramError(result.error);
      if (failure.kind === "rate_limited") {
        await this.persist("a delivery to retry", () =>
          repository.markRetry(mailing.id, recipient.userId, now()),
        );
        if (this.deps.budget.pushBack(failure.retryAfterSeconds, recipient.userId)) {
          logger.warn({ retryAfter: failure.retryAfterSeconds }, "flood limit: every send waits");
        }
        continue;
      }
      if (failure.kind === "transient" && attempt < maxTransientAttempts) {
        await this.persist("a delivery to retry", () =>
          repository.markRetry(mailing.id, recipient.userId, now()),
        );
        await new Promise((r) => setTimeout(r, transientBackoffMs(attempt)));
        continue;
      }
      if (failure.kind === "unknown")
        logger.warn({ userId: recipient.userId, failure }, "delivery failed oddly");
      await this.persist("a failed delivery", () =>
        repository.recordOutcome(
          mailing.id,
          recipient.userId,
          {
            state: "failed",
            errorKind: failure.kind,
            description: failure.description,
            unreachable: unreachableKinds.has(failure.kind),
          },
          mailing.options.deadAfter,
          now(),
        ),
      );
      metrics?.countDeliveries(mailing.kind, "failed", failure.kind);
      return true;
    }
  }

  private async send(
    mailing: MailingRecord,
    recipient: Delivery,
    extraRows: InlineKeyboardButton[][],
  ): Promise<SentMessage> {
    const payload = mailing.payload;
    if (payload.kind === "probe" || !("content" in recipient)) {
      await this.deps.api.sendChatAction(recipient.userId, "typing");
      return {};
    }
    const { links } = this.deps;
    const track = mailing.options.trackClicks !== false ? links?.forUser(recipient.userId) : undefined;
    const message = { ...payload, content: recipient.content };
    return sendMailingMessage(
      this.deps.api,
      recipient.userId,
      message,
      mailing.options,
      recipient.fields,
      track,
      extraRows,
    );
  }
}

/** What a delivered message left to remember: the poll Telegram made for it, in a poll mailing. */
export interface SentMessage {
  pollId?: string;
}

/**
 * Sends a mailing's message to one chat, as recipients get it: texts with `fields` filled in (or
 * left as typed without them), copies and albums copied, polls sent as non-anonymous polls (each
 * one a poll of its own, with its own id), the options applied, pinned if asked.
 */
export async function sendMailingMessage(
  api: Api<RawApi>,
  chatId: number,
  payload: Extract<MailingPayload, { kind: "message" }>,
  options: MailingOptions,
  fields?: RecipientFields,
  /** Rewrites each link of the buttons, text and caption (the recipient's tracked link); as typed without it. */
  link?: (url: string) => string,
  /** Buttons of the bot's own under the URL buttons (the 🔕 of a topic mailing). */
  extraRows: InlineKeyboardButton[][] = [],
): Promise<SentMessage> {
  const common = {
    disable_notification: options.silent,
    protect_content: options.protectContent,
    ...(options.paidBroadcast ? { allow_paid_broadcast: true } : {}),
  };
  const urlRows = urlKeyboard(payload.buttons, link)?.inline_keyboard ?? [];
  const rows = [...urlRows, ...extraRows];
  const markup = rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {};
  const content = payload.content;
  let messageId: number;
  let pollId: string | undefined;
  if (content.type === "poll") {
    const sent = await api.sendPoll(
      chatId,
      content.question,
      content.options.map((text) => ({ text })),
      { ...sendPollParameters(content), ...common, ...markup },
    );
    messageId = sent.message_id;
    pollId = sent.poll.id;
  } else if (content.type === "text") {
    const rendered = renderTextContent(link ? trackTextLinks(content, link) : content, fields);
    messageId = (
      await api.sendMessage(chatId, rendered.text, { ...rendered.formatting, ...common, ...markup })
    ).message_id;
  } else if (content.type === "copy") {
    const { caption } = content;
    // copyMessage takes a new caption, so a captioned copy can carry the recipient's tracked links.
    const captioned =
      link && caption
        ? { caption: caption.text, caption_entities: trackEntities(caption.text, caption.entities, link) }
        : {};
    messageId = (
      await api.copyMessage(chatId, content.fromChatId, content.messageId, {
        ...common,
        ...markup,
        ...captioned,
      })
    ).message_id;
  } else {
    const sent = await api.copyMessages(chatId, content.fromChatId, content.messageIds, common);
    messageId = sent[0]?.message_id ?? 0;
  }
  if (options.pin && messageId > 0) {
    // The message is delivered either way; a failed pin must not count as a failed delivery.
    await api.pinChatMessage(chatId, messageId, { disable_notification: true }).catch(() => undefined);
  }
  return pollId === undefined ? {} : { pollId };
}
