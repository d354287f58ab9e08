import { GrammyError, HttpError, type Transformer } from "grammy";

/**
 * What a failed Bot API call means for Usher. The one place that reads error codes and
 * descriptions; everything else branches on `kind`.
 */
export type TelegramFailure =
  | { kind: "blocked" | "deactivated" | "chat_not_found" | "cannot_initiate"; description: string }
  | { kind: "rate_limited"; retryAfterSeconds: number; description: string }
  | { kind: "inaccessible"; description: string }
  | { kind: "not_modified" | "message_gone"; description: string }
  /** A file_id or photo Telegram will not use (no longer known, or not a valid image). */
  | { kind: "file_refused"; description: string }
  | { kind: "transient"; description: string }
  | { kind: "unknown"; description: string };

/** Kinds that mean the user cannot be reached: they count toward "Dead After". */
export const unreachableKinds = new Set(["blocked", "deactivated", "chat_not_found", "cannot_initiate"]);

/** Telegram's answer to an edit that would leave the message exactly as it is. */
const notModified = (description: string) => description.toLowerCase().includes("message is not modified");

/**
 * An API transformer that turns "message is not modified" into success: an edit that changes
 * nothing (a double tap, a menu re-rendered as it stands) has done what it was asked.
 */
export const ignoreUnmodifiedEdits: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (
    !response.ok &&
    response.error_code === 400 &&
    method.startsWith("edit") &&
    notModified(response.description)
  ) {
    return { ok: true, result: true as never };
  }
  return response;
};

export function classifyTelegramError(error: unknown): TelegramFailure {
  if (error instanceof HttpError) return { kind: "transient", description: error.message };
  if (!(error instanceof GrammyError)) {
    return { kind: "unknown", description: error instanceof Error ? error.message : String(error) };
  }
  const description = error.description;
  const text = description.toLowerCase();
  if (error.error_code === 429) {
    return { kind: "rate_limited", retryAfterSeconds: error.parameters.retry_after ?? 1, description };
  }
  if (error.error_code >= 500) return { kind: "transient", description };
  if (error.error_code === 403) {
    if (text.includes("bot was blocked by the user")) return { kind: "blocked", description };
    if (text.includes("user is deactivated")) return { kind: "deactivated", description };
    if (text.includes("can't initiate conversation") || text.includes("bot can't send messages to bots")) {
      return { kind: "cannot_initiate", description };
    }
    if (text.includes("not a member") || text.includes("was kicked"))
      return { kind: "inaccessible", description };
  }
  if (error.error_code === 400) {
    if (notModified(description)) return { kind: "not_modified", description };
    if (text.includes("message to edit not found") || text.includes("message to delete not found")) {
      return { kind: "message_gone", description };
    }
    if (text.includes("member list is inaccessible") || text.includes("not enough rights")) {
      return { kind: "inaccessible", description };
    }
    if (
      /wrong (remote )?file identifier|wrong file_id|photo_invalid|image_process_failed|media_empty/.test(
        text,
      )
    ) {
      return { kind: "file_refused", description };
    }
    if (
      text.includes("chat not found") ||
      text.includes("user not found") ||
      text.includes("peer_id_invalid")
    ) {
      return { kind: "chat_not_found", description };
    }
  }
  return { kind: "unknown", description };
}
