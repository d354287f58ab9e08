import type { z } from "@hono/zod-openapi";
import { deliveriesCsv } from "../../features/mailing/deliveries-csv.js";
import type { LanguageDeliveries } from "../../features/mailing/delivery-language-repository.js";
import type { MailingContent } from "../../features/mailing/mailing.js";
import { controlMailing, createMailing } from "../../features/mailing/mailing-commands.js";
import type { MailingRecord } from "../../features/mailing/mailing-repository.js";
import type { MailingVariant } from "../../features/mailing/mailing-variants.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { csvDownload } from "../csv-download.js";
import { ApiError, notFound } from "../errors.js";
import { newMailingInput, scheduledInput } from "./mailing-input.js";
import { pollContentJson } from "./mailing-polls.js";
import {
  type contentSchema,
  controlRoute,
  createCheckRoute,
  createMailingRoute,
  csvRoute,
  getRoute,
  listRoute,
  type mailingSchema,
} from "./mailing-schemas.js";
import { messageContentJson, variantsJson } from "./mailing-variants.js";

function contentJson(content: MailingContent): z.infer<typeof contentSchema> {
  if (content.type === "poll") return pollContentJson(content);
  if (content.type !== "album") return messageContentJson(content);
  return { type: "album", from_chat_id: content.fromChatId, message_ids: content.messageIds };
}

function toMailingJson(
  m: MailingRecord,
  errors: Array<{ errorKind: string; count: number }>,
  variants: readonly MailingVariant[],
  languages: readonly LanguageDeliveries[],
): z.infer<typeof mailingSchema> {
  const message = m.payload.kind === "message" ? m.payload : null;
  const iso = (at: Date | null) => (at === null ? null : at.toISOString());
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    created_at: m.createdAt.toISOString(),
    scheduled_at: iso(m.scheduledAt),
    started_at: iso(m.startedAt),
    finished_at: iso(m.finishedAt),
    content: message ? contentJson(message.content) : null,
    buttons: message ? message.buttons.map((row) => row.map((b) => ({ text: b.text, url: b.url }))) : [],
    variants: variantsJson(variants),
    audience: {
      segment: m.audience.segment ?? "",
      include_dead: m.audience.includeDead,
      time_zone: m.audience.timeZone ?? null,
    },
    options: {
      dead_after: m.options.deadAfter,
      rate: m.options.ratePerSecond,
      paid_broadcast: m.options.paidBroadcast,
      silent: m.options.silent,
      protect_content: m.options.protectContent,
      pin: m.options.pin,
      track_clicks: m.options.trackClicks !== false,
      topic_button: m.options.topicButton !== false,
    },
    counts: {
      total: m.total,
      sent: m.sent,
      failed: m.failed,
      unknown: m.unknown,
      pending: Math.max(0, m.total - m.sent - m.failed - m.unknown),
      newly_dead: m.newlyDead,
      revived: m.revived,
    },
    estimated_recipients: m.estimatedRecipients,
    errors: errors.map((e) => ({ error_class: e.errorKind, count: e.count })),
    languages: languages.map((l) => ({ ...l })),
  };
}

/** The handlers of `/api/mailings` and `/api/check-users`: parse, call the mailing verbs, render. */
export function registerMailingRoutes(api: ApiApp, { services }: HttpDeps): void {
  const render = (m: MailingRecord) =>
    toMailingJson(
      m,
      services.mailings.failureBreakdown(m.id),
      services.mailingVariants.list(m.id),
      services.deliveryLanguages.byLanguage(m.id),
    );
  const findOrThrow = (id: number) => {
    const m = services.mailings.find(id);
    if (!m) throw notFound(`Mailing ${id}`);
    return m;
  };

  api.openapi(createMailingRoute, (c) => {
    const input = newMailingInput(services.settings, c.req.valid("json"));
    return c.json(render(createMailing(services, actorOf(c), input).mailing), 201);
  });

  api.openapi(createCheckRoute, (c) => {
    const input = scheduledInput(services.settings, "check_users", c.req.valid("json"), { kind: "probe" });
    return c.json(render(createMailing(services, actorOf(c), input).mailing), 201);
  });

  api.openapi(listRoute, (c) => {
    const query = c.req.valid("query");
    const page = services.mailings.page({
      kind: query.kind,
      limit: query.limit,
      beforeId: query.cursor === undefined ? undefined : Number(query.cursor),
      offset: query.offset,
    });
    const last = page.at(-1);
    return c.json(
      {
        mailings: page.map((m) => render(m)),
        next_cursor: page.length === query.limit && last ? String(last.id) : null,
      },
      200,
    );
  });

  api.openapi(getRoute, (c) => c.json(render(findOrThrow(c.req.valid("param").id)), 200));

  api.openapi(csvRoute, (c) => {
    const m = findOrThrow(c.req.valid("param").id);
    const file = `${m.kind === "check_users" ? "check-users" : "mailing"}-${m.id}.csv`;
    return csvDownload(c, deliveriesCsv(services.mailings, m.id), file);
  });

  for (const action of ["pause", "resume", "cancel"] as const) {
    api.openapi(controlRoute(action), (c) => {
      const id = c.req.valid("param").id;
      const result = controlMailing(services, actorOf(c), { id, action });
      if (!result.changed) {
        throw new ApiError(
          409,
          "invalid_transition",
          `Mailing ${id} is ${result.before}: it cannot be ${action === "cancel" ? "cancelled" : `${action}d`} now`,
        );
      }
      return c.json(render(result.mailing), 200);
    });
  }
}
