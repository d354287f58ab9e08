import type { Db } from "../../db/client.js";
import type { ResubscribeMode } from "../../db/schema/index.js";
import { refusalReason } from "../../texts/refusal-reasons.js";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import type { FormRepository } from "../forms/form-repository.js";
import type { CampaignRepository } from "../gate/referrals/campaign-repository.js";
import type { UrlButton } from "../mailing/mailing.js";
import type { VariantRepository } from "../variants/variant-repository.js";
import type { SendingWindow } from "./sending-window.js";
import type { FormButton, SequenceContent } from "./sequence.js";
import { SequenceInputError, SequenceNotFoundError } from "./sequence-errors.js";
import {
  checkedButtons,
  checkedContent,
  checkedDeeplink,
  checkedDelay,
  checkedFormButton,
  checkedName,
  checkedTag,
  checkedWindow,
} from "./sequence-input.js";
import type { SequenceRecord, SequenceRepository, SequenceStepRecord } from "./sequence-repository.js";

/** What the sequence verbs work with (a subset of the bot's services). */
export interface SequenceServices {
  db: Db;
  sequences: SequenceRepository;
  campaigns: Pick<CampaignRepository, "find">;
  /** A form button must name a form that exists. */
  forms: Pick<FormRepository, "find">;
  audit: AuditLog;
  /** A deleted step's content variants go with it. */
  variants: Pick<VariantRepository, "removeAllOf">;
  now: () => Date;
}

export interface SequenceSettings {
  name: string;
  enabled: boolean;
  resubscribe: ResubscribeMode;
  stopButton: boolean;
  onRegistration: boolean;
  triggerTag: string | null;
  triggerDeeplink: string | null;
  /** The campaign whose link's newcomers are subscribed. */
  triggerCampaignId: number | null;
}

export interface StepInput {
  content: SequenceContent;
  buttons?: UrlButton[][];
  /** A button that starts one of the bot's forms; none when absent. */
  formButton?: FormButton | null;
  delayMs: number;
  window?: SendingWindow | null;
}

const defaults: Omit<SequenceSettings, "name"> = {
  enabled: false,
  resubscribe: "restart",
  stopButton: false,
  onRegistration: false,
  triggerTag: null,
  triggerDeeplink: null,
  triggerCampaignId: null,
};

function checkedSettings<T extends Partial<SequenceSettings>>(input: T): T {
  return {
    ...input,
    ...(input.name !== undefined && { name: checkedName(input.name) }),
    ...(input.triggerTag !== undefined && { triggerTag: checkedTag(input.triggerTag) }),
    ...(input.triggerDeeplink !== undefined && { triggerDeeplink: checkedDeeplink(input.triggerDeeplink) }),
  };
}

/** Refuses a campaign trigger naming no campaign; read inside the verb's transaction. */
function checkCampaign(services: SequenceServices, campaignId: number | null | undefined): void {
  if (campaignId === null || campaignId === undefined || services.campaigns.find(campaignId)) return;
  throw new SequenceInputError("unknown_campaign", "triggerCampaignId", `No campaign has id ${campaignId}`);
}

function existing(services: SequenceServices, id: number): SequenceRecord {
  const found = services.sequences.find(id);
  if (!found) throw new SequenceNotFoundError(`Sequence ${id}`);
  return found;
}

/** Creates a sequence (disabled unless asked) and audits `sequences.create`. */
export function createSequence(
  services: SequenceServices,
  actor: Actor,
  input: Partial<SequenceSettings> & { name: string },
): SequenceRecord {
  const settings = { ...defaults, ...checkedSettings(input) };
  return services.db.transaction(() => {
    checkCampaign(services, settings.triggerCampaignId);
    const now = services.now();
    const created = services.sequences.insert({
      ...settings,
      // Triggers look at what happens from now on, not at everyone who ever registered.
      enrolledThrough: now,
      createdBy: actor.kind === "admin" ? actor.id : null,
      createdAt: now,
    });
    services.audit.record({ actor, action: "sequences.create", after: created });
    return created;
  });
}

/** Changes a sequence's settings and audits `sequences.edit`; a trigger switched on looks forward only. */
export function editSequence(
  services: SequenceServices,
  actor: Actor,
  id: number,
  changes: Partial<SequenceSettings>,
): SequenceRecord {
  const checked = checkedSettings(changes);
  return services.db.transaction(() => {
    const before = existing(services, id);
    checkCampaign(services, checked.triggerCampaignId);
    const triggersChanged =
      (checked.enabled === true && !before.enabled) ||
      (checked.onRegistration === true && !before.onRegistration) ||
      (checked.triggerTag !== undefined && checked.triggerTag !== before.triggerTag) ||
      (checked.triggerCampaignId !== undefined && checked.triggerCampaignId !== before.triggerCampaignId);
    const after = services.sequences.update(id, {
      ...checked,
      ...(triggersChanged && { enrolledThrough: services.now() }),
    }) as SequenceRecord;
    services.audit.record({ actor, action: "sequences.edit", before, after });
    return after;
  });
}

/** Deletes a sequence with its steps (and their variants) and subscriptions; audits `sequences.delete`. */
export function deleteSequence(services: SequenceServices, actor: Actor, id: number): SequenceRecord {
  return services.db.transaction(() => {
    const stepSubjects = services.sequences.steps(id).map((step) => `step:${step.id}`);
    const deleted = services.sequences.delete(id);
    if (!deleted) throw new SequenceNotFoundError(`Sequence ${id}`);
    services.variants.removeAllOf(stepSubjects);
    services.audit.record({ actor, action: "sequences.delete", before: deleted });
    return deleted;
  });
}

function checkedStep(input: StepInput) {
  const buttons = checkedButtons(input.buttons ?? []);
  const window = checkedWindow(input.window ?? null);
  return {
    content: checkedContent(input.content, buttons),
    buttons,
    formButton: checkedFormButton(input.formButton ?? null, input.content),
    delayMs: checkedDelay(input.delayMs),
    windowStart: window?.start ?? null,
    windowEnd: window?.end ?? null,
  };
}

function checkFormExists(services: SequenceServices, button: FormButton | null): void {
  if (button && !services.forms.find(button.formId))
    throw new SequenceInputError("unknown_form", "formButton", `Form ${button.formId} was not found`);
}

/** Appends a step at the end and audits `sequences.add_step`; subscribers past the old end stay completed. */
export function addStep(
  services: SequenceServices,
  actor: Actor,
  sequenceId: number,
  input: StepInput,
): SequenceStepRecord {
  const step = checkedStep(input);
  return services.db.transaction(() => {
    existing(services, sequenceId);
    checkFormExists(services, step.formButton);
    const position = services.sequences.steps(sequenceId).length;
    const added = services.sequences.insertStep({ sequenceId, position, ...step });
    services.audit.record({ actor, action: "sequences.add_step", after: added });
    return added;
  });
}

function existingStep(services: SequenceServices, sequenceId: number, stepId: number): SequenceStepRecord {
  const step = services.sequences.steps(sequenceId).find((s) => s.id === stepId);
  if (!step) throw new SequenceNotFoundError(`Step ${stepId} of sequence ${sequenceId}`);
  return step;
}

/** Changes a step (what later sends use; sent ones stay as sent) and audits `sequences.edit_step`. */
export function editStep(
  services: SequenceServices,
  actor: Actor,
  sequenceId: number,
  stepId: number,
  input: StepInput,
): SequenceStepRecord {
  const step = checkedStep(input);
  return services.db.transaction(() => {
    const before = existingStep(services, sequenceId, stepId);
    checkFormExists(services, step.formButton);
    const after = services.sequences.updateStep(stepId, step) as SequenceStepRecord;
    services.audit.record({ actor, action: "sequences.edit_step", before, after });
    return after;
  });
}

/** Removes a step with its variants (subscribers waiting for a later one keep their place) and audits `sequences.remove_step`. */
export function removeStep(
  services: SequenceServices,
  actor: Actor,
  sequenceId: number,
  stepId: number,
): SequenceStepRecord {
  return services.db.transaction(() => {
    const before = existingStep(services, sequenceId, stepId);
    services.sequences.deleteStep(before);
    services.variants.removeAllOf([`step:${stepId}`]);
    services.audit.record({ actor, action: "sequences.remove_step", before });
    return before;
  });
}

/** Moves a step to another position, shifting those between; audits `sequences.move_step`. */
export function moveStep(
  services: SequenceServices,
  actor: Actor,
  sequenceId: number,
  stepId: number,
  position: number,
): SequenceStepRecord[] {
  return services.db.transaction(() => {
    const steps = services.sequences.steps(sequenceId);
    const moving = existingStep(services, sequenceId, stepId);
    if (!Number.isInteger(position) || position < 0 || position >= steps.length)
      throw new SequenceInputError(
        "invalid_position",
        "position",
        refusalReason("sequences", "position", { last: steps.length - 1 }),
      );
    const order = steps.filter((s) => s.id !== stepId);
    order.splice(position, 0, moving);
    // Through negatives: the (sequence, position) index is unique row by row.
    for (const [i, step] of order.entries()) services.sequences.updateStep(step.id, { position: -1 - i });
    for (const [i, step] of order.entries()) services.sequences.updateStep(step.id, { position: i });
    services.audit.record({
      actor,
      action: "sequences.move_step",
      before: { stepId, position: moving.position },
      after: { stepId, position },
    });
    return services.sequences.steps(sequenceId);
  });
}
