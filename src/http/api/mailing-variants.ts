import { z } from "@hono/zod-openapi";
import type { MessageContent } from "../../features/content/message-content.js";
import {
  type MailingVariant,
  type MailingVariantInput,
  maxVariants,
} from "../../features/mailing/mailing-variants.js";
import { copyContentSchema, copyInput, messageTextInput, textContentSchema } from "../schemas.js";

/** A variant as POST /api/mailings takes it: a segment, and a text or a message to copy. */
const variantInput = z
  .object({
    segment: z.string().min(1).max(8192).meta({
      description: "Who gets this variant, in the filter language (dates in the mailing time zone)",
      example: "attr.plan=pro",
    }),
    text: messageTextInput.optional(),
    parse_mode: z.enum(["HTML", "MarkdownV2"]).optional(),
    disable_link_preview: z.boolean().optional(),
    copy: copyInput.optional().meta({ description: "A message to copy instead of a text" }),
  })
  .strict()
  .superRefine((variant, ctx) => {
    if ((variant.text === undefined) === (variant.copy === undefined))
      ctx.addIssue({ code: "custom", path: ["text"], message: "send one of text or copy" });
    if (variant.text === undefined) {
      for (const key of ["parse_mode", "disable_link_preview"] as const) {
        if (variant[key] !== undefined)
          ctx.addIssue({ code: "custom", path: [key], message: "only with text" });
      }
    }
  });

/** The `variants` field of a new mailing. */
export const variantsInput = z.array(variantInput).max(maxVariants).meta({
  description:
    "Other messages for some recipients: each gets the first variant whose segment selects them, else the mailing's own message",
});

/** A stored variant as the API shows it. */
export const variantSchema = z
  .object({
    position: z.number().int().meta({ description: "0-based: the first that matches wins" }),
    segment: z.string(),
    time_zone: z.string().meta({ description: "The zone the segment's days are read in" }),
    content: z.discriminatedUnion("type", [textContentSchema, copyContentSchema]),
  })
  .meta({ id: "MailingVariant" });

/** A message content as the API shows it. */
export function messageContentJson(content: MessageContent): z.infer<typeof variantSchema>["content"] {
  if (content.type === "copy")
    return { type: "copy", from_chat_id: content.fromChatId, message_id: content.messageId };
  return {
    type: "text",
    text: content.text,
    parse_mode: content.parseMode ?? null,
    disable_link_preview: content.disableLinkPreview ?? false,
  };
}

/** Stored variants as the API shows them. */
export function variantsJson(variants: readonly MailingVariant[]): z.infer<typeof variantSchema>[] {
  return variants.map((v) => ({
    position: v.position,
    segment: v.segment,
    time_zone: v.timeZone,
    content: messageContentJson(v.content),
  }));
}

/** The request's variants as the verb takes them. */
export function variantsOf(body: z.infer<typeof variantsInput> | undefined): MailingVariantInput[] {
  return (body ?? []).map((v) => ({
    segment: v.segment,
    content: v.copy
      ? { type: "copy", fromChatId: v.copy.from_chat_id, messageId: v.copy.message_id }
      : {
          type: "text",
          text: v.text as string,
          ...(v.parse_mode && { parseMode: v.parse_mode }),
          ...(v.disable_link_preview && { disableLinkPreview: true }),
        },
  }));
}
