import type { UrlButton } from "./mailing.js";

/** Telegram's practical limits for a message's inline keyboard, and ours for a label. */
export const urlButtonLimits = { rows: 10, perRow: 8, labelLength: 64 } as const;

export type UrlButtonProblem =
  | "format"
  | "empty_label"
  | "label_too_long"
  | "bad_url"
  | "too_many_in_row"
  | "too_many_rows"
  | "none";

export type UrlButtonsParse =
  | { ok: true; buttons: UrlButton[][] }
  | { ok: false; problem: UrlButtonProblem; line: number; button: number };

const allowedProtocols = new Set(["http:", "https:", "tg:"]);

/** A link Telegram accepts on a URL button: http(s) with a host, or tg://… */
export function isButtonUrl(candidate: string): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  if (!allowedProtocols.has(url.protocol)) return false;
  if (url.protocol === "tg:") return candidate.length > "tg://".length;
  return url.hostname.length > 0 && url.hostname.includes(".");
}

/**
 * Reads URL buttons typed as text: one row a line, buttons of a row separated by `|`, each
 * `Label - https://url` (the URL is the last word). Blank lines are skipped.
 */
export function parseUrlButtons(input: string): UrlButtonsParse {
  const rows: UrlButton[][] = [];
  const lines = input.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === "") continue;
    if (rows.length === urlButtonLimits.rows) return { ok: false, problem: "too_many_rows", line, button: 0 };
    const parts = raw.split("|");
    if (parts.length > urlButtonLimits.perRow) {
      return { ok: false, problem: "too_many_in_row", line, button: urlButtonLimits.perRow + 1 };
    }
    const row: UrlButton[] = [];
    for (const [position, part] of parts.entries()) {
      const button = position + 1;
      const match = /^(.*?)\s+-\s+(\S+)$/.exec(part.trim());
      if (!match) return { ok: false, problem: "format", line, button };
      const label = (match[1] as string).trim();
      const url = match[2] as string;
      if (label === "") return { ok: false, problem: "empty_label", line, button };
      if (label.length > urlButtonLimits.labelLength) {
        return { ok: false, problem: "label_too_long", line, button };
      }
      if (!isButtonUrl(url)) return { ok: false, problem: "bad_url", line, button };
      row.push({ text: label, url });
    }
    rows.push(row);
  }
  if (rows.length === 0) return { ok: false, problem: "none", line: 0, button: 0 };
  return { ok: true, buttons: rows };
}

/** The first problem of buttons built elsewhere than `parseUrlButtons` (an API body), or null. */
export function findUrlButtonProblem(
  buttons: readonly (readonly UrlButton[])[],
): { problem: UrlButtonProblem; line: number; button: number } | null {
  if (buttons.length > urlButtonLimits.rows) {
    return { problem: "too_many_rows", line: urlButtonLimits.rows + 1, button: 0 };
  }
  for (const [index, row] of buttons.entries()) {
    const line = index + 1;
    if (row.length === 0) return { problem: "format", line, button: 0 };
    if (row.length > urlButtonLimits.perRow) {
      return { problem: "too_many_in_row", line, button: urlButtonLimits.perRow + 1 };
    }
    for (const [position, { text, url }] of row.entries()) {
      const button = position + 1;
      if (text.trim() === "") return { problem: "empty_label", line, button };
      if (text.length > urlButtonLimits.labelLength) return { problem: "label_too_long", line, button };
      if (!isButtonUrl(url)) return { problem: "bad_url", line, button };
    }
  }
  return null;
}
