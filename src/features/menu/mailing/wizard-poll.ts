import type { Context } from "grammy";
import type { Poll } from "grammy/types";
import { texts as mailingTexts } from "../../../texts/admin-mailing.js";
import { texts } from "../../../texts/admin-polls.js";
import { fillTemplate } from "../../content/template.js";
import type { PollContent } from "../../mailing/poll.js";
import { attributeKeyPattern } from "../../segments/tree.js";
import { type AdminConversation, accept, refuse } from "../ask.js";
import { choose } from "./wizard-input.js";

/**
 * The poll an admin sent to the wizard, as a poll mailing sends it. Telegram tells the bot a quiz's
 * right options in its own private chat; the mailing's polls are never anonymous, whatever the admin's was.
 */
export function pollContentOf(poll: Poll): PollContent {
  const correct = poll.correct_option_ids ?? [];
  return {
    type: "poll",
    question: poll.question,
    options: poll.options.map((o) => o.text),
    allowsMultipleAnswers: poll.allows_multiple_answers,
    ...(poll.type === "quiz" && {
      quiz: {
        correctOptions: correct.map((id) => id + 1),
        ...(poll.explanation && { explanation: poll.explanation }),
      },
    }),
  };
}

/** How the poll reads in the confirmation and the history. */
export function pollSummary(poll: PollContent): string {
  const values = { question: poll.question, count: poll.options.length };
  return fillTemplate(poll.quiz ? texts.contentQuiz : texts.contentPoll, values);
}

/** Says what a poll mailing does with answers and asks for the attribute they also go to, if any. */
export async function askPollAttribute(
  conversation: AdminConversation,
  ctx: Context,
  poll: PollContent,
): Promise<PollContent> {
  await ctx.reply(texts.pollNote);
  const key = await choose(
    conversation,
    ctx,
    "mailing",
    texts.askAttribute,
    [[texts.noAttribute], [mailingTexts.cancelButton]],
    (message) => {
      const text = message.text?.trim();
      if (text === undefined) return refuse(fillTemplate(texts.badAttribute, { value: "" }));
      if (text === texts.noAttribute) return accept(null);
      const lower = text.toLowerCase();
      if (!attributeKeyPattern.test(lower)) return refuse(fillTemplate(texts.badAttribute, { value: text }));
      return accept(lower);
    },
  );
  if (key === null) return poll;
  await ctx.reply(fillTemplate(texts.attributeChosen, { key }));
  return { ...poll, attribute: key };
}
