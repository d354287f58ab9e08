import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { Services } from "../../../bot/services.js";
import { UsherError } from "../../../errors.js";
import { texts } from "../../../texts/admin-user-tools.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import type { Actor } from "../../audit/audit-log.js";
import { fillTemplate } from "../../content/template.js";
import { tagPattern } from "../../gate/deeplinks/deeplink-tags.js";
import type { Segment } from "../../segments/segment.js";
import {
  type AttributeChange,
  type BulkResult,
  bulkAttribute,
  bulkTag,
  type TagChange,
} from "../../users/bulk.js";
import { checkedAttribute, checkedAttributeKey } from "../../users/profile-fields.js";
import { actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";
import type { AdminPages } from "../pages.js";
import { askSegment, choose, usersToolsPageId } from "./tools-input.js";

function parseTagChange(message: Message): Parsed<TagChange> {
  const match = /^([+-])\s*(\S+)$/.exec(message.text?.trim() ?? "");
  const tag = match?.[2]?.toLowerCase() ?? "";
  if (!match || !tagPattern.test(tag)) return refuse(texts.badTag);
  return accept({ mode: match[1] === "+" ? "add" : "remove", tag });
}

function parseAttributeChange(message: Message): Parsed<AttributeChange> {
  const input = message.text?.trim() ?? "";
  try {
    if (input.startsWith("-")) {
      const key = input.slice(1).trim();
      checkedAttributeKey(key);
      return accept({ mode: "unset", key });
    }
    const at = input.indexOf("=");
    if (at <= 0) return refuse(texts.badAttribute);
    const { key, value } = checkedAttribute(input.slice(0, at).trim(), input.slice(at + 1).trim());
    return accept({ mode: "set", key, value });
  } catch (error) {
    // The format hint answers a bad key and a bad value alike, and asks again.
    if (error instanceof UsherError) return refuse(texts.badAttribute);
    throw error;
  }
}

/** 🏷 Bulk tag and 🔑 Bulk attribute: a segment, the change, its count confirmed, then applied. */
export function bulkChangeConversations(pages: AdminPages) {
  /** Counts the segment and asks to apply; false when nobody matches. */
  async function confirmCount(
    conversation: AdminConversation,
    ctx: Context,
    tree: Segment,
    question: (count: number) => string,
  ): Promise<boolean> {
    const count = await conversation.external((octx) => octx.services.segments.countSegment(tree));
    if (count === 0) {
      await ctx.reply(texts.nobodyMatches);
      return false;
    }
    await choose(conversation, ctx, question(count), [texts.apply]);
    return true;
  }

  async function applyBulk(
    conversation: AdminConversation,
    run: (services: Services, actor: Actor) => BulkResult,
  ): Promise<void> {
    await asAdmin(conversation, async (octx) => {
      const { matched, changed } = run(octx.services, actorOf(octx));
      await octx.reply(fillTemplate(texts.bulkDone, { changed, count: matched }), {
        reply_markup: adminKeyboard,
      });
      await pages.send(octx, usersToolsPageId);
    });
  }

  async function bulkTagConversation(conversation: AdminConversation, ctx: Context): Promise<void> {
    const tree = await askSegment(conversation, ctx);
    const change = await ask(conversation, ctx, texts.askTag, parseTagChange);
    const template = change.mode === "add" ? texts.confirmAddTag : texts.confirmRemoveTag;
    const confirmed = await confirmCount(conversation, ctx, tree, (count) =>
      fillTemplate(template, { tag: change.tag, count }),
    );
    if (confirmed)
      await applyBulk(conversation, (services, actor) => bulkTag(services, actor, { segment: tree, change }));
  }

  async function bulkAttributeConversation(conversation: AdminConversation, ctx: Context): Promise<void> {
    const tree = await askSegment(conversation, ctx);
    const change = await ask(conversation, ctx, texts.askAttribute, parseAttributeChange);
    const confirmed = await confirmCount(conversation, ctx, tree, (count) =>
      change.mode === "set"
        ? fillTemplate(texts.confirmSetAttribute, { key: change.key, value: change.value, count })
        : fillTemplate(texts.confirmUnsetAttribute, { key: change.key, count }),
    );
    if (confirmed) {
      await applyBulk(conversation, (services, actor) =>
        bulkAttribute(services, actor, { segment: tree, change }),
      );
    }
  }

  return { bulkTagConversation, bulkAttributeConversation };
}
