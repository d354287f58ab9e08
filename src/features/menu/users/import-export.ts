import { type Api, type Context, InputFile } from "grammy";
import type { Message } from "grammy/types";
import type { Services } from "../../../bot/services.js";
import { UsherError } from "../../../errors.js";
import { fieldLabels, problemTexts, texts } from "../../../texts/admin-user-tools.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import type { Actor } from "../../audit/audit-log.js";
import { fillTemplate } from "../../content/template.js";
import { tagPattern } from "../../gate/deeplinks/deeplink-tags.js";
import { parseSegment, type Segment, segmentCondition, segmentErrorText } from "../../segments/segment.js";
import {
  type AttributeChange,
  type BulkResult,
  bulkAttribute,
  bulkTag,
  type TagChange,
} from "../../users/bulk.js";
import { createUser } from "../../users/csv/create-user.js";
import { exportUsersCsv } from "../../users/csv/export-users.js";
import { type ImportReport, importUsers } from "../../users/csv/import-users.js";
import type { FileProblem, RowProblem } from "../../users/csv/parse-import.js";
import {
  checkedAttribute,
  checkedAttributeKey,
  maxNameLength,
  normalizeEmail,
  normalizePhone,
} from "../../users/profile-fields.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import {
  type AdminConversation,
  accept,
  ask,
  type InputExit,
  type Parsed,
  refuse,
  waitForAnswer,
} from "../ask.js";
import { usersPageId } from "../page-ids.js";
import { refusalReply } from "../refusal-replies.js";
import { replyKeyboard } from "../reply-keyboard.js";

export const usersToolsPageId = "admin-users-tools";

const conversationIds = {
  export: "admin-users-export",
  import: "admin-users-import",
  create: "admin-users-create",
  bulkTag: "admin-users-bulk-tag",
  bulkAttribute: "admin-users-bulk-attribute",
} as const;

/** Telegram's limit for files a bot downloads with getFile. */
const maxDownloadBytes = 20 * 1024 * 1024;
const csvMimeTypes = new Set([
  "text/csv",
  "text/comma-separated-values",
  "text/tab-separated-values",
  "text/plain",
  "application/csv",
  "application/vnd.ms-excel",
]);
const shownRowErrors = 20;
/**
 * Downloads a file the bot received, through the same API root and fetch the bot's client uses
 * (so a local Bot API server or a test double serves it too).
 */
export async function downloadFile(api: Api, fileId: string): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  if (file.file_path === undefined) throw new Error("getFile returned no file_path");
  const root = api.options?.apiRoot ?? "https://api.telegram.org";
  const download = (api.options?.fetch ?? globalThis.fetch) as unknown as typeof globalThis.fetch;
  const response = await download(`${root}/file/bot${api.token}/${file.file_path}`);
  if (!response.ok) throw new Error(`file download failed with HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// --- words

const label = (field: string) => fieldLabels[field] ?? field;

function rowProblemText(problem: RowProblem): string {
  switch (problem.kind) {
    case "invalid":
      return fillTemplate(problemTexts.invalid, { column: problem.column, value: problem.value });
    case "too_long":
      return fillTemplate(problemTexts.too_long, { column: problem.column, max: problem.max });
    case "cell_count":
      return fillTemplate(problemTexts.cell_count, { got: problem.got, expected: problem.expected });
    case "value_in_unnamed_column":
      return fillTemplate(problemTexts.value_in_unnamed_column, { position: problem.position });
    case "duplicate":
      return fillTemplate(problemTexts.duplicate, {
        field: label(problem.field),
        value: problem.value,
        first_line: problem.firstLine,
      });
    case "conflict":
      return fillTemplate(problemTexts.conflict, { field: label(problem.field), user_id: problem.userId });
    default:
      return problemTexts[problem.kind];
  }
}

function fileProblemText(problem: FileProblem): string {
  switch (problem.kind) {
    case "bad_attribute_name":
      return fillTemplate(problemTexts.bad_attribute_name, { header: problem.header });
    case "same_field":
    case "same_attribute":
      return fillTemplate(problemTexts[problem.kind], {
        first: problem.headers[0],
        second: problem.headers[1],
      });
    case "malformed":
      return fillTemplate(problemTexts.malformed, { line: problem.line, message: problem.message });
    default:
      return problemTexts[problem.kind];
  }
}

/** What a dry run found, small enough to keep in the conversation's state. */
interface DryRun {
  refused: string | null;
  fine: number;
  wrong: number;
  text: string;
}

function dryRunOf(name: string, report: ImportReport): DryRun {
  if (report.fileProblems.length > 0) {
    const problems = report.fileProblems.map((p) => `• ${fileProblemText(p)}`).join("\n");
    const text = fillTemplate(texts.fileRefused, { name, problems });
    return { refused: text, fine: 0, wrong: 0, text };
  }
  const wrong = report.skipped.length;
  const fine = report.rows - wrong;
  const lines = [
    fillTemplate(texts.dryRunTitle, { name }),
    fillTemplate(texts.dryRunCounts, {
      rows: report.rows,
      fine,
      wrong,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
    }),
  ];
  if (wrong > 0) {
    const shown = report.skipped.slice(0, shownRowErrors);
    lines.push("", fillTemplate(texts.wrongRowsTitle, { shown: shown.length, wrong }));
    for (const row of shown) lines.push(`line ${row.line}: ${row.problems.map(rowProblemText).join("; ")}`);
  }
  // Keep within one Telegram message even when values are long.
  const text = lines.join("\n");
  return { refused: null, fine, wrong, text: text.length > 4000 ? `${text.slice(0, 4000)}…` : text };
}

// --- input

function parseSegmentAnswer(message: Message): Parsed<Segment> {
  const input = message.text?.trim();
  if (input === undefined || input === "") return refuse(texts.segmentNotText);
  if (input.toLowerCase() === "all") return accept({ kind: "everyone" });
  const parsed = parseSegment(input);
  return parsed.ok ? accept(parsed.tree) : refuse(segmentErrorText(parsed));
}

interface CsvDocument {
  fileId: string;
  name: string;
}

function parseCsvDocument(message: Message): Parsed<CsvDocument> {
  const document = message.document;
  if (document === undefined) return refuse(texts.notDocument);
  const name = document.file_name ?? "users.csv";
  if ((document.file_size ?? 0) > maxDownloadBytes) {
    return refuse(fillTemplate(texts.tooBig, { size: ((document.file_size ?? 0) / 1024 / 1024).toFixed(1) }));
  }
  const csvName = /\.(csv|tsv|txt)$/i.test(name);
  const csvType = document.mime_type === undefined || csvMimeTypes.has(document.mime_type);
  if (!csvName || !csvType) return refuse(fillTemplate(texts.notCsv, { name }));
  return accept({ fileId: document.file_id, name });
}

interface UserKeys {
  telegramId: number | null;
  phone: string | null;
  email: string | null;
}

/** One token of the keys answer: digits are a Telegram id, "@" makes an email, "+" starts a phone. */
function readKey(token: string): { kind: keyof UserKeys; value: number | string | null } {
  if (/^\d{1,16}$/.test(token)) {
    const id = Number(token);
    return { kind: "telegramId", value: Number.isSafeInteger(id) && id > 0 ? id : null };
  }
  if (token.includes("@")) return { kind: "email", value: normalizeEmail(token) };
  return { kind: "phone", value: token.startsWith("+") ? normalizePhone(token) : null };
}

function parseKeys(message: Message): Parsed<UserKeys> {
  if (message.text === undefined) return refuse(texts.keysNotText);
  const keys: UserKeys = { telegramId: null, phone: null, email: null };
  for (const token of message.text.trim().split(/\s+/)) {
    const { kind, value } = readKey(token);
    if (value === null) return refuse(fillTemplate(texts.badKeyToken, { token }));
    if (keys[kind] !== null) return refuse(texts.twoOfAKind);
    Object.assign(keys, { [kind]: value });
  }
  return accept(keys);
}

function parseName(message: Message): Parsed<string | null> {
  const name = message.text?.trim();
  if (name === undefined || name === "") return refuse(texts.nameNotText);
  if (name === "-") return accept(null);
  if ([...name].length > maxNameLength)
    return refuse(fillTemplate(texts.nameTooLong, { max: maxNameLength }));
  return accept(name);
}

function parseTagChange(message: Message): Parsed<TagChange> {
  const match = /^([+-])\s*(\S+)$/.exec(message.text?.trim() ?? "");
  const tag = match?.[2]?.toLowerCase() ?? "";
  if (!match || !tagPattern.test(tag)) return refuse(texts.badTag);
  return accept({ mode: match[1] === "+" ? "add" : "remove", tag });
}

function parseAttributeChange(message: Message): Parsed<AttributeChange> {
  const input = message.text?.trim() ?? "";
  try {
    if (input.startsWith("-")) {
      const key = input.slice(1).trim();
      checkedAttributeKey(key);
      return accept({ mode: "unset", key });
    }
    const at = input.indexOf("=");
    if (at <= 0) return refuse(texts.badAttribute);
    const { key, value } = checkedAttribute(input.slice(0, at).trim(), input.slice(at + 1).trim());
    return accept({ mode: "set", key, value });
  } catch (error) {
    // The format hint answers a bad key and a bad value alike, and asks again.
    if (error instanceof UsherError) return refuse(texts.badAttribute);
    throw error;
  }
}

/** The tools' reply keyboards have their own ❌ Cancel; leaving gives back the 🔐Admin keyboard. */
const toolsExit: InputExit = {
  cancelButton: texts.cancel,
  cancelled: texts.cancelled,
  keyboard: adminKeyboard,
};

/** Asks with a reply keyboard and waits for one of its answers (see `waitForAnswer` for the ways out). */
async function choose<T extends string>(
  conversation: AdminConversation,
  ctx: Context,
  prompt: string,
  choices: T[],
  check: (choice: T) => string | null = () => null,
): Promise<T> {
  await ctx.reply(prompt, { reply_markup: replyKeyboard([...choices.map((c) => [c]), [texts.cancel]]) });
  for (;;) {
    const { answer: update, message } = await waitForAnswer(conversation, toolsExit);
    const text = message.text?.trim();
    const choice = choices.find((c) => c === text);
    const problem = choice === undefined ? texts.useButtons : check(choice);
    if (choice !== undefined && problem === null) return choice;
    await update.reply(problem ?? texts.useButtons);
  }
}

// --- the area

/** 🧰 User tools: CSV export and import, create a user by hand, bulk tags and attributes on a segment. */
export const usersToolsArea: AdminArea = (pages) => {
  const page = pages.create(usersToolsPageId, () => texts.pageTitle);
  page
    .text(texts.exportButton, (ctx) => ctx.conversation.enter(conversationIds.export))
    .text(texts.importButton, (ctx) => ctx.conversation.enter(conversationIds.import))
    .row()
    .text(texts.createButton, (ctx) => ctx.conversation.enter(conversationIds.create))
    .row()
    .text(texts.bulkTagButton, (ctx) => ctx.conversation.enter(conversationIds.bulkTag))
    .text(texts.bulkAttributeButton, (ctx) => ctx.conversation.enter(conversationIds.bulkAttribute));
  pages.back(page, usersPageId);

  const askSegment = (conversation: AdminConversation, ctx: Context) =>
    ask(conversation, ctx, texts.askSegment, parseSegmentAnswer);

  async function exportCsv(conversation: AdminConversation, ctx: Context): Promise<void> {
    const tree = await askSegment(conversation, ctx);
    await asAdmin(conversation, async (octx) => {
      const { services } = octx;
      const now = services.now();
      const where = segmentCondition(tree, now, services.settings.get("mailing").timezone);
      const count = services.segments.countSegment(tree);
      const name = `users-${now.toISOString().slice(0, 10)}.csv`;
      await octx.replyWithDocument(new InputFile(exportUsersCsv(services.db, { where }), name), {
        caption: fillTemplate(texts.exportCaption, { count }),
      });
      services.audit.record({ actor: actorOf(octx), action: "users.export", after: { count } });
      await pages.send(octx, usersToolsPageId);
    });
  }

  async function importCsv(conversation: AdminConversation, ctx: Context): Promise<void> {
    const file = await ask(conversation, ctx, texts.askFile, parseCsvDocument);
    // The file is downloaded again to apply it: its bytes never enter the conversation's stored state.
    const dryRun = await conversation.external(async (octx): Promise<DryRun | null> => {
      let bytes: Uint8Array;
      try {
        bytes = await downloadFile(octx.api, file.fileId);
      } catch (error) {
        octx.log.warn({ err: error }, "CSV import download failed");
        return null;
      }
      const report = await importUsers(octx.services, actorOf(octx), { file: bytes, dryRun: true });
      return dryRunOf(file.name, report);
    });
    if (dryRun === null) {
      await ctx.reply(texts.downloadFailed);
      return;
    }
    await ctx.reply(dryRun.text);
    if (dryRun.refused !== null) return;
    if (dryRun.fine === 0) {
      await ctx.reply(texts.nothingToImport);
      return;
    }
    const choice = await choose(
      conversation,
      ctx,
      texts.askImportChoice,
      [texts.importAll, texts.importValidOnly],
      (picked) =>
        picked === texts.importAll && dryRun.wrong > 0
          ? fillTemplate(texts.importAllRefused, { wrong: dryRun.wrong })
          : null,
    );
    await asAdmin(conversation, async (octx) => {
      const bytes = await downloadFile(octx.api, file.fileId);
      let report: ImportReport;
      try {
        report = await importUsers(octx.services, actorOf(octx), {
          file: bytes,
          dryRun: false,
          validRowsOnly: choice === texts.importValidOnly,
        });
      } catch (error) {
        if (!(error instanceof UsherError)) throw error;
        await octx.reply(refusalReply(error), { reply_markup: adminKeyboard });
        return;
      }
      await octx.reply(
        report.applied
          ? fillTemplate(texts.importDone, {
              created: report.created,
              updated: report.updated,
              unchanged: report.unchanged,
              skipped: report.skipped.length,
            })
          : texts.importChanged,
        { reply_markup: adminKeyboard },
      );
      await pages.send(octx, usersToolsPageId);
    });
  }

  async function createByHand(conversation: AdminConversation, ctx: Context): Promise<void> {
    const keys = await ask(conversation, ctx, texts.askKeys, parseKeys);
    const firstName = await ask(conversation, ctx, texts.askFirstName, parseName);
    const lastName = await ask(conversation, ctx, texts.askLastName, parseName);
    await asAdmin(conversation, async (octx) => {
      try {
        const user = createUser(octx.services, actorOf(octx), { ...keys, firstName, lastName });
        await octx.reply(
          fillTemplate(user.id > 0 ? texts.created : texts.createdWithoutTelegram, { id: user.id }),
        );
      } catch (error) {
        if (!(error instanceof UsherError)) throw error;
        await octx.reply(refusalReply(error));
      }
      await pages.send(octx, usersToolsPageId);
    });
  }

  /** Counts the segment and asks to apply; false when nobody matches. */
  async function confirmCount(
    conversation: AdminConversation,
    ctx: Context,
    tree: Segment,
    question: (count: number) => string,
  ): Promise<boolean> {
    const count = await conversation.external((octx) => octx.services.segments.countSegment(tree));
    if (count === 0) {
      await ctx.reply(texts.nobodyMatches);
      return false;
    }
    await choose(conversation, ctx, question(count), [texts.apply]);
    return true;
  }

  async function applyBulk(
    conversation: AdminConversation,
    run: (services: Services, actor: Actor) => BulkResult,
  ): Promise<void> {
    await asAdmin(conversation, async (octx) => {
      const { matched, changed } = run(octx.services, actorOf(octx));
      await octx.reply(fillTemplate(texts.bulkDone, { changed, count: matched }), {
        reply_markup: adminKeyboard,
      });
      await pages.send(octx, usersToolsPageId);
    });
  }

  async function bulkTagConversation(conversation: AdminConversation, ctx: Context): Promise<void> {
    const tree = await askSegment(conversation, ctx);
    const change = await ask(conversation, ctx, texts.askTag, parseTagChange);
    const template = change.mode === "add" ? texts.confirmAddTag : texts.confirmRemoveTag;
    const confirmed = await confirmCount(conversation, ctx, tree, (count) =>
      fillTemplate(template, { tag: change.tag, count }),
    );
    if (confirmed)
      await applyBulk(conversation, (services, actor) => bulkTag(services, actor, { segment: tree, change }));
  }

  async function bulkAttributeConversation(conversation: AdminConversation, ctx: Context): Promise<void> {
    const tree = await askSegment(conversation, ctx);
    const change = await ask(conversation, ctx, texts.askAttribute, parseAttributeChange);
    const confirmed = await confirmCount(conversation, ctx, tree, (count) =>
      change.mode === "set"
        ? fillTemplate(texts.confirmSetAttribute, { key: change.key, value: change.value, count })
        : fillTemplate(texts.confirmUnsetAttribute, { key: change.key, count }),
    );
    if (confirmed) {
      await applyBulk(conversation, (services, actor) =>
        bulkAttribute(services, actor, { segment: tree, change }),
      );
    }
  }

  return [
    { id: conversationIds.export, builder: exportCsv },
    { id: conversationIds.import, builder: importCsv, exit: toolsExit },
    { id: conversationIds.create, builder: createByHand },
    { id: conversationIds.bulkTag, builder: bulkTagConversation, exit: toolsExit },
    { id: conversationIds.bulkAttribute, builder: bulkAttributeConversation, exit: toolsExit },
  ];
};
