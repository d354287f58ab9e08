import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-topics.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { createTopic, deleteTopic, editTopic } from "../../topics/topic-commands.js";
import { TopicInputError } from "../../topics/topic-errors.js";
import type { TopicRecord } from "../../topics/topic-repository.js";
import { checkedTopicDescription, checkedTopicName } from "../../topics/topic-rules.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText, refuse } from "../ask.js";
import { extensionsPageId } from "../page-ids.js";
import {
  addPageButtons,
  decodeListState,
  listWindow,
  pagePayload,
  selectedId,
  selectionPayload,
  showListPage,
} from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { refusalReply } from "../refusal-replies.js";
import { topicTextsPageId, topicTextsPages } from "./topic-texts-page.js";

export const topicsPageId = "admin-topics";
const topicPageId = "admin-topic";
const deleteTopicPageId = "admin-topic-del";
const newTopicConversation = "admin-topics-new";
const renameConversation = "admin-topics-rename";
const describeConversation = "admin-topics-describe";

/** The topic a list or detail button was pressed for, if it (still) exists. */
function selectedTopic(ctx: UsherContext): TopicRecord | undefined {
  const id = selectedId(ctx.match);
  return id === undefined ? undefined : ctx.services.topics.find(id);
}

function topicsWindow(ctx: UsherContext) {
  const all = ctx.services.topics.listWithCounts();
  const window = listWindow(decodeListState(ctx.match).page, all.length);
  return { window, total: all.length, shown: all.slice(window.offset, window.offset + window.limit) };
}

function topicsText(ctx: UsherContext): string {
  const { window, total, shown } = topicsWindow(ctx);
  if (total === 0) return [texts.title, "", texts.none].join("\n");
  return [
    texts.title,
    "",
    fillTemplate(texts.count, { count: total, page: window.page + 1, pages: window.pageCount }),
    ...shown.map((t) => fillTemplate(texts.line, { name: t.name, subscribers: t.subscribers })),
  ].join("\n");
}

function topicText(ctx: UsherContext): string {
  const topic = selectedTopic(ctx);
  if (!topic) return texts.gone;
  return [
    fillTemplate(texts.topicTitle, { name: topic.name }),
    "",
    fillTemplate(texts.topicDetails, {
      description: topic.description === "" ? texts.noDescription : topic.description,
      subscribers: ctx.services.topics.subscriberCount(topic.id),
      name: topic.name,
    }),
  ].join("\n");
}

function deleteTopicText(ctx: UsherContext): string {
  const topic = selectedTopic(ctx);
  if (!topic) return texts.gone;
  return fillTemplate(texts.confirmDelete, {
    name: topic.name,
    subscribers: ctx.services.topics.subscriberCount(topic.id),
  });
}

/** A typed value the topic rules accept, or what is wrong with it (asked again). */
function parsedBy(check: (text: string) => string): (message: Message) => Parsed<string> {
  return (message) => {
    const text = parseText(message);
    if (!text.ok) return text;
    try {
      return accept(check(text.value.text));
    } catch (error) {
      if (error instanceof TopicInputError) return refuse(refusalReply(error));
      throw error;
    }
  };
}
const parseName = parsedBy(checkedTopicName);
const parseDescription = parsedBy((text) => (text.trim() === "-" ? "" : checkedTopicDescription(text)));

/**
 * 🏷 Topics: the topics users follow, their subscriber counts, creating, editing and deleting them,
 * and the 📝 Texts users read about them.
 */
export const topicsArea: AdminArea = (pages: AdminPages) => {
  const showList = (ctx: AdminMenuContext, page?: number) => showListPage(pages, ctx, topicsPageId, page);

  const list = pages.create(topicsPageId, topicsText);
  list
    .text({ text: () => texts.newButton, payload: pagePayload }, (ctx) =>
      ctx.conversation.enter(newTopicConversation),
    )
    .text({ text: () => texts.textsButton, payload: pagePayload }, (ctx) =>
      pages.show(ctx, topicTextsPageId),
    );
  list.dynamic((ctx, range) => {
    const { window, shown } = topicsWindow(ctx);
    for (const topic of shown) {
      range.row().text(
        // Counts stay in the page text: a label that changes makes the menu plugin refuse the press.
        { text: fillTemplate(texts.item, { name: topic.name }), payload: `${window.page}.${topic.id}` },
        async (ctx) => {
          if (!selectedTopic(ctx)) return showList(ctx);
          await pages.show(ctx, topicPageId);
        },
      );
    }
    addPageButtons(range, window, (ctx, to) => showList(ctx, to));
  });
  list
    .row()
    .text({ text: () => shared.admin.back, payload: pagePayload }, (ctx) =>
      pages.show(ctx, extensionsPageId),
    );

  const detail = pages.create(topicPageId, topicText);
  detail.dynamic((ctx, range) => {
    const topic = selectedTopic(ctx);
    if (topic) {
      range
        .text({ text: () => texts.renameButton, payload: selectionPayload }, (ctx) =>
          ctx.conversation.enter(renameConversation, topic.id),
        )
        .text({ text: () => texts.describeButton, payload: selectionPayload }, (ctx) =>
          ctx.conversation.enter(describeConversation, topic.id),
        )
        .row()
        .text({ text: () => texts.deleteButton, payload: selectionPayload }, async (ctx) => {
          if (!selectedTopic(ctx)) return showList(ctx);
          await pages.show(ctx, deleteTopicPageId);
        })
        .row();
    }
    range.text({ text: () => shared.admin.back, payload: selectionPayload }, (ctx) => showList(ctx));
  });

  const confirm = pages.create(deleteTopicPageId, deleteTopicText);
  confirm
    .text({ text: () => texts.confirmYes, payload: selectionPayload }, async (ctx) => {
      const selected = selectedTopic(ctx);
      if (selected) deleteTopic(ctx.services, actorOf(ctx), selected.id);
      await showList(ctx);
    })
    .text({ text: () => texts.confirmNo, payload: selectionPayload }, (ctx) => pages.show(ctx, topicPageId));

  async function newTopic(conversation: AdminConversation, ctx: Context): Promise<void> {
    const name = await ask(conversation, ctx, texts.askName, parseName);
    const description = await ask(conversation, ctx, texts.askDescription, parseDescription);
    await asAdmin(conversation, async (octx) => {
      createTopic(octx.services, actorOf(octx), { name, description });
      await octx.reply(fillTemplate(texts.created, { name }));
      await pages.send(octx, topicsPageId);
    });
  }

  /** Asks for one field of the topic `arg` names (the prompt read when asked) and saves it through the verb. */
  const editField =
    (prompt: () => string, parse: (message: Message) => Parsed<string>, field: "name" | "description") =>
    async (conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> => {
      if (typeof arg !== "number") return;
      const value = await ask(conversation, ctx, prompt(), parse);
      await asAdmin(conversation, async (octx) => {
        editTopic(octx.services, actorOf(octx), { id: arg, changes: { [field]: value } });
        await octx.reply(texts.saved);
        await pages.send(octx, topicsPageId);
      });
    };

  return [
    ...topicTextsPages(pages, topicsPageId),
    { id: newTopicConversation, builder: newTopic },
    { id: renameConversation, builder: editField(() => texts.askName, parseName, "name") },
    {
      id: describeConversation,
      builder: editField(() => texts.askDescription, parseDescription, "description"),
    },
  ];
};
