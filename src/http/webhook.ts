import type { OpenAPIHono } from "@hono/zod-openapi";
import { type Bot, BotError, webhookCallback } from "grammy";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "pino";
import type { UsherContext } from "../bot/context.js";
import { secretMatcher } from "./auth.js";
import { ApiError, errorJson } from "./errors.js";

export interface WebhookDeps {
  bot: Bot<UsherContext>;
  /** The path of WEBHOOK_URL, e.g. /telegram. */
  path: string;
  /** WEBHOOK_SECRET: Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  secret: string;
  logger: Logger;
  /** Called for each authenticated, well-formed update as it arrives (health: time of the last one). */
  onUpdate?: () => void;
  /** How long Telegram's request may wait for its update to be handled; 10 s by default. */
  replyWithinMs?: number;
}

const secretHeader = "X-Telegram-Bot-Api-Secret-Token";
/** Updates are a few kilobytes; anything near this is not from Telegram. */
const maxUpdateBytes = 1024 * 1024;
const defaultReplyWithinMs = 10_000;

/** Refuses requests without the secret before reading their body, in the API's error shape. */
function requireSecret(secret: string): MiddlewareHandler {
  const matches = secretMatcher(secret);
  return async (c, next) => {
    const sent = c.req.header(secretHeader);
    if (sent === undefined || !matches(sent)) {
      return errorJson(c, new ApiError(401, "unauthorized", `Missing or wrong ${secretHeader}`));
    }
    await next();
  };
}

const isUpdate = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  Number.isSafeInteger((value as { update_id?: unknown }).update_id);

/**
 * POST <path>: updates from Telegram, handed to grammY's webhook callback. Telegram gets its answer
 * once the update is handled or after `replyWithinMs`, whichever comes first: a slow handler (a CSV
 * import, a flood wait) keeps running, but Telegram must not time out and send the update again.
 */
export function registerWebhookRoute(app: OpenAPIHono, deps: WebhookDeps): void {
  const { bot, logger } = deps;
  const replyWithinMs = deps.replyWithinMs ?? defaultReplyWithinMs;
  // The deadline is kept below rather than by grammY's onTimeout: past its timeout grammY leaves a
  // failing update's rejection unhandled, and Node ends the process on that.
  const handle = webhookCallback(bot, "hono", {
    secretToken: deps.secret,
    timeoutMilliseconds: Number.POSITIVE_INFINITY,
  });
  app.post(
    deps.path,
    requireSecret(deps.secret),
    bodyLimit({
      maxSize: maxUpdateBytes,
      onError: (c) => errorJson(c, new ApiError(413, "payload_too_large", "An update is never this large")),
    }),
    async (c) => {
      const update = await c.req.json().catch(() => undefined);
      if (!isUpdate(update)) {
        throw new ApiError(400, "invalid_request", "The body is not a Telegram Update (JSON with update_id)");
      }
      deps.onUpdate?.();
      const handled = handle(c).then(
        () => "done" as const,
        async (error: unknown) => {
          if (!(error instanceof BotError)) throw error;
          // As in long polling: the bot's error handler logs it, and the update counts as handled
          // (a 500 would make Telegram send it again and again).
          await bot.errorHandler(error as BotError<UsherContext>);
          return "done" as const;
        },
      );
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), replyWithinMs);
      });
      try {
        if ((await Promise.race([handled, deadline])) === "late") {
          logger.warn(
            { afterMs: replyWithinMs },
            "update still being handled: answered Telegram, the work goes on",
          );
          handled.catch((error: unknown) =>
            logger.error({ err: error }, "update failed after Telegram was answered"),
          );
        }
      } finally {
        clearTimeout(timer);
      }
      return c.body(null, 200);
    },
  );
}
