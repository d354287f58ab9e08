import type { Context } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import type { Actor } from "../audit/audit-log.js";
import type { AdminConversation } from "./ask.js";
import type { AdminPages } from "./pages.js";

export type AdminConversationBuilder = (conversation: AdminConversation, ctx: Context) => Promise<unknown>;

/** One part of the admin menu: it adds its pages to `pages` and returns the conversations its buttons start. */
export type AdminArea = (pages: AdminPages) => Array<{ id: string; builder: AdminConversationBuilder }>;

/** The admin behind this update, as the audit log records them. */
export function actorOf(ctx: UsherContext): Actor {
  if (!ctx.from) throw new Error("an admin action needs a sender");
  return { kind: "admin", id: ctx.from.id };
}

/**
 * Runs an admin's change from inside a conversation against the current update, re-checking admin
 * rights at that moment: rights removed meanwhile mean nothing is changed.
 */
export async function asAdmin(
  conversation: AdminConversation,
  change: (ctx: UsherContext) => unknown | Promise<unknown>,
): Promise<boolean> {
  return conversation.external(async (ctx) => {
    if (!ctx.from || !ctx.services.admins.isAdmin(ctx.from.id)) return false;
    await change(ctx);
    return true;
  });
}
