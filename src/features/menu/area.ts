import type { Context } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import type { Actor } from "../audit/audit-log.js";
import type { AdminConversation, InputExit } from "./ask.js";
import type { AdminPages } from "./pages.js";
import { answerRefusal } from "./refusal-replies.js";

export type AdminConversationBuilder = (conversation: AdminConversation, ctx: Context) => Promise<unknown>;

/**
 * A conversation a button starts. `exit` is given when the input puts up a reply keyboard of its own:
 * leaving the input by an inline button then answers as its ❌ Cancel does, which takes that keyboard down.
 */
export interface AdminConversationEntry {
  id: string;
  builder: AdminConversationBuilder;
  exit?: InputExit;
}

/** One part of the admin menu: it adds its pages to `pages` and returns the conversations its buttons start. */
export type AdminArea = (pages: AdminPages) => AdminConversationEntry[];

/** The admin behind this update, as the audit log records them. */
export function actorOf(ctx: UsherContext): Actor {
  if (!ctx.from) throw new Error("an admin action needs a sender");
  return { kind: "admin", id: ctx.from.id };
}

/**
 * Runs an admin's change from inside a conversation against the current update, re-checking admin
 * rights at that moment: rights removed meanwhile mean nothing is changed (false). A verb's refusal
 * is answered here with its mapped reply: out of this step the conversations plugin would hand on
 * only a plain copy of the error, which the menu's error boundary could no longer recognise.
 */
export async function asAdmin(
  conversation: AdminConversation,
  change: (ctx: UsherContext) => unknown | Promise<unknown>,
): Promise<boolean> {
  return conversation.external(async (ctx) => {
    if (!ctx.from || !ctx.services.admins.isAdmin(ctx.from.id)) return false;
    try {
      await change(ctx);
    } catch (error) {
      await answerRefusal(ctx, error);
    }
    return true;
  });
}
