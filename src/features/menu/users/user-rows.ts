import type { Services } from "../../../bot/services.js";
import { texts } from "../../../texts/admin-users.js";
import { fillTemplate } from "../../content/template.js";
import { attributeKeyOf, listFieldValue } from "../../users/list-fields.js";
import { attributesOfUsers, tagsOfUsers } from "../../users/user-list-repository.js";
import type { UserRecord } from "../../users/user-repository.js";
import { nameOf } from "./card-text.js";

/** The fields rows show now, in words for the 👥 Users page. */
export function rowFieldsLine(services: Services): string {
  const fields = services.settings.get("users").listFields;
  return fillTemplate(texts.rowFieldsLine, {
    fields: fields.length === 0 ? texts.rowFieldsNone : fields.join(", "),
  });
}

/** One line per user of a list: name and id, then their tags and the row fields the owner picked. */
export function userRows(services: Services, users: readonly UserRecord[]): string[] {
  const fields = services.settings.get("users").listFields;
  const ids = users.map((user) => user.id);
  const tags = tagsOfUsers(services.db, ids);
  const keys = fields.flatMap((field) => attributeKeyOf(field) ?? []);
  const attributes = attributesOfUsers(services.db, ids, keys);
  return users.map((user) => {
    const own = tags.get(user.id) ?? [];
    const parts = [
      fillTemplate(texts.rowLine, { name: nameOf(user), id: user.id }),
      ...(own.length > 0 ? [fillTemplate(texts.rowTags, { tags: own.join(", ") })] : []),
      ...fields.map((field) => {
        const { label, value } = listFieldValue(user, field, attributes.get(user.id) ?? new Map());
        return fillTemplate(texts.rowField, { label, value: value ?? texts.rowEmpty });
      }),
    ];
    return parts.join(" · ");
  });
}
