import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-sequences.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { fieldsFor } from "../../gate/gate-replies.js";
import { formStartLinks } from "../../sequences/form-button.js";
import { sendStep } from "../../sequences/send-step.js";
import type { FormButton, SequenceContent } from "../../sequences/sequence.js";
import { editStep, moveStep } from "../../sequences/sequence-commands.js";
import type { SequenceRecord, SequenceStepRecord } from "../../sequences/sequence-repository.js";
import { type AdminConversationEntry, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";
import { decodeListState, encodeListState, setListState } from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { variantsPages } from "../variants/variants-pages.js";
import { parseStepContent } from "./sequence-input-parsers.js";
import { formatDelay, noStats, stepKind, stepWindow } from "./step-summary.js";

export const stepsPageId = "admin-sequence-step";
const formButtonConversation = "admin-sequence-form-button";

const selectionPattern = /^(\d{1,12})_(\d{1,12})$/;

/** The payload of a step's page: the list page it came from, the sequence and the step. */
export function stepPayload(ctx: UsherContext, step: Pick<SequenceStepRecord, "id" | "sequenceId">): string {
  const { page } = decodeListState(ctx.match);
  return encodeListState({ page, selection: `${step.sequenceId}_${step.id}` });
}

interface SelectedStep {
  sequence: SequenceRecord;
  step: SequenceStepRecord;
  steps: SequenceStepRecord[];
}

function find(ctx: UsherContext, sequenceId: number, stepId: number): SelectedStep | undefined {
  const sequence = ctx.services.sequences.find(sequenceId);
  if (!sequence) return undefined;
  const steps = ctx.services.sequences.steps(sequenceId);
  const step = steps.find((s) => s.id === stepId);
  return step && { sequence, step, steps };
}

/**
 * The sequence and step a step's payload names. The sequence page reads it too: the menu redraws
 * the pressed page with the pressed button's payload, and a step's button is on that page.
 */
export function stepSelection(match: unknown): { sequenceId: number; stepId: number } | undefined {
  const found = selectionPattern.exec(decodeListState(match).selection ?? "");
  return found ? { sequenceId: Number(found[1]), stepId: Number(found[2]) } : undefined;
}

function selectedStep(ctx: UsherContext): SelectedStep | undefined {
  const selection = stepSelection(ctx.match);
  return selection && find(ctx, selection.sequenceId, selection.stepId);
}

function formText(ctx: UsherContext, button: FormButton | null): string {
  if (!button) return texts.noFormButton;
  const form = ctx.services.forms.find(button.formId)?.name ?? texts.formGone;
  return fillTemplate(texts.formButtonOf, { text: button.text, form });
}

function stepText(ctx: UsherContext): string {
  const selected = selectedStep(ctx);
  if (!selected) return texts.stepGone;
  const { sequence, step, steps } = selected;
  const stats = ctx.services.sequences.stats(sequence.id).steps.find((s) => s.stepId === step.id) ?? noStats;
  return fillTemplate(texts.stepDetail, {
    name: sequence.name,
    n: step.position + 1,
    count: steps.length,
    kind: stepKind(step),
    delay: formatDelay(step.delayMs),
    window: stepWindow(step),
    form: formText(ctx, step.formButton),
    sent: stats.sent,
    failed: stats.failed,
    unknown: stats.unknown,
    clicks: stats.clicks,
    unsubscribes: stats.unsubscribes,
    voters:
      step.content.type === "poll" ? fillTemplate(texts.stepDetailVoters, { voters: stats.voters }) : "",
  });
}

/** "2 Sign up" as form 2 with that label; "none" as no button. */
export function parseFormButton(message: Message): Parsed<FormButton | null> {
  const text = (message.text ?? "").trim();
  if (text.toLowerCase() === "none") return accept(null);
  const match = /^(\d{1,12})\s+(\S.{0,63})$/s.exec(text);
  return match
    ? accept({ formId: Number(match[1]), text: (match[2] as string).trim() })
    : refuse(texts.formButtonInvalid);
}

export interface StepPageLinks {
  /** Back to the sequence's own page. */
  showSequence: (ctx: AdminMenuContext, sequenceId: number) => Promise<void>;
  /** Back to the list, when the sequence is gone. */
  showList: (ctx: AdminMenuContext) => Promise<void>;
}

/** Sends a step's text in one language to the admin as a subscriber gets it: under the step's buttons. */
async function previewStepText(ctx: UsherContext, content: SequenceContent, stepId: number): Promise<void> {
  const step = ctx.services.sequences.stepById(stepId);
  if (!step || !ctx.chat) return;
  const formLink = formStartLinks(ctx.services.forms, () => ctx.me.username);
  try {
    await sendStep(ctx.api, ctx.chat.id, { ...step, content }, fieldsFor(ctx), { formLink });
  } catch (error) {
    const failure = classifyTelegramError(error);
    if (failure.kind === "transient" || failure.kind === "rate_limited") throw error;
    await ctx.reply(`❌ ${failure.description}`);
  }
}

/**
 * A step's page under its sequence: what it sends, its numbers (sent, failed, clicks,
 * unsubscribes, poll answers), ⬆️/⬇️ to move it, 📝 to set the form button it carries and 🌐 its
 * text in other languages.
 */
export function sequenceStepPage(pages: AdminPages, links: StepPageLinks): AdminConversationEntry[] {
  const page = pages.create(stepsPageId, stepText);
  const languages = variantsPages(pages, {
    id: stepsPageId,
    parentPageId: stepsPageId,
    subject: (ctx) => {
      const selected = selectedStep(ctx);
      return selected && `step:${selected.step.id}`;
    },
    parse: parseStepContent,
    // The pages' payload is theirs, not the step page's: the step is found by its subject.
    preview: (ctx, content, subject) =>
      previewStepText(ctx, content as SequenceContent, Number(subject.slice("step:".length))),
  });
  const back = async (ctx: AdminMenuContext) => {
    const sequenceId = stepSelection(ctx.match)?.sequenceId;
    if (sequenceId !== undefined && ctx.services.sequences.find(sequenceId))
      return links.showSequence(ctx, sequenceId);
    return links.showList(ctx);
  };
  const move = (by: -1 | 1) => async (ctx: AdminMenuContext) => {
    const selected = selectedStep(ctx);
    if (!selected) return back(ctx);
    const { sequence, step } = selected;
    moveStep(ctx.services, actorOf(ctx), sequence.id, step.id, step.position + by);
    await pages.refresh(ctx, stepsPageId);
  };
  page.dynamic((ctx, range) => {
    const selected = selectedStep(ctx);
    if (!selected) return;
    const payload = stepPayload(ctx, selected.step);
    if (selected.step.position > 0) range.text({ text: texts.moveUpButton, payload }, move(-1));
    if (selected.step.position < selected.steps.length - 1)
      range.text({ text: texts.moveDownButton, payload }, move(1));
    range.row().text({ text: texts.formButton, payload }, async (ctx) => {
      const current = selectedStep(ctx);
      if (!current) return back(ctx);
      await ctx.conversation.enter(formButtonConversation, {
        sequenceId: current.sequence.id,
        stepId: current.step.id,
      });
    });
    languages.button(range).row();
  });
  page.text(
    { text: () => shared.admin.back, payload: (ctx) => encodeListState(decodeListState(ctx.match)) },
    back,
  );

  async function setFormButton(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const { sequenceId, stepId } = (arg ?? {}) as { sequenceId?: number; stepId?: number };
    if (typeof sequenceId !== "number" || typeof stepId !== "number") return;
    const forms = await conversation.external((octx) =>
      octx.services.forms
        .list()
        .map((form) => fillTemplate(texts.formLine, { id: form.id, name: form.name })),
    );
    const prompt = fillTemplate(texts.askFormButton, {
      forms: forms.length > 0 ? forms.join("\n") : texts.noForms,
    });
    const formButton = await ask(conversation, ctx, prompt, parseFormButton);
    await asAdmin(conversation, async (octx) => {
      const selected = find(octx, sequenceId, stepId);
      if (!selected) return void (await octx.reply(texts.stepGone));
      const { step } = selected;
      // The same verb as the API's PUT of a step: everything else stays as it is.
      editStep(octx.services, actorOf(octx), sequenceId, stepId, {
        content: step.content,
        buttons: step.buttons,
        formButton,
        delayMs: step.delayMs,
        window:
          step.windowStart === null || step.windowEnd === null
            ? null
            : { start: step.windowStart, end: step.windowEnd },
      });
      const n = step.position + 1;
      await octx.reply(
        formButton
          ? fillTemplate(texts.formButtonSet, { n, text: formButton.text })
          : fillTemplate(texts.formButtonRemoved, { n }),
      );
      setListState(octx, { page: 0, selection: `${sequenceId}_${stepId}` });
      await pages.send(octx, stepsPageId);
    });
  }

  return [{ id: formButtonConversation, builder: setFormButton }, ...languages.conversations];
}
