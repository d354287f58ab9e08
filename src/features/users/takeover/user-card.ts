import type { UserRecord } from "../../../db/schema/index.js";
import { texts } from "../../../texts/admin-takeover.js";
import { renderTemplate } from "../../content/template.js";
import { displayName } from "../display-name.js";

/** The short card that precedes a paused user's relayed messages: name (or Dear User), id, username, contacts. */
export function userCardText(
  user: Pick<UserRecord, "id" | "firstName" | "lastName" | "username" | "phone" | "email">,
  dearUser: string,
): string {
  const contacts = [user.phone && `📞 ${user.phone}`, user.email && `✉️ ${user.email}`].filter(Boolean);
  return renderTemplate(texts.card, {
    name: displayName(user, dearUser),
    id: String(user.id),
    username: user.username ? `@${user.username}` : texts.noUsername,
    contact: contacts.length > 0 ? `\n${contacts.join(" · ")}` : "",
  }).text;
}
