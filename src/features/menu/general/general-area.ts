import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-general.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText } from "../ask.js";
import { rootPageId } from "../page-ids.js";

export const generalPageId = "admin-general";
const dearUserNameConversation = "admin-general-dear-user";

/** A name is plain text: its formatting is dropped, the setting's own rules are the verb's. */
function parseName(message: Message): Parsed<string> {
  const parsed = parseText(message);
  return parsed.ok ? accept(parsed.value.text.trim()) : parsed;
}

function generalText(ctx: UsherContext): string {
  const general = ctx.services.settings.get("general");
  return [texts.title, "", fillTemplate(texts.dearUserName, { name: general.dearUserName })].join("\n");
}

/** ⚙️ General: the Dear User name. */
export const generalArea: AdminArea = (pages) => {
  const page = pages.create(generalPageId, generalText);
  page.text(texts.dearUserNameButton, (ctx) => ctx.conversation.enter(dearUserNameConversation));
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

  return [{ id: dearUserNameConversation, builder: editDearUserName }];
};
