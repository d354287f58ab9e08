import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-protection.js";
import { fillTemplate } from "../../content/template.js";
import { changeSetting } from "../../settings/change-setting.js";
import type { SettingInput, Settings } from "../../settings/settings.js";
import { type AdminConversationBuilder, actorOf } from "../area.js";
import { type NumberSetting, numberSettingPage, schemaBounds } from "../number-setting.js";
import { type AdminMenuContext, type AdminPages, switchLabel } from "../pages.js";
import { settingsTextVariants } from "../variants/variants-pages.js";
import { preview, textSettingConversation } from "./edit-text.js";

export const captchaPageId = "admin-captcha";
const introConversation = "admin-captcha-intro";
const passedConversation = "admin-captcha-passed";

/** A duration as the captcha page shows it: "5 min", "90 s", "5 min 30 s", or "none" for 0. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return texts.captcha.noCooldown;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return fillTemplate(texts.captcha.seconds, { seconds: rest });
  if (rest === 0) return fillTemplate(texts.captcha.minutes, { minutes });
  return fillTemplate(texts.captcha.minutesSeconds, { minutes, seconds: rest });
}

type CaptchaNumber = "attempts" | "expirySeconds" | "cooldownSeconds";

/** The three number pages; their texts are read when shown (`texts` + Title, Help, Unit). */
const numberPages: Record<
  CaptchaNumber,
  Pick<NumberSetting, "id" | "format" | "steps"> & { texts: "attempts" | "expiry" | "cooldown" }
> = {
  attempts: { id: "admin-captcha-attempts", texts: "attempts", format: String, steps: [1] },
  expirySeconds: { id: "admin-captcha-expiry", texts: "expiry", format: formatDuration, steps: [30, 300] },
  cooldownSeconds: {
    id: "admin-captcha-cooldown",
    texts: "cooldown",
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
    fillTemplate(texts.captcha.summary, {
      kind: texts.captcha.kinds[captcha.kind],
      help: texts.captcha.kindHelp[captcha.kind],
      attempts: captcha.attempts,
      expiry: formatDuration(captcha.expirySeconds),
      cooldown: formatDuration(captcha.cooldownSeconds),
    }),
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
      (ctx) => fillTemplate(texts.captcha.kindButton, { kind: texts.captcha.kinds[captchaOf(ctx).kind] }),
      (ctx) => change(ctx, { kind: otherKind(captchaOf(ctx).kind) }),
    )
    .row()
    .text(
      (ctx) => fillTemplate(texts.captcha.attemptsButton, { attempts: captchaOf(ctx).attempts }),
      (ctx) => pages.show(ctx, numberPages.attempts.id),
    )
    .text(
      (ctx) =>
        fillTemplate(texts.captcha.expiryButton, { duration: formatDuration(captchaOf(ctx).expirySeconds) }),
      (ctx) => pages.show(ctx, numberPages.expirySeconds.id),
    )
    .text(
      (ctx) =>
        fillTemplate(texts.captcha.cooldownButton, {
          duration: formatDuration(captchaOf(ctx).cooldownSeconds),
        }),
      (ctx) => pages.show(ctx, numberPages.cooldownSeconds.id),
    )
    .row()
    .text(
      () => texts.captcha.editIntro,
      (ctx) => ctx.conversation.enter(introConversation),
    )
    .text(
      () => texts.captcha.editPassed,
      (ctx) => ctx.conversation.enter(passedConversation),
    )
    .row();
  const languages = settingsTextVariants(pages, {
    parentPageId: captchaPageId,
    subjects: ["captcha.intro", "captcha.passed"],
  });
  languages.button(page);
  pages.back(page, parentId);
  const numberInputs = (Object.keys(numberPages) as CaptchaNumber[]).map((field) =>
    numberSettingPage(pages, {
      id: numberPages[field].id,
      format: numberPages[field].format,
      steps: numberPages[field].steps,
      title: () => texts.captcha[`${numberPages[field].texts}Title`],
      help: () => texts.captcha[`${numberPages[field].texts}Help`],
      unit: () => texts.captcha[`${numberPages[field].texts}Unit`],
      parentId: captchaPageId,
      bounds: () => schemaBounds("captcha", field),
      read: (ctx) => captchaOf(ctx)[field],
      save: (ctx, value) =>
        changeSetting(ctx.services, actorOf(ctx), { key: "captcha", patch: { [field]: value } }),
    }),
  );

  return [
    ...numberInputs,
    ...languages.conversations,
    {
      id: introConversation,
      builder: textSettingConversation(pages, {
        prompt: () => texts.captcha.askIntro,
        pageId: captchaPageId,
        save: (ctx, introText) =>
          changeSetting(ctx.services, actorOf(ctx), { key: "captcha", patch: { introText } }),
      }),
    },
    {
      id: passedConversation,
      builder: textSettingConversation(pages, {
        prompt: () => texts.captcha.askPassed,
        pageId: captchaPageId,
        save: (ctx, passedText) =>
          changeSetting(ctx.services, actorOf(ctx), { key: "captcha", patch: { passedText } }),
      }),
    },
  ];
}
