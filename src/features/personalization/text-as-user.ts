import type { UserRecord } from "../../db/schema/index.js";
import type { TextContent } from "../content/message-content.js";
import { renderTextContent, type TextFormatting } from "../content/text-content.js";
import type { UserRepository } from "../users/user-repository.js";
import type { DearUserDeps } from "./dear-user.js";
import { fieldsOfSnapshot } from "./recipient-fields.js";
import { recipientSnapshot } from "./recipient-snapshot.js";

/** An admin-defined text exactly as `user` would get it: their fields and attributes filled, formatting moved to fit. */
export function textAsUser(
  services: { users: UserRepository } & DearUserDeps,
  content: TextContent,
  user: UserRecord,
): { text: string; formatting: TextFormatting } {
  return renderTextContent(content, fieldsOfSnapshot(recipientSnapshot(services, user)));
}
