import type { MessageContent } from "../content/message-content.js";

/** What a step sends: admin content (a text with templates, a copied message) or an album copied whole. */
export type SequenceContent = MessageContent | { type: "album"; fromChatId: number; messageIds: number[] };

/** How a user came to be subscribed. */
export const subscriptionSources = ["registration", "campaign", "tag", "deeplink", "admin", "api"] as const;
export type SubscriptionSource = (typeof subscriptionSources)[number];

/** Why a subscription stopped. */
export type StopReason = "admin" | "api" | "user" | "dead";

/** Callback data of a step's "stop these messages" button: the subscription and the step pressed. */
export const stopButtonPattern = /^seqstop:(\d{1,12}):(\d{1,12})$/;

export function stopButtonData(subscriptionId: number, stepId: number): string {
  return `seqstop:${subscriptionId}:${stepId}`;
}
