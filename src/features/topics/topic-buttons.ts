/** Callback data of the topic buttons users press; the topic is named by id so a rename keeps them working. */
const togglePrefix = "topics:toggle:";
const unsubscribePrefix = "topics:off:";
const idPattern = /^[1-9]\d{0,15}$/;

/** The /topics list's button that flips one subscription. */
export const toggleData = (topicId: number) => `${togglePrefix}${topicId}`;

/** A mailing's button that unsubscribes its recipient from the mailing's topic. */
export const unsubscribeData = (topicId: number) => `${unsubscribePrefix}${topicId}`;

/** What a press on a topic button asks for, or null when the data is not one (or forged). */
export function readTopicPress(data: string): { action: "toggle" | "off"; topicId: number } | null {
  const action = data.startsWith(togglePrefix) ? "toggle" : data.startsWith(unsubscribePrefix) ? "off" : null;
  if (action === null) return null;
  const id = data.slice(action === "toggle" ? togglePrefix.length : unsubscribePrefix.length);
  if (!idPattern.test(id)) return null;
  const topicId = Number(id);
  return Number.isSafeInteger(topicId) ? { action, topicId } : null;
}
