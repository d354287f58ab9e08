import type { MenuRange } from "@grammyjs/menu";
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { UsherError } from "../../../errors.js";
import { texts } from "../../../texts/admin-admins.js";
import { texts as sharedTexts } from "../../../texts/bot.js";
import { inLocale } from "../../../texts/locale-scope.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { addAdmin, removeAdmin } from "../../admins/admin-rights.js";
import { resetMenuButton, showAdminMenuButton } from "../../app/app-menu-button.js";
import { fillTemplate } from "../../content/template.js";
import { localeOfUser } from "../../language/language.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";
import { formatUtcMinute } from "../audit/utc-time.js";
import { rootPageId } from "../page-ids.js";
import type { AdminMenuContext } from "../pages.js";
import { refusalReply } from "../refusal-replies.js";
import { adminLabel } from "./admin-label.js";

export const adminsPageId = "admin-admins";
const detailPageId = "admin-admins-detail";
const removePageId = "admin-admins-remove";
const addConversation = "admin-admins-add";

const isOwner = (ctx: UsherContext) => ctx.from !== undefined && ctx.services.admins.isOwner(ctx.from.id);

/** Every press on these pages does nothing unless an owner made it (a non-owner admin may forge or replay one). */
const ownerOnly =
  (handler: (ctx: AdminMenuContext) => unknown) =>
  async (ctx: AdminMenuContext): Promise<void> => {
    if (isOwner(ctx)) await handler(ctx);
  };

/** The added admin a button payload names (payloads can be forged), or null. */
function selectedAdmin(ctx: UsherContext): number | null {
  const raw = typeof ctx.match === "string" ? ctx.match : "";
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return ctx.services.admins.findAdded(id) ? id : null;
}

/** Carries the selected admin from page to page. */
const selection = (ctx: UsherContext) => (typeof ctx.match === "string" ? ctx.match : "");

function listText(ctx: UsherContext): string {
  const { admins } = ctx.services;
  const line = (id: number) =>
    fillTemplate(texts.line, { label: adminLabel(ctx.services, id), id: String(id) });
  const owners = admins.adminIds().filter((id) => admins.isOwner(id));
  const added = admins.addedAdminIds();
  return [
    texts.title,
    "",
    texts.intro,
    "",
    texts.ownersHeader,
    ...owners.map((id) => `👑 ${line(id)}`),
    "",
    texts.addedHeader,
    ...(added.length > 0 ? added.map((id) => `👮 ${line(id)}`) : [texts.noneAdded]),
  ].join("\n");
}

function detailText(ctx: UsherContext): string {
  const id = selectedAdmin(ctx);
  const added = id === null ? undefined : ctx.services.admins.findAdded(id);
  if (id === null || !added) return texts.gone;
  return fillTemplate(texts.detail, {
    label: adminLabel(ctx.services, id),
    id: String(id),
    added_at: formatUtcMinute(added.addedAt),
    added_by: adminLabel(ctx.services, added.addedBy),
  });
}

function confirmText(ctx: UsherContext): string {
  const id = selectedAdmin(ctx);
  if (id === null) return texts.gone;
  return fillTemplate(texts.confirm, { label: adminLabel(ctx.services, id), id: String(id) });
}

/** What the owner is told when the verb refuses a change. */
/** Checks that a person may become an admin; runs outside the conversation (it reads the database). */
function candidate(ctx: UsherContext, id: number): Parsed<number> {
  if (id === ctx.me.id) return refuse(texts.isBot);
  if (ctx.services.admins.isOwner(id)) return refuse(texts.alreadyOwner);
  if (ctx.services.admins.isAdmin(id)) return refuse(texts.alreadyAdmin);
  return accept(id);
}

/** 👮 Admins (owners only): the owners, the added admins, adding and removing them. */
export const adminsArea: AdminArea = (pages) => {
  const page = (id: string, text: (ctx: UsherContext) => string) =>
    pages.create(id, (ctx) => (isOwner(ctx) ? text(ctx) : texts.ownersOnly));
  const back = (range: MenuRange<UsherContext>, parentId: string, payload = false) =>
    range.row().text(
      { text: () => sharedTexts.admin.back, ...(payload && { payload: selection }) },
      ownerOnly((ctx) => pages.show(ctx, parentId)),
    );

  const list = page(adminsPageId, listText);
  list.dynamic((ctx, range) => {
    for (const id of ctx.services.admins.addedAdminIds()) {
      range
        .text(
          { text: `👮 ${adminLabel(ctx.services, id)}`, payload: String(id) },
          ownerOnly((ctx) => pages.show(ctx, selectedAdmin(ctx) === null ? adminsPageId : detailPageId)),
        )
        .row();
    }
  });
  list.text(
    () => texts.addButton,
    ownerOnly((ctx) => ctx.conversation.enter(addConversation)),
  );
  back(list, rootPageId);

  const detail = page(detailPageId, detailText);
  detail.text(
    { text: () => texts.removeButton, payload: selection },
    ownerOnly((ctx) => pages.show(ctx, selectedAdmin(ctx) === null ? adminsPageId : removePageId)),
  );
  back(detail, adminsPageId);

  const confirm = page(removePageId, confirmText);
  confirm.text(
    { text: () => texts.confirmButton, payload: selection },
    ownerOnly(async (ctx) => {
      const id = selectedAdmin(ctx);
      if (id !== null) await takeRights(ctx, id);
      await pages.show(ctx, adminsPageId);
    }),
  );
  back(confirm, detailPageId, true);

  async function takeRights(ctx: UsherContext, id: number): Promise<void> {
    try {
      removeAdmin(ctx.services, actorOf(ctx), id);
    } catch (error) {
      if (!(error instanceof UsherError)) throw error;
      await ctx.answerCallbackQuery({ text: refusalReply(error), show_alert: true });
      return;
    }
    const told = inLocale(localeOfUser(ctx.services.users.find(id)), () => texts.youAreNoLongerAdmin);
    await ctx.api
      .sendMessage(id, told, { reply_markup: { remove_keyboard: true } })
      .catch((err: unknown) => ctx.log.warn({ err, userId: id }, "could not tell a removed admin"));
    // The Mini App's menu button would only open a refusal now.
    await resetMenuButton(ctx.api, ctx.services, id).catch((err: unknown) =>
      ctx.log.warn({ err, userId: id }, "could not reset a removed admin's menu button"),
    );
  }

  /** Who the owner means: a forwarded message, a numeric id, or the @username of a user the bot knows. */
  async function parsePerson(conversation: AdminConversation, message: Message): Promise<Parsed<number>> {
    const origin = message.forward_origin;
    if (origin) {
      if (origin.type === "hidden_user") return refuse(texts.hiddenUser);
      if (origin.type !== "user") return refuse(texts.notAPerson);
      if (origin.sender_user.is_bot) return refuse(texts.isBot);
      const id = origin.sender_user.id;
      return conversation.external((octx) => candidate(octx, id));
    }
    const text = message.text?.trim() ?? "";
    if (/^[1-9]\d{0,15}$/.test(text)) {
      const id = Number(text);
      return conversation.external((octx) => candidate(octx, id));
    }
    const username = /^@([A-Za-z0-9_]{1,32})$/.exec(text)?.[1];
    if (username !== undefined) {
      return conversation.external((octx) => {
        const found = octx.services.admins.findByUsername(username);
        if (found.kind === "telegram_user") return candidate(octx, found.id);
        const refusal = found.kind === "imported_contact" ? texts.importedContact : texts.unknownUsername;
        return refuse(fillTemplate(refusal, { username }));
      });
    }
    return refuse(texts.howTo);
  }

  async function giveRights(conversation: AdminConversation, ctx: Context): Promise<void> {
    const id = await ask(conversation, ctx, texts.addPrompt, (message) => parsePerson(conversation, message));
    await asAdmin(conversation, async (octx) => {
      try {
        addAdmin(octx.services, actorOf(octx), id);
      } catch (error) {
        if (!(error instanceof UsherError)) throw error;
        await octx.reply(refusalReply(error));
        return;
      }
      // In the new admin's language, keyboard included: copied here, its label is read in that language.
      const told = inLocale(localeOfUser(octx.services.users.find(id)), () => ({
        text: texts.youAreAdmin,
        keyboard: { ...adminKeyboard },
      }));
      const reached = await octx.api.sendMessage(id, told.text, { reply_markup: told.keyboard }).then(
        () => true,
        (err: unknown) => {
          octx.log.warn({ err, userId: id }, "could not tell a new admin");
          return false;
        },
      );
      await showAdminMenuButton(octx.api, octx.services, id).catch((err: unknown) =>
        octx.log.warn({ err, userId: id }, "could not set a new admin's menu button"),
      );
      const done = fillTemplate(texts.added, { label: adminLabel(octx.services, id), id: String(id) });
      await octx.reply(reached ? done : `${done}\n\n${texts.notReached}`);
      await pages.send(octx, adminsPageId);
    });
  }

  return [{ id: addConversation, builder: giveRights }];
};
