import type { MessageContent } from "../content/message-content.js";
import type { PollContent } from "./poll.js";

/** What a mailing sends: admin content (albums copied whole), a poll, or nothing at all for a Check Users probe. */
export type MailingContent =
  | MessageContent
  | { type: "album"; fromChatId: number; messageIds: number[] }
  | PollContent;

export interface UrlButton {
  text: string;
  url: string;
}

export type MailingPayload =
  | { kind: "message"; content: MailingContent; buttons: UrlButton[][] }
  | { kind: "probe" };

/** Who receives it: the bot users a segment selects (all of them without one). */
export interface MailingAudience {
  /** Dead users (blocked the bot) are left out unless included on purpose. */
  includeDead: boolean;
  /** Segment text, as `printSegment` writes it (see src/features/segments/parse.ts). */
  segment?: string;
  /** The time zone the segment's days and wall-clock times mean; UTC when absent. */
  timeZone?: string;
  // Mailings stored before segments carry a typed filter instead; still honoured when read.
  tags?: string[];
  languages?: string[];
  campaignId?: number;
  referrerId?: number;
  registeredAfter?: string;
  registeredBefore?: string;
}

export interface MailingOptions {
  /** Consecutive failed attempts (1–5) after which a user counts as dead. */
  deadAfter: number;
  silent: boolean;
  protectContent: boolean;
  pin: boolean;
  /** Messages per second for this mailing; above 30 only with paid broadcast. */
  ratePerSecond: number;
  paidBroadcast: boolean;
  /** URL buttons go through the click-tracking redirect when PUBLIC_URL is set; absent means true. */
  trackClicks?: boolean;
  /** A mailing to one topic (`topic:<name>`) carries a 🔕 unsubscribe button; absent means true. */
  topicButton?: boolean;
}

export const defaultMailingOptions: MailingOptions = {
  deadAfter: 3,
  silent: false,
  protectContent: false,
  pin: false,
  ratePerSecond: 25,
  paidBroadcast: false,
};

/** Telegram's free broadcast limit, and the ceiling with paid broadcasts. */
export const freeRateLimit = 30;
export const paidRateLimit = 1000;

/** The rate a mailing may really use, whatever was asked for. */
export function effectiveRate(options: Pick<MailingOptions, "ratePerSecond" | "paidBroadcast">): number {
  const ceiling = options.paidBroadcast ? paidRateLimit : freeRateLimit;
  return Math.max(1, Math.min(options.ratePerSecond, ceiling));
}

export interface Liveness {
  failedDeliveries: number;
  dead: boolean;
}

/**
 * How a delivery outcome changes a user's liveness: a success resets the count and revives;
 * an unreachable failure counts, and the user dies when the count reaches Dead After.
 */
export function nextLiveness(
  current: Liveness,
  outcome: "delivered" | "unreachable",
  deadAfter: number,
): Liveness & { becameDead: boolean; revived: boolean } {
  if (outcome === "delivered") {
    return { failedDeliveries: 0, dead: false, becameDead: false, revived: current.dead };
  }
  const failedDeliveries = current.failedDeliveries + 1;
  const dead = current.dead || failedDeliveries >= deadAfter;
  return { failedDeliveries, dead, becameDead: dead && !current.dead, revived: false };
}

/** Waits before retrying a transient failure (network, 5xx): 1 s, 2 s, 4 s…, at most 30 s. */
export function transientBackoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Transient failures are retried this many times before the delivery is given up as failed. */
export const maxTransientAttempts = 4;
