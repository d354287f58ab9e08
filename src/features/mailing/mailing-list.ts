import type { Db } from "../../db/client.js";
import { type MailingPageQuery, type MailingRecord, MailingRepository } from "./mailing-repository.js";

/** One page of mailings, newest first, optionally of one kind. */
export function listMailings(db: Db, query: MailingPageQuery): MailingRecord[] {
  return new MailingRepository(db).page(query);
}
