import { GrammyError, HttpError } from "grammy";
import { FileDownloadFailed, openTelegramFile } from "../../../features/users/photo-file.js";
import { refreshUserPhoto } from "../../../features/users/profile-photo.js";
import { pauseBot, resumeBot } from "../../../features/users/takeover/pause-bot.js";
import { UserActionError } from "../../../features/users/user-action-error.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { actorOf } from "../../actor.js";
import type { ApiApp, HttpDeps } from "../../app.js";
import { ApiError } from "../../errors.js";
import { userJsonOf } from "./json.js";
import * as routes from "./routes.js";

/** A refused photo refresh: the user's problem, Telegram's refusal (422) or Telegram out of reach (503). */
function photoError(error: unknown): unknown {
  if (error instanceof UserActionError) return error;
  if (!(error instanceof GrammyError || error instanceof HttpError)) return error;
  const failure = classifyTelegramError(error);
  if (failure.kind === "transient" || failure.kind === "rate_limited")
    return new ApiError(503, "telegram_unavailable", `Telegram did not answer: ${failure.description}`);
  return new ApiError(422, "telegram_refused", `Telegram refused: ${failure.description}`);
}

/** What only a user with a Telegram account has: the bot's chat with them (pause, resume) and their photo. */
export function registerTelegramAccountRoutes(api: ApiApp, deps: HttpDeps): void {
  const { services, telegram } = deps;
  api.openapi(routes.pause, (c) => {
    const { id } = c.req.valid("param");
    // Without a JSON body the validator is skipped and the body is {}: the default pause.
    const { minutes, until_resumed: untilResumed } = c.req.valid("json");
    const length = untilResumed ? null : (minutes ?? services.settings.get("users").pauseMinutes);
    pauseBot(services, actorOf(c), { userId: id, minutes: length });
    return c.json(userJsonOf(services, id), 200);
  });

  api.openapi(routes.resume, (c) => {
    const { id } = c.req.valid("param");
    resumeBot(services, actorOf(c), id);
    return c.json(userJsonOf(services, id), 200);
  });

  api.openapi(routes.getPhoto, async (c) => {
    const { id } = c.req.valid("param");
    const user = services.users.find(id);
    if (!user) throw new UserActionError("unknown_user", id);
    if (user.photoFileId === null)
      throw new ApiError(404, "no_photo", `User ${id} has no profile photo stored`);
    try {
      const file = await openTelegramFile(telegram, deps.fileFetch ?? fetch, user.photoFileId);
      return c.body(file.body, 200, {
        "Content-Type": file.contentType,
        ...(file.size !== undefined && { "Content-Length": String(file.size) }),
        "Cache-Control": "private, max-age=300",
      });
    } catch (error) {
      if (error instanceof FileDownloadFailed)
        throw new ApiError(503, "telegram_unavailable", "Telegram's file server did not hand over the photo");
      const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      if (retryAfter !== undefined) c.header("Retry-After", String(retryAfter));
      throw photoError(error);
    }
  });

  api.openapi(routes.refreshPhoto, async (c) => {
    const { id } = c.req.valid("param");
    try {
      const fileId = await refreshUserPhoto({ ...services, api: telegram }, actorOf(c), id);
      return c.json({ photo_file_id: fileId }, 200);
    } catch (error) {
      const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      if (retryAfter !== undefined) c.header("Retry-After", String(retryAfter));
      throw photoError(error);
    }
  });
}
