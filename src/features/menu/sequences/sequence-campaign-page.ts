import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-sequences.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { editSequence } from "../../sequences/sequence-commands.js";
import type { SequenceRecord } from "../../sequences/sequence-repository.js";
import { actorOf } from "../area.js";
import { decodeListState, encodeListState, listWindow, selectedId, setListState } from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";

const campaignPageId = "admin-sequence-campaign";

function selectedSequence(ctx: UsherContext): SequenceRecord | undefined {
  const id = selectedId(ctx.match);
  return id === undefined ? undefined : ctx.services.sequences.find(id);
}

/** The campaign list's window; the payload's page is the campaigns' page, its selection the sequence. */
function campaignWindow(ctx: UsherContext) {
  return listWindow(decodeListState(ctx.match).page, ctx.services.campaigns.count());
}

/** The campaign a sequence's trigger names, as the admin knows it: its name, or "—". */
export function campaignLabel(ctx: UsherContext, sequence: SequenceRecord): string {
  if (sequence.triggerCampaignId === null) return "—";
  return ctx.services.campaigns.find(sequence.triggerCampaignId)?.name ?? texts.campaignDeleted;
}

/**
 * The sequence page's 📣 Campaign picker: every campaign link (newest first, paged) and "none";
 * a press sets the trigger through `editSequence` and goes back to the sequence's page.
 * Returns how the sequence page opens it.
 */
export function addCampaignPicker(
  pages: AdminPages,
  sequencePageId: string,
): (ctx: AdminMenuContext, sequenceId: number) => Promise<void> {
  const open = async (ctx: AdminMenuContext, sequenceId: number, page = 0) => {
    setListState(ctx, { page, selection: String(sequenceId) });
    await pages.show(ctx, campaignPageId);
  };
  const backTo = async (ctx: AdminMenuContext, sequenceId: number) => {
    setListState(ctx, { page: 0, selection: String(sequenceId) });
    await pages.show(ctx, sequencePageId);
  };
  const choose = async (ctx: AdminMenuContext, triggerCampaignId: number | null) => {
    const sequence = selectedSequence(ctx);
    if (!sequence) return pages.show(ctx, sequencePageId);
    editSequence(ctx.services, actorOf(ctx), sequence.id, { triggerCampaignId });
    await backTo(ctx, sequence.id);
  };

  const picker = pages.create(campaignPageId, (ctx) => {
    const sequence = selectedSequence(ctx);
    if (!sequence) return texts.gone;
    const text = fillTemplate(texts.campaignTitle, {
      name: sequence.name,
      campaign: campaignLabel(ctx, sequence),
    });
    return ctx.services.campaigns.count() === 0 ? `${text}\n\n${texts.campaignNone}` : text;
  });
  picker.dynamic((ctx, range) => {
    const sequence = selectedSequence(ctx);
    if (!sequence) return;
    const window = campaignWindow(ctx);
    // Every button carries the page it is on and the sequence: the press is checked against both.
    const payload = encodeListState({ page: window.page, selection: String(sequence.id) });
    range.text({ text: texts.campaignClear, payload }, (ctx) => choose(ctx, null));
    for (const campaign of ctx.services.campaigns.listNewestFirst(window)) {
      const mark = campaign.id === sequence.triggerCampaignId ? "✅" : "📣";
      range.row().text({ text: `${mark} ${campaign.name}`, payload }, (ctx) => choose(ctx, campaign.id));
    }
    if (window.pageCount > 1) {
      range.row();
      if (window.page > 0)
        range.text({ text: "◀", payload }, (ctx) => open(ctx, sequence.id, window.page - 1));
      if (window.page < window.pageCount - 1)
        range.text({ text: "▶", payload }, (ctx) => open(ctx, sequence.id, window.page + 1));
    }
    range.row().text({ text: shared.admin.back, payload }, (ctx) => backTo(ctx, sequence.id));
  });
  return open;
}
