import { conditionsOf, printSegment, type Segment } from "../segments/segment.js";
import type { MailingAudience } from "./mailing.js";

/**
 * The audience for a segment typed by an admin: dead users stay out unless the segment itself
 * speaks of them (`dead:yes`, `dead:no`), and its days are read in `timeZone`.
 */
export function segmentAudience(tree: Segment, timeZone: string): MailingAudience {
  const speaksOfDead = conditionsOf(tree).some((condition) => condition.kind === "dead");
  return { includeDead: speaksOfDead, segment: printSegment(tree), timeZone };
}
