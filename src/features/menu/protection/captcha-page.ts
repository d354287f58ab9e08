import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-protection.js";
import { changeSetting } from "../../settings/change-setting.js";
import type { SettingInput, Settings } from "../../settings/settings.js";
import { type AdminConversationBuilder, actorOf } from "../area.js";
import { type NumberSetting, numberSettingPage, schemaBounds } from "../number-setting.js";
import { type AdminMenuContext, type AdminPages, switchLabel } from "../pages.js";
import { preview, textSettingConversation } from "./edit-text.js";

export const captchaPageId = "admin-captcha";
const introConversation = "admin-captcha-intro";
const passedConversation = "admin-captcha-passed";

/** A duration as the captcha page shows it: "5 min", "90 s", "5 min 30 s", or "none" for 0. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return texts.captcha.noCooldown;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

type CaptchaNumber = "attempts" | "expirySeconds" | "cooldownSeconds";

const numberPages: Record<CaptchaNumber, Omit<NumberSetting, "parentId" | "read" | "save" | "bounds">> = {
  attempts: {
    id: "admin-captcha-attempts",
    title: texts.captcha.attemptsTitle,
    help: texts.captcha.attemptsHelp,
    unit: texts.captcha.attemptsUnit,
    format: String,
    steps: [1],
  },
  expirySeconds: {
    id: "admin-captcha-expiry",
    title: texts.captcha.expiryTitle,
    help: texts.captcha.expiryHelp,
    unit: texts.captcha.expiryUnit,
    format: formatDuration,
    steps: [30, 300],
  },
  cooldownSeconds: {
    id: "admin-captcha-cooldown",
    title: texts.captcha.cooldownTitle,
    help: texts.captcha.cooldownHelp,
    unit: texts.captcha.cooldownUnit,
    format: formatDuration,
    steps: [60, 900],
  },
};

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
      (ctx) => pages.show(ctx, numberPages.attempts.id),
    )
    .text(
      (ctx) => texts.captcha.expiryButton(formatDuration(captchaOf(ctx).expirySeconds)),
      (ctx) => pages.show(ctx, numberPages.expirySeconds.id),
    )
    .text(
      (ctx) => texts.captcha.cooldownButton(formatDuration(captchaOf(ctx).cooldownSeconds)),
      (ctx) => pages.show(ctx, numberPages.cooldownSeconds.id),
    )
    .row()
    .text(texts.captcha.editIntro, (ctx) => ctx.conversation.enter(introConversation))
    .text(texts.captcha.editPassed, (ctx) => ctx.conversation.enter(passedConversation));
  pages.back(page, parentId);
  const numberInputs = (Object.keys(numberPages) as CaptchaNumber[]).map((field) =>
    numberSettingPage(pages, {
      ...numberPages[field],
      parentId: captchaPageId,
      bounds: () => schemaBounds("captcha", field),
      read: (ctx) => captchaOf(ctx)[field],
      save: (ctx, value) =>
        changeSetting(ctx.services, actorOf(ctx), { key: "captcha", patch: { [field]: value } }),
    }),
  );

  return [
    ...numberInputs,
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
