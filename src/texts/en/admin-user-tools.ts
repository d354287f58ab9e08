/** Admin-facing texts of 🧰 User tools. Placeholders are filled with fillTemplate. */
export const texts = {
  pageTitle:
    "🧰 User tools\n\nExport or import users as CSV, create a user by hand, or tag and set attributes on a whole segment at once.",
  exportButton: "📤 Export CSV",
  importButton: "📥 Import CSV",
  createButton: "➕ Create user",
  bulkTagButton: "🏷 Bulk tag",
  bulkAttributeButton: "🔑 Bulk attribute",

  askSegment: "Which users? Send a segment, e.g. “tag:vip status:active -tag:test”, or “all” for everyone.",
  segmentNotText: "Please send the segment as text, or “all” for everyone.",
  exportCaption: "👥 {count} users",
  nobodyMatches: "No user matches this segment. Nothing was changed.",

  askFile: "Send the CSV file as a document (comma, semicolon or tab separated; up to 20 MB).",
  notDocument: "Please send the CSV file as a document (📎 → File), not as text or a photo.",
  tooBig:
    "This file is {size} MB; Telegram lets bots download files up to 20 MB. Split it and send the parts.",
  notCsv:
    "“{name}” does not look like a CSV file. Export a .csv file (comma, semicolon or tab separated) and send that.",
  downloadFailed: "The file could not be downloaded from Telegram. Send it again.",
  fileRefused: "❌ “{name}” cannot be imported:\n{problems}",
  dryRunTitle: "🔍 Dry run of “{name}”: nothing was changed yet.",
  dryRunCounts:
    "Rows: {rows} · fine: {fine} · wrong: {wrong}\nWould create {created}, update {updated}, leave {unchanged} unchanged.",
  wrongRowsTitle: "Wrong rows (first {shown} of {wrong}):",
  wrongRow: "line {line}: {problems}",
  nothingToImport: "No row can be imported. Fix the file and send it again.",
  askImportChoice: "Import the file?",
  importAll: "✅ Import all",
  importValidOnly: "☑️ Import valid rows only",
  cancel: "❌ Cancel",
  useButtons: "Please answer with one of the buttons below.",
  importAllRefused:
    "{wrong} rows are wrong, so “Import all” would import nothing. Choose “Import valid rows only”, or cancel and fix the file.",
  importChanged:
    "The file's result changed since the dry run (the users changed meanwhile). Nothing was imported; send the file again.",
  importInProgress: "⏳ Another import is being applied right now. Send this file again when it is done.",
  importInterrupted:
    "⏳ An earlier import was interrupted and is being finished. Send this file again in a few seconds.",
  importDone: "✅ Imported: created {created}, updated {updated}, unchanged {unchanged}, skipped {skipped}.",
  cancelled: "Cancelled. Nothing was changed.",

  askKeys:
    "Send the new user's Telegram id and/or phone or email, separated by spaces, e.g. “123456789”, “+60123456789 ann@example.com”. A phone starts with +.",
  keysNotText: "Please send the id, phone or email as text.",
  badKeyToken: "“{token}” is neither a Telegram id (digits), a phone (starting with +) nor an email.",
  twoOfAKind: "Send at most one Telegram id, one phone and one email.",
  askFirstName: "The first name? Send - for none (the user then appears as “Dear User”).",
  askLastName: "The last name? Send - for none.",
  nameTooLong: "A name is at most {max} characters.",
  nameNotText: "Please send the name as text, or - for none.",
  created: "✅ Created user {id}.",
  createdWithoutTelegram:
    "✅ Created contact {id}. Without a Telegram id they cannot be messaged until they show up on Telegram.",
  notCreated: "❌ The user was not created:\n{problems}",

  askTag: "Send +tag to add a tag, or -tag to remove it (letters, digits, _ and -, up to 32), e.g. “+vip”.",
  badTag: "Send + or - followed by the tag, e.g. “+vip” or “-trial”; a tag is 1–32 of a–z, 0–9, _ and -.",
  confirmAddTag: "Add tag “{tag}” to {count} users?",
  confirmRemoveTag: "Remove tag “{tag}” from {count} users?",
  askAttribute: "Send key=value to set an attribute, or -key to remove it, e.g. “plan=gold” or “-plan”.",
  badAttribute: "Send key=value or -key; a key is 1–64 of a–z, 0–9 and _, a value at most 1 KB.",
  confirmSetAttribute: "Set {key} = “{value}” on {count} users?",
  confirmUnsetAttribute: "Remove attribute {key} from {count} users?",
  apply: "✅ Apply",
  bulkDone: "✅ Done: {changed} of {count} users changed.",
} as const;

/** What is wrong with a row or a whole file, in words. */
export const problemTexts = {
  cell_count: "{got} cells where the header has {expected}",
  no_key: "no Telegram id, phone or email",
  invalid: "{column} “{value}” is not valid",
  too_long: "{column} is longer than {max}",
  value_in_unnamed_column: "a value in column {position}, which has no header",
  active_without_telegram_id: "status active needs a Telegram id",
  duplicate: "{field} “{value}” is also on line {first_line}",
  conflict: "{field} belongs to another user ({user_id})",
  bad_attribute_name: "column “{header}” is not a valid attribute name (a–z, 0–9 and _, up to 64)",
  same_field: "columns “{first}” and “{second}” mean the same field",
  same_attribute: "columns “{first}” and “{second}” are the same attribute",
  no_key_column: "no Telegram id, phone or email column",
  empty: "the file is empty",
  not_utf8: "the file is not UTF-8 text",
  malformed: "line {line} cannot be read: {message}",
  createInvalid: "{field} is not valid",
  createTooLong: "{field} is longer than {max} characters",
  createDuplicate: "user {user_id} already has this {field}",
} as const;

/** Field names in words, for problems that name a field. */
export const fieldLabels: Record<string, string> = {
  telegramId: "Telegram id",
  firstName: "first name",
  lastName: "last name",
  username: "username",
  languageCode: "language",
  chosenLanguage: "chosen language",
  phone: "phone",
  email: "email",
  timezone: "timezone",
  gender: "gender",
  tags: "tags",
  status: "status",
  registeredAt: "registration date",
  notes: "notes",
};
