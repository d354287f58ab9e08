import type { InlineKeyboard } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import type { UserRecord } from "../../db/schema/index.js";
import { texts } from "../../texts/en/bot.js";
import { textsIn, unlessEdited } from "../../texts/locale-texts.js";
import type { Locale, Localized } from "../../texts/translations.js";
import { localeOfUser } from "../language/language.js";
import { compiledTemplate, renderCompiled } from "../personalization/compiled-template.js";
import { dearUserOf } from "../personalization/dear-user.js";
import { type RecipientFields, recipientFieldValue } from "../personalization/recipient-fields.js";
import { variantFor } from "../variants/variant-for.js";
import type { ContentOf, VariantSubject } from "../variants/variant-subject.js";

/**
 * The current user's fields for templates, with the configured Dear User fallback; their attributes
 * are read once, and only when a template uses one. `extra` adds fields of one text.
 */
export function fieldsFor(ctx: UsherContext, extra?: Readonly<Record<string, string>>): RecipientFields {
  const user = ctx.user;
  const dearUser = dearUserOf(ctx.services, speakerOf(ctx));
  const recipient = user ?? { id: ctx.from?.id ?? 0, firstName: null, lastName: null, username: null };
  let attributes: Map<string, string> | undefined;
  const attribute = (key: string) => {
    attributes ??= new Map(user ? ctx.services.users.attributesOf(user.id).map((a) => [a.key, a.value]) : []);
    return attributes.get(key);
  };
  return { recipient, attribute, dearUser, ...(extra && { extra }) };
}

/** The locale of the person this update is from: their choice, else Telegram's, else English. */
export function userLocale(ctx: UsherContext): Locale {
  return localeOfUser(ctx.user, ctx.from?.language_code);
}

/** The bot's own texts in the language of the person this update is from. */
export function userTexts(ctx: UsherContext): Localized<typeof texts> {
  return textsIn("bot", userLocale(ctx));
}

/**
 * A gate text the admin may edit (`value`, whose default `pick` finds in the texts) as the current
 * user gets it: in their language while the admin kept the default, and its fields filled.
 */
export function personalizeDefault(
  ctx: UsherContext,
  value: string,
  pick: (botTexts: Localized<typeof texts>) => string,
  extra?: Readonly<Record<string, string>>,
): string {
  return personalize(ctx, unlessEdited(value, pick(texts), pick(userTexts(ctx))), extra);
}

/** The admin's variant of a text in the language of the person this update is from, if there is one. */
export function variantOf<S extends VariantSubject>(ctx: UsherContext, subject: S): ContentOf<S> | undefined {
  return variantFor(ctx.services.variants, subject, speakerOf(ctx));
}

/** Whose language counts for this update: the user's record, else what their Telegram says. */
function speakerOf(ctx: UsherContext): Pick<UserRecord, "language" | "languageCode"> {
  return ctx.user ?? { language: null, languageCode: ctx.from?.language_code ?? null };
}

/**
 * A gate text (`subject`, whose setting holds `value`) as the current user gets it: the admin's
 * variant in their language, else as `personalizeDefault` gives it; its fields filled either way.
 */
export function personalizeSetting(
  ctx: UsherContext,
  subject: Exclude<VariantSubject, "welcome" | "dearUser" | `${string}:${string}`>,
  value: string,
  pick: (botTexts: Localized<typeof texts>) => string,
  extra?: Readonly<Record<string, string>>,
): string {
  const variant = variantOf(ctx, subject);
  return variant === undefined
    ? personalizeDefault(ctx, value, pick, extra)
    : personalize(ctx, variant, extra);
}

/** A plain text the admin set (a gate text) as the current user gets it: its fields filled. */
export function personalize(
  ctx: UsherContext,
  text: string,
  extra?: Readonly<Record<string, string>>,
): string {
  return renderCompiled(compiledTemplate(text), recipientFieldValue(fieldsFor(ctx, extra)));
}

/**
 * Ends the update at a gate step with `text` as a message, also after a button press: an earlier
 * step may have answered the press already, and a press's notice holds only 200 characters.
 */
export async function replyAtGate(ctx: UsherContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  // Stops the client's spinner; a no-op when an earlier step answered (see createBot).
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
}

/** A button press from someone still at the gate that no gate step understood. */
export async function answerPendingPress(ctx: UsherContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: userTexts(ctx).gatePending });
}
