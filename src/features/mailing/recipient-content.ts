import type { SQL } from "drizzle-orm";
import type { MailingRecord } from "../../db/schema/index.js";
import { compiledTemplate } from "../personalization/compiled-template.js";
import type { PersonalizationRepository } from "../personalization/personalization-repository.js";
import type { RecipientFields } from "../personalization/recipient-fields.js";
import { attributeKeyOf } from "../personalization/template-fields.js";
import { segmentCondition } from "../segments/segment.js";
import type { MailingContent } from "./mailing.js";
import type { Recipient } from "./mailing-repository.js";
import { variantTree } from "./mailing-variants.js";
import type { MailingVariantRepository } from "./variant-repository.js";

/** A recipient with what they get: the content that fits them and their fields for its templates. */
export interface PersonalRecipient extends Recipient {
  content: MailingContent;
  fields: RecipientFields;
}

/** What personalizing reads: the variants, the users they select, the attributes templates use. */
export interface PersonalizerDeps {
  mailingVariants: MailingVariantRepository;
  personalization: PersonalizationRepository;
}

interface CompiledVariant {
  content: MailingContent;
  /** Null when the stored segment no longer parses: it selects nobody. */
  condition: SQL | null;
}

const noAttributes: ReadonlyMap<string, string> = new Map();

/**
 * Recipients whose variants are read together. A segment on attributes reads every user with that
 * attribute however short the stretch, so the stretch is long: its cost spread thin, its sets small.
 */
const stretchSize = 25_000;

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
 * run; variants are read once per stretch of recipients, attributes once per batch.
 */
export class RecipientPersonalizer {
  private readonly variants: CompiledVariant[];
  private readonly attributeKeys: string[];
  /** The ids each variant selects up to `end`, read once for many batches. */
  private stretch: { end: number; selected: Set<number>[] } | undefined;

  constructor(
    private readonly deps: PersonalizerDeps,
    private readonly mailing: MailingRecord,
    private readonly content: MailingContent,
    now: Date,
    /** What a recipient with no name is called, in their language. */
    private readonly dearUser: (recipient: Recipient) => string,
    private readonly stretchLength = stretchSize,
  ) {
    this.variants = deps.mailingVariants.list(mailing.id).map((variant) => {
      const tree = variantTree(variant);
      return { content: variant.content, condition: tree && segmentCondition(tree, now, variant.timeZone) };
    });
    this.attributeKeys = attributeKeysOf([content, ...this.variants.map((v) => v.content)]);
  }

  /** The batch (in id order) with each recipient's content and fields. */
  personalize(batch: readonly Recipient[]): PersonalRecipient[] {
    const first = batch[0]?.userId;
    const last = batch.at(-1)?.userId;
    if (first === undefined || last === undefined) return [];
    const selected = this.selectedFor(first, last);
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
          dearUser: this.dearUser(recipient),
        },
      };
    });
  }

  /** The ids each variant selects, read anew when a batch (`first` to `last`) leaves the stretch read last. */
  private selectedFor(first: number, last: number): Set<number>[] {
    if (this.variants.length === 0) return [];
    if (!this.stretch || last > this.stretch.end) {
      const { mailingVariants } = this.deps;
      // A batch is the next pending recipients from `first`: the stretch of all its recipients from there covers it.
      const end = Math.max(last, mailingVariants.stretchEnd(this.mailing.id, first, this.stretchLength));
      const selected = this.variants.map((v) =>
        v.condition ? mailingVariants.selectedBetween(v.condition, first, end) : new Set<number>(),
      );
      this.stretch = { end, selected };
    }
    return this.stretch.selected;
  }
}
