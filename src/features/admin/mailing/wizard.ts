import { type Context, GrammyError } from "grammy";
import type { Message, ReplyKeyboardMarkup } from "grammy/types";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-mailing.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { fillTemplate } from "../../content/template.js";
import { valuesFor } from "../../gate/gate-replies.js";
import { segmentAudience } from "../../mailing/audience.js";
import {
  defaultMailingOptions,
  freeRateLimit,
  type MailingAudience,
  type MailingContent,
  type MailingOptions,
  type MailingPayload,
  type UrlButton,
} from "../../mailing/mailing.js";
import { createMailing, defaultOptionsFor, rateCeiling } from "../../mailing/mailing-commands.js";
import { sendMailingMessage } from "../../mailing/mailing-engine.js";
import type { MailingKind } from "../../mailing/mailing-repository.js";
import { formatInZone, parseScheduleTime } from "../../mailing/schedule.js";
import { parseUrlButtons } from "../../mailing/url-buttons.js";
import { parseSegment, segmentErrorText } from "../../segments/segment.js";
import { actorOf, asAdmin } from "../area.js";
import {
  type AdminConversation,
  accept,
  type InputExit,
  type Parsed,
  parseText,
  refuse,
  waitForAnswer,
} from "../ask.js";
import { describeAudience } from "./audience-filter.js";
import { controlKeyboard } from "./controls.js";
import { describeStatus } from "./mailing-reporter.js";

/** Everything a mailing is made of while the admin builds it; it lives in the conversation's replay log. */
export interface MailingDraft {
  kind: MailingKind;
  payload: MailingPayload;
  audience: MailingAudience;
  audienceLabel: string;
  options: MailingOptions;
  /** ISO time, or null to start at once. */
  scheduledAt: string | null;
}

/** A refusal with no message: the input was taken (an album item) and the wait goes on. */
const silently = refuse("");

/** Kinds of message copyMessage can copy; service messages, invoices, giveaways and the like cannot. */
const copyableFields = [
  "photo",
  "video",
  "document",
  "audio",
  "voice",
  "sticker",
  "animation",
  "video_note",
  "poll",
  "location",
  "venue",
  "contact",
  "dice",
] as const satisfies ReadonlyArray<keyof Message>;

export function replyKeyboard(rows: string[][]): ReplyKeyboardMarkup {
  return {
    keyboard: rows.map((row) => row.map((text) => ({ text }))),
    resize_keyboard: true,
    is_persistent: true,
  };
}

/** The wizard's reply keyboard has its own ❌ Cancel; leaving gives back the 🔐Admin keyboard. */
const wizardExit: InputExit = {
  cancelButton: texts.cancelButton,
  cancelled: texts.cancelled,
  keyboard: adminKeyboard,
};

/** Waits for the admin's next message that `parse` accepts, saying what is wrong otherwise. */
async function answer<T>(
  conversation: AdminConversation,
  parse: (message: Message) => Parsed<T> | Promise<Parsed<T>>,
): Promise<T> {
  for (;;) {
    const { answer: update, message } = await waitForAnswer(conversation, wizardExit);
    const parsed = await parse(message);
    if (parsed.ok) return parsed.value;
    if (parsed.error !== "") await update.reply(parsed.error);
  }
}

/** Asks with a reply keyboard (its buttons send their label as a message) and waits for an answer. */
async function choose<T>(
  conversation: AdminConversation,
  ctx: Context,
  prompt: string,
  rows: string[][],
  parse: (message: Message) => Parsed<T> | Promise<Parsed<T>>,
): Promise<T> {
  await ctx.reply(prompt, { reply_markup: replyKeyboard(rows) });
  return answer(conversation, parse);
}

// --- content

type ContentAnswer =
  | { content: MailingContent }
  | { albumStart: { chatId: number; messageId: number; group: string } };

function contentOf(message: Message): Parsed<ContentAnswer> {
  if (message.media_group_id !== undefined) {
    return accept({
      albumStart: { chatId: message.chat.id, messageId: message.message_id, group: message.media_group_id },
    });
  }
  if (message.text !== undefined) {
    const parsed = parseText(message);
    if (!parsed.ok) return parsed;
    const { text, entities } = parsed.value;
    return accept({ content: entities ? { type: "text", text, entities } : { type: "text", text } });
  }
  if (copyableFields.some((field) => message[field] !== undefined)) {
    return accept({ content: { type: "copy", fromChatId: message.chat.id, messageId: message.message_id } });
  }
  return refuse(texts.notCopyable);
}

/** The message to broadcast; the items of an album are gathered until the admin says ✅ Done. */
async function askContent(conversation: AdminConversation, ctx: Context): Promise<MailingContent> {
  const first = await choose(conversation, ctx, texts.askContent, [[texts.cancelButton]], contentOf);
  if ("content" in first) return first.content;
  const { chatId, messageId, group } = first.albumStart;
  const ids = [messageId];
  await ctx.reply(texts.albumCollecting, {
    reply_markup: replyKeyboard([[texts.doneButton], [texts.cancelButton]]),
  });
  await answer(conversation, (message) => {
    if (message.media_group_id === group) {
      ids.push(message.message_id);
      return silently;
    }
    if (message.text !== undefined && /^(✅\s*)?done$/i.test(message.text.trim())) return accept(true);
    return refuse(texts.albumWaiting);
  });
  const messageIds = [...new Set(ids)].sort((a, b) => a - b);
  await ctx.reply(fillTemplate(texts.albumDone, { count: messageIds.length }));
  return { type: "album", fromChatId: chatId, messageIds };
}

async function askButtons(conversation: AdminConversation, ctx: Context): Promise<UrlButton[][]> {
  return choose(conversation, ctx, texts.askButtons, [[texts.noButtons], [texts.cancelButton]], (message) => {
    const text = message.text?.trim();
    if (text === undefined) return refuse(texts.buttonsProblem.none);
    if (text === texts.noButtons || /^(skip|none|no)$/i.test(text)) return accept([]);
    const parsed = parseUrlButtons(text);
    if (parsed.ok) return accept(parsed.buttons);
    return refuse(
      fillTemplate(texts.buttonsProblem[parsed.problem], { line: parsed.line, button: parsed.button }),
    );
  });
}

// --- audience

async function askAudience(
  conversation: AdminConversation,
  ctx: Context,
  kind: MailingKind,
): Promise<{ audience: MailingAudience; label: string }> {
  const check = kind === "check_users";
  const everyone = check
    ? [texts.everyoneWithDead, texts.everyoneAlive]
    : [texts.everyoneAlive, texts.everyoneWithDead];
  const choice = await choose(
    conversation,
    ctx,
    check ? texts.askAudienceCheck : texts.askAudienceMailing,
    [...everyone.map((label) => [label]), [texts.filterButton], [texts.cancelButton]],
    (message) => {
      const text = message.text?.trim();
      if (text === texts.everyoneAlive) return accept("alive" as const);
      if (text === texts.everyoneWithDead) return accept("all" as const);
      if (text === texts.filterButton) return accept("filter" as const);
      return refuse(texts.useButtons);
    },
  );
  if (choice === "alive") return { audience: { includeDead: false, segment: "" }, label: texts.audienceAll };
  if (choice === "all")
    return { audience: { includeDead: true, segment: "" }, label: texts.audienceAllWithDead };

  const timezone = await conversation.external((octx) => octx.services.settings.get("mailing").timezone);
  const resolved = await choose(
    conversation,
    ctx,
    fillTemplate(texts.askFilter, { timezone }),
    [[texts.cancelButton]],
    async (message) => {
      if (message.text === undefined) return refuse(texts.filterMissing);
      const parsed = parseSegment(message.text);
      if (!parsed.ok) return refuse(segmentErrorText(parsed));
      if (parsed.tree.kind === "everyone") return refuse(texts.filterMissing);
      const audience = segmentAudience(parsed.tree, timezone);
      const count = await conversation.external((octx) =>
        octx.services.mailings.countAudience(audience, octx.services.now()),
      );
      if (count === 0) return refuse(texts.nobodyMatches);
      return accept({ audience, count });
    },
  );
  await ctx.reply(fillTemplate(texts.audienceCount, { count: resolved.count }));
  return { audience: resolved.audience, label: describeAudience(resolved.audience, timezone) };
}

// --- options

type OptionKey =
  | "deadAfter"
  | "silent"
  | "protect"
  | "pin"
  | "rate"
  | "schedule"
  | "preview"
  | "test"
  | "continue";

const optionPrefixes: Array<[string, OptionKey]> = [
  ["💀", "deadAfter"],
  ["🔕", "silent"],
  ["🛡", "protect"],
  ["📌", "pin"],
  ["⚡", "rate"],
  ["🗓", "schedule"],
  ["👁", "preview"],
  ["🧪", "test"],
  ["✅", "continue"],
];
const checkOptions = new Set<OptionKey>(["deadAfter", "rate", "schedule", "continue"]);

const onOff = (on: boolean) => (on ? texts.on : texts.off);

function optionLines(draft: MailingDraft, timezone: string): string[] {
  const { options } = draft;
  const lines = [fillTemplate(texts.optionDeadAfter, { value: options.deadAfter })];
  if (draft.kind === "mailing") {
    lines.push(
      fillTemplate(texts.optionSilent, { value: onOff(options.silent) }),
      fillTemplate(texts.optionProtect, { value: onOff(options.protectContent) }),
      fillTemplate(texts.optionPin, { value: onOff(options.pin) }),
    );
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

function optionsText(draft: MailingDraft, timezone: string): string {
  const hint = draft.kind === "mailing" ? texts.optionsHint : texts.optionsHintCheck;
  return [texts.optionsTitle, "", ...optionLines(draft, timezone), "", hint].join("\n");
}

function optionsKeyboard(draft: MailingDraft, timezone: string): string[][] {
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
    [schedule],
    [texts.previewKey, texts.testKey],
    [texts.continueKey, texts.cancelButton],
  ];
}

function parseOptionKey(kind: MailingKind) {
  return (message: Message): Parsed<OptionKey> => {
    const text = message.text?.trim() ?? "";
    const found = optionPrefixes.find(([prefix]) => text.startsWith(prefix));
    if (!found || (kind === "check_users" && !checkOptions.has(found[1]))) return refuse(texts.useButtons);
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

async function askDeadAfter(conversation: AdminConversation, ctx: Context): Promise<number | undefined> {
  return choose(
    conversation,
    ctx,
    texts.askDeadAfter,
    [["1", "2", "3", "4", "5"], [texts.backToOptions]],
    (message): Parsed<number | undefined> =>
      isBack(message) ? accept(undefined) : parseCount(message, 5, texts.badDeadAfter),
  );
}

async function askRate(
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

async function askSchedule(
  conversation: AdminConversation,
  ctx: Context,
): Promise<string | null | undefined> {
  const { timezone, now } = await conversation.external((octx) => {
    const zone = octx.services.settings.get("mailing").timezone;
    return { timezone: zone, now: formatInZone(octx.services.now(), zone) };
  });
  return choose(
    conversation,
    ctx,
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

/** Sends the draft's message to the admin: as written (preview), or exactly as a recipient gets it (test). */
async function sendToAdmin(
  conversation: AdminConversation,
  ctx: Context,
  draft: MailingDraft,
  test: boolean,
) {
  const payload = draft.payload;
  const chatId = ctx.chatId;
  if (payload.kind !== "message" || chatId === undefined) return;
  const values = test ? await conversation.external((octx) => valuesFor(octx)) : undefined;
  const options = test
    ? { ...draft.options, paidBroadcast: false }
    : { ...defaultMailingOptions, ratePerSecond: draft.options.ratePerSecond };
  await ctx.reply(test ? texts.testIntro : texts.previewIntro);
  try {
    await sendMailingMessage(ctx.api, chatId, payload, options, values);
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    await ctx.reply(fillTemplate(texts.sendFailed, { reason: classifyTelegramError(error).description }));
  }
}

export function contentSummary(payload: MailingPayload): string {
  if (payload.kind === "probe") return texts.contentProbe;
  const content = payload.content;
  if (content.type === "album") return fillTemplate(texts.contentAlbum, { count: content.messageIds.length });
  if (content.type === "copy") return texts.contentCopy;
  const preview = content.text.length > 60 ? `${content.text.slice(0, 60)}…` : content.text;
  return fillTemplate(texts.contentText, { preview });
}

function confirmText(draft: MailingDraft, count: number, timezone: string): string {
  const check = draft.kind === "check_users";
  const lines = [check ? texts.confirmTitleCheck : texts.confirmTitle, ""];
  if (draft.payload.kind === "message") {
    lines.push(fillTemplate(texts.confirmContent, { value: contentSummary(draft.payload) }));
    const buttons = draft.payload.buttons.flat().length;
    if (buttons > 0) lines.push(fillTemplate(texts.confirmButtons, { value: buttons }));
  } else {
    lines.push(texts.confirmProbe);
  }
  lines.push(
    fillTemplate(texts.confirmAudience, { value: draft.audienceLabel }),
    fillTemplate(draft.scheduledAt === null ? texts.confirmRecipients : texts.confirmRecipientsScheduled, {
      count,
    }),
  );
  if (count === 0) lines.push(texts.confirmNobody);
  lines.push("", ...optionLines(draft, timezone));
  return lines.join("\n");
}

/** The options screen, then the confirmation; returns the draft the admin confirmed. */
async function optionsAndConfirm(
  conversation: AdminConversation,
  ctx: Context,
  initial: MailingDraft,
): Promise<MailingDraft> {
  let draft = initial;
  for (;;) {
    const timezone = await conversation.external((octx) => octx.services.settings.get("mailing").timezone);
    const key = await choose(
      conversation,
      ctx,
      optionsText(draft, timezone),
      optionsKeyboard(draft, timezone),
      parseOptionKey(draft.kind),
    );
    const options = draft.options;
    switch (key) {
      case "deadAfter": {
        const deadAfter = await askDeadAfter(conversation, ctx);
        if (deadAfter !== undefined) draft = { ...draft, options: { ...options, deadAfter } };
        break;
      }
      case "silent":
        draft = { ...draft, options: { ...options, silent: !options.silent } };
        break;
      case "protect":
        draft = { ...draft, options: { ...options, protectContent: !options.protectContent } };
        break;
      case "pin":
        draft = { ...draft, options: { ...options, pin: !options.pin } };
        break;
      case "rate": {
        const chosen = await askRate(conversation, ctx, draft.kind);
        if (chosen) {
          const paidBroadcast = draft.kind === "mailing" && chosen.paid && chosen.rate > freeRateLimit;
          draft = { ...draft, options: { ...options, ratePerSecond: chosen.rate, paidBroadcast } };
        }
        break;
      }
      case "schedule": {
        const scheduledAt = await askSchedule(conversation, ctx);
        if (scheduledAt !== undefined) draft = { ...draft, scheduledAt };
        break;
      }
      case "preview":
      case "test":
        await sendToAdmin(conversation, ctx, draft, key === "test");
        break;
      case "continue": {
        const count = await conversation.external((octx) =>
          octx.services.mailings.countAudience(draft.audience, octx.services.now()),
        );
        const go =
          draft.kind === "check_users"
            ? texts.startCheckKey
            : draft.scheduledAt
              ? texts.scheduleItKey
              : texts.sendNowKey;
        const decision = await choose(
          conversation,
          ctx,
          confirmText(draft, count, timezone),
          [[go], [texts.changeOptionsKey], [texts.cancelButton]],
          (message) => {
            const text = message.text?.trim();
            if (text === go) return accept("go" as const);
            if (text === texts.changeOptionsKey) return accept("change" as const);
            return refuse(texts.useButtons);
          },
        );
        if (decision === "go") return draft;
        break;
      }
    }
  }
}

/**
 * Saves the confirmed draft and posts its status message. The status message exists before the
 * mailing does, so the engine always knows where to report; it is then drawn for the mailing.
 */
async function launch(conversation: AdminConversation, ctx: Context, draft: MailingDraft): Promise<void> {
  const done = await asAdmin(conversation, async (octx) => {
    const { services } = octx;
    const timezone = services.settings.get("mailing").timezone;
    const confirmation =
      draft.scheduledAt === null
        ? texts.confirmed
        : fillTemplate(texts.confirmedScheduled, {
            at: formatInZone(new Date(draft.scheduledAt), timezone),
            timezone,
          });
    await octx.reply(confirmation, { reply_markup: adminKeyboard });
    const placeholder = await octx.reply(texts.preparing);
    // Paid or not is decided by the setting as it is now: switched off meanwhile means no fee (and 30/s at most).
    const { paidBroadcast: _asked, ...options } = draft.options;
    const { mailing: created } = createMailing(
      services,
      {
        kind: draft.kind,
        payload: draft.payload,
        audience: draft.audience,
        options,
        scheduledAt: draft.scheduledAt === null ? null : new Date(draft.scheduledAt),
        latePast: "start_now",
        statusMessage: { chatId: placeholder.chat.id, messageId: placeholder.message_id },
      },
      actorOf(octx),
    );
    // The engine may already be reporting on it; drawing again until the state holds still keeps the last word right.
    let drawn: string | undefined;
    for (let round = 0; round < 3; round++) {
      const current = services.mailings.find(created.id);
      if (!current || current.status === drawn) break;
      drawn = current.status;
      try {
        await octx.api.editMessageText(
          placeholder.chat.id,
          placeholder.message_id,
          describeStatus(
            { repository: services.mailings, settings: services.settings, now: services.now },
            current,
          ),
          { reply_markup: await controlKeyboard(current) },
        );
      } catch (error) {
        if (classifyTelegramError(error).kind !== "not_modified") throw error;
      }
    }
  });
  if (!done) await ctx.reply(texts.notAdminAnymore, { reply_markup: adminKeyboard });
}

/** ✉️ New mailing: content, URL buttons, audience, options (preview and test send), confirmation. */
export async function newMailingConversation(conversation: AdminConversation, ctx: Context): Promise<void> {
  const content = await askContent(conversation, ctx);
  let buttons: UrlButton[][] = [];
  if (content.type === "album") await ctx.reply(texts.albumNoButtons);
  else buttons = await askButtons(conversation, ctx);
  if (content.type !== "text") await ctx.reply(texts.copyNote);
  const { audience, label } = await askAudience(conversation, ctx, "mailing");
  const options = await conversation.external((octx) => defaultOptionsFor(octx.services.settings, "mailing"));
  const draft = await optionsAndConfirm(conversation, ctx, {
    kind: "mailing",
    payload: { kind: "message", content, buttons },
    audience,
    audienceLabel: label,
    options,
    scheduledAt: null,
  });
  await launch(conversation, ctx, draft);
}

/** ▶ Start a check: audience, options, confirmation; users are probed without a visible message. */
export async function newCheckConversation(conversation: AdminConversation, ctx: Context): Promise<void> {
  const { audience, label } = await askAudience(conversation, ctx, "check_users");
  const options = await conversation.external((octx) =>
    defaultOptionsFor(octx.services.settings, "check_users"),
  );
  const draft = await optionsAndConfirm(conversation, ctx, {
    kind: "check_users",
    payload: { kind: "probe" },
    audience,
    audienceLabel: label,
    options,
    scheduledAt: null,
  });
  await launch(conversation, ctx, draft);
}
