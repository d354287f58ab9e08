import type { Db } from "../../db/client.js";
import {
  type FormQuestionRecord,
  type FormRecord,
  type QuestionKind,
  questionKinds,
  type TargetKind,
} from "../../db/schema/index.js";
import { refusalReason } from "../../texts/refusal-reasons.js";
import type { AdminDirectory } from "../admins/admin-directory.js";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import { generateDeeplinkCode } from "../gate/deeplinks/deeplink-code.js";
import type { DeeplinkRepository } from "../gate/deeplinks/deeplink-repository.js";
import { tagPattern } from "../gate/deeplinks/deeplink-tags.js";
import { checkTemplateFields } from "../personalization/template-fields.js";
import type { TopicRepository } from "../topics/topic-repository.js";
import { checkedAttributeKey, ProfileFieldError } from "../users/profile-fields.js";
import type { UserRepository } from "../users/user-repository.js";
import type { VariantRepository } from "../variants/variant-repository.js";
import { FormInputError, FormNotFoundError, FormStateError } from "./form-errors.js";
import type { FormChanges, FormRepository } from "./form-repository.js";
import { type FormStep, startFormRun } from "./form-runs.js";
import { isProfileFieldTarget, kindFitsField } from "./form-targets.js";

/** What the form verbs work with (a subset of the bot's services). */
export interface FormServices {
  db: Db;
  forms: FormRepository;
  deeplinks: DeeplinkRepository;
  users: UserRepository;
  admins: AdminDirectory;
  audit: AuditLog;
  /** The topics a choice question may subscribe to. */
  topics: TopicRepository;
  /** A deleted question's prompt variants go with it. */
  variants: Pick<VariantRepository, "removeAllOf">;
  now: () => Date;
}

export interface FormInput {
  name?: string;
  intro?: string | null;
  doneText?: string | null;
  completionTag?: string | null;
  expiryMinutes?: number;
}

export interface QuestionInput {
  kind: QuestionKind;
  targetKind: TargetKind;
  target: string;
  prompt: string;
  required?: boolean;
  reask?: string | null;
  choices?: readonly string[];
}

export const maxNameLength = 64;
export const maxPromptLength = 1000;
export const maxChoices = 12;
export const maxChoiceLength = 64;
/** A week: a form left longer than this is forgotten anyway. */
export const maxExpiryMinutes = 7 * 24 * 60;

function checkedText(text: string | null, field: string): string | null {
  if (text === null) return null;
  if (text.trim() === "" || text.length > 4096)
    throw new FormInputError("invalid_text", field, refusalReason("forms", "text"));
  checkTemplateFields(text, field);
  return text;
}

function checkedForm(input: FormInput): FormChanges {
  const out: FormChanges = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === "" || name.length > maxNameLength)
      throw new FormInputError(
        "invalid_name",
        "name",
        refusalReason("forms", "name", { max: maxNameLength }),
      );
    out.name = name;
  }
  if (input.intro !== undefined) out.intro = checkedText(input.intro, "intro");
  if (input.doneText !== undefined) out.doneText = checkedText(input.doneText, "doneText");
  if (input.completionTag !== undefined) {
    const tag = input.completionTag?.trim().toLowerCase() ?? null;
    if (tag !== null && !tagPattern.test(tag))
      throw new FormInputError("invalid_tags", "completionTag", refusalReason("forms", "tag"));
    out.completionTag = tag;
  }
  if (input.expiryMinutes !== undefined) {
    const minutes = input.expiryMinutes;
    if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > maxExpiryMinutes)
      throw new FormInputError(
        "invalid_expiry",
        "expiryMinutes",
        refusalReason("forms", "expiry", { max: maxExpiryMinutes }),
      );
    out.expiryMinutes = minutes;
  }
  return out;
}

/** A topic question: a choice among existing topics' names, each chosen one subscribed to. */
function checkedTopicChoices(topics: TopicRepository, kind: QuestionKind, choices: readonly string[]): void {
  if (kind !== "choice")
    throw new FormInputError("kind_target_mismatch", "kind", refusalReason("forms", "topicNeedsChoice"));
  const unknown = choices.find((choice) => topics.findByName(choice.trim()) === undefined);
  if (unknown !== undefined)
    throw new FormInputError(
      "invalid_choices",
      "choices",
      refusalReason("forms", "unknownTopic", { name: unknown.slice(0, 64) }),
    );
}

function checkedQuestion(
  input: QuestionInput,
  topics: TopicRepository,
): Omit<FormQuestionRecord, "id" | "formId" | "position"> {
  if (!questionKinds.includes(input.kind))
    throw new FormInputError(
      "kind_target_mismatch",
      "kind",
      refusalReason("forms", "kind", { kinds: questionKinds.join(", ") }),
    );
  const prompt = input.prompt.trim();
  if (prompt === "" || prompt.length > maxPromptLength)
    throw new FormInputError(
      "invalid_prompt",
      "prompt",
      refusalReason("forms", "prompt", { max: maxPromptLength }),
    );
  checkTemplateFields(prompt, "prompt");
  const reask = input.reask?.trim() || null;
  if (reask !== null) checkTemplateFields(reask, "reask");
  if (reask !== null && reask.length > maxPromptLength)
    throw new FormInputError(
      "invalid_reask",
      "reask",
      refusalReason("forms", "reask", { max: maxPromptLength }),
    );
  const target = input.target.trim();
  if (input.targetKind === "topic") {
    if (target !== "topic")
      throw new FormInputError("invalid_target", "target", refusalReason("forms", "topicTarget"));
    checkedTopicChoices(topics, input.kind, input.choices ?? []);
  } else if (input.targetKind === "field") {
    if (!isProfileFieldTarget(target))
      throw new FormInputError("invalid_target", "target", refusalReason("forms", "fieldTarget"));
    if (!kindFitsField(input.kind, target))
      throw new FormInputError(
        "kind_target_mismatch",
        "kind",
        refusalReason("forms", "kindCannotFill", { kind: input.kind, field: target }),
      );
  } else {
    try {
      checkedAttributeKey(target);
    } catch (error) {
      if (!(error instanceof ProfileFieldError)) throw error;
      throw new FormInputError("invalid_target", "target", refusalReason("forms", "attributeTarget"));
    }
  }
  const choices = (input.choices ?? []).map((c) => c.trim());
  if (input.kind === "choice") {
    const distinct = new Set(choices.map((c) => c.toLowerCase()));
    const bad = choices.some((c) => c === "" || c.length > maxChoiceLength || c.startsWith("/"));
    if (choices.length === 0 || choices.length > maxChoices || bad || distinct.size !== choices.length)
      throw new FormInputError(
        "invalid_choices",
        "choices",
        refusalReason("forms", "choices", { max: maxChoices, length: maxChoiceLength }),
      );
  } else if (choices.length > 0) {
    throw new FormInputError("invalid_choices", "choices", refusalReason("forms", "choicesOnlyForChoice"));
  }
  return {
    kind: input.kind,
    targetKind: input.targetKind,
    target,
    prompt,
    reask,
    required: input.required ?? false,
    choices,
  };
}

/** A fresh `?start=` code no deeplink or form uses. */
export function freeStartCode(services: Pick<FormServices, "forms" | "deeplinks">): string {
  return generateDeeplinkCode(
    (code) => services.forms.findByCode(code) !== undefined || services.deeplinks.find(code) !== undefined,
  );
}

function existingForm(services: FormServices, formId: number): FormRecord {
  const form = services.forms.find(formId);
  if (!form) throw new FormNotFoundError(`Form ${formId}`);
  return form;
}

/** Creates a form (without questions yet) with a fresh start code; audits `forms.create`. */
export function createForm(
  services: FormServices,
  actor: Actor,
  input: FormInput & { name: string },
): FormRecord {
  const checked = checkedForm(input);
  return services.db.transaction(() => {
    const form = services.forms.create(
      { ...checked, name: checked.name as string, code: freeStartCode(services) },
      services.now(),
    );
    services.audit.record({ actor, action: "forms.create", after: { formId: form.id, name: form.name } });
    return form;
  });
}

/** Changes a form's name, texts, completion tag or expiry; audits `forms.change`. */
export function changeForm(
  services: FormServices,
  actor: Actor,
  { formId, changes }: { formId: number; changes: FormInput },
): FormRecord {
  const checked = checkedForm(changes);
  return services.db.transaction(() => {
    const before = existingForm(services, formId);
    const after = services.forms.update(formId, checked) as FormRecord;
    const changed = Object.keys(checked).filter(
      (key) => before[key as keyof FormChanges] !== after[key as keyof FormChanges],
    );
    if (changed.length > 0) {
      const pick = (form: FormRecord) =>
        Object.fromEntries(changed.map((k) => [k, form[k as keyof FormRecord]]));
      services.audit.record({
        actor,
        action: "forms.change",
        before: { formId, ...pick(before) },
        after: { formId, ...pick(after) },
      });
    }
    return after;
  });
}

/** Deletes a form with its questions (and their variants), runs and answers (values written to profiles stay); audits `forms.delete`. */
export function deleteForm(services: FormServices, actor: Actor, formId: number): FormRecord {
  return services.db.transaction(() => {
    const form = existingForm(services, formId);
    if (form.builtIn !== null)
      throw new FormStateError("built_in_form", "The /profile form can be edited but not deleted");
    const questionSubjects = services.forms.questions(formId).map((q) => `question:${q.id}`);
    services.forms.delete(formId);
    services.variants.removeAllOf(questionSubjects);
    services.audit.record({ actor, action: "forms.delete", before: { formId, name: form.name } });
    return form;
  });
}

/** Appends a question to a form; audits `forms.question_add`. */
export function addQuestion(
  services: FormServices,
  actor: Actor,
  { formId, question }: { formId: number; question: QuestionInput },
): FormQuestionRecord {
  const checked = checkedQuestion(question, services.topics);
  return services.db.transaction(() => {
    existingForm(services, formId);
    const added = services.forms.addQuestion(formId, checked);
    services.audit.record({
      actor,
      action: "forms.question_add",
      after: {
        formId,
        questionId: added.id,
        kind: added.kind,
        target: `${added.targetKind}:${added.target}`,
      },
    });
    return added;
  });
}

/** Removes a question (its answers and variants go with it; values written to profiles stay); audits `forms.question_remove`. */
export function removeQuestion(
  services: FormServices,
  actor: Actor,
  { formId, questionId }: { formId: number; questionId: number },
): FormQuestionRecord {
  return services.db.transaction(() => {
    const question = services.forms.question(questionId);
    if (!question || question.formId !== formId)
      throw new FormNotFoundError(`Question ${questionId} of form ${formId}`);
    services.forms.removeQuestion(questionId);
    services.variants.removeAllOf([`question:${questionId}`]);
    services.audit.record({
      actor,
      action: "forms.question_remove",
      before: { formId, questionId, prompt: question.prompt },
    });
    return question;
  });
}

/** Puts a form's questions in the given order (every question id once); audits `forms.question_order`. */
export function reorderQuestions(
  services: FormServices,
  actor: Actor,
  { formId, questionIds }: { formId: number; questionIds: readonly number[] },
): FormQuestionRecord[] {
  return services.db.transaction(() => {
    existingForm(services, formId);
    const before = services.forms.questions(formId).map((q) => q.id);
    const same = before.length === questionIds.length && new Set(questionIds).size === before.length;
    if (!same || !questionIds.every((id) => before.includes(id)))
      throw new FormInputError(
        "invalid_order",
        "questionIds",
        refusalReason("forms", "order", { ids: before.join(", ") }),
      );
    services.forms.setOrder(questionIds);
    if (before.some((id, i) => id !== questionIds[i])) {
      services.audit.record({
        actor,
        action: "forms.question_order",
        before: { formId, questionIds: before },
        after: { formId, questionIds: [...questionIds] },
      });
    }
    return services.forms.questions(formId);
  });
}

/** Moves one question a place up or down (the menu's ⬆ ⬇); at either end nothing changes. */
export function moveQuestion(
  services: FormServices,
  actor: Actor,
  { formId, questionId, by }: { formId: number; questionId: number; by: -1 | 1 },
): FormQuestionRecord[] {
  const ids = services.forms.questions(formId).map((q) => q.id);
  const from = ids.indexOf(questionId);
  const to = from + by;
  if (from >= 0 && to >= 0 && to < ids.length)
    [ids[from], ids[to]] = [ids[to] as number, ids[from] as number];
  return reorderQuestions(services, actor, { formId, questionIds: ids });
}

/**
 * Starts a form for a bot user on an admin's or the API's word (the caller sends the first
 * question); audits `forms.send`. Throws as startFormRun does.
 */
export function sendForm(
  services: FormServices,
  actor: Actor,
  { formId, userId }: { formId: number; userId: number },
): FormStep {
  if (services.admins.isAdmin(userId))
    throw new FormStateError("admin_user", `User ${userId} is an admin; admins do not fill in forms`);
  return services.db.transaction(() => {
    const step = startFormRun(services, { formId, userId });
    services.audit.record({ actor, action: "forms.send", after: { formId, userId } });
    return step;
  });
}
