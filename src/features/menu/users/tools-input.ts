import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { texts } from "../../../texts/admin-user-tools.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { parseSegment, type Segment, segmentErrorText } from "../../segments/segment.js";
import {
  type AdminConversation,
  accept,
  ask,
  type InputExit,
  type Parsed,
  refuse,
  waitForAnswer,
} from "../ask.js";
import { replyKeyboard } from "../reply-keyboard.js";

/** The page of 🧰 User tools, where each tool's input ends. */
export const usersToolsPageId = "admin-users-tools";

/**
 * The tools' reply keyboards have their own ❌ Cancel; leaving gives back the 🔐Admin keyboard. Its
 * texts are getters, read when used, in the admin's language.
 */
export const toolsExit: InputExit = {
  get cancelButton() {
    return texts.cancel;
  },
  get cancelled() {
    return texts.cancelled;
  },
  keyboard: adminKeyboard,
};

/** Asks with a reply keyboard and waits for one of its answers (see `waitForAnswer` for the ways out). */
export async function choose<T extends string>(
  conversation: AdminConversation,
  ctx: Context,
  prompt: string,
  choices: T[],
  check: (choice: T) => string | null = () => null,
): Promise<T> {
  await ctx.reply(prompt, { reply_markup: replyKeyboard([...choices.map((c) => [c]), [texts.cancel]]) });
  for (;;) {
    const { answer: update, message } = await waitForAnswer(conversation, toolsExit);
    const text = message.text?.trim();
    const choice = choices.find((c) => c === text);
    const problem = choice === undefined ? texts.useButtons : check(choice);
    if (choice !== undefined && problem === null) return choice;
    await update.reply(problem ?? texts.useButtons);
  }
}

function parseSegmentAnswer(message: Message): Parsed<Segment> {
  const input = message.text?.trim();
  if (input === undefined || input === "") return refuse(texts.segmentNotText);
  if (input.toLowerCase() === "all") return accept({ kind: "everyone" });
  const parsed = parseSegment(input);
  return parsed.ok ? accept(parsed.tree) : refuse(segmentErrorText(parsed));
}

/** Asks for the segment a tool works on (`all` for everyone). */
export const askSegment = (conversation: AdminConversation, ctx: Context): Promise<Segment> =>
  ask(conversation, ctx, texts.askSegment, parseSegmentAnswer);
