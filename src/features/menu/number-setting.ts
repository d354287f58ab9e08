import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../bot/context.js";
import { texts } from "../../texts/admin-numbers.js";
import { texts as shared } from "../../texts/bot.js";
import { fillTemplate } from "../content/template.js";
import { type SettingKey, settingsSchemas } from "../settings/settings.js";
import { type AdminConversationEntry, asAdmin } from "./area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "./ask.js";
import { type Live, now } from "./live-text.js";
import type { AdminMenuContext, AdminPages } from "./pages.js";

export interface NumberBounds {
  min: number;
  max: number;
}

/**
 * A numeric setting as its page shows it: the one way every number in the menu is changed. Its texts
 * are read when shown: give translated ones as functions (`title: () => texts.attemptsTitle`).
 */
export interface NumberSetting {
  /** The page's id; the label of the button that opens it is the caller's. */
  id: string;
  parentId: string;
  /** The page's title, also the start of the typing prompt ("🔁 Captcha attempts"). */
  title: Live<string>;
  /** What the number does, one or two lines under the title. */
  help: Live<string>;
  /** What a typed number counts ("seconds"). */
  unit: Live<string>;
  /** How a value reads on the page and on the − / + buttons ("5 min"). */
  format: (value: number) => string;
  /** The steps of the − / + buttons, smallest first. */
  steps: readonly number[];
  bounds: (ctx: UsherContext) => NumberBounds;
  /** A line under the bounds when the range depends on another setting (the rate's paid broadcast). */
  note?: (ctx: UsherContext) => string | undefined;
  read: (ctx: UsherContext) => number;
  /** Stores a value through the setting's verb (which validates it again). */
  save: (ctx: UsherContext, value: number) => void;
}

/** A number field's bounds, read from its schema so the menu never drifts from what the verb accepts. */
export function schemaBounds<K extends SettingKey>(key: K, field: string): NumberBounds {
  const shape = settingsSchemas[key].shape as Record<string, { unwrap(): unknown }>;
  const schema = shape[field]?.unwrap() as { minValue: number | null; maxValue: number | null };
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** A whole number within `bounds`; the refusal names the unit and the range. */
export function parseNumber(message: Message, unit: string, { min, max }: NumberBounds): Parsed<number> {
  const typed = message.text?.trim() ?? "";
  if (!/^-?\d{1,9}$/.test(typed)) {
    return refuse(
      fillTemplate(texts.notWholeNumber, { unit, min, max, example: Math.min(max, Math.max(min, 10)) }),
    );
  }
  const value = Number(typed);
  if (value < min || value > max)
    return refuse(fillTemplate(texts.outOfRange, { number: typed, unit, min, max }));
  return accept(value);
}

function pageText(setting: NumberSetting, ctx: UsherContext): string {
  const { min, max } = setting.bounds(ctx);
  const value = setting.read(ctx);
  const note = setting.note?.(ctx);
  return [
    now(setting.title),
    now(setting.help),
    "",
    fillTemplate(texts.now, {
      value: setting.format(value),
      min: setting.format(min),
      max: setting.format(max),
    }),
    ...(note ? [note] : []),
  ].join("\n");
}

/**
 * Adds a number setting's page: − / + by each step (clamped to the bounds; a press at a bound
 * changes nothing and says so) and ✏️ Type a value. Returns the typing conversation to register.
 */
export function numberSettingPage(pages: AdminPages, setting: NumberSetting): AdminConversationEntry {
  const typeConversation = `${setting.id}-type`;
  const page = pages.create(setting.id, (ctx) => pageText(setting, ctx), { answersAfterEdit: true });
  const step = async (ctx: AdminMenuContext, delta: number) => {
    const { min, max } = setting.bounds(ctx);
    const current = setting.read(ctx);
    const next = Math.min(max, Math.max(min, current + delta));
    if (next !== current) setting.save(ctx, next);
    const bound = delta < 0 ? texts.atMin : texts.atMax;
    await pages.refresh(ctx, setting.id, fillTemplate(bound, { value: setting.format(current) }));
  };
  const steps = [...setting.steps];
  for (const size of [...steps].reverse())
    page.text(
      () => `−${setting.format(size)}`,
      (ctx) => step(ctx, -size),
    );
  for (const size of steps)
    page.text(
      () => `+${setting.format(size)}`,
      (ctx) => step(ctx, size),
    );
  page.row().text(
    () => texts.typeButton,
    async (ctx) => {
      // The page answers presses itself (for the notices at the bounds), so this one is answered here.
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(typeConversation);
    },
  );
  pages.back(page, setting.parentId);

  async function typeValue(conversation: AdminConversation, ctx: Context): Promise<void> {
    const current = await conversation.external((octx) => ({
      value: setting.read(octx),
      ...setting.bounds(octx),
    }));
    const unit = now(setting.unit);
    const prompt = fillTemplate(texts.ask, {
      title: now(setting.title),
      unit,
      min: current.min,
      max: current.max,
      value: current.value,
    });
    const value = await ask(conversation, ctx, prompt, (message) => parseNumber(message, unit, current));
    await asAdmin(conversation, async (octx) => {
      setting.save(octx, value);
      await octx.reply(shared.admin.saved);
      await pages.send(octx, setting.id);
    });
  }
  return { id: typeConversation, builder: typeValue };
}
