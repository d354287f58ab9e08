import { InputFile } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-statistics.js";
import { renderChart } from "../../charts/render-chart.js";
import { statisticsChartSpec } from "../../charts/statistics-chart.js";
import { languageName, statisticsChartFigures } from "../../charts/statistics-figures.js";
import { fillTemplate } from "../../content/template.js";
import { StatisticsRepository } from "../../statistics/statistics-repository.js";
import { displayName } from "../../users/display-name.js";
import type { AdminArea } from "../area.js";
import { formatUtcMinute } from "../audit/utc-time.js";
import { rootPageId } from "../page-ids.js";

export const statisticsPageId = "admin-stats";

const ranked = (lines: string[]) => (lines.length > 0 ? lines : [texts.none]);

/** The charts of the figures the text gives, as one picture (four charts in a column, as a phone shows best). */
async function statisticsPicture(ctx: UsherContext): Promise<InputFile> {
  const { db, now } = ctx.services;
  const spec = statisticsChartSpec(statisticsChartFigures(db, now()));
  return new InputFile(await renderChart(spec), "statistics.png");
}

function statisticsText(ctx: UsherContext): string {
  const { db, settings, now } = ctx.services;
  const stats = new StatisticsRepository(db);
  const at = now();
  const dearUser = settings.get("general").dearUserName;
  const fresh = stats.newUsers(at);
  const referrers = stats.topReferrers(5).map((r, i) =>
    fillTemplate(texts.referrer, {
      rank: i + 1,
      name: displayName(r, dearUser),
      id: r.id,
      count: r.referralCount,
    }),
  );
  const campaigns = stats.topCampaigns(5).map((c, i) =>
    fillTemplate(texts.campaign, {
      rank: i + 1,
      name: c.name,
      code: c.code,
      users: c.users,
      active: c.active,
    }),
  );
  const languages = stats.usersByLanguage(8).map((share) => `${languageName(share)}: ${share.users}`);
  return [
    fillTemplate(texts.title, { now: formatUtcMinute(at) }),
    fillTemplate(texts.users, { ...stats.userCounts() }),
    fillTemplate(texts.newUsers, { today: fresh.today, week: fresh.last7Days, month: fresh.last30Days }),
    [texts.referrersHeader, ...ranked(referrers)].join("\n"),
    [texts.campaignsHeader, ...ranked(campaigns)].join("\n"),
    [texts.languagesHeader, ...ranked(languages)].join("\n"),
  ].join("\n\n");
}

/** 📊 Statistics: who the bot's users are, where they came from, and how many arrived lately, with their charts. */
export const statisticsArea: AdminArea = (pages) => {
  const page = pages.create(statisticsPageId, statisticsText, {
    answersAfterEdit: true,
    picture: statisticsPicture,
  });
  // Within the same minute nothing may have changed, and Telegram keeps the message as it is: say so.
  page.text(
    () => texts.refresh,
    (ctx) =>
      pages.refresh(
        ctx,
        statisticsPageId,
        fillTemplate(texts.upToDate, { now: formatUtcMinute(ctx.services.now()) }),
      ),
  );
  pages.back(page, rootPageId);
  return [];
};
