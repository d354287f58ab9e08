import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-general.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { changeSetting } from "../../settings/change-setting.js";
import { settingsSchemas } from "../../settings/settings.js";
import { type AdminArea, type AdminConversationBuilder, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText, refuse } from "../ask.js";
import { rootPageId } from "../page-ids.js";

export const generalPageId = "admin-general";
const dearUserNameConversation = "admin-general-dear-user";

type MinutesField = "sessionTimeoutMinutes" | "pauseMinutes";

/** The typed-minutes settings: their conversation, button and prompt. */
const minutesFields: Record<MinutesField, { conversation: string; button: string; ask: string }> = {
  sessionTimeoutMinutes: {
    conversation: "admin-general-session",
    button: texts.sessionTimeoutButton,
    ask: texts.askSessionTimeout,
  },
  pauseMinutes: { conversation: "admin-general-pause", button: texts.pauseButton, ask: texts.askPause },
};

/** A field's bounds, read from its schema so the menu never drifts from what the verb accepts. */
function boundsOf(field: MinutesField): { min: number; max: number } {
  const schema = settingsSchemas.users.shape[field].unwrap();
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** A name is plain text: its formatting is dropped, the setting's own rules are the verb's. */
function parseName(message: Message): Parsed<string> {
  const parsed = parseText(message);
  return parsed.ok ? accept(parsed.value.text.trim()) : parsed;
}

/** A whole number of minutes within the field's bounds; a number outside them is named in the refusal. */
function parseMinutes(field: MinutesField, message: Message): Parsed<number> {
  const { min, max } = boundsOf(field);
  const typed = message.text?.trim() ?? "";
  if (!/^-?\d{1,9}$/.test(typed))
    return refuse(fillTemplate(texts.notWholeNumber, { min, max, example: 10 }));
  const minutes = Number(typed);
  if (minutes < min || minutes > max)
    return refuse(fillTemplate(texts.outOfRange, { number: typed, min, max }));
  return accept(minutes);
}

function generalText(ctx: UsherContext): string {
  const general = ctx.services.settings.get("general");
  const users = ctx.services.settings.get("users");
  return [
    texts.title,
    "",
    fillTemplate(texts.dearUserName, { name: general.dearUserName }),
    "",
    fillTemplate(texts.sessionTimeout, { minutes: users.sessionTimeoutMinutes }),
    "",
    fillTemplate(texts.pause, { minutes: users.pauseMinutes }),
  ].join("\n");
}

/** ⚙️ General: the Dear User name, the session length and the pause length. */
export const generalArea: AdminArea = (pages) => {
  const page = pages.create(generalPageId, generalText);
  page.text(texts.dearUserNameButton, (ctx) => ctx.conversation.enter(dearUserNameConversation)).row();
  for (const [field, { conversation, button }] of Object.entries(minutesFields) as Array<
    [MinutesField, (typeof minutesFields)[MinutesField]]
  >) {
    page
      .text(
        (ctx) => fillTemplate(button, { minutes: ctx.services.settings.get("users")[field] }),
        (ctx) => ctx.conversation.enter(conversation),
      )
      .row();
  }
  pages.back(page, rootPageId);

  async function editDearUserName(conversation: AdminConversation, ctx: Context): Promise<void> {
    const current = await conversation.external((octx) => octx.services.settings.get("general").dearUserName);
    const prompt = fillTemplate(texts.askDearUserName, { name: current });
    const dearUserName = await ask(conversation, ctx, prompt, parseName);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "general", patch: { dearUserName } });
      await octx.reply(shared.admin.saved);
      await pages.send(octx, generalPageId);
    });
  }

  const editMinutes =
    (field: MinutesField): AdminConversationBuilder =>
    async (conversation, ctx) => {
      const current = await conversation.external((octx) => octx.services.settings.get("users")[field]);
      const prompt = fillTemplate(minutesFields[field].ask, { ...boundsOf(field), minutes: current });
      const minutes = await ask(conversation, ctx, prompt, (message) => parseMinutes(field, message));
      await asAdmin(conversation, async (octx) => {
        changeSetting(octx.services, actorOf(octx), { key: "users", patch: { [field]: minutes } });
        await octx.reply(shared.admin.saved);
        await pages.send(octx, generalPageId);
      });
    };

  return [
    { id: dearUserNameConversation, builder: editDearUserName },
    ...(Object.keys(minutesFields) as MinutesField[]).map((field) => ({
      id: minutesFields[field].conversation,
      builder: editMinutes(field),
    })),
  ];
};
