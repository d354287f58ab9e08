import { type Api, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe, WebhookInfo } from "grammy/types";
import { type CheckResult, ok, problem } from "./check.js";

/** A webhook error older than this, with nothing waiting, is history rather than a problem. */
const staleErrorMs = 60 * 60 * 1000;

/** getMe: whether Telegram accepts the token; the bot itself when it does. */
export async function checkToken(
  api: Api,
  apiRoot: string,
): Promise<{ result: CheckResult; bot?: UserFromGetMe }> {
  try {
    const bot = await api.getMe();
    return { result: ok("token", `@${bot.username} (id ${bot.id})`), bot };
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      return {
        result: problem(
          "token",
          `BOT_TOKEN is rejected by Telegram (${error.error_code} ${error.description})`,
          "get a new one from @BotFather (/token) and put it in BOT_TOKEN",
        ),
      };
    }
    const reason = error instanceof HttpError ? error.message : String(error);
    return {
      result: problem(
        "token",
        `the Bot API at ${apiRoot} could not be reached: ${reason}`,
        "check this machine's network, or BOT_API_ROOT",
      ),
    };
  }
}

/**
 * getWebhookInfo against the mode Usher runs in: in webhook mode the registered URL and the last
 * delivery error; in polling mode a webhook left set, which makes Telegram refuse getUpdates.
 */
export async function checkWebhook(
  api: Api,
  webhookUrl: string | undefined,
  now: Date,
): Promise<CheckResult> {
  let info: WebhookInfo;
  try {
    info = await api.getWebhookInfo();
  } catch (error) {
    return problem("webhook", `getWebhookInfo failed: ${String(error)}`, "run doctor again in a moment");
  }
  const waiting = `${info.pending_update_count} update(s) waiting`;
  if (webhookUrl === undefined) {
    if (info.url !== "") {
      return problem(
        "webhook",
        `a webhook is set (${info.url}), and Telegram refuses long polling while it is; ${waiting}`,
        "another deployment may use this token in webhook mode: stop it, or set WEBHOOK_URL here (Usher in polling mode deletes the webhook when it starts)",
      );
    }
    return ok("webhook", `none (long polling); ${waiting}`);
  }
  if (info.url === "") {
    return problem(
      "webhook",
      `no webhook is registered with Telegram; ${waiting}`,
      "start Usher: it registers WEBHOOK_URL",
    );
  }
  if (info.url !== webhookUrl) {
    return problem(
      "webhook",
      `Telegram posts updates to ${info.url}, not to WEBHOOK_URL ${webhookUrl}; ${waiting}`,
      "another deployment may use this token: stop it, then start Usher here to register WEBHOOK_URL",
    );
  }
  if (info.last_error_date !== undefined) {
    const at = new Date(info.last_error_date * 1000);
    const error = `Telegram's last delivery to ${info.url} failed at ${at.toISOString()}: "${info.last_error_message ?? "unknown error"}"`;
    if (info.pending_update_count > 0 || now.getTime() - at.getTime() < staleErrorMs) {
      return problem(
        "webhook",
        `${error}; ${waiting}`,
        "make WEBHOOK_URL reach this server over HTTPS (ports 443, 80, 88 or 8443) through to Usher's HTTP_PORT, and keep Usher running",
      );
    }
    return ok("webhook", `${info.url}; ${waiting} (${error}, since recovered)`);
  }
  return ok("webhook", `${info.url}; ${waiting}`);
}
