import { InlineKeyboard, type MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { textsIn } from "../../texts/locale-texts.js";
import { fillTemplate } from "../content/template.js";
import { userLocale } from "../gate/gate-replies.js";
import { subscribeUser, unsubscribeUser, userActor } from "./subscriptions.js";
import { readTopicPress, toggleData } from "./topic-buttons.js";
import { type TopicTexts, topicTexts } from "./topic-texts.js";

const commandPattern = /^\/topics(@\w+)?(\s|$)/i;

/** The /topics message: every topic with its description, and one ✅/▫️ button per topic. */
function topicsView(
  ctx: UsherContext,
  texts: TopicTexts,
  userId: number,
): { text: string; keyboard: InlineKeyboard } {
  const topics = ctx.services.topics.list();
  const mine = ctx.services.topics.topicIdsOf(userId);
  const keyboard = new InlineKeyboard();
  const marks = textsIn("topics", userLocale(ctx));
  if (topics.length === 0) return { text: texts.none, keyboard };
  const lines = topics.map((topic) => {
    const state = mine.has(topic.id) ? marks.subscribedMark : marks.unsubscribedMark;
    keyboard.text(`${state} ${topic.name}`, toggleData(topic.id)).row();
    const line = topic.description === "" ? marks.lineWithoutDescription : marks.line;
    return fillTemplate(line, { state, name: topic.name, description: topic.description });
  });
  return { text: [texts.list, "", ...lines].join("\n"), keyboard };
}

/** A registered user's press on a topic button: flips (/topics) or ends (a mailing's 🔕) a subscription. */
async function handlePress(ctx: UsherContext, userId: number, data: string): Promise<boolean> {
  const press = readTopicPress(data);
  // The press must come from the chat the button was sent to: the user's own private chat.
  if (press === null || ctx.callbackQuery?.message?.chat.id !== userId) return false;
  const texts = topicTexts(ctx.services.settings, userLocale(ctx));
  const topic = ctx.services.topics.find(press.topicId);
  if (!topic) {
    await ctx.answerCallbackQuery({ text: texts.gone });
    return true;
  }
  const actor = userActor(userId);
  const ref = { id: topic.id };
  if (press.action === "off") {
    const { changed } = unsubscribeUser(ctx.services, actor, { userId, topic: ref, source: "button" });
    const text = changed ? texts.unsubscribedByButton : texts.alreadyUnsubscribed;
    await ctx.answerCallbackQuery({ text: fillTemplate(text, { name: topic.name }) });
    return true;
  }
  const subscribed = ctx.services.topics.topicIdsOf(userId).has(topic.id);
  const input = { userId, topic: ref, source: "user" as const };
  if (subscribed) unsubscribeUser(ctx.services, actor, input);
  else subscribeUser(ctx.services, actor, input);
  const view = topicsView(ctx, texts, userId);
  await ctx.answerCallbackQuery({
    text: fillTemplate(subscribed ? texts.unsubscribed : texts.subscribed, { name: topic.name }),
  });
  await ctx.editMessageText(view.text, { reply_markup: view.keyboard });
  return true;
}

/**
 * /topics for registered bot users, its toggle buttons and the 🔕 buttons under topic mailings.
 * Anything else, and anyone not yet through the gate, goes on.
 */
export const topicsFeature: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const user = ctx.user;
  if (user?.status !== "active" || ctx.chat?.type !== "private") return next();
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) {
    if (!(await handlePress(ctx, user.id, data))) await next();
    return;
  }
  const text = ctx.message?.text;
  if (text === undefined || !commandPattern.test(text)) return next();
  const view = topicsView(ctx, topicTexts(ctx.services.settings, userLocale(ctx)), user.id);
  await ctx.reply(view.text, { reply_markup: view.keyboard });
};
