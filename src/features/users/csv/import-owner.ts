import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ImportRecord } from "../../../db/schema/index.js";
import { isProcessRunning } from "../../lease/instance-lease.js";
import type { ImportOwner } from "./import-repository.js";

/** An import silent for this long was left by a process that is gone (a live one writes every few ms). */
export const importStaleMs = 5000;

/** A new owner in this process: a random id (one per call), this pid and host. */
export function newImportOwner(): ImportOwner {
  return { owner: randomUUID(), pid: process.pid, host: hostname() };
}

/**
 * Whether an unfinished import was left by a process that is gone: one on this host that no longer
 * runs (a kill -9, seen at once), or one silent for `staleMs`.
 */
export function isLeftBehind(
  left: Pick<ImportRecord, "pid" | "host" | "heartbeatAt">,
  staleMs = importStaleMs,
): boolean {
  if (left.heartbeatAt.getTime() < Date.now() - staleMs) return true;
  return left.host === hostname() && left.pid !== process.pid && !isProcessRunning(left.pid);
}
