import type { Db } from "../../db/client.js";
import type { MailingRecord, MailingStatus } from "../../db/schema/index.js";
import { type RefusalReason, UsherError } from "../../errors.js";
import { refusalReason } from "../../texts/refusal-reasons.js";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import { parseSegment } from "../segments/segment.js";
import { attributeKeyPattern } from "../segments/tree.js";
import type { SettingsRepository } from "../settings/settings-repository.js";
import type { TopicRepository } from "../topics/topic-repository.js";
import { segmentAudience } from "./audience.js";
import {
  defaultMailingOptions,
  freeRateLimit,
  type MailingAudience,
  type MailingOptions,
  type MailingPayload,
  paidRateLimit,
  type UrlButton,
} from "./mailing.js";
import { checkedVariants, checkMessageContent } from "./mailing-content-check.js";
import { MailingInputError } from "./mailing-input-error.js";
import type { MailingKind, MailingRepository } from "./mailing-repository.js";
import type { MailingVariant, MailingVariantInput } from "./mailing-variants.js";
import { pollProblem } from "./poll.js";
import { isButtonUrl, urlButtonLimits } from "./url-buttons.js";
import type { MailingVariantRepository } from "./variant-repository.js";
import type { WakeSignal } from "./wake-signal.js";

export { MailingInputError } from "./mailing-input-error.js";

/** What the mailing verbs work with (a subset of the bot's services). */
export interface MailingServices {
  db: Db;
  mailings: MailingRepository;
  mailingVariants: MailingVariantRepository;
  settings: SettingsRepository;
  audit: AuditLog;
  mailingWake: WakeSignal;
  /** Which topics exist: a segment naming an unknown one is refused. */
  topics: TopicRepository;
  now: () => Date;
}

/** No mailing has this id. */
export class MailingNotFoundError extends UsherError.of("not_found", ["not_found"]) {
  constructor(readonly mailingId: number) {
    super("not_found", `Mailing ${mailingId} was not found`);
  }
}

/** The speed a mailing may use: 30/s, or 1000/s for mailings when paid broadcast is on in the settings. */
export function rateCeiling(kind: MailingKind, paid: boolean): number {
  return kind === "mailing" && paid ? paidRateLimit : freeRateLimit;
}

/** Default options from the ⚙️ Mailing defaults, within what the kind may use. */
export function defaultOptionsFor(settings: SettingsRepository, kind: MailingKind): MailingOptions {
  const defaults = settings.get("mailing");
  const ratePerSecond = Math.min(defaults.ratePerSecond, rateCeiling(kind, defaults.paidBroadcast));
  return {
    ...defaultMailingOptions,
    deadAfter: defaults.deadAfter,
    ratePerSecond,
    paidBroadcast: kind === "mailing" && defaults.paidBroadcast && ratePerSecond > freeRateLimit,
  };
}

/**
 * The audience for a segment typed in the filter language, its days read in the mailing time zone.
 * Dead users stay out unless `includeDead` or the segment speaks of them; an empty segment is everyone.
 */
export function audienceFromSegment(
  settings: SettingsRepository,
  request: { segment?: string | undefined; includeDead?: boolean | undefined },
  kind: MailingKind,
): MailingAudience {
  const includeDead = request.includeDead ?? kind === "check_users";
  const text = request.segment?.trim() ?? "";
  if (text === "") return { includeDead, segment: "" };
  const parsed = parseSegment(text);
  if (!parsed.ok) {
    throw new MailingInputError("invalid_segment", "audience.segment", "The segment does not parse", parsed);
  }
  if (parsed.tree.kind === "everyone") return { includeDead, segment: "" };
  const audience = segmentAudience(parsed.tree, settings.get("mailing").timezone);
  return { ...audience, includeDead: audience.includeDead || includeDead };
}

export interface CreateMailingInput {
  kind: MailingKind;
  payload: MailingPayload;
  audience: MailingAudience;
  /**
   * Missing options come from the mailing defaults. `paidBroadcast` left out means "as the settings
   * allow": paid when the setting is on and the rate needs it; true while the setting is off is refused.
   * The rate is clamped to what the mailing may use (30/s, 1000/s when paid).
   */
  options?: Partial<MailingOptions>;
  /**
   * Other contents for some recipients: each gets the first variant whose segment selects them,
   * else the payload's content. Only for message mailings.
   */
  variants?: readonly MailingVariantInput[];
  /** Start then (it must be in the future), or at once when absent. */
  scheduledAt?: Date | null;
  /**
   * What a start time that has already passed means: refused (the API, where a caller sent it), or
   * "start now" (an admin who confirmed a future time too slowly).
   */
  latePast?: "refuse" | "start_now";
  /** The admin's Telegram message the engine keeps up to date; API mailings have none. */
  statusMessage?: { chatId: number; messageId: number };
}

export interface CreatedMailing {
  mailing: MailingRecord;
  /** How many users the audience matched when the mailing was made. */
  estimatedRecipients: number;
}

const isWhole = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

function checkButtons(buttons: UrlButton[][]): void {
  const bad = (message: string) => new MailingInputError("invalid_buttons", "buttons", message);
  if (buttons.length > urlButtonLimits.rows) throw bad(`At most ${urlButtonLimits.rows} rows of buttons`);
  for (const [r, row] of buttons.entries()) {
    if (row.length === 0) throw bad(`Row ${r + 1} has no buttons`);
    if (row.length > urlButtonLimits.perRow)
      throw bad(`Row ${r + 1}: at most ${urlButtonLimits.perRow} buttons`);
    for (const [b, button] of row.entries()) {
      const where = `Row ${r + 1}, button ${b + 1}`;
      if (button.text.trim() === "") throw bad(`${where}: the label is empty`);
      if (button.text.length > urlButtonLimits.labelLength)
        throw bad(`${where}: the label is longer than ${urlButtonLimits.labelLength} characters`);
      if (!isButtonUrl(button.url)) throw bad(`${where}: not an http(s) or tg:// link`);
    }
  }
}

/** Checks the payload against the kind and Telegram's limits; albums come back sorted and deduplicated. */
function checkedPayload(kind: MailingKind, payload: MailingPayload): MailingPayload {
  if (kind === "check_users" || payload.kind === "probe") {
    if (kind !== "check_users" || payload.kind !== "probe")
      throw new MailingInputError("invalid_payload", "payload", refusalReason("mailing", "probesOnly"));
    return payload;
  }
  const { content, buttons } = payload;
  if (content.type === "text" || content.type === "copy") {
    checkMessageContent(content, "");
  } else if (content.type === "poll") {
    const problem = pollProblem(content) ?? attributeProblem(content.attribute);
    if (problem) throw new MailingInputError("invalid_poll", "poll", problem);
  } else {
    const ids = [...new Set(content.messageIds)].sort((a, b) => a - b);
    if (
      !isWhole(content.fromChatId) ||
      ids.length === 0 ||
      ids.length > 100 ||
      !ids.every((id) => isWhole(id) && id > 0)
    )
      throw new MailingInputError("invalid_album", "album", refusalReason("mailing", "album"));
    if (buttons.length > 0)
      throw new MailingInputError("buttons_with_album", "buttons", refusalReason("mailing", "albumButtons"));
    return { kind: "message", content: { ...content, messageIds: ids }, buttons };
  }
  checkButtons(buttons);
  return payload;
}

function attributeProblem(key: string | undefined): RefusalReason | null {
  if (key === undefined || attributeKeyPattern.test(key)) return null;
  return refusalReason("mailing", "pollAttribute");
}

function checkedAudience(audience: MailingAudience, topics: TopicRepository): void {
  if (!audience.segment) return;
  const parsed = parseSegment(audience.segment, {
    topicExists: (name) => topics.findByName(name) !== undefined,
  });
  if (!parsed.ok)
    throw new MailingInputError("invalid_segment", "audience.segment", "The segment does not parse", parsed);
}

function checkedOptions(
  settings: SettingsRepository,
  kind: MailingKind,
  asked: Partial<MailingOptions>,
): MailingOptions {
  const defaults = defaultOptionsFor(settings, kind);
  const deadAfter = asked.deadAfter ?? defaults.deadAfter;
  if (!isWhole(deadAfter) || deadAfter < 1 || deadAfter > 5)
    throw new MailingInputError(
      "invalid_dead_after",
      "deadAfter",
      "Dead After is a whole number from 1 to 5",
    );
  const rate = asked.ratePerSecond ?? defaults.ratePerSecond;
  if (!isWhole(rate) || rate < 1)
    throw new MailingInputError("invalid_rate", "ratePerSecond", refusalReason("mailing", "rate"));
  // The paid flag follows the setting as it is now: switched off meanwhile means no fee (and 30/s at most).
  const paidAllowed = kind === "mailing" && settings.get("mailing").paidBroadcast;
  if (asked.paidBroadcast === true && !paidAllowed) {
    throw new MailingInputError(
      "paid_broadcast_off",
      "paidBroadcast",
      kind === "mailing"
        ? "Paid broadcasts are off in the mailing settings"
        : "Check Users does not use paid broadcasts",
    );
  }
  const ratePerSecond = Math.min(rate, rateCeiling(kind, paidAllowed && asked.paidBroadcast !== false));
  return {
    ...defaults,
    ...asked,
    deadAfter,
    ratePerSecond,
    paidBroadcast: ratePerSecond > freeRateLimit,
    ...(kind === "check_users" && { silent: false, protectContent: false, pin: false }),
  };
}

/** A mailing's input as creating it would store it: every rule applied, nothing stored yet. */
export interface CheckedMailing {
  payload: MailingPayload;
  options: MailingOptions;
  /** In their order: the first whose segment selects a user is the one they get. */
  variants: Omit<MailingVariant, "position">[];
  /** Null to start now (a past time with `latePast: "start_now"` included). */
  scheduledAt: Date | null;
}

/** Applies every rule of creating a mailing to `input`; throws `MailingInputError`, reads only. */
export function checkMailing(
  services: Pick<MailingServices, "settings" | "topics" | "now">,
  input: CreateMailingInput,
): CheckedMailing {
  const { kind } = input;
  const payload = checkedPayload(kind, input.payload);
  checkedAudience(input.audience, services.topics);
  const options = checkedOptions(services.settings, kind, input.options ?? {});
  const variants = checkedVariants(services.settings, kind, input.variants ?? []);
  if (variants.length > 0 && payload.kind === "message" && payload.content.type === "poll")
    throw new MailingInputError("invalid_variants", "variants", refusalReason("mailing", "pollVariants"));
  const now = services.now();
  let scheduledAt = input.scheduledAt ?? null;
  if (scheduledAt !== null) {
    if (Number.isNaN(scheduledAt.getTime()))
      throw new MailingInputError("invalid_schedule", "scheduledAt", refusalReason("mailing", "schedule"));
    if (scheduledAt.getTime() <= now.getTime()) {
      if (input.latePast !== "start_now")
        throw new MailingInputError(
          "schedule_in_past",
          "scheduledAt",
          refusalReason("mailing", "scheduleInPast"),
        );
      scheduledAt = null;
    }
  }
  return { payload, options, variants, scheduledAt };
}

/**
 * Creates a mailing or a Check Users run: checks the input, stores it (scheduled or queued),
 * audits `mailings.create` and wakes the engine. Throws `MailingInputError`, storing nothing.
 */
export function createMailing(
  services: MailingServices,
  actor: Actor,
  input: CreateMailingInput,
): CreatedMailing {
  const { payload, options, variants, scheduledAt } = checkMailing(services, input);
  const created = services.db.transaction(() => {
    const stored = store(services, input, payload, options, scheduledAt, actor);
    services.mailingVariants.add(stored.mailing.id, variants);
    return stored;
  });
  services.mailingWake.notify();
  return created;
}

/** Stores a checked mailing with its status message and audit entry (inside the caller's transaction). */
function store(
  services: MailingServices,
  input: CreateMailingInput,
  payload: MailingPayload,
  options: MailingOptions,
  scheduledAt: Date | null,
  actor: Actor,
): CreatedMailing {
  const { kind } = input;
  const now = services.now();
  const estimatedRecipients = services.mailings.countAudience(input.audience, now);
  const mailing = services.mailings.create(
    {
      kind,
      payload,
      audience: input.audience,
      options,
      createdBy: actor.kind === "admin" ? actor.id : null,
      scheduledAt,
      estimatedRecipients,
    },
    now,
  );
  const { statusMessage } = input;
  if (statusMessage)
    services.mailings.setStatusMessage(mailing.id, statusMessage.chatId, statusMessage.messageId);
  services.audit.record({
    actor,
    action: "mailings.create",
    after: {
      id: mailing.id,
      kind: mailing.kind,
      total: estimatedRecipients,
      ...(input.variants?.length && { variants: input.variants.length }),
    },
  });
  return { mailing: services.mailings.find(mailing.id) ?? mailing, estimatedRecipients };
}

export type MailingControl = "pause" | "resume" | "cancel";

export interface ControlResult {
  /** False when the mailing's status does not allow the action (nothing changed, nothing audited). */
  changed: boolean;
  /** The mailing after the attempt. */
  mailing: MailingRecord;
  /** Its status before. */
  before: MailingStatus;
}

/**
 * Pauses, resumes or cancels a mailing, audits `mailings.<action>` with the status before and after
 * and wakes the engine on resume. Throws `MailingNotFoundError` for an unknown id.
 */
export function controlMailing(
  services: MailingServices,
  actor: Actor,
  { id, action }: { id: number; action: MailingControl },
): ControlResult {
  const found = services.mailings.find(id);
  if (!found) throw new MailingNotFoundError(id);
  const changed = services.mailings.control(id, action, services.now());
  const mailing = services.mailings.find(id) ?? found;
  if (changed) {
    services.audit.record({
      actor,
      action: `mailings.${action}`,
      before: { id, status: found.status },
      after: { id, status: mailing.status },
    });
    if (action === "resume") services.mailingWake.notify();
  }
  return { changed, mailing, before: found.status };
}
