import type { MessageContent } from "../content/message-content.js";
import { parseSegment, type Segment } from "../segments/segment.js";

/** What a variant sends instead of the mailing's content: a text or a copied message (no albums). */
export type VariantContent = MessageContent;

/** A variant as an admin or the API gives it: who gets it (a segment) and what they get. */
export interface MailingVariantInput {
  segment: string;
  content: VariantContent;
}

/** A mailing carries at most this many variants besides its own content. */
export const maxVariants = 10;

/** A variant as stored and read back by the engine. */
export interface MailingVariant {
  position: number;
  segment: string;
  timeZone: string;
  content: VariantContent;
}

/** A stored variant's segment parsed again (it was checked when stored; a broken one matches nobody). */
export function variantTree(variant: Pick<MailingVariant, "segment">): Segment | null {
  const parsed = parseSegment(variant.segment);
  return parsed.ok ? parsed.tree : null;
}
