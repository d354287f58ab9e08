import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { UsherError } from "../../../errors.js";
import { texts } from "../../../texts/admin-user-tools.js";
import { fillTemplate } from "../../content/template.js";
import { createUser } from "../../users/csv/create-user.js";
import { maxNameLength, normalizeEmail, normalizePhone } from "../../users/profile-fields.js";
import { actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";
import type { AdminPages } from "../pages.js";
import { refusalReply } from "../refusal-replies.js";
import { usersToolsPageId } from "./tools-input.js";

interface UserKeys {
  telegramId: number | null;
  phone: string | null;
  email: string | null;
}

/** One token of the keys answer: digits are a Telegram id, "@" makes an email, "+" starts a phone. */
function readKey(token: string): { kind: keyof UserKeys; value: number | string | null } {
  if (/^\d{1,16}$/.test(token)) {
    const id = Number(token);
    return { kind: "telegramId", value: Number.isSafeInteger(id) && id > 0 ? id : null };
  }
  if (token.includes("@")) return { kind: "email", value: normalizeEmail(token) };
  return { kind: "phone", value: token.startsWith("+") ? normalizePhone(token) : null };
}

function parseKeys(message: Message): Parsed<UserKeys> {
  if (message.text === undefined) return refuse(texts.keysNotText);
  const keys: UserKeys = { telegramId: null, phone: null, email: null };
  for (const token of message.text.trim().split(/\s+/)) {
    const { kind, value } = readKey(token);
    if (value === null) return refuse(fillTemplate(texts.badKeyToken, { token }));
    if (keys[kind] !== null) return refuse(texts.twoOfAKind);
    Object.assign(keys, { [kind]: value });
  }
  return accept(keys);
}

function parseName(message: Message): Parsed<string | null> {
  const name = message.text?.trim();
  if (name === undefined || name === "") return refuse(texts.nameNotText);
  if (name === "-") return accept(null);
  if ([...name].length > maxNameLength)
    return refuse(fillTemplate(texts.nameTooLong, { max: maxNameLength }));
  return accept(name);
}

/** ➕ Create user: their keys (Telegram id, phone, email) and names, through `createUser`. */
export function createUserConversation(pages: AdminPages) {
  return async function createByHand(conversation: AdminConversation, ctx: Context): Promise<void> {
    const keys = await ask(conversation, ctx, texts.askKeys, parseKeys);
    const firstName = await ask(conversation, ctx, texts.askFirstName, parseName);
    const lastName = await ask(conversation, ctx, texts.askLastName, parseName);
    await asAdmin(conversation, async (octx) => {
      try {
        const user = createUser(octx.services, actorOf(octx), { ...keys, firstName, lastName });
        await octx.reply(
          fillTemplate(user.id > 0 ? texts.created : texts.createdWithoutTelegram, { id: user.id }),
        );
      } catch (error) {
        if (!(error instanceof UsherError)) throw error;
        await octx.reply(refusalReply(error));
      }
      await pages.send(octx, usersToolsPageId);
    });
  };
}
