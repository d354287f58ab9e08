import { refusalReason } from "../../texts/refusal-reasons.js";
import { TopicInputError } from "./topic-errors.js";

/**
 * A topic's name: 1 to 32 letters (any script), digits, `_` and `-`, no spaces, so it reads as one
 * word in a segment (`topic:News`), a URL path and a deeplink's list. Unique regardless of case.
 */
export const topicNamePattern = /^[\p{L}\p{N}_-]{1,32}$/u;
export const maxTopicDescription = 256;

/** The name trimmed, or a TopicInputError. */
export function checkedTopicName(name: string): string {
  const trimmed = name.trim();
  if (!topicNamePattern.test(trimmed))
    throw new TopicInputError("invalid_topic_name", refusalReason("topics", "name"));
  return trimmed;
}

/** The description trimmed, or a TopicInputError. */
export function checkedTopicDescription(description: string): string {
  const trimmed = description.trim();
  if ([...trimmed].length > maxTopicDescription)
    throw new TopicInputError(
      "invalid_topic_description",
      refusalReason("topics", "description", { max: maxTopicDescription }),
    );
  return trimmed;
}
