import type { Conversation } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Message, ReplyKeyboardMarkup } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { renderTemplate } from "../../content/template.js";
import { sessionExpired } from "../activity.js";
import { displayName } from "../display-name.js";
import { type Answer, parseEmail, parseFirstName, parseLastName, parsePhone } from "./answers.js";
import { saveProfile } from "./save-profile.js";
import { texts } from "./texts.js";

export const profileFormId = "profile-form";

type ProfileConversation = Conversation<UsherContext, Context>;

interface Profile {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

const phoneKeyboard: ReplyKeyboardMarkup = {
  keyboard: [[{ text: texts.sharePhoneButton, request_contact: true }]],
  resize_keyboard: true,
  one_time_keyboard: true,
};
const noKeyboard = { remove_keyboard: true } as const;

/** The user's profile as stored now (read outside the conversation, once, whatever the replays). */
function storedProfile(conversation: ProfileConversation): Promise<Profile> {
  return conversation.external((octx) => {
    const user = octx.user ? octx.services.users.find(octx.user.id) : undefined;
    return {
      firstName: user?.firstName ?? null,
      lastName: user?.lastName ?? null,
      email: user?.email ?? null,
      phone: user?.phone ?? null,
    };
  });
}

/**
 * True when the answer came after the user's session ended: the form lives as long as the session,
 * so infinite session keeps it open. Tracking leaves ctx.user's activity as it was before this update.
 */
function answeredTooLate(conversation: ProfileConversation): Promise<boolean> {
  return conversation.external((octx) => {
    const user = octx.user;
    if (!user) return false;
    const timeoutMs = octx.services.settings.get("users").sessionTimeoutMinutes * 60_000;
    return sessionExpired(user.lastActivityAt, octx.services.now(), timeoutMs, user.infiniteSession);
  });
}

/** Asks one question until the answer parses; undefined means /skip (keep what is stored). */
async function ask<T>(
  conversation: ProfileConversation,
  ctx: Context,
  question: string,
  current: string | null,
  parse: (message: Message, senderId: number) => Answer<T>,
  keyboard: ReplyKeyboardMarkup | typeof noKeyboard = noKeyboard,
): Promise<T | undefined> {
  const now = renderTemplate(texts.current, { value: current ?? texts.none }).text;
  await ctx.reply(`${question}\n${now}`, { reply_markup: keyboard });
  for (;;) {
    const answer = await conversation.wait();
    if (!answer.message || !answer.from) await conversation.skip({ next: true });
    if (await answeredTooLate(conversation)) {
      await answer.reply(texts.timedOut, { reply_markup: noKeyboard });
      await conversation.halt();
    }
    const parsed = parse(answer.message as Message, answer.from?.id as number);
    if (parsed.kind === "value") return parsed.value;
    if (parsed.kind === "skip") return undefined;
    if (parsed.kind === "cancel") {
      await answer.reply(texts.cancelled, { reply_markup: noKeyboard });
      await conversation.halt();
    }
    if (parsed.kind === "invalid") await answer.reply(parsed.problem);
  }
}

/**
 * /profile: asks a bot user for first name, last name, email and phone (the request-contact button
 * or typed), then stores the answers together. State lives in SQLite, so a restart loses nothing.
 * A typed phone or email is stored as self-reported: it merges nothing and is no key for imports or
 * upserts (contact-sources.ts); only a shared own contact is vouched for by Telegram.
 */
export async function profileForm(conversation: ProfileConversation, ctx: Context): Promise<void> {
  const before = await storedProfile(conversation);
  await ctx.reply(texts.intro);
  const firstName = await ask(conversation, ctx, texts.askFirstName, before.firstName, parseFirstName);
  const lastName = await ask(conversation, ctx, texts.askLastName, before.lastName, parseLastName);
  const email = await ask(conversation, ctx, texts.askEmail, before.email, parseEmail);
  const phone = await ask(conversation, ctx, texts.askPhone, before.phone, parsePhone, phoneKeyboard);

  const saved = await conversation.external((octx) => {
    const id = octx.user?.id;
    const after =
      id === undefined
        ? undefined
        : saveProfile(octx.services, { userId: id, answers: { firstName, lastName, email, phone } });
    if (!after) return undefined;
    const { settings } = octx.services;
    return {
      name: displayName(after, settings.get("general").dearUserName),
      email: after.email ?? texts.none,
      phone: after.phone ?? texts.none,
    };
  });
  if (saved) await ctx.reply(renderTemplate(texts.saved, saved).text, { reply_markup: noKeyboard });
}
