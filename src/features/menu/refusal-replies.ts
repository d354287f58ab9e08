import type { UsherContext } from "../../bot/context.js";
import { UsherError } from "../../errors.js";
import { refusalTexts, unknownRefusal } from "../../texts/admin-refusals.js";
import { fieldLabels, problemTexts } from "../../texts/admin-user-tools.js";
import { AdminRightsError } from "../admins/admin-rights.js";
import { AppAccessError, AppAuthError } from "../app/app-errors.js";
import { ClickFloodError } from "../clicks/link-tracker.js";
import { fillTemplate } from "../content/template.js";
import { FormInputError, FormNotFoundError, FormStateError } from "../forms/form-errors.js";
import { DeeplinkCodeTakenError, DeeplinkInputError } from "../gate/deeplinks/deeplink-commands.js";
import { CampaignCodeTakenError, CampaignInputError } from "../gate/referrals/referral-commands.js";
import { MailingInputError, MailingNotFoundError } from "../mailing/mailing-commands.js";
import { UnknownTemplateFieldError } from "../personalization/template-fields.js";
import { SequenceInputError, SequenceNotFoundError } from "../sequences/sequence-errors.js";
import { InvalidSettingError } from "../settings/change-setting.js";
import { SettingsConflictError } from "../settings/settings-rules.js";
import {
  TopicInputError,
  TopicNameTakenError,
  TopicNotFoundError,
  TopicTextFieldError,
} from "../topics/topic-errors.js";
import { CreateUserError, type CreateUserProblem } from "../users/csv/create-user.js";
import { ImportBusyError } from "../users/csv/import-errors.js";
import { UserDataError } from "../users/gdpr.js";
import { MergeError } from "../users/merge.js";
import { UserFieldError } from "../users/patch-user.js";
import { ProfileFieldError } from "../users/profile-fields.js";
import { UpsertError } from "../users/upsert-user.js";
import { UserActionError } from "../users/user-action-error.js";
import { InvalidLanguageError } from "../variants/variant-commands.js";
import { UnknownSubjectError, VariantInputError } from "../variants/variant-subject.js";

/** Every error class a verb throws, each with the codes it declares; a test keeps it complete. */
export const refusalClasses = [
  AdminRightsError,
  CampaignCodeTakenError,
  CampaignInputError,
  ClickFloodError,
  CreateUserError,
  DeeplinkCodeTakenError,
  DeeplinkInputError,
  FormInputError,
  FormNotFoundError,
  FormStateError,
  ImportBusyError,
  InvalidLanguageError,
  InvalidSettingError,
  MailingInputError,
  MailingNotFoundError,
  MergeError,
  ProfileFieldError,
  SequenceInputError,
  SequenceNotFoundError,
  SettingsConflictError,
  TopicInputError,
  TopicNameTakenError,
  TopicNotFoundError,
  TopicTextFieldError,
  UnknownSubjectError,
  UpsertError,
  UserActionError,
  UserDataError,
  UserFieldError,
  UnknownTemplateFieldError,
  VariantInputError,
] as const;

/**
 * Refusals only the Mini App's HTTP edge meets (a session's signature, its expiry, its holder's
 * rights): no bot update can cause them, so the bot has no words for them.
 */
export const httpOnlyRefusalClasses = [AppAccessError, AppAuthError] as const;

/** Any code a verb can refuse with. */
export type RefusalCode = (typeof refusalClasses)[number]["codes"][number];

/** The one map from a refusal's code to what the admin is told. */
export const refusalReplies: Readonly<Record<RefusalCode, string>> = refusalTexts;

const isRefusalCode = (code: string): code is RefusalCode => Object.hasOwn(refusalReplies, code);
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const label = (field: string) => fieldLabels[field] ?? field;

function createProblemText(problem: CreateUserProblem): string {
  switch (problem.kind) {
    case "no_key":
      return problemTexts.no_key;
    case "invalid":
      return fillTemplate(problemTexts.createInvalid, { field: label(problem.field) });
    case "too_long":
      return fillTemplate(problemTexts.createTooLong, { field: label(problem.field), max: problem.max });
    case "duplicate":
      return fillTemplate(problemTexts.createDuplicate, {
        field: label(problem.field),
        user_id: problem.userId,
      });
  }
}

/**
 * The values a refusal's text may name: the verb's words (its reason in the locale in scope, else its
 * plain English), the first field at fault, the error's own values.
 */
function placeholdersOf(error: UsherError): Record<string, string | number> {
  const reason = error.reason?.text();
  const values: Record<string, string | number> = {
    message: reason ?? error.message,
    reason: reason ?? error.fields[0]?.message ?? error.message,
    field: error.fields[0]?.field ?? "",
  };
  for (const [name, value] of Object.entries(error)) {
    if (typeof value === "string" || typeof value === "number") values[snakeCase(name)] = value;
  }
  if (error instanceof DeeplinkCodeTakenError) values.code = error.deeplinkCode;
  if (error instanceof CampaignCodeTakenError) values.code = error.campaignCode;
  if (error instanceof CreateUserError) {
    values.problems = error.problems.map((p) => `• ${createProblemText(p)}`).join("\n");
  }
  return values;
}

/** What the admin is told about a verb's refusal: its code's text, filled from the error. */
export function refusalReply(error: UsherError): string {
  const text = isRefusalCode(error.code) ? refusalReplies[error.code] : unknownRefusal();
  return fillTemplate(text, placeholdersOf(error));
}

/** The admin area's last word on a refusal no page answered: the mapped reply, never silence. */
export async function answerRefusal(ctx: UsherContext, error: unknown): Promise<void> {
  if (!(error instanceof UsherError)) throw error;
  ctx.log.info({ code: error.code }, "verb refused an admin action");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(refusalReply(error));
}
