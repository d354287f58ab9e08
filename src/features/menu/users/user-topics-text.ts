import type { Services } from "../../../bot/services.js";
import { sourceLabels, texts } from "../../../texts/admin-topics.js";
import { fillTemplate } from "../../content/template.js";
import type { UserRecord } from "../../users/user-repository.js";
import { formatUtcMinute } from "../audit/utc-time.js";
import { nameOf } from "./card-text.js";

/** The card's 🔖 Topics page: every topic, the user's with what subscribed them and since when. */
export function userTopicsText(services: Services, user: UserRecord): string {
  const topics = services.topics.list();
  if (topics.length === 0) return texts.cardNoTopics;
  const mine = new Map(services.topics.subscriptionsOf(user.id).map((s) => [s.topic.id, s]));
  const lines = topics.map((topic) => {
    const subscription = mine.get(topic.id);
    return subscription
      ? fillTemplate(texts.cardSubscribed, {
          name: topic.name,
          source: sourceLabels[subscription.source],
          since: formatUtcMinute(subscription.since),
        })
      : fillTemplate(texts.cardNotSubscribed, { name: topic.name });
  });
  return fillTemplate(texts.cardTitle, { user: nameOf(user), lines: lines.join("\n") });
}
