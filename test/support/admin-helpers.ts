import type { Harness } from "./bot-harness.js";
import type { SimUser } from "./fake-telegram/index.js";

/** Sends /admin as `admin` (the owner by default) and presses the given menu labels in order. */
export async function openAdmin(
  h: Harness,
  labels: Array<string | RegExp>,
  admin: SimUser = h.owner,
): Promise<void> {
  await h.send(h.fake.updates.command(admin, "admin"));
  for (const label of labels) await h.press(admin, label);
}

/** The newest message the bot has in the admin's chat that carries inline buttons (the menu); a photo page's text is its caption. */
export function currentMenu(h: Harness, admin: SimUser = h.owner) {
  const message = h.fake.messagesTo(admin.id).findLast((m) => h.fake.inlineButtons(m).length > 0);
  if (!message) throw new Error(`no menu in chat ${admin.id}`);
  return {
    text: message.text ?? message.caption ?? "",
    buttons: h.fake.inlineButtons(message).map((b) => b.text),
    message,
  };
}
