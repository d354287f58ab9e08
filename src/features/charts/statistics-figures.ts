import type { Db } from "../../db/client.js";
import { texts } from "../../texts/admin-statistics.js";
import { type LanguageShare, StatisticsRepository } from "../statistics/statistics-repository.js";
import type { StatisticsChartFigures } from "./statistics-chart.js";

/** A language share as the statistics name it: its code, or "other" / "unknown" in the admin's language. */
export const languageName = (share: LanguageShare) =>
  share.kind === "language" ? share.code : texts[share.kind];

/** The figures 📊 Statistics draws as of `at`, read once for the bot's picture and the Mini App's chart alike. */
export function statisticsChartFigures(db: Db, at: Date): StatisticsChartFigures {
  const stats = new StatisticsRepository(db);
  return {
    newUsers: stats.newUsersByDay(at),
    liveness: stats.livenessByDay(at),
    sources: stats.usersBySource(),
    languages: stats.usersByLanguage(8).map((share) => ({ name: languageName(share), users: share.users })),
  };
}
