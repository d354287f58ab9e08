import type { Services } from "../../bot/services.js";
import type { Actor } from "../audit/audit-log.js";
import type { Segment } from "../segments/segment.js";

/** Users changed per transaction in a bulk action: short write locks, flat memory. */
const bulkBatchSize = 500;

export type TagChange = { mode: "add" | "remove"; tag: string };
export type AttributeChange = { mode: "set"; key: string; value: string } | { mode: "unset"; key: string };

/** One change of a bulk edit: a tag or an attribute. */
export type BulkChange = { kind: "tag"; change: TagChange } | { kind: "attribute"; change: AttributeChange };

/** How many users a bulk action went through, and how many of them it changed. */
export interface BulkResult {
  matched: number;
  changed: number;
}

/** Applies one change to one user; true when it changed something. */
function applyChange(services: Services, id: number, { kind, change }: BulkChange, now: Date): boolean {
  if (kind === "tag") {
    return change.mode === "add"
      ? services.users.addTag(id, change.tag, now)
      : services.users.removeTag(id, change.tag);
  }
  return change.mode === "set"
    ? services.users.setAttribute(id, change.key, change.value, now)
    : services.users.unsetAttribute(id, change.key);
}

/**
 * Applies `changes` in order to every user of a segment in one pass, a batch per transaction, so a
 * change cannot move users out of the segment before the next one reaches them. Audits each change
 * as the menu does (`users.bulkTag` / `users.bulkAttribute` with counts only); nothing when nobody matched.
 */
export function bulkEdit(
  services: Services,
  actor: Actor,
  { segment, changes }: { segment: Segment; changes: readonly BulkChange[] },
): BulkResult[] {
  const now = services.now();
  let matched = 0;
  const changed = changes.map(() => 0);
  for (const batch of services.segments.idsOfSegment(segment, bulkBatchSize)) {
    matched += batch.length;
    services.db.transaction(() => {
      for (const id of batch) {
        changes.forEach((change, i) => {
          if (applyChange(services, id, change, now)) changed[i] = (changed[i] ?? 0) + 1;
        });
      }
    });
  }
  return changes.map((change, i) => {
    const result = { matched, changed: changed[i] ?? 0 };
    if (matched > 0) {
      const action = change.kind === "tag" ? "users.bulkTag" : "users.bulkAttribute";
      services.audit.record({ actor, action, after: { mode: change.change.mode, ...result } });
    }
    return result;
  });
}

/** Adds or removes a tag on every user of a segment. */
export function bulkTag(
  services: Services,
  actor: Actor,
  { segment, change }: { segment: Segment; change: TagChange },
): BulkResult {
  return bulkEdit(services, actor, { segment, changes: [{ kind: "tag", change }] })[0] as BulkResult;
}

/** Sets or removes an attribute on every user of a segment. */
export function bulkAttribute(
  services: Services,
  actor: Actor,
  { segment, change }: { segment: Segment; change: AttributeChange },
): BulkResult {
  return bulkEdit(services, actor, { segment, changes: [{ kind: "attribute", change }] })[0] as BulkResult;
}
