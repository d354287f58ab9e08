import { type Context, GrammyError } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import type { UserRecord } from "../../../db/schema/index.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-mailing.js";
import { fillTemplate } from "../../content/template.js";
import { defaultMailingOptions, type MailingContent, type MailingPayload } from "../../mailing/mailing.js";
import { sendMailingMessage } from "../../mailing/mailing-engine.js";
import { variantFor } from "../../mailing/mailing-preview.js";
import { maxVariants } from "../../mailing/mailing-variants.js";
import { fieldsOfSnapshot } from "../../personalization/recipient-fields.js";
import { parseSegment, printSegment, segmentErrorText } from "../../segments/segment.js";
import { type AdminConversation, accept, type Parsed, refuse } from "../ask.js";
import { previewUserOf, previewUserView } from "../preview-user.js";
import { contentOf, contentSummary } from "./wizard-content.js";
import { choose } from "./wizard-input.js";
import type { MailingDraft } from "./wizard-options.js";

const isBack = (text: string | undefined) => text?.trim() === texts.backToOptions;

/**
 * How `user` would get the draft, as plain data for the replay log: their fields, the variant that
 * selects them (its index, or null) and their name.
 */
export function draftAsUser(services: UsherContext["services"], draft: MailingDraft, user: UserRecord) {
  const timeZone = services.settings.get("mailing").timezone;
  const variants = draft.variants.map((v, position) => ({ position, segment: v.segment, timeZone }));
  return { ...previewUserView(services, user), variant: variantFor(services, variants, user.id) };
}

/** The draft's message with the content `variant` (an index into the draft's variants, or null) sends. */
export function payloadFor(draft: MailingDraft, variant: number | null): MailingPayload {
  const payload = draft.payload;
  const chosen = variant === null ? undefined : draft.variants[variant];
  return payload.kind === "message" && chosen ? { ...payload, content: chosen.content } : payload;
}

/**
 * 👤 Preview as…: the admin names a user; the draft's message comes to the admin as that user would
 * get it (their variant, their fields filled), without the options a recipient's copy carries.
 */
export async function previewAsUser(conversation: AdminConversation, ctx: Context, draft: MailingDraft) {
  const payload = draft.payload;
  const chatId = ctx.chatId;
  if (payload.kind !== "message" || chatId === undefined) return;
  const chosen = await choose(
    conversation,
    ctx,
    draft.kind,
    texts.askPreviewUser,
    [[texts.backToOptions]],
    (message) =>
      isBack(message.text)
        ? accept(null)
        : previewUserOf(conversation, message, (services, user) => draftAsUser(services, draft, user)),
  );
  if (!chosen) return;
  const variant = chosen.variant === null ? undefined : draft.variants[chosen.variant];
  await ctx.reply(
    fillTemplate(texts.previewAsIntro, {
      name: chosen.name,
      id: chosen.snapshot.recipient.id,
      variant: variant
        ? fillTemplate(texts.previewAsVariant, {
            number: (chosen.variant ?? 0) + 1,
            segment: variant.segment,
          })
        : texts.previewAsDefault,
    }),
  );
  const options = { ...defaultMailingOptions, ratePerSecond: draft.options.ratePerSecond };
  try {
    await sendMailingMessage(
      ctx.api,
      chatId,
      payloadFor(draft, chosen.variant) as typeof payload,
      options,
      fieldsOfSnapshot(chosen.snapshot),
    );
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    await ctx.reply(fillTemplate(texts.sendFailed, { reason: classifyTelegramError(error).description }));
  }
}

function variantsText(draft: MailingDraft): string {
  const lines = draft.variants.map((v, index) =>
    fillTemplate(texts.variantLine, {
      number: index + 1,
      segment: v.segment,
      content: contentSummary({ kind: "message", content: v.content, buttons: [] }),
    }),
  );
  return [texts.variantsTitle, "", ...(lines.length > 0 ? lines : [texts.variantsNone])].join("\n");
}

/** 🎯 Variants: adds a (segment, message) pair or removes them all; returns the draft's new variants. */
export async function editVariants(
  conversation: AdminConversation,
  ctx: Context,
  draft: MailingDraft,
): Promise<MailingDraft["variants"]> {
  const full = draft.variants.length >= maxVariants;
  const action = await choose(
    conversation,
    ctx,
    draft.kind,
    variantsText(draft),
    [...(full ? [] : [[texts.addVariantKey]]), [texts.clearVariantsKey], [texts.backToOptions]],
    (message): Parsed<"add" | "clear" | "back"> => {
      const text = message.text?.trim();
      if (text === texts.addVariantKey)
        return full ? refuse(fillTemplate(texts.variantsFull, { max: maxVariants })) : accept("add");
      if (text === texts.clearVariantsKey) return accept("clear");
      if (isBack(text)) return accept("back");
      return refuse(texts.useButtons);
    },
  );
  if (action === "clear") return [];
  if (action === "back") return draft.variants;
  const timezone = await conversation.external((octx) => octx.services.settings.get("mailing").timezone);
  const segment = await choose(
    conversation,
    ctx,
    draft.kind,
    fillTemplate(texts.askVariantSegment, { timezone }),
    [[texts.backToOptions]],
    (message): Parsed<string | null> => {
      if (isBack(message.text)) return accept(null);
      if (message.text === undefined) return refuse(texts.filterMissing);
      const parsed = parseSegment(message.text);
      if (!parsed.ok) return refuse(segmentErrorText(parsed));
      if (parsed.tree.kind === "everyone") return refuse(texts.filterMissing);
      return accept(printSegment(parsed.tree));
    },
  );
  if (segment === null) return draft.variants;
  const content = await choose(
    conversation,
    ctx,
    draft.kind,
    texts.askVariantContent,
    [[texts.backToOptions]],
    (message): Parsed<MailingContent | null> => {
      if (isBack(message.text)) return accept(null);
      if (message.media_group_id !== undefined) return refuse(texts.variantNoAlbum);
      const parsed = contentOf(message);
      if (!parsed.ok) return parsed;
      if (!("content" in parsed.value)) return refuse(texts.variantNoAlbum);
      return parsed.value.content.type === "poll"
        ? refuse(texts.variantNoPoll)
        : accept(parsed.value.content);
    },
  );
  if (content === null || content.type === "album" || content.type === "poll") return draft.variants;
  const variants = [...draft.variants, { segment, content }];
  await ctx.reply(fillTemplate(texts.variantAdded, { number: variants.length }));
  return variants;
}
