import type { Services } from "../../bot/services.js";
import type { Actor } from "../audit/audit-log.js";
import type { Segment } from "../segments/segment.js";

/** Users changed per transaction in a bulk action: short write locks, flat memory. */
const bulkBatchSize = 500;

export type TagChange = { mode: "add" | "remove"; tag: string };
export type AttributeChange = { mode: "set"; key: string; value: string } | { mode: "unset"; key: string };

/** How many users a bulk action went through, and how many of them it changed. */
export interface BulkResult {
  matched: number;
  changed: number;
}

/** Applies `change` to every user of a segment, a batch per transaction, and audits the counts only. */
function applyToSegment(
  services: Services,
  tree: Segment,
  action: string,
  mode: string,
  actor: Actor,
  change: (userId: number, now: Date) => boolean,
): BulkResult {
  const now = services.now();
  let matched = 0;
  let changed = 0;
  for (const batch of services.segments.idsOfSegment(tree, bulkBatchSize)) {
    matched += batch.length;
    services.db.transaction(() => {
      for (const id of batch) if (change(id, now)) changed++;
    });
  }
  services.audit.record({ actor, action, after: { mode, matched, changed } });
  return { matched, changed };
}

/** Adds or removes a tag on every user of a segment. */
export function bulkTag(services: Services, tree: Segment, change: TagChange, actor: Actor): BulkResult {
  return applyToSegment(services, tree, "users.bulkTag", change.mode, actor, (id, now) =>
    change.mode === "add"
      ? services.users.addTag(id, change.tag, now)
      : services.users.removeTag(id, change.tag),
  );
}

/** Sets or removes an attribute on every user of a segment. */
export function bulkAttribute(
  services: Services,
  tree: Segment,
  change: AttributeChange,
  actor: Actor,
): BulkResult {
  return applyToSegment(services, tree, "users.bulkAttribute", change.mode, actor, (id, now) =>
    change.mode === "set"
      ? services.users.setAttribute(id, change.key, change.value, now)
      : services.users.unsetAttribute(id, change.key),
  );
}
