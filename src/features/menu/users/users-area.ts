import type { Context } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-users.js";
import { texts as shared } from "../../../texts/bot.js";
// The word for every user is typed as it is, in any language.
import { texts as english } from "../../../texts/en/admin-users.js";
import { fillTemplate } from "../../content/template.js";
import { parseSegment, type Segment } from "../../segments/segment.js";
import { beforeFirstUser } from "../../segments/segment-repository.js";
import { changeSetting } from "../../settings/change-setting.js";
import { listFieldNames, maxListFields } from "../../users/list-fields.js";
import type { UserRecord } from "../../users/user-repository.js";
import { searchLimit, searchUsers } from "../../users/user-search.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, ask } from "../ask.js";
import { rootPageId, usersPageId } from "../page-ids.js";
import { listPageSize } from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { cardPageId, showCard, userIdOf } from "./card-navigation.js";
import { nameOf } from "./card-text.js";
import { usersToolsPageId } from "./tools-input.js";
import { userCardPages } from "./user-card.js";
import { parseQuery, parseRowFields, parseSegmentText } from "./user-input.js";
import { rowFieldsLine, userRows } from "./user-rows.js";

const foundPageId = "admin-users-found";
const browsePageId = "admin-users-browse";

const searchConversation = "admin-users-search";
const browseConversation = "admin-users-browse";
const rowFieldsConversation = "admin-users-row-fields";

/*
 * Where the menus keep their state, so they survive restarts with no table of their own:
 * - a user's pages carry the user id as the button payload (`ctx.match`);
 * - a search or browse list keeps its query or segment in its own message text (a `Query:` or
 *   `Segment:` line, re-read from the pressed message), and a browse list's buttons carry the keyset
 *   cursor (the id the page starts after), items as `<cursor>:<user id>`. Callback data stays short
 *   whatever the segment's length.
 * A list sent as a new message (after the search or browse conversation) has no pressed message yet:
 * its query waits here for that one render.
 */
const freshQuery = new WeakMap<object, string>();

/** The query or segment of a list: the one just asked for, or the line in the pressed message. */
function listQuery(ctx: UsherContext, prefix: string): string | undefined {
  const fresh = freshQuery.get(ctx);
  if (fresh !== undefined) return fresh;
  const lines = ctx.callbackQuery?.message?.text?.split("\n") ?? [];
  return lines.find((line) => line.startsWith(prefix))?.slice(prefix.length);
}

function segmentOf(text: string): Segment | undefined {
  const parsed = parseSegment(text === english.everyone ? "" : text);
  return parsed.ok ? parsed.tree : undefined;
}

const browsePattern = /^(-?\d{1,17})(?::(-?\d{1,16}))?$/;

/** The cursor a browse button carries: the id its page starts after. */
function cursorOf(ctx: UsherContext): number {
  const parsed = typeof ctx.match === "string" ? browsePattern.exec(ctx.match) : null;
  const cursor = parsed ? Number(parsed[1]) : beforeFirstUser;
  return Number.isSafeInteger(cursor) && cursor >= beforeFirstUser ? cursor : beforeFirstUser;
}

function browsePage(ctx: UsherContext) {
  const segmentText = listQuery(ctx, texts.segmentLine);
  const tree = segmentText === undefined ? undefined : segmentOf(segmentText);
  if (segmentText === undefined || tree === undefined) return undefined;
  const cursor = cursorOf(ctx);
  const { segments } = ctx.services;
  const users = segments.pageOfSegment(tree, cursor, listPageSize);
  const last = users.at(-1);
  const hasNext = last !== undefined && segments.pageOfSegment(tree, last.id, 1).length > 0;
  const hasPrevious =
    cursor > beforeFirstUser && segments.pageBeforeInSegment(tree, cursor + 1, 1).length > 0;
  return { segmentText, tree, cursor, users, hasNext, hasPrevious };
}

const userLabel = (user: UserRecord) => fillTemplate(texts.userItem, { name: nameOf(user), id: user.id });

/** 👥 Users: search, browse a segment, and each user's card with everything admins do to one user. */
export const usersArea: AdminArea = (pages) => {
  // 👥 Users
  const usersPage = pages.create(usersPageId, (ctx) =>
    [
      texts.title,
      "",
      fillTemplate(texts.summary, { count: ctx.services.segments.countSegment({ kind: "everyone" }) }),
      "",
      rowFieldsLine(ctx.services),
    ].join("\n"),
  );
  // Labels are functions, read at each render in the admin's language.
  usersPage
    .text(
      () => texts.searchButton,
      (ctx) => ctx.conversation.enter(searchConversation),
    )
    .text(
      () => texts.browseButton,
      (ctx) => ctx.conversation.enter(browseConversation),
    )
    .row();
  pages.link(usersPage, () => texts.toolsButton, usersToolsPageId);
  usersPage
    .text(
      () => texts.rowFieldsButton,
      (ctx) => ctx.conversation.enter(rowFieldsConversation),
    )
    .row();
  pages.back(usersPage, rootPageId);

  // 🔎 Search results
  const foundPage = pages.create(foundPageId, (ctx) => {
    const query = listQuery(ctx, texts.queryLine) ?? "";
    const found = query === "" ? [] : searchUsers(ctx.services.db, query);
    return [
      texts.searchTitle,
      `${texts.queryLine}${query}`,
      "",
      found.length === 0
        ? texts.noMatches
        : fillTemplate(texts.matches, { count: found.length, limit: searchLimit }),
      "",
      ...userRows(ctx.services, found),
    ].join("\n");
  });
  foundPage.dynamic((ctx, range) => {
    const query = listQuery(ctx, texts.queryLine) ?? "";
    for (const user of query === "" ? [] : searchUsers(ctx.services.db, query)) {
      range
        .text({ text: userLabel(user), payload: String(user.id) }, async (ctx) => {
          const id = userIdOf(ctx.match);
          if (id === undefined || !ctx.services.users.find(id)) return pages.show(ctx, usersPageId);
          await showCard(pages, ctx, id);
        })
        .row();
    }
  });
  foundPage.text(
    () => shared.admin.back,
    (ctx) => pages.show(ctx, usersPageId),
  );

  // 📋 Browse
  const browse = pages.create(browsePageId, (ctx) => {
    const page = browsePage(ctx);
    if (!page) return texts.browseTitle;
    const count = ctx.services.segments.countSegment(page.tree);
    return [
      texts.browseTitle,
      `${texts.segmentLine}${page.segmentText}`,
      "",
      count === 0 ? texts.browseEmpty : fillTemplate(texts.browseCount, { count }),
      "",
      ...userRows(ctx.services, page.users),
    ].join("\n");
  });
  const showBrowse = async (ctx: AdminMenuContext, cursor: number) => {
    ctx.match = String(cursor);
    await pages.show(ctx, browsePageId);
  };
  browse.dynamic((ctx, range) => {
    const page = browsePage(ctx);
    if (!page) return;
    for (const user of page.users) {
      range.text({ text: userLabel(user), payload: `${page.cursor}:${user.id}` }, async (ctx) => {
        const id = userIdOf(browsePattern.exec(String(ctx.match))?.[2]);
        if (id === undefined || !ctx.services.users.find(id)) return showBrowse(ctx, cursorOf(ctx));
        await showCard(pages, ctx, id);
      });
      range.row();
    }
    const payload = String(page.cursor);
    if (page.hasPrevious) {
      range.text({ text: "◀", payload }, async (ctx) => {
        const current = browsePage(ctx);
        if (!current) return pages.show(ctx, usersPageId);
        const previous = ctx.services.segments.pageBeforeInSegment(
          current.tree,
          current.cursor + 1,
          listPageSize,
        );
        await showBrowse(ctx, previous.length === 0 ? beforeFirstUser : (previous[0] as UserRecord).id - 1);
      });
    }
    if (page.hasNext) {
      range.text({ text: "▶", payload }, async (ctx) => {
        const current = browsePage(ctx);
        if (!current) return pages.show(ctx, usersPageId);
        await showBrowse(ctx, current.users.at(-1)?.id ?? current.cursor);
      });
    }
    range.row();
  });
  browse.text(
    () => shared.admin.back,
    (ctx) => pages.show(ctx, usersPageId),
  );

  return [
    { id: searchConversation, builder: (conversation, ctx) => search(pages, conversation, ctx) },
    { id: browseConversation, builder: (conversation, ctx) => browseSegment(pages, conversation, ctx) },
    { id: rowFieldsConversation, builder: (conversation, ctx) => chooseRowFields(pages, conversation, ctx) },
    ...userCardPages(pages),
  ];
};

async function search(pages: AdminPages, conversation: AdminConversation, ctx: Context): Promise<void> {
  const query = await ask(conversation, ctx, texts.searchPrompt, parseQuery);
  await asAdmin(conversation, async (octx) => {
    const found = searchUsers(octx.services.db, query);
    if (found.length === 1) {
      octx.match = String((found[0] as UserRecord).id);
      return pages.send(octx, cardPageId);
    }
    freshQuery.set(octx, query);
    await pages.send(octx, foundPageId);
  });
}

async function browseSegment(
  pages: AdminPages,
  conversation: AdminConversation,
  ctx: Context,
): Promise<void> {
  const segment = await ask(conversation, ctx, texts.browsePrompt, parseSegmentText);
  await asAdmin(conversation, async (octx) => {
    freshQuery.set(octx, segment);
    octx.match = String(beforeFirstUser);
    await pages.send(octx, browsePageId);
  });
}

async function chooseRowFields(
  pages: AdminPages,
  conversation: AdminConversation,
  ctx: Context,
): Promise<void> {
  const current = await conversation.external((octx) => octx.services.settings.get("users").listFields);
  const prompt = fillTemplate(texts.askRowFields, {
    max: maxListFields,
    fields: listFieldNames.join(", "),
    current: current.length === 0 ? texts.rowFieldsNone : current.join(", "),
  });
  const listFields = await ask(conversation, ctx, prompt, parseRowFields);
  await asAdmin(conversation, async (octx) => {
    changeSetting(octx.services, actorOf(octx), { key: "users", patch: { listFields } });
    await octx.reply(shared.admin.saved);
    await pages.send(octx, usersPageId);
  });
}
