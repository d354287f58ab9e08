/**
 * The profile fields an import reads and fills; an empty cell leaves the stored value. `languageCode`
 * is the language Telegram reports, `chosenLanguage` the one the user chose or an admin set.
 */
export const profileFields = [
  "firstName",
  "lastName",
  "username",
  "languageCode",
  "chosenLanguage",
  "phone",
  "email",
  "timezone",
  "gender",
] as const;

/** The user fields a CSV import can fill. */
export const importFields = [
  "telegramId",
  ...profileFields,
  "tags",
  "status",
  "registeredAt",
  "notes",
] as const;
export type ImportField = (typeof importFields)[number];

/** The fields that find an existing user, in the order they are tried. */
export const keyFields = ["telegramId", "phone", "email"] as const satisfies readonly ImportField[];

/**
 * Header names of each field, as `columnKey` normalises them, from the strongest to the weakest:
 * when a file has several, the strongest gives the field and the others become attributes (a
 * Manychat export has both Locale, `en_US`, and Language, `English`).
 */
const aliases: Record<ImportField, readonly (readonly string[])[]> = {
  telegramId: [["telegram_id", "tg_id", "telegram_user_id"], ["user_id", "id"], ["subscriber_id"]],
  firstName: [["first_name", "firstname", "given_name"]],
  lastName: [["last_name", "lastname", "surname", "family_name"]],
  username: [["username", "telegram_username", "user_name"]],
  languageCode: [["language_code", "lang_code"], ["locale"], ["language", "lang"]],
  chosenLanguage: [["chosen_language"]],
  phone: [["phone", "phone_number", "mobile", "mobile_number"]],
  email: [["email", "e_mail", "email_address"]],
  timezone: [["timezone", "time_zone", "tz"]],
  gender: [["gender", "sex"]],
  tags: [["tags", "tag"]],
  status: [["status"]],
  registeredAt: [
    ["registered_at", "registered"],
    ["created_at", "subscribed_at", "signed_up_at"],
  ],
  notes: [["notes", "note"]],
};

/** Columns of Usher's own export that an import reads past: the bot keeps these itself. */
export const exportOnlyColumns = [
  "premium",
  "first_seen_at",
  "last_seen_at",
  "dead_at",
  "dead_reason",
  "referrer_id",
  "campaign",
  "referral_count",
  "sessions",
  "messages",
  "clicks",
  "time_spent_seconds",
  "average_sentiment",
  "last_message",
  "last_message_at",
  "imported_at",
] as const;

/** The standard columns of an export, in order; attribute columns follow them. */
export const exportColumns = [
  "telegram_id",
  "first_name",
  "last_name",
  "username",
  "language",
  "chosen_language",
  "phone",
  "email",
  "timezone",
  "gender",
  "status",
  "tags",
  "registered_at",
  "notes",
  ...exportOnlyColumns,
] as const;

/** A header that starts with this always names an attribute, whatever follows. */
export const attributePrefix = "attribute:";

export const attributeKeyPattern = /^[a-z0-9_]{1,64}$/;

const byAlias = new Map<string, { field: ImportField; rank: number }>();
for (const field of importFields) {
  aliases[field].forEach((names, rank) => {
    for (const name of names) byAlias.set(name, { field, rank });
  });
}
const exportOnly = new Set<string>(exportOnlyColumns);

/** A header in snake_case: `Telegram ID`, `telegramId` and `telegram-id` all give `telegram_id`. */
export function columnKey(header: string): string {
  return header
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** The attribute key a column name gives, or null when it cannot give one (`[a-z0-9_]{1,64}`). */
export function attributeKey(header: string): string | null {
  const key = columnKey(header);
  return attributeKeyPattern.test(key) ? key : null;
}

export type ColumnRole =
  | { kind: "field"; field: ImportField }
  | { kind: "attribute"; key: string }
  /** One of Usher's export-only columns. */
  | { kind: "ignored" }
  /** A column without a header: its cells must be empty. */
  | { kind: "unnamed" };

export interface PlannedColumn {
  header: string;
  role: ColumnRole;
}

export type ColumnProblem =
  | { kind: "bad_attribute_name"; header: string }
  | { kind: "same_field"; field: ImportField; headers: [string, string] }
  | { kind: "same_attribute"; key: string; headers: [string, string] }
  | { kind: "no_key_column" };

export type ColumnPlan = { ok: true; columns: PlannedColumn[] } | { ok: false; problems: ColumnProblem[] };

/** What each column of a header row holds, or why the header cannot be imported. */
export function planColumns(headers: readonly string[]): ColumnPlan {
  const strongest = new Map<ImportField, number>();
  for (const header of headers) {
    const alias = byAlias.get(columnKey(header));
    if (alias && alias.rank < (strongest.get(alias.field) ?? Number.POSITIVE_INFINITY))
      strongest.set(alias.field, alias.rank);
  }

  const problems: ColumnProblem[] = [];
  const fieldHeaders = new Map<ImportField, string>();
  const attributeHeaders = new Map<string, string>();
  const columns: PlannedColumn[] = [];
  for (const header of headers) {
    const role = roleOf(header, strongest);
    if (role === null) {
      problems.push({ kind: "bad_attribute_name", header });
      continue;
    }
    if (role.kind === "field") {
      const earlier = fieldHeaders.get(role.field);
      if (earlier !== undefined)
        problems.push({ kind: "same_field", field: role.field, headers: [earlier, header] });
      fieldHeaders.set(role.field, header);
    } else if (role.kind === "attribute") {
      const earlier = attributeHeaders.get(role.key);
      if (earlier !== undefined)
        problems.push({ kind: "same_attribute", key: role.key, headers: [earlier, header] });
      attributeHeaders.set(role.key, header);
    }
    columns.push({ header, role });
  }
  if (!keyFields.some((field) => fieldHeaders.has(field))) problems.push({ kind: "no_key_column" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns };
}

/** The role of one header given the strongest alias present for each field; null for a name no attribute can have. */
function roleOf(header: string, strongest: ReadonlyMap<ImportField, number>): ColumnRole | null {
  const trimmed = header.trim();
  if (trimmed === "") return { kind: "unnamed" };
  if (trimmed.toLowerCase().startsWith(attributePrefix)) {
    const rest = trimmed.slice(attributePrefix.length).trim();
    const key = attributeKeyPattern.test(rest) ? rest : attributeKey(rest);
    return key === null ? null : { kind: "attribute", key };
  }
  const name = columnKey(trimmed);
  const alias = byAlias.get(name);
  if (alias && strongest.get(alias.field) === alias.rank) return { kind: "field", field: alias.field };
  if (exportOnly.has(name)) return { kind: "ignored" };
  const key = attributeKey(trimmed);
  return key === null ? null : { kind: "attribute", key };
}

/** The header an export gives an attribute: its key, prefixed when the key alone would name a standard column. */
export function attributeHeader(key: string): string {
  const plain = !byAlias.has(key) && !exportOnly.has(key) && columnKey(key) === key;
  return plain ? key : `${attributePrefix}${key}`;
}
