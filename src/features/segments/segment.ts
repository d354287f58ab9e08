import type { RefusalReason } from "../../errors.js";
import { reasonOf } from "../../texts/refusal-reasons.js";
import { texts } from "../../texts/segments.js";
import { fillTemplate } from "../content/template.js";
import {
  type Condition,
  keywordFields,
  maxConditions,
  numberFields,
  type Segment,
  type SegmentError,
  timeFields,
} from "./tree.js";

export { segmentCondition } from "./compile.js";
export { type ParsedSegment, parseSegment, type SegmentParseOptions } from "./parse.js";
export { printSegment } from "./print.js";
export type { Condition, Segment, SegmentError, SegmentProblem } from "./tree.js";

function usageOf(field: string): string {
  const name = field.toLowerCase();
  const usage = (keywordFields as readonly string[]).includes(name)
    ? texts.usage[name as (typeof keywordFields)[number]]
    : (numberFields as readonly string[]).includes(name)
      ? texts.usage.number
      : (timeFields as readonly string[]).includes(name)
        ? texts.usage.time
        : texts.usage.attribute;
  return fillTemplate(usage, { field: name === "" ? "key" : name });
}

/** The mistake in words, naming the token and its 0-based offset. */
export function segmentErrorText(error: SegmentError): string {
  const { token, offset, field = "" } = error;
  const preview = token.length > texts.tokenPreview ? `${token.slice(0, texts.tokenPreview)}…` : token;
  return fillTemplate(texts.problems[error.problem], {
    token: preview,
    offset,
    field,
    usage: usageOf(field),
    limit: maxConditions,
  });
}

/** The mistake as a refusal's reason: English for the API, the locale in scope's words for the bot. */
export function segmentReason(error: SegmentError): RefusalReason {
  return reasonOf(() => segmentErrorText(error));
}

/** Every condition in the tree, in reading order (negated ones too). */
export function conditionsOf(tree: Segment): Condition[] {
  switch (tree.kind) {
    case "everyone":
      return [];
    case "and":
    case "or":
      return tree.items.flatMap(conditionsOf);
    case "not":
      return conditionsOf(tree.item);
    default:
      return [tree];
  }
}
