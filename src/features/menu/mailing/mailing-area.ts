import { type Context, InputFile } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-mailing.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { deliveriesCsv } from "../../mailing/deliveries-csv.js";
import { freeRateLimit, paidRateLimit } from "../../mailing/mailing.js";
import { controlMailing } from "../../mailing/mailing-commands.js";
import type { MailingKind, MailingRecord } from "../../mailing/mailing-repository.js";
import { canonicalTimeZone, formatInZone } from "../../mailing/schedule.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, refuse } from "../ask.js";
import { numberSettingPage, schemaBounds } from "../number-setting.js";
import { rootPageId } from "../page-ids.js";
import {
  addPageButtons,
  decodeListState,
  listWindow,
  pagePayload,
  selectionPayload,
  setListState,
} from "../paged-list.js";
import { type AdminMenuContext, type AdminPages, switchLabel } from "../pages.js";
import { describeAudience } from "./audience-filter.js";
import { addControlButtons, type ControlAction, controlledId, controlMenuId } from "./controls.js";
import { describeStatus, type StatusSources, statusSourcesOf } from "./mailing-reporter.js";
import { newCheckConversation, newMailingConversation } from "./wizard.js";
import { contentSummary } from "./wizard-content.js";
import { wizardExits } from "./wizard-input.js";

export const mailingPageId = "admin-mailing";
export const checkUsersPageId = "admin-check-users";
export const mailingDefaultsPageId = "admin-mailing-defaults";
export const mailingHistoryPageId = "admin-mailing-history";
export const checkHistoryPageId = "admin-check-history";
export { controlMenuId };

const mailingItemPageId = "admin-mailing-item";
const checkItemPageId = "admin-check-item";
const newMailingId = "admin-mailing-new";
const newCheckId = "admin-check-new";
const deadAfterPageId = "admin-mailing-dead-after";
const ratePageId = "admin-mailing-rate";
const timezoneId = "admin-mailing-timezone";

const sourcesOf = (ctx: UsherContext): StatusSources => statusSourcesOf(ctx.services);

const timezoneOf = (ctx: UsherContext) => ctx.services.settings.get("mailing").timezone;

const nameOf = (m: Pick<MailingRecord, "id" | "kind">) =>
  fillTemplate(m.kind === "check_users" ? texts.kindCheck : texts.kindMailing, { id: m.id });

/** Sends the per-recipient CSV of a mailing as a document. */
async function sendCsv(ctx: UsherContext, m: MailingRecord): Promise<void> {
  if (m.startedAt === null) {
    await ctx.reply(texts.csvEmpty);
    return;
  }
  const file = `${m.kind === "check_users" ? "check-users" : "mailing"}-${m.id}.csv`;
  await ctx.replyWithDocument(new InputFile(deliveriesCsv(ctx.services.mailings, m.id), file), {
    caption: fillTemplate(texts.csvCaption, { name: nameOf(m) }),
  });
}

function reachLine(ctx: UsherContext): string {
  const { mailings } = ctx.services;
  const alive = mailings.countAudience({ includeDead: false }, ctx.services.now());
  const everyone = mailings.countAudience({ includeDead: true }, ctx.services.now());
  return fillTemplate(texts.reach, { alive, dead: everyone - alive });
}

function mailingText(ctx: UsherContext): string {
  const defaults = ctx.services.settings.get("mailing");
  const ceiling = defaults.paidBroadcast ? paidRateLimit : freeRateLimit;
  return [
    texts.mailingTitle,
    "",
    texts.mailingIntro,
    "",
    reachLine(ctx),
    fillTemplate(texts.defaultsLine, {
      dead_after: defaults.deadAfter,
      rate: Math.min(defaults.ratePerSecond, ceiling),
      timezone: defaults.timezone,
    }),
  ].join("\n");
}

function defaultsText(ctx: UsherContext): string {
  const defaults = ctx.services.settings.get("mailing");
  return [
    texts.defaultsTitle,
    "",
    fillTemplate(texts.defaultsDeadAfter, { value: defaults.deadAfter }),
    fillTemplate(texts.defaultsRate, { value: defaults.ratePerSecond }),
    defaults.paidBroadcast ? texts.defaultsPaidOn : texts.defaultsPaidOff,
    fillTemplate(texts.defaultsTimezone, {
      value: defaults.timezone,
      now: formatInZone(ctx.services.now(), defaults.timezone),
    }),
  ].join("\n");
}

/** A paged history of one kind of mailing, and a page per mailing with its report and CSV. */
function historyPages(
  pages: AdminPages,
  kind: MailingKind,
  ids: { list: string; item: string; parent: string },
): void {
  const windowOf = (ctx: UsherContext) =>
    listWindow(decodeListState(ctx.match).page, ctx.services.mailings.countOf(kind));
  const selected = (ctx: UsherContext): MailingRecord | undefined => {
    const { selection } = decodeListState(ctx.match);
    if (selection === null || !/^\d{1,12}$/.test(selection)) return undefined;
    const m = ctx.services.mailings.find(Number(selection));
    return m?.kind === kind ? m : undefined;
  };
  const showList = async (ctx: AdminMenuContext, page?: number) => {
    setListState(ctx, { page: page ?? decodeListState(ctx.match).page, selection: null });
    await pages.show(ctx, ids.list);
  };

  const list = pages.create(ids.list, (ctx) => {
    const window = windowOf(ctx);
    const items = ctx.services.mailings.listOf(kind, window.limit, window.offset);
    const title = kind === "check_users" ? texts.historyTitleCheck : texts.historyTitleMailing;
    if (items.length === 0) return [title, "", texts.historyEmpty].join("\n");
    const timezone = timezoneOf(ctx);
    return [
      title,
      fillTemplate(texts.historyPage, { page: window.page + 1, pages: window.pageCount }),
      "",
      ...items.map((m) =>
        fillTemplate(texts.historyLine, {
          id: m.id,
          at: formatInZone(m.createdAt, timezone),
          status: texts.status[m.status],
          done: m.sent,
          total: m.total,
        }),
      ),
    ].join("\n");
  });
  // One dynamic range for everything, so an empty list has no empty row above ⬅ Back.
  list.dynamic((ctx, range) => {
    const window = windowOf(ctx);
    const timezone = timezoneOf(ctx);
    const items = ctx.services.mailings.listOf(kind, window.limit, window.offset);
    for (const [index, m] of items.entries()) {
      if (index > 0) range.row();
      // The label never changes for a mailing: a changing label would make the press look outdated.
      const text = fillTemplate(texts.historyItem, {
        icon: kind === "check_users" ? "🔍" : "📨",
        id: m.id,
        at: formatInZone(m.createdAt, timezone),
      });
      range.text({ text, payload: `${window.page}.${m.id}` }, async (ctx) => {
        if (!selected(ctx)) return showList(ctx);
        await pages.show(ctx, ids.item);
      });
    }
    addPageButtons(range, window, (ctx, to) => showList(ctx, to));
    if (items.length > 0) range.row();
    range.text({ text: () => shared.admin.back, payload: pagePayload }, (ctx) => pages.show(ctx, ids.parent));
  });

  const item = pages.create(ids.item, (ctx) => {
    const m = selected(ctx);
    if (!m) return texts.gone;
    const lines = [describeStatus(sourcesOf(ctx), m), ""];
    if (m.payload.kind === "message") {
      lines.push(fillTemplate(texts.detailContent, { value: contentSummary(m.payload) }));
    }
    lines.push(fillTemplate(texts.detailAudience, { value: describeAudience(m.audience, timezoneOf(ctx)) }));
    return lines.join("\n");
  });
  item
    .text({ text: () => texts.control.csv, payload: selectionPayload }, async (ctx) => {
      const m = selected(ctx);
      if (!m) return showList(ctx);
      await sendCsv(ctx, m);
    })
    .text({ text: () => texts.refreshButton, payload: selectionPayload }, (ctx) =>
      pages.refresh(ctx, ids.item),
    )
    .row()
    .text({ text: () => shared.admin.back, payload: selectionPayload }, (ctx) => showList(ctx));
}

/** 📨 Mailing and 🔍 Check Users: the wizards, each mailing's status message, history and defaults. */
export const mailingArea: AdminArea = (pages) => {
  const mailing = pages.create(mailingPageId, mailingText);
  mailing
    .text(
      () => texts.newMailingButton,
      (ctx) => ctx.conversation.enter(newMailingId),
    )
    .row()
    .text(
      () => texts.historyButton,
      (ctx) => pages.show(ctx, mailingHistoryPageId),
    )
    .text(
      () => texts.defaultsButton,
      (ctx) => pages.show(ctx, mailingDefaultsPageId),
    );
  pages.back(mailing, rootPageId);

  const check = pages.create(checkUsersPageId, (ctx) =>
    [texts.checkTitle, "", texts.checkIntro, "", reachLine(ctx)].join("\n"),
  );
  check
    .text(
      () => texts.startCheckButton,
      (ctx) => ctx.conversation.enter(newCheckId),
    )
    .row()
    .text(
      () => texts.historyButton,
      (ctx) => pages.show(ctx, checkHistoryPageId),
    );
  pages.back(check, rootPageId);

  historyPages(pages, "mailing", {
    list: mailingHistoryPageId,
    item: mailingItemPageId,
    parent: mailingPageId,
  });
  historyPages(pages, "check_users", {
    list: checkHistoryPageId,
    item: checkItemPageId,
    parent: checkUsersPageId,
  });

  const defaults = pages.create(mailingDefaultsPageId, defaultsText);
  defaults
    .text(
      (ctx) => fillTemplate(texts.deadAfterButton, { value: ctx.services.settings.get("mailing").deadAfter }),
      (ctx) => pages.show(ctx, deadAfterPageId),
    )
    .text(
      (ctx) => fillTemplate(texts.rateButton, { value: ctx.services.settings.get("mailing").ratePerSecond }),
      (ctx) => pages.show(ctx, ratePageId),
    )
    .row()
    .text(
      (ctx) => switchLabel(ctx.services.settings.get("mailing").paidBroadcast, texts.paidButton),
      async (ctx) => {
        const paidBroadcast = !ctx.services.settings.get("mailing").paidBroadcast;
        changeSetting(ctx.services, actorOf(ctx), { key: "mailing", patch: { paidBroadcast } });
        await pages.refresh(ctx, mailingDefaultsPageId);
      },
    )
    .row()
    .text(
      (ctx) => fillTemplate(texts.timezoneButton, { value: ctx.services.settings.get("mailing").timezone }),
      (ctx) => ctx.conversation.enter(timezoneId),
    );
  pages.back(defaults, mailingPageId);

  // The status message of each mailing: its buttons carry the mailing id, checked on every press.
  const controlled = (ctx: UsherContext) => {
    const id = controlledId(ctx.match);
    return id === null ? undefined : ctx.services.mailings.find(id);
  };
  const onControl = async (ctx: AdminMenuContext, action: ControlAction) => {
    const m = controlled(ctx);
    if (!m) return;
    if (action === "csv") return sendCsv(ctx, m);
    controlMailing(ctx.services, actorOf(ctx), { id: m.id, action });
    await pages.refresh(ctx, controlMenuId);
  };
  const control = pages.create(controlMenuId, (ctx) => {
    const m = controlled(ctx);
    return m ? describeStatus(sourcesOf(ctx), m) : texts.gone;
  });
  control.dynamic((ctx, range) => {
    const m = controlled(ctx);
    if (m) addControlButtons(range, m, (action) => (ctx) => onControl(ctx, action));
  });

  async function editTimezone(conversation: AdminConversation, ctx: Context): Promise<void> {
    const timezone = await ask(conversation, ctx, texts.askTimezone, (m) => {
      const zone = canonicalTimeZone(m.text ?? "");
      return zone
        ? accept(zone)
        : refuse(fillTemplate(texts.badTimezone, { value: (m.text ?? "").slice(0, 64) }));
    });
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "mailing", patch: { timezone } });
      await octx.reply(shared.admin.saved);
      await pages.send(octx, mailingDefaultsPageId);
    });
  }

  return [
    { id: newMailingId, builder: newMailingConversation, exit: wizardExits.mailing },
    { id: newCheckId, builder: newCheckConversation, exit: wizardExits.check_users },
    numberSettingPage(pages, {
      id: deadAfterPageId,
      parentId: mailingDefaultsPageId,
      title: () => texts.deadAfterTitle,
      help: () => texts.deadAfterHelp,
      unit: () => texts.deadAfterUnit,
      format: String,
      steps: [1],
      bounds: () => schemaBounds("mailing", "deadAfter"),
      read: (ctx) => ctx.services.settings.get("mailing").deadAfter,
      save: (ctx, deadAfter) =>
        changeSetting(ctx.services, actorOf(ctx), { key: "mailing", patch: { deadAfter } }),
    }),
    numberSettingPage(pages, {
      id: ratePageId,
      parentId: mailingDefaultsPageId,
      title: () => texts.rateTitle,
      help: () => texts.rateHelp,
      unit: () => texts.rateUnit,
      format: String,
      steps: [1, 10],
      bounds: (ctx) => ({
        min: 1,
        max: ctx.services.settings.get("mailing").paidBroadcast ? paidRateLimit : freeRateLimit,
      }),
      note: (ctx) => (ctx.services.settings.get("mailing").paidBroadcast ? undefined : texts.rateFreeNote),
      read: (ctx) => ctx.services.settings.get("mailing").ratePerSecond,
      save: (ctx, ratePerSecond) =>
        changeSetting(ctx.services, actorOf(ctx), { key: "mailing", patch: { ratePerSecond } }),
    }),
    { id: timezoneId, builder: editTimezone },
  ];
};
