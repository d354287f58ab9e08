import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../../../db/client.js";
import { groupCommitOf } from "../../../db/group-commit.js";
import type { NewUserAlertDigest, NewUserAlertMinute } from "../../../db/schema/index.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import type { OutgoingBudget } from "../../../telegram/outgoing/budget.js";
import { inLocale } from "../../../texts/locale-scope.js";
import type { Locale } from "../../../texts/translations.js";
import { TickLoop } from "../../../tick-loop.js";
import type { AdminDirectory } from "../../admins/admin-directory.js";
import { localeOfUser } from "../../language/language.js";
import { alertRecipients } from "../../menu/alerts/recipients.js";
import type { SettingsRepository } from "../../settings/settings-repository.js";
import { displayName } from "../../users/display-name.js";
import type { UserRepository } from "../../users/user-repository.js";
import type { CampaignRepository } from "../referrals/campaign-repository.js";
import { minuteMs } from "./claim-alert.js";
import { digestText, type SourceNames } from "./digest-text.js";
import type { NewUserAlertRepository } from "./new-user-alert-repository.js";
import { sendAlert } from "./send-alert.js";

export interface NewUserDigestsDeps {
  /** A client outside the budget: each digest takes its turn itself, before it is claimed. */
  api: Api;
  /** The bot's one outgoing budget: digests go at an alert's turn, paced per admin chat. */
  budget: OutgoingBudget;
  services: {
    db: Db;
    settings: SettingsRepository;
    admins: AdminDirectory;
    users: UserRepository;
    campaigns: CampaignRepository;
    newUserAlerts: NewUserAlertRepository;
    now: () => Date;
  };
  logger: Logger;
  /** How often the digests are looked at (1 s). */
  tickMs?: number;
}

/** The digest pace: at most one edit per admin this often, so a burst costs each admin a few messages a minute. */
export const digestEditEveryMs = 5000;
/** A minute is closed this long after it ends, so a newcomer counted at its last instant still makes it. */
export const digestGraceMs = 2000;
/** Finished minutes are forgotten after a day, looked for once an hour. */
const keepMinutesMs = 24 * 60 * 60_000;
const pruneEveryMs = 60 * 60_000;

/**
 * Sends, edits and finalizes the digests of busy minutes: one message per admin per minute, edited
 * in place at most every `digestEditEveryMs` while newcomers are counted, and a final edit once the
 * minute is over. Everything it needs is in the database, so a new process picks up where the last
 * one stopped; it runs only in the process that holds the instance lease.
 */
export class NewUserDigests {
  private readonly ticks: TickLoop;
  /** Telegram asked us to wait (429) until then. */
  private pausedUntil = 0;
  private prunedAt = 0;

  constructor(private readonly deps: NewUserDigestsDeps) {
    this.ticks = new TickLoop({
      tick: (signal) => this.tick(signal),
      tickMs: deps.tickMs ?? 1000,
      logger: deps.logger,
      failure: "new-user digests failed; trying again",
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

  /** One pass at the current time: every digest that is due is sent, edited or finalized. */
  async tick(signal?: AbortSignal): Promise<void> {
    const { newUserAlerts, now } = this.deps.services;
    if (now().getTime() - this.prunedAt >= pruneEveryMs) {
      this.prunedAt = now().getTime();
      newUserAlerts.prune(new Date(this.prunedAt - keepMinutesMs));
    }
    if (now().getTime() < this.pausedUntil) return;
    for (const minute of newUserAlerts.openDigestMinutes()) {
      if (!(await this.showMinute(minute, signal))) return;
    }
  }

  /** Brings each admin's digest of the minute up to date as far as pacing allows; false when Telegram said wait or the loop stops. */
  private async showMinute(minute: NewUserAlertMinute, signal: AbortSignal | undefined): Promise<boolean> {
    const { settings, admins, newUserAlerts, users, now } = this.deps.services;
    const final = now().getTime() >= minute.minuteStart.getTime() + minuteMs + digestGraceMs;
    const view = {
      minuteStart: minute.minuteStart,
      count: minute.digested,
      alerted: minute.alerted,
      sources: newUserAlerts.sources(minute.minuteStart),
      final,
    };
    // Each admin's digest in their language (outside any update: said here), written once per language.
    const byLocale = new Map<Locale, string>();
    const textFor = (adminId: number): string => {
      const locale = localeOfUser(users.find(adminId));
      let text = byLocale.get(locale);
      if (text === undefined) {
        text = inLocale(locale, () => digestText(view, this.sourceNames()));
        byLocale.set(locale, text);
      }
      return text;
    };
    const shown = new Map(newUserAlerts.digests(minute.minuteStart).map((d) => [d.adminId, d]));
    let behind = false;
    for (const adminId of alertRecipients(settings.get("newUserAlerts").adminIds, admins.adminIds())) {
      const digest = shown.get(adminId);
      if (
        digest &&
        (digest.messageId === null || (digest.shown === minute.digested && digest.final === final))
      )
        continue;
      if (digest && now().getTime() - digest.editedAt.getTime() < digestEditEveryMs) {
        behind = true;
        continue;
      }
      const outcome = await this.show(minute, adminId, digest, textFor(adminId), final, signal);
      if (outcome === "wait") return false;
      if (outcome === "retry") behind = true;
    }
    if (final && !behind) newUserAlerts.finish(minute.minuteStart, minute.digested, now());
    return true;
  }

  /** Sends or edits one admin's digest and records what it shows. */
  private async show(
    minute: NewUserAlertMinute,
    adminId: number,
    digest: NewUserAlertDigest | undefined,
    text: string,
    final: boolean,
    signal: AbortSignal | undefined,
  ): Promise<"shown" | "retry" | "wait"> {
    const { db, newUserAlerts, now } = this.deps.services;
    const record = (messageId: number | null) =>
      newUserAlerts.saveDigest({
        minuteStart: minute.minuteStart,
        adminId,
        messageId,
        shown: minute.digested,
        final,
        editedAt: now(),
      });
    const { budget } = this.deps;
    if (digest) {
      // An edit replaces rather than adds: like every edit, it only waits out a 429 pause.
      await budget.pauseOver({ priority: "alert", since: budget.now(), ...(signal && { signal }) });
      if (signal?.aborted) return "wait";
    } else {
      // The turn first: a claim that waited behind the admin's alerts (a second each) was lost, with
      // the minute's only digest, when the process was killed meanwhile.
      const turn = { priority: "alert" as const, chatId: adminId, maxAgeMs: Number.POSITIVE_INFINITY };
      if (!(await budget.take({ ...turn, ...(signal && { signal }) }))) return "wait";
      // Then the first message is claimed, on disk before it leaves: a process killed after sending
      // but before recording leaves the claim (no message id), and the next holder sends no second one.
      record(null);
      await groupCommitOf(db.$client).settled();
    }
    try {
      const messageId = await sendAlert(this.deps.api, {
        chatId: adminId,
        text,
        ...(digest?.messageId != null && { editMessageId: digest.messageId }),
      });
      record(messageId);
      return "shown";
    } catch (err) {
      const failure = classifyTelegramError(err);
      if (failure.kind === "not_modified") {
        record(digest?.messageId ?? null);
        return "shown";
      }
      // Not delivered (or a network failure, retried as before): the claim goes, the next pass sends.
      const unclaim = () => {
        if (!digest) newUserAlerts.dropDigest(minute.minuteStart, adminId);
      };
      if (failure.kind === "rate_limited") {
        unclaim();
        // Telegram's limit is the bot's: every message of this process waits too, and the others hear of it.
        budget.pushBack(failure.retryAfterSeconds, adminId);
        this.pausedUntil = now().getTime() + failure.retryAfterSeconds * 1000;
        return "wait";
      }
      if (failure.kind === "transient") {
        unclaim();
        return "retry";
      }
      // Blocked, never started the bot, deleted the digest, or a refusal we do not know: stop for this minute.
      this.deps.logger.warn({ err, adminId }, "could not show a new-user digest");
      record(null);
      return "shown";
    }
  }

  private sourceNames(): SourceNames {
    const { settings, users, campaigns } = this.deps.services;
    const dearUser = settings.get("general").dearUserName;
    return {
      campaign: (id) => campaigns.find(id)?.name,
      referrer: (id) => {
        const user = users.find(id);
        return user ? displayName(user, dearUser) : dearUser;
      },
    };
  }
}
