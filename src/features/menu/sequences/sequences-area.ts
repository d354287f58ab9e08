import type { Context } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-sequences.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { fieldsFor } from "../../gate/gate-replies.js";
import { formStartLinks } from "../../sequences/form-button.js";
import { sendStep } from "../../sequences/send-step.js";
import { addStep, createSequence, editSequence } from "../../sequences/sequence-commands.js";
import type { SequenceRecord } from "../../sequences/sequence-repository.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, refuse } from "../ask.js";
import { rootPageId } from "../page-ids.js";
import {
  addPageButtons,
  decodeListState,
  listWindow,
  pagePayload,
  selectedId,
  selectionPayload,
  setListState,
  showListPage,
} from "../paged-list.js";
import { type AdminMenuContext, switchLabel } from "../pages.js";
import { addCampaignPicker, campaignLabel } from "./sequence-campaign-page.js";
import { parseDelay, parseStepContent, parseWindow } from "./sequence-input-parsers.js";
import { sequenceSegmentInput, subscribeSegmentConversation } from "./sequence-segment-input.js";
import { sequenceStepPage, stepPayload, stepSelection, stepsPageId } from "./sequence-step-page.js";
import {
  deeplinkTriggerConversation,
  sequenceTriggerInputs,
  tagTriggerConversation,
} from "./sequence-trigger-inputs.js";
import { noStats, stepKind, stepLine } from "./step-summary.js";

export const sequencesPageId = "admin-sequences";
const sequencePageId = "admin-sequence";
const newSequenceConversation = "admin-sequences-new";
const addStepConversation = "admin-sequence-add-step";

function selectedSequence(ctx: UsherContext): SequenceRecord | undefined {
  const id = selectedId(ctx.match) ?? stepSelection(ctx.match)?.sequenceId;
  return id === undefined ? undefined : ctx.services.sequences.find(id);
}

function sequenceWindow(ctx: UsherContext) {
  return listWindow(decodeListState(ctx.match).page, ctx.services.sequences.list().length);
}

const stateMark = (s: SequenceRecord) => (s.enabled ? shared.admin.on : "⏸");

/** What a user coming back gets (the API's restart / resume), in the admin's words. */
const resubscribeMode = (mode: SequenceRecord["resubscribe"] = "restart") =>
  mode === "restart" ? texts.modeRestart : texts.modeResume;

function listText(ctx: UsherContext): string {
  const { sequences } = ctx.services;
  const window = sequenceWindow(ctx);
  const shown = sequences.list().slice(window.offset, window.offset + window.limit);
  const lines = shown.map((s) => {
    const stats = sequences.stats(s.id);
    return fillTemplate(texts.line, {
      state: stateMark(s),
      name: s.name,
      steps: stats.steps.length,
      active: stats.active,
      completed: stats.completed,
    });
  });
  return [texts.title, "", ...(lines.length > 0 ? lines : [texts.none])].join("\n");
}

function detailText(ctx: UsherContext): string {
  const sequence = selectedSequence(ctx);
  if (!sequence) return texts.gone;
  const { sequences } = ctx.services;
  const stats = sequences.stats(sequence.id);
  const steps = sequences.steps(sequence.id);
  const yesNo = (on: boolean) => (on ? shared.admin.on : shared.admin.off);
  return [
    fillTemplate(texts.detail, {
      name: sequence.name,
      enabled: yesNo(sequence.enabled),
      registration: yesNo(sequence.onRegistration),
      stop: yesNo(sequence.stopButton),
      tag: sequence.triggerTag ?? "—",
      deeplink: sequence.triggerDeeplink ?? "—",
      campaign: campaignLabel(ctx, sequence),
      resubscribe: resubscribeMode(sequence.resubscribe),
      active: stats.active,
      completed: stats.completed,
      stopped: stats.stopped,
    }),
    "",
    ...(steps.length === 0
      ? [texts.noSteps]
      : steps.map((step, i) => stepLine(step, stats.steps[i] ?? noStats))),
  ].join("\n");
}

/** 📬 Sequences: the list with their numbers, and each sequence's page (switches, steps, preview). */
export const sequencesArea: AdminArea = (pages) => {
  const showList = (ctx: AdminMenuContext, page?: number) => showListPage(pages, ctx, sequencesPageId, page);

  const list = pages.create(sequencesPageId, listText);
  list.text({ text: () => texts.newButton, payload: pagePayload }, (ctx) =>
    ctx.conversation.enter(newSequenceConversation),
  );
  list.dynamic((ctx, range) => {
    const window = sequenceWindow(ctx);
    for (const sequence of ctx.services.sequences.list().slice(window.offset, window.offset + window.limit)) {
      range.row().text(
        {
          text: fillTemplate(texts.item, { state: "📬", name: sequence.name }),
          payload: `${window.page}.${sequence.id}`,
        },
        async (ctx) => (selectedSequence(ctx) ? pages.show(ctx, sequencePageId) : showList(ctx)),
      );
    }
    addPageButtons(range, window, showList);
  });
  list
    .row()
    .text({ text: () => shared.admin.back, payload: pagePayload }, (ctx) => pages.show(ctx, rootPageId));

  const detail = pages.create(sequencePageId, detailText);
  // Labels are read at each render, in the admin's language.
  const toggle = (label: () => string, field: "enabled" | "onRegistration" | "stopButton") =>
    detail.text(
      {
        text: (ctx) => switchLabel(selectedSequence(ctx)?.[field] ?? false, label()),
        payload: selectionPayload,
      },
      async (ctx) => {
        const sequence = selectedSequence(ctx);
        if (!sequence) return showList(ctx);
        editSequence(ctx.services, actorOf(ctx), sequence.id, { [field]: !sequence[field] });
        await pages.refresh(ctx, sequencePageId);
      },
    );
  toggle(() => texts.enabledLabel, "enabled").row();
  toggle(() => texts.registrationLabel, "onRegistration");
  toggle(() => texts.stopLabel, "stopButton").row();
  detail
    .text(
      {
        text: (ctx) =>
          fillTemplate(texts.resubscribeLabel, { mode: resubscribeMode(selectedSequence(ctx)?.resubscribe) }),
        payload: selectionPayload,
      },
      async (ctx) => {
        const sequence = selectedSequence(ctx);
        if (!sequence) return showList(ctx);
        const resubscribe = sequence.resubscribe === "restart" ? "resume" : "restart";
        editSequence(ctx.services, actorOf(ctx), sequence.id, { resubscribe });
        await pages.refresh(ctx, sequencePageId);
      },
    )
    .row();
  const openCampaignPicker = addCampaignPicker(pages, sequencePageId);
  detail
    .text(
      {
        text: (ctx) => {
          const sequence = selectedSequence(ctx);
          return fillTemplate(texts.campaignButton, {
            campaign: sequence ? campaignLabel(ctx, sequence) : "—",
          });
        },
        payload: selectionPayload,
      },
      async (ctx) => {
        const sequence = selectedSequence(ctx);
        if (!sequence) return showList(ctx);
        await openCampaignPicker(ctx, sequence.id);
      },
    )
    .row();
  const enter = (conversationId: string) => async (ctx: AdminMenuContext) => {
    const sequence = selectedSequence(ctx);
    if (!sequence) return showList(ctx);
    await ctx.conversation.enter(conversationId, sequence.id);
  };
  detail
    .text(
      {
        text: (ctx) =>
          fillTemplate(texts.tagTriggerButton, { tag: selectedSequence(ctx)?.triggerTag ?? "—" }),
        payload: selectionPayload,
      },
      enter(tagTriggerConversation),
    )
    .text(
      {
        text: (ctx) =>
          fillTemplate(texts.deeplinkTriggerButton, {
            deeplink: selectedSequence(ctx)?.triggerDeeplink ?? "—",
          }),
        payload: selectionPayload,
      },
      enter(deeplinkTriggerConversation),
    )
    .row()
    .text(
      { text: () => texts.subscribeSegmentButton, payload: selectionPayload },
      enter(subscribeSegmentConversation),
    )
    .row();
  detail.dynamic((ctx, range) => {
    const sequence = selectedSequence(ctx);
    const steps = sequence ? ctx.services.sequences.steps(sequence.id) : [];
    for (const [i, step] of steps.entries()) {
      if (i % 3 === 0) range.row();
      range.text(
        {
          text: fillTemplate(texts.stepButton, { n: step.position + 1, kind: stepKind(step) }),
          payload: (ctx) => stepPayload(ctx, step),
        },
        (ctx) => pages.show(ctx, stepsPageId),
      );
    }
    range.row();
  });
  detail
    .text({ text: () => texts.addStepButton, payload: selectionPayload }, enter(addStepConversation))
    .text({ text: () => texts.previewButton, payload: selectionPayload }, async (ctx) => {
      const sequence = selectedSequence(ctx);
      if (!sequence || !ctx.chat) return showList(ctx);
      const steps = ctx.services.sequences.steps(sequence.id);
      if (steps.length === 0) return void (await ctx.reply(texts.previewNone));
      const formLink = formStartLinks(ctx.services.forms, () => ctx.me.username);
      for (const step of steps) {
        try {
          await sendStep(ctx.api, ctx.chat.id, step, fieldsFor(ctx), { formLink });
        } catch (error) {
          const failure = classifyTelegramError(error);
          if (failure.kind === "transient" || failure.kind === "rate_limited") throw error;
          await ctx.reply(`❌ ${failure.description}`);
        }
      }
    })
    .row()
    .text({ text: () => shared.admin.back, payload: selectionPayload }, (ctx) => showList(ctx));

  async function newSequence(conversation: AdminConversation, ctx: Context): Promise<void> {
    const name = await ask(conversation, ctx, texts.askName, (message) => {
      const text = message.text?.trim() ?? "";
      return text === "" || text.length > 100 ? refuse(shared.admin.notText) : accept(text);
    });
    await asAdmin(conversation, async (octx) => {
      createSequence(octx.services, actorOf(octx), { name });
      await octx.reply(fillTemplate(texts.created, { name }));
      await pages.send(octx, sequencesPageId);
    });
  }

  async function newStep(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    if (typeof arg !== "number") return;
    const content = await ask(conversation, ctx, texts.askContent, parseStepContent);
    const delayMs = await ask(conversation, ctx, texts.askDelay, parseDelay);
    const window = await ask(conversation, ctx, texts.askWindow, parseWindow);
    await asAdmin(conversation, async (octx) => {
      const step = addStep(octx.services, actorOf(octx), arg, { content, delayMs, window });
      await octx.reply(fillTemplate(texts.stepAdded, { n: step.position + 1 }));
      await pages.send(octx, sequencesPageId);
    });
  }

  const stepConversations = sequenceStepPage(pages, {
    showSequence: async (ctx, sequenceId) => {
      setListState(ctx, { page: decodeListState(ctx.match).page, selection: String(sequenceId) });
      await pages.show(ctx, sequencePageId);
    },
    showList,
  });

  const sendSequence = async (ctx: UsherContext, sequenceId: number) => {
    setListState(ctx, { page: 0, selection: String(sequenceId) });
    await pages.send(ctx, sequencePageId);
  };

  return [
    { id: newSequenceConversation, builder: newSequence },
    ...sequenceTriggerInputs(sendSequence),
    sequenceSegmentInput(sendSequence),
    { id: addStepConversation, builder: newStep },
    ...stepConversations,
  ];
};
