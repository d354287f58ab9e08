import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { UsherError } from "../../../errors.js";
import { formatDate, preview, texts } from "../../../texts/admin-referrals.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import type { CampaignRecord } from "../../gate/referrals/campaign-repository.js";
import {
  createCampaign,
  deleteCampaign,
  normalizeCampaignName,
} from "../../gate/referrals/referral-commands.js";
import { startLink } from "../../gate/start-payload.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText, refuse } from "../ask.js";
import { extensionsPageId } from "../page-ids.js";
import {
  addPageButtons,
  decodeListState,
  listWindow,
  pagePayload,
  selectedId,
  selectionPayload,
  showListPage,
} from "../paged-list.js";
import { type AdminMenuContext, type AdminPages, switchLabel } from "../pages.js";
import { refusalReply } from "../refusal-replies.js";
import { settingsTextVariants } from "../variants/variants-pages.js";

export const referralsPageId = "admin-referrals";
const campaignPageId = "admin-campaign";
const deleteCampaignPageId = "admin-campaign-del";
const linkTextConversation = "admin-referrals-link-text";
const refLinkOnlyTextConversation = "admin-referrals-ref-only-text";
const newCampaignConversation = "admin-referrals-new-campaign";

/** The campaign a list or detail button was pressed for, if it (still) exists. */
function selectedCampaign(ctx: UsherContext): CampaignRecord | undefined {
  const id = selectedId(ctx.match);
  return id === undefined ? undefined : ctx.services.campaigns.find(id);
}

function campaignWindow(ctx: UsherContext) {
  return listWindow(decodeListState(ctx.match).page, ctx.services.campaigns.count());
}

function referralsText(ctx: UsherContext): string {
  const { settings } = ctx.services;
  const userReferrals = settings.get("userReferrals");
  const adminReferrals = settings.get("adminReferrals");
  const refLinkOnly = settings.get("refLinkOnly");
  const total = ctx.services.campaigns.count();
  const window = campaignWindow(ctx);
  const list = ctx.services.campaigns
    .listNewestFirst(window)
    .map((c) => fillTemplate(texts.campaignLine, { name: c.name, users: c.users }));
  return [
    texts.title,
    "",
    userReferrals.enabled ? texts.userReferralsOn : texts.userReferralsOff,
    texts.linkTextHeading,
    preview(userReferrals.linkText),
    "",
    adminReferrals.enabled ? texts.campaignsOn : texts.campaignsOff,
    total === 0
      ? texts.campaignsNone
      : fillTemplate(texts.campaignsCount, { count: total, page: window.page + 1, pages: window.pageCount }),
    ...list,
    // Campaigns that stopped growing would otherwise look like campaigns nobody opens.
    ...(total > 0 && !adminReferrals.enabled ? [texts.campaignsNotCounting] : []),
    "",
    refLinkOnlyLine(refLinkOnly.enabled, userReferrals.enabled, adminReferrals.enabled),
    preview(refLinkOnly.text),
  ].join("\n");
}

/** Says which links still let newcomers in while access is only by referral link. */
function refLinkOnlyLine(refLinkOnly: boolean, userReferrals: boolean, campaigns: boolean): string {
  if (!refLinkOnly) return texts.refLinkOnlyOff;
  if (userReferrals && campaigns) return texts.refLinkOnlyOn;
  if (userReferrals) return texts.refLinkOnlyOnUserLinksOnly;
  if (campaigns) return texts.refLinkOnlyOnCampaignsOnly;
  return texts.refLinkOnlyLocksEveryoneOut;
}

function campaignText(ctx: UsherContext): string {
  const campaign = selectedCampaign(ctx);
  if (!campaign) return texts.campaignGone;
  const audience = ctx.services.campaigns.audience(campaign.id);
  return [
    fillTemplate(texts.campaignTitle, { name: campaign.name }),
    "",
    fillTemplate(texts.campaignDetails, {
      link: startLink(ctx.me.username, `a${campaign.code}`),
      users: audience.users,
      active: audience.active,
      created: formatDate(campaign.createdAt),
    }),
    ...(ctx.services.settings.get("adminReferrals").enabled ? [] : ["", texts.campaignNotCounting]),
    "",
    texts.campaignActiveHint,
  ].join("\n");
}

function deleteCampaignText(ctx: UsherContext): string {
  const campaign = selectedCampaign(ctx);
  if (!campaign) return texts.campaignGone;
  const { users } = ctx.services.campaigns.audience(campaign.id);
  return fillTemplate(texts.confirmDelete, { name: campaign.name, users });
}

/** Shows the list at the page the pressed button came from (or `page`). */
function showList(pages: AdminPages, ctx: AdminMenuContext, page?: number): Promise<void> {
  return showListPage(pages, ctx, referralsPageId, page);
}

function parseCampaignName(message: Message): Parsed<string> {
  const text = parseText(message);
  if (!text.ok) return text;
  const check = normalizeCampaignName(text.value.text);
  if (check.ok) return accept(check.name);
  return refuse(
    check.problem === "empty"
      ? shared.admin.emptyText
      : fillTemplate(texts.campaignNameTooLong, { length: check.length }),
  );
}

/** 📂 Referrals: user referrals, campaign links (admin referrals) and access only by referral link. */
export const referralsArea: AdminArea = (pages) => {
  const page = pages.create(referralsPageId, referralsText);
  const toggle = async (ctx: AdminMenuContext, key: "userReferrals" | "adminReferrals" | "refLinkOnly") => {
    const enabled = !ctx.services.settings.get(key).enabled;
    try {
      changeSetting(ctx.services, actorOf(ctx), { key, patch: { enabled } });
    } catch (error) {
      if (!(error instanceof UsherError)) throw error;
      // Switching a link kind off breaks the rule from the other side: say which switch goes first.
      const lastLinkKind = error.code === "ref_link_only_without_links" && key !== "refLinkOnly";
      const refusal = lastLinkKind ? texts.lastLinkKindNeeded : refusalReply(error);
      await ctx.answerCallbackQuery({ text: refusal, show_alert: true });
    }
    await pages.refresh(ctx, referralsPageId);
  };
  page
    .text(
      {
        text: (ctx) =>
          switchLabel(ctx.services.settings.get("userReferrals").enabled, texts.userReferralsSwitch),
        payload: pagePayload,
      },
      (ctx) => toggle(ctx, "userReferrals"),
    )
    .text({ text: () => texts.linkTextButton, payload: pagePayload }, (ctx) =>
      ctx.conversation.enter(linkTextConversation),
    )
    .row()
    .text(
      {
        text: (ctx) =>
          switchLabel(ctx.services.settings.get("adminReferrals").enabled, texts.campaignsSwitch),
        payload: pagePayload,
      },
      (ctx) => toggle(ctx, "adminReferrals"),
    )
    .text({ text: () => texts.newCampaignButton, payload: pagePayload }, (ctx) =>
      ctx.conversation.enter(newCampaignConversation),
    )
    .row()
    .text(
      {
        text: (ctx) => switchLabel(ctx.services.settings.get("refLinkOnly").enabled, texts.refLinkOnlySwitch),
        payload: pagePayload,
      },
      (ctx) => toggle(ctx, "refLinkOnly"),
    )
    .text({ text: () => texts.refLinkOnlyTextButton, payload: pagePayload }, (ctx) =>
      ctx.conversation.enter(refLinkOnlyTextConversation),
    );
  const languages = settingsTextVariants(pages, {
    parentPageId: referralsPageId,
    subjects: ["referralLink", "refLinkOnly"],
  });
  languages.button(page.row());
  page.dynamic((ctx, range) => {
    const window = campaignWindow(ctx);
    for (const campaign of ctx.services.campaigns.listNewestFirst(window)) {
      range.row().text(
        {
          // Counts stay in the page text: a label that changes makes the menu plugin refuse the press.
          text: fillTemplate(texts.campaignItem, { name: campaign.name }),
          payload: `${window.page}.${campaign.id}`,
        },
        async (ctx) => {
          if (!selectedCampaign(ctx)) return showList(pages, ctx);
          await pages.show(ctx, campaignPageId);
        },
      );
    }
    addPageButtons(range, window, (ctx, to) => showList(pages, ctx, to));
  });
  page
    .row()
    .text({ text: () => shared.admin.back, payload: pagePayload }, (ctx) =>
      pages.show(ctx, extensionsPageId),
    );

  const campaign = pages.create(campaignPageId, campaignText);
  // One dynamic range for all buttons: a campaign that is gone leaves only Back, with no empty row.
  campaign.dynamic((ctx, range) => {
    if (selectedCampaign(ctx)) {
      range
        .text({ text: () => texts.deleteButton, payload: selectionPayload }, async (ctx) => {
          if (!selectedCampaign(ctx)) return showList(pages, ctx);
          await pages.show(ctx, deleteCampaignPageId);
        })
        .row();
    }
    range.text({ text: () => shared.admin.back, payload: selectionPayload }, (ctx) => showList(pages, ctx));
  });

  const confirm = pages.create(deleteCampaignPageId, deleteCampaignText);
  confirm
    .text({ text: () => texts.confirmYes, payload: selectionPayload }, async (ctx) => {
      const selected = selectedCampaign(ctx);
      if (selected) deleteCampaign(ctx.services, actorOf(ctx), selected.id);
      await showList(pages, ctx);
    })
    .text({ text: () => texts.confirmNo, payload: selectionPayload }, (ctx) =>
      pages.show(ctx, campaignPageId),
    );

  async function editLinkText(conversation: AdminConversation, ctx: Context): Promise<void> {
    const { text } = await ask(conversation, ctx, texts.askLinkText, parseText);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "userReferrals", patch: { linkText: text } });
      await octx.reply(shared.admin.saved);
      await pages.send(octx, referralsPageId);
    });
  }

  async function editRefLinkOnlyText(conversation: AdminConversation, ctx: Context): Promise<void> {
    const { text } = await ask(conversation, ctx, texts.askRefLinkOnlyText, parseText);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "refLinkOnly", patch: { text } });
      await octx.reply(shared.admin.saved);
      await pages.send(octx, referralsPageId);
    });
  }

  async function newCampaign(conversation: AdminConversation, ctx: Context): Promise<void> {
    const name = await ask(conversation, ctx, texts.askCampaignName, parseCampaignName);
    await asAdmin(conversation, async (octx) => {
      const { code } = createCampaign(octx.services, actorOf(octx), { name });
      const lines = [
        fillTemplate(texts.campaignCreated, { name, link: startLink(octx.me.username, `a${code}`) }),
      ];
      const { settings } = octx.services;
      if (!settings.get("adminReferrals").enabled) {
        lines.push(
          "",
          settings.get("refLinkOnly").enabled ? texts.campaignsAreOffRefOnly : texts.campaignsAreOff,
        );
      }
      await octx.reply(lines.join("\n"));
      await pages.send(octx, referralsPageId);
    });
  }

  return [
    { id: linkTextConversation, builder: editLinkText },
    { id: refLinkOnlyTextConversation, builder: editRefLinkOnlyText },
    { id: newCampaignConversation, builder: newCampaign },
    ...languages.conversations,
  ];
};
