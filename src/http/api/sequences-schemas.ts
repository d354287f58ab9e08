import { z } from "@hono/zod-openapi";
import { resubscribeModes, subscriptionStatuses } from "../../db/schema/index.js";
import type { StepInput } from "../../features/sequences/sequence-commands.js";
import type {
  SequenceRecord,
  SequenceStats,
  SequenceStepRecord,
  SubscriptionRecord,
} from "../../features/sequences/sequence-repository.js";
import {
  copyContentSchema,
  copyInput,
  count,
  isoTime,
  messageTextInput,
  textContentSchema,
  urlButtonRows,
} from "../schemas.js";
import { pollContentFrom, pollContentJson, pollContentSchema, pollInput } from "./mailing-polls.js";

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 00:00 to 23:59")
  .meta({ example: "09:00" });

const windowSchema = z.object({ start: timeOfDay, end: timeOfDay }).meta({
  id: "SendingWindow",
  description:
    "Hours of the day the step may be sent in, in the user's time zone when known, else the bot's; end before start spans midnight",
});

const albumContentSchema = z.object({
  type: z.literal("album"),
  from_chat_id: z.number().int(),
  message_ids: z.array(z.number().int()),
});

/** What a step (or a variant of any text) sends, as the API shows it. */
export const stepContentSchema = z
  .discriminatedUnion("type", [textContentSchema, copyContentSchema, albumContentSchema, pollContentSchema])
  .meta({ id: "SequenceStepContent" });

const formButtonSchema = z
  .object({
    form_id: z
      .number()
      .int()
      .meta({ description: "The form the button starts (GET /api/forms)", example: 2 }),
    text: z.string().min(1).max(64).meta({ example: "Sign up" }),
  })
  .strict()
  .meta({
    id: "SequenceFormButton",
    description:
      "A button under the step that opens the bot with the form's start link, so the form starts; not with an album",
  });

export const stepSchema = z
  .object({
    id: z.number().int(),
    position: z.number().int().meta({ description: "0 for the first step" }),
    content: stepContentSchema,
    buttons: z.array(z.array(z.object({ text: z.string(), url: z.string() }))),
    form_button: formButtonSchema.nullable(),
    delay_minutes: z
      .number()
      .meta({ description: "After the previous step (after subscribing for the first)" }),
    window: windowSchema.nullable(),
  })
  .meta({ id: "SequenceStep" });

export const sequenceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    enabled: z.boolean(),
    resubscribe: z
      .enum(resubscribeModes)
      .meta({ description: "A returning subscriber starts over or resumes" }),
    stop_button: z.boolean().meta({ description: 'Each step carries a "stop these messages" button' }),
    on_registration: z.boolean(),
    trigger_tag: z.string().nullable(),
    trigger_deeplink: z.string().nullable(),
    trigger_campaign_id: z.number().int().nullable().meta({
      description: "Newcomers who come through this campaign link (`/api/campaigns/{id}`) are subscribed",
    }),
    steps: z.array(stepSchema),
    created_at: isoTime,
  })
  .meta({ id: "Sequence" });

export const sequenceListSchema = z
  .object({ sequences: z.array(sequenceSchema) })
  .meta({ id: "SequenceList" });

const settingsFields = {
  name: z.string().min(1).max(100),
  enabled: z.boolean(),
  resubscribe: z.enum(resubscribeModes),
  stop_button: z.boolean(),
  on_registration: z.boolean(),
  trigger_tag: z.string().nullable(),
  trigger_deeplink: z.string().max(64).nullable(),
  trigger_campaign_id: z.number().int().positive().nullable(),
};

export const newSequenceBody = z
  .object(settingsFields)
  .partial()
  .required({ name: true })
  .strict()
  .meta({ id: "NewSequence" });

export const sequencePatchBody = z.object(settingsFields).partial().strict().meta({ id: "SequencePatch" });

export const stepBody = z
  .object({
    text: messageTextInput.optional(),
    parse_mode: z.enum(["HTML", "MarkdownV2"]).optional(),
    copy: copyInput.optional(),
    album: z
      .object({
        from_chat_id: z.number().int(),
        message_ids: z.array(z.number().int().positive()).min(2).max(10),
      })
      .strict()
      .optional(),
    poll: pollInput.optional(),
    buttons: urlButtonRows("Rows of URL buttons under the step; not with an album").optional(),
    form_button: formButtonSchema.nullable().optional(),
    delay_minutes: z
      .number()
      .int()
      .min(0)
      .max(366 * 24 * 60),
    window: windowSchema.nullable().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const given = [body.text, body.copy, body.album, body.poll].filter((x) => x !== undefined).length;
    if (given !== 1)
      ctx.addIssue({ code: "custom", path: ["text"], message: "send one of text, copy, album or poll" });
  })
  .meta({ id: "SequenceStepInput" });

export const statsSchema = z
  .object({
    active: count,
    completed: count,
    stopped: count,
    steps: z.array(
      z.object({
        step_id: z.number().int(),
        position: z.number().int(),
        sent: count,
        failed: count,
        unknown: count.meta({ description: "Caught in flight by a crash: maybe delivered, never resent" }),
        clicks: count.meta({
          description: "Counted follows of the step's URL and form buttons (click tracking, PUBLIC_URL)",
        }),
        voters: count.meta({ description: "Subscribers who answered the step's poll; 0 for other steps" }),
        unsubscribes: count.meta({ description: "Subscribers who pressed the stop button under this step" }),
      }),
    ),
  })
  .meta({ id: "SequenceStats" });

export const subscriptionSchema = z
  .object({
    sequence_id: z.number().int(),
    sequence_name: z.string(),
    status: z.enum(subscriptionStatuses),
    next_position: z.number().int(),
    next_due_at: isoTime.nullable(),
    source: z.string(),
    subscribed_at: isoTime,
    stop_reason: z.string().nullable(),
  })
  .meta({ id: "SequenceSubscription" });

export const subscriptionListSchema = z
  .object({ subscriptions: z.array(subscriptionSchema) })
  .meta({ id: "SequenceSubscriptionList" });

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A step's content (or a message a variant holds) as the API shows it. */
export function stepContentJson(c: SequenceStepRecord["content"]): z.infer<typeof stepContentSchema> {
  return c.type === "text"
    ? {
        type: "text",
        text: c.text,
        parse_mode: c.parseMode ?? null,
        disable_link_preview: c.disableLinkPreview ?? false,
      }
    : c.type === "copy"
      ? { type: "copy", from_chat_id: c.fromChatId, message_id: c.messageId }
      : c.type === "poll"
        ? pollContentJson(c)
        : { type: "album", from_chat_id: c.fromChatId, message_ids: c.messageIds };
}

export function stepJson(step: SequenceStepRecord): z.infer<typeof stepSchema> {
  return {
    id: step.id,
    position: step.position,
    content: stepContentJson(step.content),
    buttons: step.buttons,
    form_button: step.formButton && { form_id: step.formButton.formId, text: step.formButton.text },
    delay_minutes: step.delayMs / 60_000,
    window:
      step.windowStart === null || step.windowEnd === null
        ? null
        : { start: hhmm(step.windowStart), end: hhmm(step.windowEnd) },
  };
}

export function sequenceJson(
  sequence: SequenceRecord,
  steps: SequenceStepRecord[],
): z.infer<typeof sequenceSchema> {
  return {
    id: sequence.id,
    name: sequence.name,
    enabled: sequence.enabled,
    resubscribe: sequence.resubscribe,
    stop_button: sequence.stopButton,
    on_registration: sequence.onRegistration,
    trigger_tag: sequence.triggerTag,
    trigger_deeplink: sequence.triggerDeeplink,
    trigger_campaign_id: sequence.triggerCampaignId,
    steps: steps.map(stepJson),
    created_at: sequence.createdAt.toISOString(),
  };
}

export function statsJson(stats: SequenceStats): z.infer<typeof statsSchema> {
  return {
    active: stats.active,
    completed: stats.completed,
    stopped: stats.stopped,
    steps: stats.steps.map(({ stepId, ...rest }) => ({ step_id: stepId, ...rest })),
  };
}

export function subscriptionJson(
  sub: SubscriptionRecord,
  sequenceName: string,
): z.infer<typeof subscriptionSchema> {
  return {
    sequence_id: sub.sequenceId,
    sequence_name: sequenceName,
    status: sub.status,
    next_position: sub.position,
    next_due_at: sub.dueAt?.toISOString() ?? null,
    source: sub.source,
    subscribed_at: sub.subscribedAt.toISOString(),
    stop_reason: sub.stopReason,
  };
}

/** A settings body in the verbs' terms. */
export function settingsInput(body: z.infer<typeof sequencePatchBody>) {
  return {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.enabled !== undefined && { enabled: body.enabled }),
    ...(body.resubscribe !== undefined && { resubscribe: body.resubscribe }),
    ...(body.stop_button !== undefined && { stopButton: body.stop_button }),
    ...(body.on_registration !== undefined && { onRegistration: body.on_registration }),
    ...(body.trigger_tag !== undefined && { triggerTag: body.trigger_tag }),
    ...(body.trigger_deeplink !== undefined && { triggerDeeplink: body.trigger_deeplink }),
    ...(body.trigger_campaign_id !== undefined && { triggerCampaignId: body.trigger_campaign_id }),
  };
}

/** A step body in the verbs' terms. */
export function stepInput(body: z.infer<typeof stepBody>): StepInput {
  const content: StepInput["content"] = body.copy
    ? { type: "copy", fromChatId: body.copy.from_chat_id, messageId: body.copy.message_id }
    : body.album
      ? { type: "album", fromChatId: body.album.from_chat_id, messageIds: body.album.message_ids }
      : body.poll
        ? pollContentFrom(body.poll)
        : { type: "text", text: body.text ?? "", ...(body.parse_mode && { parseMode: body.parse_mode }) };
  return {
    content,
    buttons: body.buttons ?? [],
    formButton: body.form_button ? { formId: body.form_button.form_id, text: body.form_button.text } : null,
    delayMs: body.delay_minutes * 60_000,
    window: body.window ? { start: minutesOf(body.window.start), end: minutesOf(body.window.end) } : null,
  };
}
