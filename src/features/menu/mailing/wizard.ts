import { type Context, GrammyError } from "grammy";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-mailing.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { fillTemplate } from "../../content/template.js";
import { segmentAudience } from "../../mailing/audience.js";
import {
  defaultMailingOptions,
  freeRateLimit,
  type MailingAudience,
  type MailingContent,
  type UrlButton,
} from "../../mailing/mailing.js";
import { createMailing, defaultOptionsFor } from "../../mailing/mailing-commands.js";
import { sendMailingMessage } from "../../mailing/mailing-engine.js";
import type { MailingKind } from "../../mailing/mailing-repository.js";
import { formatInZone } from "../../mailing/schedule.js";
import { parseUrlButtons } from "../../mailing/url-buttons.js";
import { fieldsOfSnapshot } from "../../personalization/recipient-fields.js";
import { parseSegment, segmentErrorText } from "../../segments/segment.js";
import { actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, refuse } from "../ask.js";
import { replyKeyboard } from "../reply-keyboard.js";
import { describeAudience } from "./audience-filter.js";
import { controlKeyboard } from "./controls.js";
import { describeStatus, statusSourcesOf } from "./mailing-reporter.js";
import { contentOf, contentSummary } from "./wizard-content.js";
import { answer, choose } from "./wizard-input.js";
import {
  askDeadAfter,
  askRate,
  askSchedule,
  buttonTopic,
  isPoll,
  type MailingDraft,
  optionLines,
  optionsKeyboard,
  optionsText,
  parseOptionKey,
  withTopicButtonToggled,
} from "./wizard-options.js";
import { draftAsUser, editVariants, payloadFor, previewAsUser } from "./wizard-personalization.js";
import { askPollAttribute } from "./wizard-poll.js";

/** A refusal with no message: the input was taken (an album item) and the wait goes on. */
const silently = refuse("");

/** The message to broadcast; the items of an album are gathered until the admin says ✅ Done. */
async function askContent(conversation: AdminConversation, ctx: Context): Promise<MailingContent> {
  const first = await choose(
    conversation,
    ctx,
    "mailing",
    texts.askContent,
    [[texts.cancelButton]],
    contentOf,
  );
  if ("content" in first) return first.content;
  const { chatId, messageId, group } = first.albumStart;
  const ids = [messageId];
  await ctx.reply(texts.albumCollecting, {
    reply_markup: replyKeyboard([[texts.doneButton], [texts.cancelButton]]),
  });
  await answer(conversation, "mailing", (message) => {
    if (message.media_group_id === group) {
      ids.push(message.message_id);
      return silently;
    }
    const text = message.text?.trim();
    // The button's label, in the admin's language, or "done" typed by hand.
    if (text !== undefined && (text === texts.doneButton || /^(✅\s*)?done$/i.test(text)))
      return accept(true);
    return refuse(texts.albumWaiting);
  });
  const messageIds = [...new Set(ids)].sort((a, b) => a - b);
  await ctx.reply(fillTemplate(texts.albumDone, { count: messageIds.length }));
  return { type: "album", fromChatId: chatId, messageIds };
}

async function askButtons(conversation: AdminConversation, ctx: Context): Promise<UrlButton[][]> {
  return choose(
    conversation,
    ctx,
    "mailing",
    texts.askButtons,
    [[texts.noButtons], [texts.cancelButton]],
    (message) => {
      const text = message.text?.trim();
      if (text === undefined) return refuse(texts.buttonsProblem.none);
      if (text === texts.noButtons || /^(skip|none|no)$/i.test(text)) return accept([]);
      const parsed = parseUrlButtons(text);
      if (parsed.ok) return accept(parsed.buttons);
      return refuse(
        fillTemplate(texts.buttonsProblem[parsed.problem], { line: parsed.line, button: parsed.button }),
      );
    },
  );
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
    kind,
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
    kind,
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
  // A test send is what the admin gets as a recipient: their variant, their fields.
  const asAdmin = test
    ? await conversation.external((octx) => {
        const admin = octx.from && octx.services.users.find(octx.from.id);
        return admin ? draftAsUser(octx.services, draft, admin) : undefined;
      })
    : undefined;
  const options = test
    ? { ...draft.options, paidBroadcast: false }
    : { ...defaultMailingOptions, ratePerSecond: draft.options.ratePerSecond };
  await ctx.reply(test ? texts.testIntro : texts.previewIntro);
  try {
    const message = payloadFor(draft, asAdmin?.variant ?? null) as typeof payload;
    await sendMailingMessage(
      ctx.api,
      chatId,
      message,
      options,
      asAdmin && fieldsOfSnapshot(asAdmin.snapshot),
    );
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    await ctx.reply(fillTemplate(texts.sendFailed, { reason: classifyTelegramError(error).description }));
  }
}

function confirmText(draft: MailingDraft, count: number, timezone: string): string {
  const check = draft.kind === "check_users";
  const lines = [check ? texts.confirmTitleCheck : texts.confirmTitle, ""];
  if (draft.payload.kind === "message") {
    lines.push(fillTemplate(texts.confirmContent, { value: contentSummary(draft.payload) }));
    const buttons = draft.payload.buttons.flat().length;
    if (buttons > 0) lines.push(fillTemplate(texts.confirmButtons, { value: buttons }));
    if (draft.variants.length > 0)
      lines.push(fillTemplate(texts.confirmVariants, { value: draft.variants.length }));
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
      draft.kind,
      optionsText(draft, timezone),
      optionsKeyboard(draft, timezone),
      parseOptionKey(draft),
    );
    const options = draft.options;
    switch (key) {
      case "deadAfter": {
        const deadAfter = await askDeadAfter(conversation, ctx, draft.kind);
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
      case "topicButton":
        draft = withTopicButtonToggled(draft);
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
        const scheduledAt = await askSchedule(conversation, ctx, draft.kind);
        if (scheduledAt !== undefined) draft = { ...draft, scheduledAt };
        break;
      }
      case "preview":
      case "test":
        await sendToAdmin(conversation, ctx, draft, key === "test");
        break;
      case "previewAs":
        await previewAsUser(conversation, ctx, draft);
        break;
      case "variants":
        if (isPoll(draft)) await ctx.reply(texts.variantNoPoll);
        else draft = { ...draft, variants: await editVariants(conversation, ctx, draft) };
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
          draft.kind,
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
    const { mailing: created } = createMailing(services, actorOf(octx), {
      kind: draft.kind,
      payload: draft.payload,
      audience: draft.audience,
      variants: draft.variants,
      options,
      scheduledAt: draft.scheduledAt === null ? null : new Date(draft.scheduledAt),
      latePast: "start_now",
      statusMessage: { chatId: placeholder.chat.id, messageId: placeholder.message_id },
    });
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
          describeStatus(statusSourcesOf(services), current),
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
  let content = await askContent(conversation, ctx);
  if (content.type === "poll") content = await askPollAttribute(conversation, ctx, content);
  let buttons: UrlButton[][] = [];
  if (content.type === "album") await ctx.reply(texts.albumNoButtons);
  else buttons = await askButtons(conversation, ctx);
  if (content.type === "copy" || content.type === "album") await ctx.reply(texts.copyNote);
  const { audience, label } = await askAudience(conversation, ctx, "mailing");
  const options = await conversation.external((octx) => defaultOptionsFor(octx.services.settings, "mailing"));
  const draft = await optionsAndConfirm(conversation, ctx, {
    kind: "mailing",
    payload: { kind: "message", content, buttons },
    audience,
    audienceLabel: label,
    options,
    variants: [],
    scheduledAt: null,
    topic: await buttonTopic(conversation, content, audience),
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
    variants: [],
    scheduledAt: null,
    topic: null,
  });
  await launch(conversation, ctx, draft);
}
