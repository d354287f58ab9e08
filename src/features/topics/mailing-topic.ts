import type { InlineKeyboardButton } from "grammy/types";
import { fillTemplate } from "../content/template.js";
import { parseSegment, type Segment } from "../segments/segment.js";
import { unsubscribeData } from "./topic-buttons.js";
import type { TopicRecord, TopicRepository } from "./topic-repository.js";

/**
 * The topic every recipient of a segment follows: the one `topic:<name>` the segment requires at
 * its top (alone or AND-ed with other conditions). None when it requires none or several.
 */
export function requiredTopicName(tree: Segment): string | undefined {
  const items = tree.kind === "and" ? tree.items : [tree];
  const names = new Set(items.flatMap((item) => (item.kind === "topic" ? [item.name] : [])));
  return names.size === 1 ? [...names][0] : undefined;
}

/** The topic a mailing's audience segment requires, if it exists now. */
export function mailingTopic(topics: TopicRepository, segment: string | undefined): TopicRecord | undefined {
  if (!segment) return undefined;
  const parsed = parseSegment(segment);
  const name = parsed.ok ? requiredTopicName(parsed.tree) : undefined;
  return name === undefined ? undefined : topics.findByName(name);
}

/**
 * The row under a topic mailing: one button that unsubscribes whoever presses it from the topic,
 * its label the `unsubscribeButton` text in effect (`{name}` filled).
 */
export function unsubscribeRow(topic: TopicRecord, label: string): InlineKeyboardButton[] {
  return [
    {
      text: fillTemplate(label, { name: topic.name }),
      callback_data: unsubscribeData(topic.id),
    },
  ];
}
