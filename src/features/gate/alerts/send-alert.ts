import type { Api } from "grammy";
import { atPriority } from "../../../telegram/outgoing/priority.js";

/** One new-user alert or digest to an admin: a new message, or an edit of the digest already sent. */
export interface AdminAlert {
  chatId: number;
  text: string;
  editMessageId?: number;
}

/**
 * Every new-user alert and digest goes out through here, at an alert's turn in the outgoing budget
 * (after replies to people, before broadcasts): an update's client takes it on the call, the digest
 * timer before it (to claim its first message only then). Returns the message id.
 */
export async function sendAlert(api: Api, alert: AdminAlert): Promise<number> {
  const { chatId, text, editMessageId } = alert;
  const asAlert = atPriority("alert");
  if (editMessageId === undefined) return (await api.sendMessage(chatId, text, asAlert)).message_id;
  await api.editMessageText(chatId, editMessageId, text, asAlert);
  return editMessageId;
}
