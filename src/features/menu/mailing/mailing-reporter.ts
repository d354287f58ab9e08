import { type Api, InputFile, type RawApi } from "grammy";
import type { Services } from "../../../bot/services.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { inLocaleAsync } from "../../../texts/locale-scope.js";
import { mailingChartSpec } from "../../charts/mailing-chart.js";
import { renderChart } from "../../charts/render-chart.js";
import { localeOfUser } from "../../language/language.js";
import type { DeliveryLanguageRepository } from "../../mailing/delivery-language-repository.js";
import type { DeliveryTimelineRepository } from "../../mailing/delivery-timeline-repository.js";
import type { MailingEngineDependencies } from "../../mailing/mailing-engine.js";
import type { MailingRecord, MailingRepository } from "../../mailing/mailing-repository.js";
import { pollResults } from "../../mailing/poll.js";
import type { PollRepository } from "../../mailing/poll-repository.js";
import type { SettingsRepository } from "../../settings/settings-repository.js";
import type { UserRepository } from "../../users/user-repository.js";
import { controlKeyboard } from "./controls.js";
import { pollTable } from "./poll-table.js";
import { isFinished, type ProgressSample, processedOf, sendRate, statusText } from "./progress.js";

export interface StatusSources {
  repository: MailingRepository;
  polls: PollRepository;
  settings: SettingsRepository;
  deliveryLanguages: Pick<DeliveryLanguageRepository, "byLanguage">;
  now: () => Date;
}

/** Where a status is read from, out of the bot's services. */
export function statusSourcesOf(
  services: Pick<Services, "mailings" | "polls" | "settings" | "deliveryLanguages" | "now">,
): StatusSources {
  return {
    repository: services.mailings,
    polls: services.polls,
    settings: services.settings,
    deliveryLanguages: services.deliveryLanguages,
    now: services.now,
  };
}

export interface MailingReporterDependencies extends StatusSources {
  /** Where status messages are edited and reports sent (the bot's client). */
  api: Api<RawApi>;
  /** Whose language a status message and report are written in: the admin of their chat. */
  users: Pick<UserRepository, "find">;
  /** When the deliveries finished, for the chart that follows a finished mailing's report. */
  deliveryTimeline: Pick<DeliveryTimelineRepository, "timeline">;
}

/** The speed since the mailing started, for a status drawn without earlier samples. */
function averageRate(m: MailingRecord, now: Date): number | null {
  if (m.status !== "running" || m.startedAt === null) return null;
  return sendRate(
    { at: m.startedAt.getTime(), processed: 0 },
    { at: now.getTime(), processed: processedOf(m) },
  );
}

/** A poll mailing's results table as the answers stand now; none for other mailings. */
function pollTableOf(sources: StatusSources, m: MailingRecord): string[] | undefined {
  const content = m.payload.kind === "message" ? m.payload.content : undefined;
  if (content?.type !== "poll") return undefined;
  const { voters, counts } = sources.polls.tally(m.id);
  return pollTable(m, content, pollResults(content, counts, voters));
}

/**
 * The status text of a mailing as it stands: progress while it runs, the report (with recipients per
 * language and poll results) once finished.
 */
export function describeStatus(sources: StatusSources, m: MailingRecord, rate?: number | null): string {
  const now = sources.now();
  const finished = isFinished(m.status);
  const pollTable = finished ? pollTableOf(sources, m) : undefined;
  // A check reaches people, not readers of a language: its report has no such line.
  const languages = finished && m.kind === "mailing" ? sources.deliveryLanguages.byLanguage(m.id) : undefined;
  return statusText(m, {
    timezone: sources.settings.get("mailing").timezone,
    now,
    rate: rate ?? averageRate(m, now),
    breakdown: finished ? sources.repository.failureBreakdown(m.id) : [],
    ...(languages && { languages }),
    ...(pollTable && { pollTable }),
  });
}

/**
 * The engine's progress callbacks: they edit each mailing's status message in place (the engine
 * calls at most every few seconds) and, when a mailing completes, send its report as a new message,
 * followed by the chart of its deliveries over time.
 * They run outside any update, so each is written in the language of the admin whose chat it goes to.
 */
export function createMailingReporter(
  deps: MailingReporterDependencies,
): Required<Pick<MailingEngineDependencies, "onProgress" | "onFinished">> {
  // Only for the speed shown: a restart merely starts measuring again.
  const samples = new Map<number, ProgressSample>();

  /** The text `text` draws and the buttons of `m`, in the language of the admin whose chat is `chatId`. */
  const draw = (chatId: number, m: MailingRecord, text: () => string) =>
    inLocaleAsync(localeOfUser(deps.users.find(chatId)), async () => ({
      text: text(),
      reply_markup: await controlKeyboard(m),
    }));

  const editStatus = async (m: MailingRecord, text: () => string): Promise<void> => {
    if (m.statusChatId === null || m.statusMessageId === null) return;
    const { statusChatId } = m;
    const drawn = await draw(statusChatId, m, text);
    try {
      await deps.api.editMessageText(statusChatId, m.statusMessageId, drawn.text, {
        reply_markup: drawn.reply_markup,
      });
    } catch (error) {
      // An unchanged status, or a status message the admin deleted, is nothing to worry about.
      const kind = classifyTelegramError(error).kind;
      if (kind !== "not_modified" && kind !== "message_gone") throw error;
    }
  };

  /** A mailing's deliveries over time by outcome as a PNG, in the language of the admin of `chatId`; none for a check or a mailing that sent nothing. */
  const chartOf = async (chatId: number, m: MailingRecord): Promise<InputFile | undefined> => {
    if (m.kind !== "mailing") return undefined;
    const timeline = deps.deliveryTimeline.timeline(m, deps.now());
    if (timeline.points.length === 0) return undefined;
    const timezone = deps.settings.get("mailing").timezone;
    const png = await inLocaleAsync(localeOfUser(deps.users.find(chatId)), () =>
      renderChart(mailingChartSpec(timeline, timezone)),
    );
    return new InputFile(png, `mailing-${m.id}.png`);
  };

  const measure = (m: MailingRecord): number | null => {
    if (m.status !== "running") {
      samples.delete(m.id);
      return null;
    }
    const sample = { at: deps.now().getTime(), processed: processedOf(m) };
    const previous = samples.get(m.id);
    samples.set(m.id, sample);
    return previous ? sendRate(previous, sample) : averageRate(m, deps.now());
  };

  return {
    async onProgress(reported) {
      const m = deps.repository.find(reported.id) ?? reported;
      const rate = measure(m);
      await editStatus(m, () => describeStatus(deps, m, rate));
    },
    async onFinished(reported) {
      samples.delete(reported.id);
      const m = deps.repository.find(reported.id) ?? reported;
      const report = () => describeStatus(deps, m);
      await editStatus(m, report);
      const chatId = m.statusChatId ?? m.createdBy;
      if (chatId === null) return;
      const replyTo =
        m.statusChatId === chatId && m.statusMessageId !== null
          ? { reply_parameters: { message_id: m.statusMessageId, allow_sending_without_reply: true } }
          : {};
      const drawn = await draw(chatId, m, report);
      await deps.api.sendMessage(chatId, drawn.text, { reply_markup: drawn.reply_markup, ...replyTo });
      const chart = await chartOf(chatId, m);
      if (chart) await deps.api.sendPhoto(chatId, chart);
    },
  };
}
