import { z } from "@hono/zod-openapi";
import { questionKinds, targetKinds } from "../../db/schema/index.js";
import {
  maxChoiceLength,
  maxChoices,
  maxExpiryMinutes,
  maxNameLength,
  maxPromptLength,
} from "../../features/forms/form-commands.js";
import { count, isoTime } from "../schemas.js";

/** The bodies and answers of the /api/forms routes (http/api/forms.ts). */

export const questionSchema = z
  .object({
    id: z.number().int(),
    position: z.number().int().meta({ description: "1, 2, … in the order the questions are asked" }),
    kind: z.enum(questionKinds),
    target_kind: z.enum(targetKinds),
    target: z.string().meta({
      description: "A profile field (first_name, last_name, gender, email, phone) or an attribute key",
    }),
    prompt: z.string(),
    reask: z
      .string()
      .nullable()
      .meta({ description: "Said when an answer does not fit; null: the kind's default" }),
    required: z.boolean(),
    choices: z.array(z.string()),
  })
  .meta({ id: "FormQuestion" });

export const formSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string().meta({ description: "The `?start=` payload that starts the form" }),
    link: z.string().meta({ example: "https://t.me/usher_bot?start=Xk3pQ9aZ" }),
    built_in: z
      .string()
      .nullable()
      .meta({ description: "`profile` for the form /profile starts; it cannot be deleted" }),
    intro: z.string().nullable(),
    done_text: z.string().nullable(),
    completion_tag: z.string().nullable(),
    expiry_minutes: z.number().int(),
    created_at: isoTime,
    questions: z.array(questionSchema),
  })
  .meta({ id: "Form" });

export const formListSchema = z.object({ forms: z.array(formSchema) }).meta({ id: "FormList" });

const formFields = {
  name: z.string().min(1).max(maxNameLength),
  intro: z
    .string()
    .min(1)
    .max(4096)
    .nullable()
    .meta({ description: "Sent before the first question; null: a default naming the form" }),
  done_text: z
    .string()
    .min(1)
    .max(4096)
    .nullable()
    .meta({ description: "Sent at the end, with `{first_name}` templates; null: a default" }),
  completion_tag: z.string().nullable().meta({ description: "A tag given to whoever finishes the form" }),
  expiry_minutes: z
    .number()
    .int()
    .min(1)
    .max(maxExpiryMinutes)
    .meta({ description: "An open form left this long after its last question ends quietly" }),
};

export const newFormBody = z
  .object({
    name: formFields.name,
    intro: formFields.intro.optional(),
    done_text: formFields.done_text.optional(),
    completion_tag: formFields.completion_tag.optional(),
    expiry_minutes: formFields.expiry_minutes.optional(),
  })
  .strict()
  .meta({ id: "NewForm" });

export const formPatchBody = z
  .object({
    name: formFields.name.optional(),
    intro: formFields.intro.optional(),
    done_text: formFields.done_text.optional(),
    completion_tag: formFields.completion_tag.optional(),
    expiry_minutes: formFields.expiry_minutes.optional(),
  })
  .strict()
  .meta({ id: "FormPatch", description: "Only what changes" });

export const newQuestionBody = z
  .object({
    kind: z
      .enum(questionKinds)
      .meta({ description: "`phone` is answered only with the request-contact button, so it is verified" }),
    target_kind: z.enum(targetKinds),
    target: z.string().min(1).max(64),
    prompt: z.string().min(1).max(maxPromptLength),
    required: z.boolean().optional().meta({ description: "Default false: the user may /skip it" }),
    reask: z.string().max(maxPromptLength).nullable().optional(),
    choices: z
      .array(z.string().min(1).max(maxChoiceLength))
      .max(maxChoices)
      .optional()
      .meta({ description: "The buttons of a `choice` question" }),
  })
  .strict()
  .meta({ id: "NewFormQuestion" });

export const orderBody = z
  .object({
    question_ids: z
      .array(z.number().int().positive())
      .meta({ description: "Every question of the form once, in the new order" }),
  })
  .strict()
  .meta({ id: "FormQuestionOrder" });

export const startBody = z
  .object({ user_id: z.number().int().positive() })
  .strict()
  .meta({ id: "FormStart" });

export const startSchema = z
  .object({
    user_id: z.number().int(),
    delivered: z.boolean().meta({ description: "Whether Telegram took the first question" }),
    telegram_error: z.string().nullable(),
  })
  .meta({ id: "FormStarted" });

export const resultsSchema = z
  .object({
    form_id: z.number().int(),
    answered: count.meta({ description: "Users who answered at least one question" }),
    completed: count.meta({ description: "Users who finished the form" }),
    runs: count.meta({ description: "Times the form was started" }),
  })
  .meta({ id: "FormResults" });

export const idParams = z.object({
  id: z.coerce.number().int().positive().meta({ description: "The form id", example: 1 }),
});
export const questionParams = idParams.extend({
  question_id: z.coerce.number().int().positive().meta({ description: "The question id", example: 3 }),
});
