import { InlineKeyboard, type MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/bot.js";
import { renderTemplate } from "../../content/template.js";
import { personalize, replyAtGate } from "../gate-replies.js";
import {
  afterWrongAnswer,
  type Challenge,
  captchaCallbackData,
  createChallenge,
  judgeAnswer,
  parseCaptchaCallback,
} from "./challenge.js";
import { passCaptcha } from "./pass-captcha.js";

function keyboardOf(challenge: Challenge): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  challenge.options.forEach((option, index) => {
    if (index > 0 && index % 3 === 0) keyboard.row();
    keyboard.text(option, captchaCallbackData(challenge.nonce, index));
  });
  return keyboard;
}

function cooldownText(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return renderTemplate(texts.captcha.cooldown, { minutes: String(minutes) }).text;
}

/** Shows `text` in place of the pressed challenge, or as a new message when it cannot be edited. */
async function showInPlace(ctx: UsherContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const markup = keyboard ? { reply_markup: keyboard } : {};
  try {
    await ctx.editMessageText(text, markup);
  } catch (error) {
    ctx.log.debug({ err: error }, "captcha message not editable, sending a new one");
    await ctx.reply(text, markup);
  }
}

/** Gate step 1: an inline-button challenge for newcomers, with limited attempts, expiry and cool-down. */
export const captchaStep: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const user = ctx.user;
  const settings = ctx.services.settings.get("captcha");
  if (
    !user ||
    !settings.enabled ||
    ctx.isAdmin ||
    user.status !== "pending" ||
    user.captchaPassedAt !== null
  ) {
    return next();
  }
  const { captcha, now, random } = ctx.services;
  const at = now();
  const state = captcha.find(user.id);
  const press = ctx.callbackQuery?.data ? parseCaptchaCallback(ctx.callbackQuery.data) : null;

  if (press) {
    const verdict = judgeAnswer(state, press.nonce, press.optionIndex, at);
    ctx.log.debug({ userId: user.id, verdict }, "captcha answered");
    if (verdict === "passed") {
      ctx.metrics?.countGate("captcha_passed");
      passCaptcha(ctx.services, { userId: user.id, at });
      ctx.user = { ...user, captchaPassedAt: at };
      const passed = personalize(ctx, settings.passedText);
      await ctx.answerCallbackQuery({ text: passed.slice(0, 200) });
      await showInPlace(ctx, passed);
      return next();
    }
    if (verdict === "stale" || verdict === "cooldown" || state === undefined) {
      const notice =
        verdict === "cooldown" && state?.cooldownUntil
          ? cooldownText(state.cooldownUntil, at)
          : texts.captcha.stale;
      await ctx.answerCallbackQuery({ text: notice });
      return;
    }
    let failures = state.failures;
    if (verdict === "wrong") {
      ctx.metrics?.countGate("captcha_failed");
      const after = afterWrongAnswer(state.failures, settings.attempts, settings.cooldownSeconds, at);
      if (after.cooldownUntil) {
        captcha.startCooldown(user.id, after.cooldownUntil);
        await ctx.answerCallbackQuery();
        await showInPlace(ctx, cooldownText(after.cooldownUntil, at));
        return;
      }
      failures = after.failures;
    }
    const challenge = createChallenge(settings.kind, random, at, settings.expirySeconds);
    captcha.open(user.id, challenge, failures, null);
    ctx.metrics?.countGate("captcha_shown");
    const lead = verdict === "wrong" ? texts.captcha.wrong : texts.captcha.expired;
    await ctx.answerCallbackQuery({ text: lead });
    await showInPlace(
      ctx,
      `${lead}\n\n${personalize(ctx, settings.introText)}\n\n${challenge.question}`,
      keyboardOf(challenge),
    );
    return;
  }

  if (state?.cooldownUntil && state.cooldownUntil > at) {
    await replyAtGate(ctx, cooldownText(state.cooldownUntil, at));
    return;
  }
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: texts.gatePending });
    // Another button while a challenge is open: point at it, don't replace it.
    if (state && state.nonce !== "" && state.expiresAt > at) return;
  }
  // A message gets a fresh challenge; the previous one's buttons stop working.
  const challenge = createChallenge(settings.kind, random, at, settings.expirySeconds);
  captcha.open(user.id, challenge, state?.failures ?? 0, null);
  ctx.metrics?.countGate("captcha_shown");
  await ctx.reply(`${personalize(ctx, settings.introText)}\n\n${challenge.question}`, {
    reply_markup: keyboardOf(challenge),
  });
};
