import type { SQL } from "drizzle-orm";
import type { MailingRecord } from "../../db/schema/index.js";
import { compiledTemplate } from "../personalization/compiled-template.js";
import type { PersonalizationRepository } from "../personalization/personalization-repository.js";
import type { RecipientFields } from "../personalization/recipient-fields.js";
import { attributeKeyOf } from "../personalization/template-fields.js";
import { segmentCondition } from "../segments/segment.js";
import type { MailingContent } from "./mailing.js";
import type { Recipient } from "./mailing-repository.js";
import { type MailingVariant, variantTree } from "./mailing-variants.js";
import type { MailingVariantRepository } from "./variant-repository.js";

/** A recipient with what they get: the content that fits them and their fields for its templates. */
export interface PersonalRecipient extends Recipient {
  content: MailingContent;
  fields: RecipientFields;
}

interface CompiledVariant {
  content: MailingContent;
  /** Null when the stored segment no longer parses: it selects nobody. */
  condition: SQL | null;
}

const noAttributes: ReadonlyMap<string, string> = new Map();

/** The attribute keys the templates of these contents read. */
function attributeKeysOf(contents: readonly MailingContent[]): string[] {
  const keys = new Set<string>();
  for (const content of contents) {
    if (content.type !== "text") continue;
    for (const field of compiledTemplate(content.text).fields) {
      const key = attributeKeyOf(field);
      if (key !== null) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * Decides, a batch at a time, what each recipient of one mailing run gets: the first variant whose
 * segment selects them, else the mailing's content. Segments and templates are compiled once per
 * run; each batch costs one query per variant and one for the attributes its templates read.
 */
export class RecipientPersonalizer {
  private readonly variants: CompiledVariant[];
  private readonly attributeKeys: string[];

  constructor(
    private readonly deps: { variants: MailingVariantRepository; personalization: PersonalizationRepository },
    private readonly content: MailingContent,
    stored: readonly MailingVariant[],
    now: Date,
    private readonly dearUser: string,
  ) {
    this.variants = stored.map((variant) => {
      const tree = variantTree(variant);
      return { content: variant.content, condition: tree && segmentCondition(tree, now, variant.timeZone) };
    });
    this.attributeKeys = attributeKeysOf([content, ...this.variants.map((v) => v.content)]);
  }

  /** Builds the personalizer of a message mailing's run. */
  static forMailing(
    deps: { variants: MailingVariantRepository; personalization: PersonalizationRepository },
    mailing: MailingRecord,
    content: MailingContent,
    now: Date,
    dearUser: string,
  ): RecipientPersonalizer {
    return new RecipientPersonalizer(deps, content, deps.variants.list(mailing.id), now, dearUser);
  }

  /** The batch (in id order) with each recipient's content and fields. */
  personalize(batch: readonly Recipient[]): PersonalRecipient[] {
    const first = batch[0]?.userId;
    const last = batch.at(-1)?.userId;
    if (first === undefined || last === undefined) return [];
    const selected = this.variants.map((v) =>
      v.condition ? this.deps.variants.selectedBetween(v.condition, first, last) : new Set<number>(),
    );
    const attributes = this.deps.personalization.attributesBetween(this.attributeKeys, first, last);
    return batch.map((recipient) => {
      const index = selected.findIndex((ids) => ids.has(recipient.userId));
      const own = attributes.get(recipient.userId) ?? noAttributes;
      return {
        ...recipient,
        content: index === -1 ? this.content : (this.variants[index] as CompiledVariant).content,
        fields: {
          recipient: { ...recipient, id: recipient.userId },
          attribute: (key) => own.get(key),
          dearUser: this.dearUser,
        },
      };
    });
  }
}
