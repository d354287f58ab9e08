import { InlineKeyboard, type MiddlewareFn } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import type { texts } from "../../../texts/bot.js";
import type { Localized } from "../../../texts/translations.js";
import { renderTemplate } from "../../content/template.js";
import { personalizeSetting, replyAtGate, userTexts } from "../gate-replies.js";
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

function cooldownText(t: Localized<typeof texts>, until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return renderTemplate(t.captcha.cooldown, { minutes: String(minutes) }).text;
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
  const t = userTexts(ctx);
  const intro = () =>
    personalizeSetting(ctx, "captcha.intro", settings.introText, (botTexts) => botTexts.captcha.intro);
  const state = captcha.find(user.id);
  const press = ctx.callbackQuery?.data ? parseCaptchaCallback(ctx.callbackQuery.data) : null;

  if (press) {
    const verdict = judgeAnswer(state, press.nonce, press.optionIndex, at);
    ctx.log.debug({ userId: user.id, verdict }, "captcha answered");
    if (verdict === "passed") {
      ctx.metrics?.countGate("captcha_passed");
      passCaptcha(ctx.services, { userId: user.id, at });
      ctx.user = { ...user, captchaPassedAt: at };
      const passed = personalizeSetting(
        ctx,
        "captcha.passed",
        settings.passedText,
        (botTexts) => botTexts.captcha.passed,
      );
      await ctx.answerCallbackQuery({ text: passed.slice(0, 200) });
      await showInPlace(ctx, passed);
      return next();
    }
    if (verdict === "stale" || verdict === "cooldown" || state === undefined) {
      const notice =
        verdict === "cooldown" && state?.cooldownUntil
          ? cooldownText(t, state.cooldownUntil, at)
          : t.captcha.stale;
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
        await showInPlace(ctx, cooldownText(t, after.cooldownUntil, at));
        return;
      }
      failures = after.failures;
    }
    const challenge = createChallenge(settings.kind, random, at, settings.expirySeconds, t.captcha);
    captcha.open(user.id, challenge, failures, null);
    ctx.metrics?.countGate("captcha_shown");
    const lead = verdict === "wrong" ? t.captcha.wrong : t.captcha.expired;
    await ctx.answerCallbackQuery({ text: lead });
    await showInPlace(ctx, `${lead}\n\n${intro()}\n\n${challenge.question}`, keyboardOf(challenge));
    return;
  }

  if (state?.cooldownUntil && state.cooldownUntil > at) {
    await replyAtGate(ctx, cooldownText(t, state.cooldownUntil, at));
    return;
  }
  // A language just picked shows the challenge again in it, as a message would.
  if (ctx.callbackQuery && !ctx.gate.languageChanged) {
    await ctx.answerCallbackQuery({ text: t.gatePending });
    // Another button while a challenge is open: point at it, don't replace it.
    if (state && state.nonce !== "" && state.expiresAt > at) return;
  }
  // A message gets a fresh challenge; the previous one's buttons stop working.
  const challenge = createChallenge(settings.kind, random, at, settings.expirySeconds, t.captcha);
  captcha.open(user.id, challenge, state?.failures ?? 0, null);
  ctx.metrics?.countGate("captcha_shown");
  await ctx.reply(`${intro()}\n\n${challenge.question}`, {
    reply_markup: keyboardOf(challenge),
  });
};
