import type { Api } from "grammy";

/** One new-user alert or digest to an admin: a new message, or an edit of the digest already sent. */
export interface AdminAlert {
  chatId: number;
  text: string;
  editMessageId?: number;
}

/**
 * Every new-user alert and digest goes out through here (the one place to give them their turn in
 * the outgoing budget). Returns the message id.
 */
export async function sendAlert(api: Api, alert: AdminAlert): Promise<number> {
  if (alert.editMessageId === undefined) return (await api.sendMessage(alert.chatId, alert.text)).message_id;
  await api.editMessageText(alert.chatId, alert.editMessageId, alert.text);
  return alert.editMessageId;
}
