import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { DeliveryRecord } from "../../db/schema/index.js";
import type { MailingRepository } from "./mailing-repository.js";

/** The columns of the per-recipient report, in order. */
export const deliveryCsvColumns = [
  "user_id",
  "outcome",
  "attempts",
  "error_class",
  "error_description",
  "updated_at",
] as const;

function* csvRows(deliveries: Iterable<DeliveryRecord>): Generator<Array<string | number>> {
  for (const d of deliveries) {
    yield [
      d.userId,
      d.state,
      d.attempts,
      d.errorKind ?? "",
      d.errorDescription ?? "",
      d.updatedAt ? d.updatedAt.toISOString() : "",
    ];
  }
}

/**
 * The outcome of every recipient of a mailing as CSV, streamed page by page from the database, so
 * a mailing to a million users never sits in memory.
 */
export function deliveriesCsv(
  repository: Pick<MailingRepository, "deliveriesOf">,
  mailingId: number,
): Readable {
  return pipeline(
    Readable.from(csvRows(repository.deliveriesOf(mailingId))),
    stringify({ header: true, columns: [...deliveryCsvColumns] }),
    () => undefined,
  );
}
