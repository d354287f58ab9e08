import type { Actor } from "../features/audit/audit-log.js";

/** What every API route may read from its request: who acts, set by the auth in front of it. */
export type ApiEnv = { Variables: { actor: Actor } };

/**
 * Who a request acts as, for the verbs' audit entries: the API token's system actor under /api, the
 * session's admin under /app/api (the auth layer in front of the routes sets it).
 */
export function actorOf(c: { var: { actor: Actor } }): Actor {
  return c.var.actor;
}
