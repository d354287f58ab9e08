import {
  type AttributeValue,
  attributePrefix,
  type Condition,
  fieldNames,
  profileFields,
  type Segment,
} from "./tree.js";
import { printTime, readAttributeValue } from "./values.js";

/** Text that reads back as itself unquoted: no spaces, parentheses, bars, quotes or leading operator. */
const plainText = /^[^\s()|"\\:=!<>][^\s()|"\\]*$/;

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

function printAttributeValue(value: AttributeValue): string {
  switch (value.type) {
    case "number":
      return String(value.number);
    case "boolean":
      return String(value.boolean);
    case "time":
      return printTime(value.time);
    case "text": {
      // Text that would read as a number, date or boolean keeps its quotes.
      const unquoted = plainText.test(value.text) ? readAttributeValue(value.text, false) : null;
      return unquoted?.type === "text" ? value.text : quote(value.text);
    }
  }
}

/** An attribute key, with `attr.` where it would otherwise name a field. */
function printKey(key: string): string {
  return fieldNames.has(key) ? `${attributePrefix}${key}` : key;
}

function printCondition(condition: Condition): string {
  switch (condition.kind) {
    case "tag":
      return `tag:${condition.tag}`;
    case "topic":
      return `topic:${condition.name}`;
    case "has":
      return `has:${condition.field}`;
    case "has_attribute": {
      const clashes = (profileFields as readonly string[]).includes(condition.key);
      return `has:${clashes ? attributePrefix : ""}${condition.key}`;
    }
    case "language":
      return `lang:${condition.code}`;
    case "status":
      return `status:${condition.status}`;
    case "dead":
      return `dead:${condition.dead ? "yes" : "no"}`;
    case "premium":
      return `premium:${condition.premium ? "yes" : "no"}`;
    case "referred_by":
      return `ref:r${condition.code}`;
    case "campaign":
      return `ref:a${condition.code}`;
    case "parent":
      return `parent:${condition.id}`;
    case "poll":
      return condition.option === undefined
        ? `poll:${condition.mailingId}`
        : `poll:${condition.mailingId}=${condition.option}`;
    case "number":
      return `${condition.field}${condition.op}${condition.value}`;
    case "time":
      return `${condition.field}${condition.op}${printTime(condition.value)}`;
    case "attribute":
      return `${printKey(condition.key)}${condition.op}${printAttributeValue(condition.value)}`;
  }
}

/** Writes a tree as segment text that parses back to the same tree; `everyone` is the empty text. */
export function printSegment(tree: Segment): string {
  switch (tree.kind) {
    case "everyone":
      return "";
    case "and":
      // A nested AND keeps its parentheses so the tree reads back with the same shape.
      return tree.items
        .map((item) =>
          item.kind === "and" || item.kind === "or" ? `(${printSegment(item)})` : printSegment(item),
        )
        .join(" ");
    case "or":
      return tree.items
        .map((item) => (item.kind === "or" ? `(${printSegment(item)})` : printSegment(item)))
        .join(" OR ");
    case "not":
      return tree.item.kind === "and" || tree.item.kind === "or"
        ? `-(${printSegment(tree.item)})`
        : `-${printSegment(tree.item)}`;
    default:
      return printCondition(tree);
  }
}
