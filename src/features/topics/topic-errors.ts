import { UsherError } from "../../errors.js";

/** Why a topic's name or description was refused. */
export const topicInputProblems = ["invalid_topic_name", "invalid_topic_description"] as const;
export type TopicInputProblem = (typeof topicInputProblems)[number];

/** A topic (or a change to one) refused before anything was stored. */
export class TopicInputError extends UsherError {
  override name = "TopicInputError";
  static readonly codes = topicInputProblems;

  constructor(code: TopicInputProblem, message: string) {
    super("invalid", code, message, [
      { field: code === "invalid_topic_name" ? "name" : "description", message },
    ]);
  }
}

/** Another topic already has this name (case aside). */
export class TopicNameTakenError extends UsherError {
  override name = "TopicNameTakenError";
  static readonly codes = ["topic_name_taken"] as const;

  constructor(readonly topicName: string) {
    super(
      "conflict",
      "topic_name_taken" satisfies (typeof TopicNameTakenError.codes)[number],
      `Another topic is already named ${topicName}`,
    );
  }
}

/** No topic has this id or name (deleted meanwhile, or never created). */
export class TopicNotFoundError extends UsherError {
  override name = "TopicNotFoundError";
  static readonly codes = ["unknown_topic"] as const;

  constructor(readonly topic: string | number) {
    super(
      "not_found",
      "unknown_topic" satisfies (typeof TopicNotFoundError.codes)[number],
      typeof topic === "number" ? `No topic has the id ${topic}` : `No topic is named ${topic}`,
    );
  }
}
