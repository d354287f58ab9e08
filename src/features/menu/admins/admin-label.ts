import type { Services } from "../../../bot/services.js";
import { texts } from "../../../texts/admin-admins.js";
import { operatorId } from "../../admins/admin-rights.js";
import { visibleName } from "../../users/display-name.js";

/** How an admin is named in the menu: name (and @username) when the bot knows them, else "id N". */
export function adminLabel(services: Pick<Services, "users">, id: number): string {
  if (id === operatorId) return texts.operator;
  const person = services.users.find(id);
  if (!person) return `id ${id}`;
  const first = visibleName(person.firstName);
  const last = visibleName(person.lastName);
  const name = first === null ? null : last === null ? first : `${first} ${last}`;
  const handle = person.username ? `@${person.username}` : null;
  if (name !== null && handle !== null) return `${name} (${handle})`;
  return name ?? handle ?? `id ${id}`;
}
