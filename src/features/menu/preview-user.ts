import type { Message } from "grammy/types";
import type { UsherContext } from "../../bot/context.js";
import type { UserRecord } from "../../db/schema/index.js";
import { texts } from "../../texts/admin-preview.js";
import type { MessageContent } from "../content/message-content.js";
import { sendContent } from "../content/send-content.js";
import { fillTemplate } from "../content/template.js";
import { urlKeyboard } from "../content/url-keyboard.js";
import type { UrlButton } from "../mailing/mailing.js";
import { fieldsOfSnapshot, type RecipientSnapshot } from "../personalization/recipient-fields.js";
import { recipientSnapshot } from "../personalization/recipient-snapshot.js";
import { displayName } from "../users/display-name.js";
import { searchUsers } from "../users/user-search.js";
import { type AdminConversation, accept, type Parsed, refuse } from "./ask.js";

/**
 * The one user an admin's typed id or @username names, as `view` sees them (plain data: it is kept
 * in the conversation's replay log); a refusal when none or several match.
 */
export async function previewUserOf<T>(
  conversation: AdminConversation,
  message: Message,
  view: (services: UsherContext["services"], user: UserRecord) => T,
): Promise<Parsed<T>> {
  const query = message.text?.trim() ?? "";
  const found = await conversation.external((ctx) => {
    const users = query === "" ? [] : searchUsers(ctx.services.db, query, 2);
    const [user] = users;
    return { count: users.length, view: users.length === 1 && user ? view(ctx.services, user) : null };
  });
  if (found.view === null) return refuse(found.count === 0 ? texts.userNone : texts.userMany);
  return accept(found.view);
}

/** A user as a preview shows them: their fields as plain data and the name the intro gives. */
export interface PreviewUser {
  snapshot: RecipientSnapshot;
  name: string;
}

/** `user`'s fields and name, for filling admin-defined content as they would get it. */
export function previewUserView(services: UsherContext["services"], user: UserRecord): PreviewUser {
  const snapshot = recipientSnapshot(services, user);
  return { snapshot, name: displayName(user, snapshot.dearUser) };
}

/**
 * Sends `content` and its URL buttons to the admin as `who` would get them: their fields filled, the
 * buttons' own URLs (a tracked link opened by the admin would count as that user's click).
 */
export async function sendPreviewAs(
  ctx: UsherContext,
  who: PreviewUser,
  content: MessageContent,
  buttons: readonly UrlButton[][],
): Promise<void> {
  if (!ctx.from) return;
  await ctx.reply(fillTemplate(texts.intro, { name: who.name, id: who.snapshot.recipient.id }));
  await sendContent(ctx.api, ctx.from.id, content, fieldsOfSnapshot(who.snapshot), urlKeyboard(buttons));
}
