import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Logger } from "pino";
import type { UserRecord } from "../db/schema/index.js";
import type { Metrics } from "../metrics/metrics.js";
import type { Services } from "./services.js";

/** What the gate learned about this update as it passed through the steps. */
export interface GateState {
  /** The payload of a /start in this very update, if it was one (validated, else null). */
  startPayload: string | null;
  isStart: boolean;
  justRegistered: boolean;
  deeplinkDelivered: boolean;
  /** The user, still at the gate, just picked a language: the open step is shown again in it. */
  languageChanged: boolean;
}

export interface UsherFlavor {
  services: Services;
  log: Logger;
  /** The sender, upserted by user tracking; present for private-chat updates. */
  user: UserRecord | undefined;
  isAdmin: boolean;
  gate: GateState;
  /** Present when the process exports metrics. */
  metrics: Metrics | undefined;
}

/** The context every handler sees; `ctx.conversation` exists in the admin area, where conversations are installed. */
export type UsherContext = ConversationFlavor<Context & UsherFlavor>;
