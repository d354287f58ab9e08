import type { MessageContent } from "../content/message-content.js";
import type { PollContent } from "../mailing/poll.js";

/**
 * What a step sends: admin content (a text with templates, a copied message), an album copied
 * whole, or a poll (each subscriber's own, never anonymous, as a poll mailing sends it).
 */
export type SequenceContent =
  | MessageContent
  | { type: "album"; fromChatId: number; messageIds: number[] }
  | PollContent;

/** A button under a step that starts one of the bot's forms (its start link, as a mailing's URL button would). */
export interface FormButton {
  formId: number;
  text: string;
}

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
