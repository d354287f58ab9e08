import { type RefusalWords, UsherError } from "../../errors.js";
import { refusalReason } from "../../texts/refusal-reasons.js";

/** Why a topic's name or description was refused. */
export const topicInputProblems = ["invalid_topic_name", "invalid_topic_description"] as const;
export type TopicInputProblem = (typeof topicInputProblems)[number];

/** A topic (or a change to one) refused before anything was stored. */
export class TopicInputError extends UsherError.input(topicInputProblems) {
  constructor(code: TopicInputProblem, words: RefusalWords) {
    super(code, code === "invalid_topic_name" ? "name" : "description", words);
  }
}

/** Another topic already has this name (case aside). */
export class TopicNameTakenError extends UsherError.of("conflict", ["topic_name_taken"]) {
  constructor(readonly topicName: string) {
    super("topic_name_taken", `Another topic is already named ${topicName}`);
  }
}

/** No topic has this id or name (deleted meanwhile, or never created). */
export class TopicNotFoundError extends UsherError.of("not_found", ["unknown_topic"]) {
  constructor(readonly topic: string | number) {
    super(
      "unknown_topic",
      typeof topic === "number" ? `No topic has the id ${topic}` : `No topic is named ${topic}`,
    );
  }
}

/** An override of a /topics text uses a field the bot does not fill in that text; nothing was stored. */
export class TopicTextFieldError extends UsherError.input(["unknown_topic_text_field"]) {
  constructor(
    /** The setting's field holding the text (`topics.subscribed`). */
    field: string,
    readonly templateField: string,
    allowed: readonly string[],
  ) {
    const named = `{${templateField}}`;
    const reason =
      allowed.length === 0
        ? refusalReason("topics", "textFieldNone", { field: named })
        : refusalReason("topics", "textField", {
            field: named,
            fields: allowed.map((name) => `{${name}}`).join(", "),
          });
    super("unknown_topic_text_field", field, reason);
  }
}
