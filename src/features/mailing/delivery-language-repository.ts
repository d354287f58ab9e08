import { count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { deliveries, users } from "../../db/schema/index.js";
import { languageOf } from "../language/language.js";

/** A mailing's deliveries to the users of one language (null: a language nobody knows). */
export interface LanguageDeliveries {
  language: string | null;
  total: number;
  sent: number;
  failed: number;
  unknown: number;
}

/** A mailing's deliveries by the language of their recipients, as the report and the API show them. */
export class DeliveryLanguageRepository {
  constructor(private readonly db: Db) {}

  /**
   * Counts per language (the one a user chose, else Telegram's primary language), most recipients
   * first. Grouped in SQL by the two columns and state, folded here: a few dozen rows.
   */
  byLanguage(mailingId: number): LanguageDeliveries[] {
    const rows = this.db
      .select({
        chosen: users.language,
        telegram: users.languageCode,
        state: deliveries.state,
        count: count(),
      })
      .from(deliveries)
      .innerJoin(users, eq(users.id, deliveries.userId))
      .where(eq(deliveries.mailingId, mailingId))
      .groupBy(users.language, users.languageCode, deliveries.state)
      .all();
    const byLanguage = new Map<string | null, LanguageDeliveries>();
    for (const row of rows) {
      const language = row.chosen ?? languageOf(row.telegram);
      let entry = byLanguage.get(language);
      if (entry === undefined) {
        entry = { language, total: 0, sent: 0, failed: 0, unknown: 0 };
        byLanguage.set(language, entry);
      }
      entry.total += row.count;
      if (row.state === "sent" || row.state === "failed" || row.state === "unknown")
        entry[row.state] += row.count;
    }
    return [...byLanguage.values()].sort(
      (a, b) => b.total - a.total || String(a.language).localeCompare(String(b.language)),
    );
  }
}
