import { type RefusalWords, UsherError } from "../../errors.js";
import { refusalReason } from "../../texts/refusal-reasons.js";
import type { MessageContent } from "../content/message-content.js";
import { maxPromptLength } from "../forms/form-commands.js";
import type { FormRepository } from "../forms/form-repository.js";
import { checkedContent as checkedMessage } from "../gate/deeplinks/deeplink-commands.js";
import type { DeeplinkRepository } from "../gate/deeplinks/deeplink-repository.js";
import { referralLinkFields } from "../gate/referrals/referral-link-fields.js";
import { checkTemplateFields } from "../personalization/template-fields.js";
import type { SequenceContent } from "../sequences/sequence.js";
import { checkedContent as checkedStepContent } from "../sequences/sequence-input.js";
import type { SequenceRepository } from "../sequences/sequence-repository.js";
import { stepVariantProblem } from "../sequences/step-variants.js";
import type { SettingKey } from "../settings/settings.js";

/** The settings texts a variant may stand in for, each with the setting field holding its default. */
export const settingsSubjects = {
  welcome: { key: "welcome", field: "content" },
  dearUser: { key: "general", field: "dearUserName" },
  "captcha.intro": { key: "captcha", field: "introText" },
  "captcha.passed": { key: "captcha", field: "passedText" },
  "joinCheck.prompt": { key: "joinCheck", field: "promptText" },
  refLinkOnly: { key: "refLinkOnly", field: "text" },
  maintenance: { key: "maintenance", field: "text" },
  referralLink: { key: "userReferrals", field: "linkText" },
} as const satisfies Record<string, { key: SettingKey; field: string }>;

export type SettingsSubject = keyof typeof settingsSubjects;

/** One admin-written text that may have variants per language. */
export type VariantSubject = SettingsSubject | `deeplink:${string}` | `question:${number}` | `step:${number}`;

/** What a variant holds: a plain text with templates, a message (text or copy), or a step's content. */
export type VariantContent = string | MessageContent | SequenceContent;

/** The content type of a subject's variants. */
export type ContentOf<S extends VariantSubject> = S extends "welcome" | `deeplink:${string}`
  ? MessageContent
  : S extends `step:${number}`
    ? SequenceContent
    : string;

/** A subject read apart: which owner it names and so which content it takes. */
export type ParsedSubject =
  | { kind: "settings"; subject: SettingsSubject }
  | { kind: "deeplink"; code: string }
  | { kind: "question"; questionId: number }
  | { kind: "step"; stepId: number };

/** A subject that names no text, or whose deeplink, question or step does not exist. */
export class UnknownSubjectError extends UsherError.of("not_found", ["unknown_subject"]) {
  constructor(subject: string) {
    super("unknown_subject", `${subject.slice(0, 80)} names no text that can have variants`);
  }
}

/** A variant's content refused before anything was stored. */
export class VariantInputError extends UsherError.input(["invalid_text"]) {
  constructor(words: RefusalWords) {
    super("invalid_text", "content", words);
  }
}

const isId = (s: string) => /^[1-9]\d{0,11}$/.test(s);

/** Reads a subject, or undefined when it is none (its owner is not looked up). */
export function parseSubject(subject: string): ParsedSubject | undefined {
  if (Object.hasOwn(settingsSubjects, subject))
    return { kind: "settings", subject: subject as SettingsSubject };
  const [prefix, rest] = [subject.slice(0, subject.indexOf(":")), subject.slice(subject.indexOf(":") + 1)];
  if (prefix === "deeplink" && rest.length > 0 && rest.length <= 64) return { kind: "deeplink", code: rest };
  if (prefix === "question" && isId(rest)) return { kind: "question", questionId: Number(rest) };
  if (prefix === "step" && isId(rest)) return { kind: "step", stepId: Number(rest) };
  return undefined;
}

/** The repositories that say whether a subject's owner exists. */
export interface SubjectOwners {
  deeplinks: Pick<DeeplinkRepository, "find">;
  forms: Pick<FormRepository, "question">;
  sequences: Pick<SequenceRepository, "stepById">;
}

/** The subject read apart, its owner checked; throws `UnknownSubjectError`. */
export function existingSubject(owners: SubjectOwners, subject: string): ParsedSubject {
  const parsed = parseSubject(subject);
  const exists =
    parsed !== undefined &&
    (parsed.kind === "settings" ||
      (parsed.kind === "deeplink" && owners.deeplinks.find(parsed.code) !== undefined) ||
      (parsed.kind === "question" && owners.forms.question(parsed.questionId) !== undefined) ||
      (parsed.kind === "step" && owners.sequences.stepById(parsed.stepId) !== undefined));
  if (!exists) throw new UnknownSubjectError(subject);
  return parsed;
}

function checkedPlainText(text: unknown, max: number, field: string, extra: readonly string[] = []): string {
  if (typeof text !== "string" || text.trim() === "" || text.length > max)
    throw new VariantInputError(refusalReason("variants", "textLength", { max }));
  checkTemplateFields(text, field, extra);
  return text;
}

/** A step's variant checked as a step's content, and that it can stand in for the step's (`stepVariantProblem`). */
function checkedStepVariant(
  owners: Pick<SubjectOwners, "sequences">,
  stepId: number,
  content: SequenceContent,
) {
  const checked = checkedStepContent(content, []);
  const step = owners.sequences.stepById(stepId);
  const problem = step && stepVariantProblem(step, checked);
  if (problem) throw new VariantInputError(problem);
  return checked;
}

/**
 * A variant's content checked by the rules of its default (the setting, the deeplink's content, the
 * question's prompt, the step's content); throws the error the default's own verb would.
 */
export function checkedVariantContent(
  parsed: ParsedSubject,
  content: unknown,
  owners: Pick<SubjectOwners, "sequences">,
): VariantContent {
  const isWelcome = parsed.kind === "settings" && parsed.subject === "welcome";
  const takesObject = parsed.kind === "deeplink" || parsed.kind === "step" || isWelcome;
  if (takesObject && (typeof content !== "object" || content === null || Array.isArray(content)))
    throw new VariantInputError(refusalReason("variants", "notAMessage"));
  if (parsed.kind === "deeplink" || isWelcome) return checkedMessage(content as MessageContent);
  if (parsed.kind === "step") return checkedStepVariant(owners, parsed.stepId, content as SequenceContent);
  if (parsed.kind === "question") return checkedPlainText(content, maxPromptLength, "content").trim();
  if (parsed.subject === "dearUser") {
    if (typeof content !== "string" || content.trim() === "" || content.length > 4096)
      throw new VariantInputError(refusalReason("variants", "textLength", { max: 4096 }));
    return content;
  }
  return checkedPlainText(
    content,
    4096,
    "content",
    parsed.subject === "referralLink" ? referralLinkFields : [],
  );
}
