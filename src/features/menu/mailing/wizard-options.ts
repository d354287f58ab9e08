import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { texts } from "../../../texts/admin-mailing.js";
import { fillTemplate } from "../../content/template.js";
import {
  freeRateLimit,
  type MailingAudience,
  type MailingContent,
  type MailingOptions,
  type MailingPayload,
} from "../../mailing/mailing.js";
import { rateCeiling } from "../../mailing/mailing-commands.js";
import type { MailingKind } from "../../mailing/mailing-repository.js";
import type { MailingVariantInput } from "../../mailing/mailing-variants.js";
import { formatInZone, parseScheduleTime } from "../../mailing/schedule.js";
import { mailingTopic } from "../../topics/mailing-topic.js";
import { type AdminConversation, accept, type Parsed, refuse } from "../ask.js";
import { choose } from "./wizard-input.js";

/** Everything a mailing is made of while the admin builds it; it lives in the conversation's replay log. */
export interface MailingDraft {
  kind: MailingKind;
  payload: MailingPayload;
  audience: MailingAudience;
  audienceLabel: string;
  options: MailingOptions;
  /** Other messages for the users their segments select (first match wins). */
  variants: MailingVariantInput[];
  /** ISO time, or null to start at once. */
  scheduledAt: string | null;
  /** The topic whose 🔕 unsubscribe button recipients get while the switch is on; null: none. */
  topic: string | null;
}

type OptionKey =
  | "deadAfter"
  | "silent"
  | "protect"
  | "pin"
  | "topicButton"
  | "rate"
  | "schedule"
  | "preview"
  | "test"
  | "previewAs"
  | "variants"
  | "continue";

const optionPrefixes: Array<[string, OptionKey]> = [
  ["💀", "deadAfter"],
  ["🔕", "silent"],
  ["🛡", "protect"],
  ["📌", "pin"],
  ["🏷", "topicButton"],
  ["⚡", "rate"],
  ["🗓", "schedule"],
  ["👁", "preview"],
  ["🧪", "test"],
  ["👤", "previewAs"],
  ["🎯", "variants"],
  ["✅", "continue"],
];
const checkOptions = new Set<OptionKey>(["deadAfter", "rate", "schedule", "continue"]);

const onOff = (on: boolean) => (on ? texts.on : texts.off);

/**
 * The topic whose 🔕 button a mailing's recipients would get: the one its audience requires (as
 * the topic is named now), unless the content is an album, which carries no buttons.
 */
export function buttonTopic(
  conversation: AdminConversation,
  content: MailingContent,
  audience: MailingAudience,
): Promise<string | null> {
  if (content.type === "album") return Promise.resolve(null);
  return conversation.external((octx) => mailingTopic(octx.services.topics, audience.segment)?.name ?? null);
}

/** The draft with its 🔕 topic button switched (absent means on, as the engine reads it). */
export function withTopicButtonToggled(draft: MailingDraft): MailingDraft {
  return { ...draft, options: { ...draft.options, topicButton: draft.options.topicButton === false } };
}

export function optionLines(draft: MailingDraft, timezone: string): string[] {
  const { options } = draft;
  const lines = [fillTemplate(texts.optionDeadAfter, { value: options.deadAfter })];
  if (draft.kind === "mailing") {
    lines.push(
      fillTemplate(texts.optionSilent, { value: onOff(options.silent) }),
      fillTemplate(texts.optionProtect, { value: onOff(options.protectContent) }),
      fillTemplate(texts.optionPin, { value: onOff(options.pin) }),
    );
    if (draft.topic !== null) {
      const value = onOff(options.topicButton !== false);
      lines.push(fillTemplate(texts.optionTopicButton, { name: draft.topic, value }));
    }
  }
  const rate =
    draft.kind === "check_users"
      ? texts.optionRateCheck
      : options.paidBroadcast
        ? texts.optionRatePaid
        : texts.optionRate;
  lines.push(
    fillTemplate(rate, { value: options.ratePerSecond }),
    draft.scheduledAt === null
      ? texts.optionStartNow
      : fillTemplate(texts.optionStartAt, {
          at: formatInZone(new Date(draft.scheduledAt), timezone),
          timezone,
        }),
  );
  return lines;
}

export function optionsText(draft: MailingDraft, timezone: string): string {
  const hint = draft.kind === "mailing" ? texts.optionsHint : texts.optionsHintCheck;
  return [texts.optionsTitle, "", ...optionLines(draft, timezone), "", hint].join("\n");
}

/** Whether the draft sends a poll. */
export function isPoll(draft: MailingDraft): boolean {
  return draft.payload.kind === "message" && draft.payload.content.type === "poll";
}

export function optionsKeyboard(draft: MailingDraft, timezone: string): string[][] {
  const { options } = draft;
  const schedule =
    draft.scheduledAt === null
      ? texts.scheduleKeyNow
      : fillTemplate(texts.scheduleKeyAt, { at: formatInZone(new Date(draft.scheduledAt), timezone) });
  const first = [
    fillTemplate(texts.deadAfterKey, { value: options.deadAfter }),
    fillTemplate(texts.rateKey, { value: options.ratePerSecond }),
  ];
  if (draft.kind === "check_users") return [first, [schedule], [texts.continueKey, texts.cancelButton]];
  return [
    first,
    [
      fillTemplate(texts.silentKey, { value: onOff(options.silent) }),
      fillTemplate(texts.protectKey, { value: onOff(options.protectContent) }),
      fillTemplate(texts.pinKey, { value: onOff(options.pin) }),
    ],
    ...(draft.topic === null
      ? []
      : [[fillTemplate(texts.topicButtonKey, { value: onOff(options.topicButton !== false) })]]),
    [schedule],
    [texts.previewKey, texts.testKey],
    // A poll goes to everyone alike (its answers are counted together): no variants.
    isPoll(draft)
      ? [texts.previewAsKey]
      : [texts.previewAsKey, fillTemplate(texts.variantsKey, { count: draft.variants.length })],
    [texts.continueKey, texts.cancelButton],
  ];
}

export function parseOptionKey(draft: MailingDraft) {
  return (message: Message): Parsed<OptionKey> => {
    const text = message.text?.trim() ?? "";
    const found = optionPrefixes.find(([prefix]) => text.startsWith(prefix));
    if (!found || (draft.kind === "check_users" && !checkOptions.has(found[1])))
      return refuse(texts.useButtons);
    if (found[1] === "topicButton" && draft.topic === null) return refuse(texts.useButtons);
    return accept(found[1]);
  };
}

const isBack = (message: Message) => message.text?.trim() === texts.backToOptions;

/** A whole number in [1, max]; `tooHigh` explains a number above it. */
export function parseCount(
  message: Message,
  max: number,
  bad: string,
  tooHigh?: (n: number) => string,
): Parsed<number> {
  const text = message.text?.trim() ?? "";
  if (!/^\d{1,7}$/.test(text)) return refuse(bad);
  const n = Number(text);
  if (n < 1) return refuse(bad);
  if (n > max) return refuse(tooHigh ? tooHigh(n) : bad);
  return accept(n);
}

export async function askDeadAfter(
  conversation: AdminConversation,
  ctx: Context,
  kind: MailingKind,
): Promise<number | undefined> {
  return choose(
    conversation,
    ctx,
    kind,
    texts.askDeadAfter,
    [["1", "2", "3", "4", "5"], [texts.backToOptions]],
    (message): Parsed<number | undefined> =>
      isBack(message) ? accept(undefined) : parseCount(message, 5, texts.badDeadAfter),
  );
}

export async function askRate(
  conversation: AdminConversation,
  ctx: Context,
  kind: MailingKind,
): Promise<{ rate: number; paid: boolean } | undefined> {
  const paid = await conversation.external((octx) => octx.services.settings.get("mailing").paidBroadcast);
  const max = rateCeiling(kind, paid);
  const prompt = kind === "check_users" ? texts.askRateCheck : paid ? texts.askRatePaid : texts.askRate;
  const presets = max > freeRateLimit ? ["10", "25", "30", "100", "500", "1000"] : ["5", "10", "25", "30"];
  const rate = await choose(
    conversation,
    ctx,
    kind,
    fillTemplate(prompt, { max }),
    [presets, [texts.backToOptions]],
    (message): Parsed<number | undefined> => {
      if (isBack(message)) return accept(undefined);
      return parseCount(message, max, fillTemplate(texts.badRate, { max }), (n) => {
        if (kind === "check_users") return texts.rateAboveCheck;
        if (!paid) return fillTemplate(texts.rateAboveFree, { value: n });
        return fillTemplate(texts.badRate, { max });
      });
    },
  );
  return rate === undefined ? undefined : { rate, paid };
}

export async function askSchedule(
  conversation: AdminConversation,
  ctx: Context,
  kind: MailingKind,
): Promise<string | null | undefined> {
  const { timezone, now } = await conversation.external((octx) => {
    const zone = octx.services.settings.get("mailing").timezone;
    return { timezone: zone, now: formatInZone(octx.services.now(), zone) };
  });
  return choose(
    conversation,
    ctx,
    kind,
    fillTemplate(texts.askSchedule, { timezone, now }),
    [[texts.nowButton], [texts.backToOptions]],
    async (message): Promise<Parsed<string | null | undefined>> => {
      if (isBack(message)) return accept(undefined);
      const text = message.text?.trim() ?? "";
      if (text === texts.nowButton || /^now$/i.test(text)) return accept(null);
      const result = await conversation.external((octx) => {
        const zone = octx.services.settings.get("mailing").timezone;
        const at = octx.services.now();
        const parsed = parseScheduleTime(text, zone, at);
        if (parsed.ok) return { ok: true as const, at: parsed.at.toISOString() };
        return {
          ok: false as const,
          problem: parsed.problem,
          timezone: zone,
          now: formatInZone(at, zone),
          example: formatInZone(new Date(at.getTime() + 86_400_000), zone),
        };
      });
      if (result.ok) return accept(result.at);
      return refuse(
        fillTemplate(texts.scheduleProblem[result.problem], {
          timezone: result.timezone,
          now: result.now,
          example: result.example,
        }),
      );
    },
  );
}
