import type { Db } from "../../../db/client.js";
import type { DeeplinkRecord } from "../../../db/schema/index.js";
import { UsherError } from "../../../errors.js";
import { refusalReason } from "../../../texts/refusal-reasons.js";
import type { Actor } from "../../audit/audit-log.js";
import type { AuditLog } from "../../audit/audit-repository.js";
import { markupProblem } from "../../content/markup-check.js";
import type { MessageContent } from "../../content/message-content.js";
import type { UrlButton } from "../../mailing/mailing.js";
import { findUrlButtonProblem } from "../../mailing/url-buttons.js";
import { checkTemplateFields } from "../../personalization/template-fields.js";
import type { TopicRepository } from "../../topics/topic-repository.js";
import type { VariantRepository } from "../../variants/variant-repository.js";
import { checkDeeplinkCode, generateDeeplinkCode } from "./deeplink-code.js";
import type { DeeplinkRepository } from "./deeplink-repository.js";
import { maxTagsPerDeeplink, normalizeTags } from "./deeplink-tags.js";

/** What the deeplink verbs work with (a subset of the bot's services). */
export interface DeeplinkServices {
  db: Db;
  deeplinks: DeeplinkRepository;
  /** The topics a deeplink may subscribe its users to. */
  topics: TopicRepository;
  audit: AuditLog;
  /** A deleted deeplink's content variants go with it. */
  variants: Pick<VariantRepository, "removeAllOf">;
  now: () => Date;
}

/** Why a deeplink's input was refused. */
export const deeplinkInputProblems = [
  "invalid_code",
  "referral_prefix",
  "invalid_text",
  "invalid_markup",
  "invalid_copy",
  "invalid_tags",
  "invalid_buttons",
  "invalid_topics",
] as const;
export type DeeplinkInputProblem = (typeof deeplinkInputProblems)[number];

/** Which part of the input a problem is about. */
export type DeeplinkInputField = "code" | "text" | "copy" | "tags" | "buttons" | "topics";

/** A deeplink (or a change to one) refused before anything was stored. */
export class DeeplinkInputError extends UsherError.input(deeplinkInputProblems)<DeeplinkInputField> {}

/** Another deeplink already has this code. */
export class DeeplinkCodeTakenError extends UsherError.of("conflict", ["code_taken"]) {
  constructor(readonly deeplinkCode: string) {
    super("code_taken", `The code ${deeplinkCode} is taken by another deeplink`);
  }
}

export interface NewDeeplinkInput {
  /** Absent: a fresh random code. */
  code?: string;
  content: MessageContent;
  tags?: readonly string[];
  buttons?: UrlButton[][];
  /** Names of topics the link subscribes its users to (each must exist). */
  topics?: readonly string[];
}

export interface DeeplinkChanges {
  content?: MessageContent;
  tags?: readonly string[];
  buttons?: UrlButton[][];
  topics?: readonly string[];
}

const isWhole = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

function checkedCode(code: string): string {
  const check = checkDeeplinkCode(code);
  if (check.ok) return code;
  if (check.problem === "format") {
    throw new DeeplinkInputError("invalid_code", "code", refusalReason("deeplinks", "code"));
  }
  throw new DeeplinkInputError(
    "referral_prefix",
    "code",
    refusalReason("deeplinks", code.startsWith("r") ? "userReferralPrefix" : "campaignPrefix", {
      letter: code.charAt(0),
    }),
  );
}

/** A deeplink's content as stored, or a `DeeplinkInputError` (also the rule for the welcome and their variants). */
export function checkedContent(content: MessageContent): MessageContent {
  if (content.type === "text") {
    if (content.text.trim() === "" || content.text.length > 4096)
      throw new DeeplinkInputError("invalid_text", "text", refusalReason("deeplinks", "text"));
    checkTemplateFields(content.text, "text");
    const markup = markupProblem(content);
    if (markup) throw new DeeplinkInputError("invalid_markup", "text", markup);
    return content;
  }
  if (
    !isWhole(content.fromChatId) ||
    content.fromChatId === 0 ||
    !isWhole(content.messageId) ||
    content.messageId < 1
  )
    throw new DeeplinkInputError("invalid_copy", "copy", refusalReason("deeplinks", "copy"));
  return content;
}

function checkedTags(tags: readonly string[]): string[] {
  const parsed = normalizeTags(tags);
  if (parsed.ok) return parsed.tags;
  const reason =
    parsed.problem === "invalid"
      ? refusalReason("deeplinks", "notATag", { tag: parsed.tag.slice(0, 64) })
      : parsed.problem === "too_many"
        ? refusalReason("deeplinks", "tooManyTags", { count: parsed.count, max: maxTagsPerDeeplink })
        : refusalReason("deeplinks", "noTags");
  throw new DeeplinkInputError("invalid_tags", "tags", reason);
}

function checkedButtons(buttons: UrlButton[][]): UrlButton[][] {
  const found = findUrlButtonProblem(buttons);
  if (found === null) return buttons;
  throw new DeeplinkInputError(
    "invalid_buttons",
    "buttons",
    `Row ${found.line}${found.button > 0 ? `, button ${found.button}` : ""}: ${found.problem.replaceAll("_", " ")}`,
  );
}

/** The ids of the named topics, each once; every name must be a topic's. */
function checkedTopicIds(topics: TopicRepository, names: readonly string[]): number[] {
  if (names.length > maxTagsPerDeeplink)
    throw new DeeplinkInputError(
      "invalid_topics",
      "topics",
      refusalReason("deeplinks", "tooManyTopics", { count: names.length, max: maxTagsPerDeeplink }),
    );
  const ids = names.map((name) => {
    const topic = topics.findByName(name.trim());
    if (!topic)
      throw new DeeplinkInputError(
        "invalid_topics",
        "topics",
        refusalReason("deeplinks", "unknownTopic", { name: name.slice(0, 64) }),
      );
    return topic.id;
  });
  return [...new Set(ids)];
}

/** Topic ids as their current names, for audit entries; deleted topics drop out. */
function topicNames(topics: TopicRepository, ids: readonly number[]): string[] {
  return ids.flatMap((id) => topics.find(id)?.name ?? []);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Creates a deeplink with the given code or a fresh random one and audits `deeplinks.create`.
 * Throws `DeeplinkInputError` or `DeeplinkCodeTakenError`, storing nothing.
 */
export function createDeeplink(
  services: DeeplinkServices,
  actor: Actor,
  input: NewDeeplinkInput,
): DeeplinkRecord {
  const code = input.code === undefined ? undefined : checkedCode(input.code);
  const content = checkedContent(input.content);
  const tags = checkedTags(input.tags ?? []);
  const buttons = checkedButtons(input.buttons ?? []);
  const { deeplinks, audit } = services;
  return services.db.transaction(() => {
    const topicIds = checkedTopicIds(services.topics, input.topics ?? []);
    const chosen = code ?? generateDeeplinkCode((c) => deeplinks.find(c) !== undefined);
    const created = deeplinks.createUnlessTaken(
      { code: chosen, content, tags, buttons, topicIds, createdBy: actor.kind === "admin" ? actor.id : null },
      services.now(),
    );
    if (!created) throw new DeeplinkCodeTakenError(chosen);
    audit.record({
      actor,
      action: "deeplinks.create",
      after: {
        code: chosen,
        tags,
        ...(buttons.length > 0 && { buttons }),
        ...(topicIds.length > 0 && { topics: topicNames(services.topics, topicIds) }),
      },
    });
    return created;
  });
}

/**
 * Replaces a deeplink's URL buttons, auditing `deeplinks.buttons` when they change; returns the
 * buttons before and after, or undefined when the deeplink is gone.
 */
export function setDeeplinkButtons(
  services: DeeplinkServices,
  actor: Actor,
  { code, buttons }: { code: string; buttons: UrlButton[][] },
): { before: UrlButton[][]; after: UrlButton[][] } | undefined {
  const checked = checkedButtons(buttons);
  return services.db.transaction(() => {
    const changed = services.deeplinks.setButtons(code, checked);
    if (changed && !same(changed.before, changed.after)) {
      services.audit.record({
        actor,
        action: "deeplinks.buttons",
        before: { code, buttons: changed.before },
        after: { code, buttons: changed.after },
      });
    }
    return changed;
  });
}

/**
 * Changes a deeplink's content, tags, buttons and topics at once, auditing each part that changed
 * (`deeplinks.content`, `deeplinks.tags`, `deeplinks.buttons`, `deeplinks.topics`); undefined when it is gone.
 */
export function changeDeeplink(
  services: DeeplinkServices,
  actor: Actor,
  { code, changes }: { code: string; changes: DeeplinkChanges },
): DeeplinkRecord | undefined {
  const checked: { content?: MessageContent; tags?: string[]; buttons?: UrlButton[][] } = {
    ...(changes.content !== undefined && { content: checkedContent(changes.content) }),
    ...(changes.tags !== undefined && { tags: checkedTags(changes.tags) }),
    ...(changes.buttons !== undefined && { buttons: checkedButtons(changes.buttons) }),
  };
  return services.db.transaction(() => {
    const topicIds =
      changes.topics === undefined ? undefined : checkedTopicIds(services.topics, changes.topics);
    const changed = services.deeplinks.update(code, {
      ...checked,
      ...(topicIds !== undefined && { topicIds }),
    });
    if (!changed) return undefined;
    const { before, after } = changed;
    for (const part of ["content", "tags", "buttons"] as const) {
      if (checked[part] === undefined || same(before[part], after[part])) continue;
      services.audit.record({
        actor,
        action: `deeplinks.${part}`,
        before: { code, [part]: before[part] },
        after: { code, [part]: after[part] },
      });
    }
    if (topicIds !== undefined && !same(before.topicIds, after.topicIds)) {
      services.audit.record({
        actor,
        action: "deeplinks.topics",
        before: { code, topics: topicNames(services.topics, before.topicIds) },
        after: { code, topics: topicNames(services.topics, after.topicIds) },
      });
    }
    return after;
  });
}

/** Deletes a deeplink with its variants and audits `deeplinks.delete`; tags it gave stay. Undefined when it is gone. */
export function deleteDeeplink(
  services: DeeplinkServices,
  actor: Actor,
  code: string,
): DeeplinkRecord | undefined {
  return services.db.transaction(() => {
    const deleted = services.deeplinks.delete(code);
    if (deleted) {
      services.variants.removeAllOf([`deeplink:${deleted.code}`]);
      services.audit.record({
        actor,
        action: "deeplinks.delete",
        before: { code: deleted.code, tags: deleted.tags },
      });
    }
    return deleted;
  });
}
