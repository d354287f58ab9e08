import type { Api, Context } from "grammy";
import type { Message } from "grammy/types";
import { UsherError } from "../../../errors.js";
import { fieldLabels, problemTexts, texts } from "../../../texts/admin-user-tools.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { fillTemplate } from "../../content/template.js";
import { type ImportReport, importUsers } from "../../users/csv/import-users.js";
import type { FileProblem, RowProblem } from "../../users/csv/parse-import.js";
import { actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";
import type { AdminPages } from "../pages.js";
import { refusalReply } from "../refusal-replies.js";
import { choose, usersToolsPageId } from "./tools-input.js";

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
    for (const row of shown)
      lines.push(
        fillTemplate(texts.wrongRow, {
          line: row.line,
          problems: row.problems.map(rowProblemText).join("; "),
        }),
      );
  }
  // Keep within one Telegram message even when values are long.
  const text = lines.join("\n");
  return { refused: null, fine, wrong, text: text.length > 4000 ? `${text.slice(0, 4000)}…` : text };
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

/** 📥 Import CSV: the file, its dry run, then all rows or the valid ones, applied through `importUsers`. */
export function importCsvConversation(pages: AdminPages) {
  return async function importCsv(conversation: AdminConversation, ctx: Context): Promise<void> {
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
  };
}
