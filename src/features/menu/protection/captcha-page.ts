import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-protection.js";
import { changeSetting } from "../../settings/change-setting.js";
import type { SettingInput, Settings } from "../../settings/settings.js";
import { type AdminConversationBuilder, actorOf } from "../area.js";
import { type AdminMenuContext, type AdminPages, switchLabel } from "../pages.js";
import { preview, textSettingConversation } from "./edit-text.js";

export const captchaPageId = "admin-captcha";
const introConversation = "admin-captcha-intro";
const passedConversation = "admin-captcha-passed";

/** The values each cycling button steps through. */
export const attemptChoices = [1, 2, 3, 5, 10];
export const expiryChoicesSeconds = [60, 120, 300, 600, 1800];
export const cooldownChoicesSeconds = [60, 300, 900, 3600];

/** The next choice after `current` (the first one after the last, or after a value set elsewhere). */
export function nextChoice(choices: readonly number[], current: number): number {
  return choices.find((choice) => choice > current) ?? (choices[0] as number);
}

export function formatDuration(seconds: number): string {
  if (seconds === 0) return texts.captcha.noCooldown;
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

const captchaOf = (ctx: UsherContext) => ctx.services.settings.get("captcha");

function pageText(ctx: UsherContext): string {
  const captcha = captchaOf(ctx);
  return [
    texts.captcha.title,
    captcha.enabled ? texts.captcha.on : texts.captcha.off,
    "",
    texts.captcha.summary(
      texts.captcha.kinds[captcha.kind],
      texts.captcha.kindHelp[captcha.kind],
      captcha.attempts,
      formatDuration(captcha.expirySeconds),
      formatDuration(captcha.cooldownSeconds),
    ),
    "",
    texts.captcha.introHeading,
    preview(captcha.introText),
    "",
    texts.captcha.passedHeading,
    preview(captcha.passedText),
  ].join("\n");
}

/** 🤖 Captcha: the switch, the challenge kind, attempts, expiry, cool-down and the two texts. */
export function captchaPage(
  pages: AdminPages,
  parentId: string,
): Array<{ id: string; builder: AdminConversationBuilder }> {
  const page = pages.create(captchaPageId, pageText);
  const change = async (ctx: AdminMenuContext, patch: Partial<SettingInput<"captcha">>) => {
    changeSetting(ctx.services, actorOf(ctx), { key: "captcha", patch });
    await pages.refresh(ctx, captchaPageId);
  };
  const otherKind = (kind: Settings["captcha"]["kind"]) => (kind === "emoji" ? "math" : "emoji");

  page
    .text(
      (ctx) => switchLabel(captchaOf(ctx).enabled, texts.captcha.switch),
      (ctx) => change(ctx, { enabled: !captchaOf(ctx).enabled }),
    )
    .text(
      (ctx) => texts.captcha.kindButton(texts.captcha.kinds[captchaOf(ctx).kind]),
      (ctx) => change(ctx, { kind: otherKind(captchaOf(ctx).kind) }),
    )
    .row()
    .text(
      (ctx) => texts.captcha.attemptsButton(captchaOf(ctx).attempts),
      (ctx) => change(ctx, { attempts: nextChoice(attemptChoices, captchaOf(ctx).attempts) }),
    )
    .text(
      (ctx) => texts.captcha.expiryButton(formatDuration(captchaOf(ctx).expirySeconds)),
      (ctx) => change(ctx, { expirySeconds: nextChoice(expiryChoicesSeconds, captchaOf(ctx).expirySeconds) }),
    )
    .text(
      (ctx) => texts.captcha.cooldownButton(formatDuration(captchaOf(ctx).cooldownSeconds)),
      (ctx) =>
        change(ctx, { cooldownSeconds: nextChoice(cooldownChoicesSeconds, captchaOf(ctx).cooldownSeconds) }),
    )
    .row()
    .text(texts.captcha.editIntro, (ctx) => ctx.conversation.enter(introConversation))
    .text(texts.captcha.editPassed, (ctx) => ctx.conversation.enter(passedConversation));
  pages.back(page, parentId);

  return [
    {
      id: introConversation,
      builder: textSettingConversation(pages, {
        prompt: texts.captcha.askIntro,
        pageId: captchaPageId,
        save: (ctx, introText) =>
          changeSetting(ctx.services, actorOf(ctx), { key: "captcha", patch: { introText } }),
      }),
    },
    {
      id: passedConversation,
      builder: textSettingConversation(pages, {
        prompt: texts.captcha.askPassed,
        pageId: captchaPageId,
        save: (ctx, passedText) =>
          changeSetting(ctx.services, actorOf(ctx), { key: "captcha", patch: { passedText } }),
      }),
    },
  ];
}
