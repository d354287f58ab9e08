import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-audit.js";
import type { AuditEntry } from "../../audit/audit-repository.js";
import { renderTemplate } from "../../content/template.js";
import { adminLabel } from "../admins/admin-label.js";
import type { AdminArea } from "../area.js";
import { rootPageId } from "../page-ids.js";
import { formatUtcMinute } from "./utc-time.js";

export const auditPageId = "admin-audit";

/** The page shows this many of the newest entries, `pageSize` at a time. */
export const auditEntriesShown = 50;
export const auditPageSize = 10;

// Ten entries of at most ~360 characters each keep a page well under Telegram's 4096.
const maxLabel = 40;
const maxValue = 120;

/** At most `max` UTF-16 units (Telegram's measure), never splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A stored before/after value as compact JSON, clipped; "∅" when there is none. */
function compactValue(value: unknown): string {
  if (value === null || value === undefined) return "∅";
  return clip(JSON.stringify(value), maxValue);
}

function actorName(ctx: UsherContext, entry: AuditEntry): string {
  if (entry.actorId === null) return clip(`⚙️ ${entry.actorLabel}`, maxLabel);
  return clip(adminLabel(ctx.services, entry.actorId), maxLabel);
}

/** One entry: when, who, what; then the change as `before → after` when it has one. */
export function auditLine(ctx: UsherContext, entry: AuditEntry): string {
  const head = `${formatUtcMinute(entry.at)} · ${actorName(ctx, entry)} · ${clip(entry.action, maxLabel)}`;
  if (entry.before === null && entry.after === null) return head;
  return `${head}\n    ${compactValue(entry.before)} → ${compactValue(entry.after)}`;
}

function pageCount(ctx: UsherContext): number {
  const shown = Math.min(ctx.services.audit.count(), auditEntriesShown);
  return Math.max(1, Math.ceil(shown / auditPageSize));
}

/** The page a button payload asks for (it can be forged), kept within the pages there are. */
function currentPage(ctx: UsherContext): number {
  const raw = typeof ctx.match === "string" && /^\d{1,3}$/.test(ctx.match) ? Number(ctx.match) : 0;
  return Math.min(raw, pageCount(ctx) - 1);
}

function auditText(ctx: UsherContext): string {
  const page = currentPage(ctx);
  const entries = ctx.services.audit.page(page * auditPageSize, auditPageSize);
  if (entries.length === 0) return texts.empty;
  const heading = renderTemplate(texts.heading, {
    page: String(page + 1),
    pages: String(pageCount(ctx)),
  }).text;
  return [heading, ...entries.map((entry) => auditLine(ctx, entry))].join("\n\n");
}

/** 📜 Audit log: the newest entries, ten a page, with ◀ ▶ paging when there is more than one page. */
export const auditArea: AdminArea = (pages) => {
  const page = pages.create(auditPageId, auditText, { answersAfterEdit: true });
  // A button's payload is the page it leads to, and the press is checked by rendering that page, so the
  // arrows depend on the page count only; at either end a press says where it is instead of nothing.
  page.dynamic((ctx, range) => {
    if (pageCount(ctx) <= 1) return;
    range
      .text({ text: texts.previous, payload: (c) => String(Math.max(0, currentPage(c) - 1)) }, (c) =>
        pages.refresh(c, auditPageId, texts.atFirstPage),
      )
      .text(
        { text: texts.next, payload: (c) => String(Math.min(pageCount(c) - 1, currentPage(c) + 1)) },
        (c) => pages.refresh(c, auditPageId, texts.atLastPage),
      );
  });
  pages.back(page, rootPageId);
  return [];
};
