import { conversations, createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { sqliteConversationStorage } from "../../../bot/conversation-state-repository.js";
import type { Services } from "../../../bot/services.js";
import { scopeUpdateCalls } from "../../../telegram/outgoing/priority.js";
import { profileForm, profileFormId } from "./profile-form.js";

/**
 * The profile form for bot users (non-admins in private chats; admins have their own conversations).
 * Its state shares the admin area's SQLite table under its own prefix, so a change of role never mixes them.
 */
export function createProfileFormFeature(services: Services): Composer<UsherContext> {
  const feature = new Composer<UsherContext>();
  const shared = sqliteConversationStorage(services.db, services.now);
  const storage = shared.type === "key" ? { ...shared, prefix: "profile-form:" } : shared;
  const users = feature.filter(
    (ctx) => !ctx.isAdmin && ctx.chat?.type === "private" && ctx.user !== undefined,
  );

  // Their calls are replies to the person in the conversation, as outside it.
  users.use(conversations({ storage, plugins: [scopeUpdateCalls] }));
  users.use(createConversation<UsherContext, Context>(profileForm, { id: profileFormId }));
  users.command("profile", async (ctx, next) => {
    if (ctx.user?.status !== "active") return next();
    await ctx.conversation.enter(profileFormId);
  });
  return feature;
}
