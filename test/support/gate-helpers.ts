import { captchaCallbackData } from "../../src/features/gate/captcha/challenge.js";
import type { Harness } from "./bot-harness.js";
import type { SimUser } from "./fake-telegram/index.js";

/** The message holding the user's open captcha, as the fake shows it. */
export function captchaMessage(h: Harness, user: SimUser) {
  const message = h.fake
    .messagesTo(user.id)
    .reverse()
    .find((m) => h.fake.inlineButtons(m).some((b) => b.callback_data?.startsWith("gate:captcha:")));
  if (!message) throw new Error(`no captcha shown to ${user.id}`);
  return message;
}

/**
 * Presses a captcha button: the right one (read from the server's state, as only a test can) or a
 * wrong one. Returns the press's callback query id.
 */
export async function answerCaptcha(h: Harness, user: SimUser, correct: boolean): Promise<string> {
  const state = h.services.captcha.find(user.id);
  if (!state) throw new Error(`no open captcha for ${user.id}`);
  const index = correct ? state.correctIndex : (state.correctIndex + 1) % state.options.length;
  return pressData(h, user, captchaCallbackData(state.nonce, index));
}

/**
 * Sends a callback with arbitrary data on the user's newest bot message (forgeries, replays).
 * Returns the press's callback query id.
 */
export async function pressData(h: Harness, user: SimUser, data: string): Promise<string> {
  const last = h.fake.lastMessageTo(user.id);
  if (!last) throw new Error(`no bot message in chat ${user.id}`);
  const update = h.fake.updates.callback(user, { message_id: last.message_id, data });
  await h.send(update);
  return update.callback_query?.id ?? "";
}

/** What the bot answered to one button press: Telegram takes one answer, and an unanswered press keeps spinning. */
export function answersTo(h: Harness, pressId: string) {
  return h.fake.callsOf("answerCallbackQuery").filter((c) => c.params.callback_query_id === pressId);
}
