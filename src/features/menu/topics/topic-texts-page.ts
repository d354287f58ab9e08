import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts, topicTextLabels } from "../../../texts/admin-topics.js";
import { texts as defaults } from "../../../texts/topics.js";
import { fillTemplate } from "../../content/template.js";
import { changeSetting } from "../../settings/change-setting.js";
import { TopicTextFieldError } from "../../topics/topic-errors.js";
import {
  checkTopicText,
  type TopicTextKey,
  topicTextKeys,
  topicTextMax,
  topicTextRules,
} from "../../topics/topic-texts.js";
import { type AdminConversationEntry, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText, refuse } from "../ask.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { preview } from "../protection/edit-text.js";
import { refusalReply } from "../refusal-replies.js";

export const topicTextsPageId = "admin-topic-texts";
const editConversation = "admin-topic-text-edit";
const textPageId = (key: TopicTextKey) => `admin-topic-text-${key}`;
const isTopicTextKey = (value: unknown): value is TopicTextKey =>
  typeof value === "string" && (topicTextKeys as readonly string[]).includes(value);

const overrideOf = (ctx: UsherContext, key: TopicTextKey) => ctx.services.settings.get("topics")[key];
const fieldsOf = (key: TopicTextKey) =>
  topicTextRules[key].fields.map((field) => `{${field}}`).join(", ") || texts.noFields;

function textsText(ctx: UsherContext): string {
  const lines = topicTextKeys.map((key) => {
    const override = overrideOf(ctx, key);
    return fillTemplate(texts.textsLine, {
      label: topicTextLabels[key],
      changed: override === null ? "" : texts.textsChanged,
      value: preview(override ?? defaults[key], 80),
    });
  });
  return [texts.textsTitle, "", ...lines].join("\n");
}

function textText(ctx: UsherContext, key: TopicTextKey): string {
  const override = overrideOf(ctx, key);
  return fillTemplate(texts.textTitle, {
    label: topicTextLabels[key],
    value: preview(override ?? defaults[key]),
    origin:
      override === null ? texts.textDefault : fillTemplate(texts.textOverride, { default: defaults[key] }),
    fields: fieldsOf(key),
    max: topicTextMax(key),
  });
}

/** A typed text the `key` text may be: within its length, with only the fields it takes. */
function parseTopicText(key: TopicTextKey): (message: Message) => Parsed<string> {
  return (message) => {
    const parsed = parseText(message);
    if (!parsed.ok) return parsed;
    const text = parsed.value.text;
    const max = topicTextMax(key);
    if (text.length > max) return refuse(fillTemplate(texts.textTooLong, { length: text.length, max }));
    try {
      checkTopicText(key, text);
    } catch (error) {
      if (error instanceof TopicTextFieldError) return refuse(refusalReply(error));
      throw error;
    }
    return accept(text);
  };
}

/**
 * 📝 Texts of 🏷 Topics: each /topics text with its override or default, a ✏️ Change (through the
 * setting `topics`, audited) and, while changed, ↩ Back to the default.
 */
export function topicTextsPages(pages: AdminPages, parentId: string): AdminConversationEntry[] {
  const list = pages.create(topicTextsPageId, textsText);
  for (const key of topicTextKeys) {
    pages.link(list, () => topicTextLabels[key], textPageId(key)).row();
  }
  pages.back(list, parentId);

  const save = (ctx: UsherContext, key: TopicTextKey, value: string | null) =>
    changeSetting(ctx.services, actorOf(ctx), { key: "topics", patch: { [key]: value } });
  for (const key of topicTextKeys) {
    const page = pages.create(textPageId(key), (ctx) => textText(ctx, key));
    page.text(
      () => texts.editTextButton,
      (ctx) => ctx.conversation.enter(editConversation, key),
    );
    page.dynamic((ctx, range) => {
      if (overrideOf(ctx, key) === null) return;
      range.text(
        () => texts.resetTextButton,
        async (ctx: AdminMenuContext) => {
          save(ctx, key, null);
          await pages.refresh(ctx, textPageId(key));
        },
      );
    });
    pages.back(page, topicTextsPageId);
  }

  async function editText(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    if (!isTopicTextKey(arg)) return;
    const prompt = fillTemplate(texts.askText, {
      label: topicTextLabels[arg],
      fields: fieldsOf(arg),
      max: topicTextMax(arg),
    });
    const text = await ask(conversation, ctx, prompt, parseTopicText(arg));
    await asAdmin(conversation, async (octx) => {
      save(octx, arg, text);
      await octx.reply(texts.saved);
      await pages.send(octx, textPageId(arg));
    });
  }

  return [{ id: editConversation, builder: editText }];
}
