import { texts } from "../../../texts/admin-mailing.js";
import { fillTemplate } from "../../content/template.js";
import type { LanguageDeliveries } from "../../mailing/delivery-language-repository.js";
import type { MailingRecord } from "../../mailing/mailing-repository.js";
import { formatInZone } from "../../mailing/schedule.js";

/** What the status and report texts read of a mailing. */
export type MailingProgress = Pick<
  MailingRecord,
  | "id"
  | "kind"
  | "status"
  | "total"
  | "sent"
  | "failed"
  | "unknown"
  | "newlyDead"
  | "revived"
  | "scheduledAt"
  | "startedAt"
  | "finishedAt"
>;

/** Deliveries done (whatever their outcome) at a moment, to measure the speed between two moments. */
export interface ProgressSample {
  at: number;
  processed: number;
}

export interface StatusContext {
  timezone: string;
  now: Date;
  /** Measured messages per second, or null while unknown. */
  rate: number | null;
  /** Failures per error class (only shown in the final report). */
  breakdown: ReadonlyArray<{ errorKind: string; count: number }>;
  /** A mailing's recipients per language, most first (only shown in the final report). */
  languages?: ReadonlyArray<Pick<LanguageDeliveries, "language" | "total">>;
  /** A poll mailing's results table, lines shown under the report. */
  pollTable?: readonly string[];
}

/** Languages the report names; the rest, and recipients of no known language, are counted as other. */
const shownLanguages = 5;

/** `ru 120 · es 40 · other 300`, or null when there is nobody to count. */
export function languagesLine(
  languages: ReadonlyArray<Pick<LanguageDeliveries, "language" | "total">>,
): string | null {
  const known = languages.filter((l) => l.language !== null && l.total > 0);
  const shown = known.slice(0, shownLanguages);
  const other = languages.reduce((sum, l) => sum + l.total, 0) - shown.reduce((sum, l) => sum + l.total, 0);
  const parts = shown.map((l) => `${l.language} ${l.total}`);
  if (other > 0) parts.push(`${texts.reportLanguageOther} ${other}`);
  return parts.length > 0 ? fillTemplate(texts.reportLanguages, { languages: parts.join(" · ") }) : null;
}

const terminal = new Set<MailingRecord["status"]>(["completed", "cancelled"]);

export function isFinished(status: MailingRecord["status"]): boolean {
  return terminal.has(status);
}

export function processedOf(m: Pick<MailingProgress, "sent" | "failed" | "unknown">): number {
  return m.sent + m.failed + m.unknown;
}

export function remainingOf(m: Pick<MailingProgress, "total" | "sent" | "failed" | "unknown">): number {
  return Math.max(0, m.total - processedOf(m));
}

/** `▰▰▰▱▱▱▱▱▱▱ 30%`: full only when everything is done. */
export function progressBar(done: number, total: number, width = 10): string {
  const ratio = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.floor(ratio * width);
  return `${"▰".repeat(filled)}${"▱".repeat(width - filled)} ${Math.floor(ratio * 100)}%`;
}

/** Messages per second between two samples; null when no time passed or the counts went back. */
export function sendRate(from: ProgressSample, to: ProgressSample): number | null {
  const seconds = (to.at - from.at) / 1000;
  if (seconds <= 0 || to.processed < from.processed) return null;
  return (to.processed - from.processed) / seconds;
}

/** Milliseconds left at `rate`; 0 when nothing remains, null when the rate is unknown or zero. */
export function etaMs(remaining: number, rate: number | null): number | null {
  if (remaining <= 0) return 0;
  if (rate === null || rate <= 0) return null;
  return Math.ceil((remaining / rate) * 1000);
}

/** `4s`, `2m 05s`, `1h 03m` (in English). */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (hours > 0) return fillTemplate(texts.duration.hours, { hours, minutes: pad(minutes) });
  if (minutes > 0) return fillTemplate(texts.duration.minutes, { minutes, seconds: pad(rest) });
  return fillTemplate(texts.duration.seconds, { seconds: rest });
}

/** `0.5`, `7.3`, `28`, `950`: one decimal below ten. */
export function formatRate(rate: number): string {
  return rate < 10 ? rate.toFixed(1) : String(Math.round(rate));
}

function heading(m: MailingProgress): string {
  const kind = fillTemplate(m.kind === "check_users" ? texts.kindCheck : texts.kindMailing, { id: m.id });
  const status =
    m.status === "running" && m.kind === "check_users" ? texts.statusRunningCheck : texts.status[m.status];
  return `${kind} · ${status}`;
}

function countsLine(m: MailingProgress): string {
  return fillTemplate(m.kind === "check_users" ? texts.countsCheck : texts.countsMailing, {
    sent: m.sent,
    failed: m.failed,
    dead: m.newlyDead,
    remaining: remainingOf(m),
  });
}

/** The final report: outcomes, failures by error class, deaths and revivals, duration. */
export function reportText(m: MailingProgress, c: StatusContext): string {
  const lines = [heading(m)];
  const check = m.kind === "check_users";
  if (m.startedAt === null) {
    lines.push("", check ? texts.reportNotStartedCheck : texts.reportNotStarted);
    return lines.join("\n");
  }
  lines.push("", fillTemplate(texts.reportRecipients, { count: m.total }));
  const byLanguage = c.languages && languagesLine(c.languages);
  if (byLanguage) lines.push(byLanguage);
  lines.push(
    fillTemplate(check ? texts.reportAlive : texts.reportSent, { count: m.sent }),
    fillTemplate(check ? texts.reportUnreachable : texts.reportFailed, { count: m.failed }),
  );
  for (const { errorKind, count } of c.breakdown) {
    lines.push(
      fillTemplate(texts.reportFailure, { kind: texts.failureKinds[errorKind] ?? errorKind, count }),
    );
  }
  if (m.unknown > 0) lines.push(fillTemplate(texts.reportUnknown, { count: m.unknown }));
  const notSent = remainingOf(m);
  if (m.status === "cancelled" && notSent > 0)
    lines.push(fillTemplate(check ? texts.reportNotChecked : texts.reportNotSent, { count: notSent }));
  lines.push(fillTemplate(texts.reportDeaths, { dead: m.newlyDead, revived: m.revived }));
  const end = m.finishedAt ?? c.now;
  lines.push(
    fillTemplate(texts.reportDuration, { duration: formatDuration(end.getTime() - m.startedAt.getTime()) }),
    fillTemplate(texts.reportStarted, { at: formatInZone(m.startedAt, c.timezone), timezone: c.timezone }),
  );
  if (c.pollTable) lines.push("", ...c.pollTable);
  return lines.join("\n");
}

/** The status message: what is happening now, or the report once finished. */
export function statusText(m: MailingProgress, c: StatusContext): string {
  if (isFinished(m.status)) return reportText(m, c);
  const lines = [heading(m), ""];
  if (m.status === "scheduled" && m.scheduledAt) {
    lines.push(
      fillTemplate(texts.startsAt, { at: formatInZone(m.scheduledAt, c.timezone), timezone: c.timezone }),
    );
    return lines.join("\n");
  }
  if (m.startedAt === null) {
    lines.push(texts.startsSoon);
    return lines.join("\n");
  }
  lines.push(progressBar(processedOf(m), m.total), countsLine(m));
  if (m.status === "paused") {
    lines.push("", texts.pausedHint);
  } else {
    const eta = etaMs(remainingOf(m), c.rate);
    lines.push(
      c.rate === null || eta === null
        ? texts.rateLineMeasuring
        : fillTemplate(texts.rateLine, { rate: formatRate(c.rate), eta: formatDuration(eta) }),
    );
  }
  return lines.join("\n");
}
