import type { z } from "@hono/zod-openapi";
import type {
  MailingContent,
  MailingOptions,
  MailingPayload,
  UrlButton,
} from "../../features/mailing/mailing.js";
import { audienceFromSegment, type CreateMailingInput } from "../../features/mailing/mailing-commands.js";
import type { MailingKind } from "../../features/mailing/mailing-repository.js";
import type { MailingVariantInput } from "../../features/mailing/mailing-variants.js";
import type { SettingsRepository } from "../../features/settings/settings-repository.js";
import { pollContentFrom } from "./mailing-polls.js";
import type { checkUsersBody, createMailingBody } from "./mailing-schemas.js";
import { variantsOf } from "./mailing-variants.js";

type NewMailingBody = z.infer<typeof createMailingBody>;

function payloadOf(body: NewMailingBody): MailingPayload {
  const buttons: UrlButton[][] = (body.buttons ?? []).map((row) =>
    row.map((b) => ({ text: b.text, url: b.url })),
  );
  let content: MailingContent;
  if (body.copy) {
    content = { type: "copy", fromChatId: body.copy.from_chat_id, messageId: body.copy.message_id };
  } else if (body.album) {
    content = { type: "album", fromChatId: body.album.from_chat_id, messageIds: body.album.message_ids };
  } else if (body.poll) {
    content = pollContentFrom(body.poll);
  } else {
    content = {
      type: "text",
      text: body.text as string,
      ...(body.parse_mode && { parseMode: body.parse_mode }),
      ...(body.disable_link_preview && { disableLinkPreview: true }),
    };
  }
  return { kind: "message", content, buttons };
}

/** The verb's input from the fields mailings and checks share (audience, Dead After, rate, start). */
export function scheduledInput(
  settings: SettingsRepository,
  kind: MailingKind,
  body: z.infer<typeof checkUsersBody>,
  payload: MailingPayload,
  options: Partial<MailingOptions> = {},
  variants: MailingVariantInput[] = [],
): CreateMailingInput {
  const audience = audienceFromSegment(
    settings,
    { segment: body.audience?.segment, includeDead: body.audience?.include_dead },
    kind,
  );
  return {
    kind,
    payload,
    audience,
    variants,
    options: {
      ...options,
      ...(body.dead_after !== undefined && { deadAfter: body.dead_after }),
      ...(body.rate !== undefined && { ratePerSecond: body.rate }),
    },
    scheduledAt: body.schedule_at === undefined ? null : new Date(body.schedule_at),
  };
}

/** The verb's input from a `POST /api/mailings` body (a draft's preview reads the same body). */
export function newMailingInput(settings: SettingsRepository, body: NewMailingBody): CreateMailingInput {
  const options: Partial<MailingOptions> = {
    ...(body.paid_broadcast !== undefined && { paidBroadcast: body.paid_broadcast }),
    ...(body.silent !== undefined && { silent: body.silent }),
    ...(body.protect_content !== undefined && { protectContent: body.protect_content }),
    ...(body.pin !== undefined && { pin: body.pin }),
    ...(body.track_clicks !== undefined && { trackClicks: body.track_clicks }),
    ...(body.topic_button !== undefined && { topicButton: body.topic_button }),
  };
  return scheduledInput(settings, "mailing", body, payloadOf(body), options, variantsOf(body.variants));
}
