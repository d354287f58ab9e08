import type { UserRecord } from "../../db/schema/index.js";
import type { MessageContent } from "../content/message-content.js";
import type { TextFormatting } from "../content/text-content.js";
import { textAsUser } from "../personalization/text-as-user.js";
import { segmentCondition } from "../segments/segment.js";
import type { SettingsRepository } from "../settings/settings-repository.js";
import type { UserRepository } from "../users/user-repository.js";
import type { VariantRepository } from "../variants/variant-repository.js";
import type { MailingContent } from "./mailing.js";
import { type MailingVariant, variantTree } from "./mailing-variants.js";
import type { MailingVariantRepository } from "./variant-repository.js";

/** What reading a preview needs (a subset of the bot's services). */
export interface PreviewServices {
  users: UserRepository;
  settings: SettingsRepository;
  /** The admin's texts per language, for the Dear User in the user's. */
  variants: Pick<VariantRepository, "find">;
  mailingVariants: MailingVariantRepository;
  now: () => Date;
}

/** A mailing's message as one user would get it: which variant (null: the mailing's own content), and the text filled. */
export interface MailingPreview {
  variant: number | null;
  content: MailingContent;
  /** The text as sent, with its formatting; absent for copies and albums. */
  rendered?: { text: string; formatting: TextFormatting };
}

/** The first variant whose segment selects `userId` now, as the engine would pick it; null for none. */
export function variantFor(
  services: Pick<PreviewServices, "mailingVariants" | "now">,
  variants: readonly Pick<MailingVariant, "position" | "segment" | "timeZone">[],
  userId: number,
): number | null {
  for (const variant of variants) {
    const tree = variantTree(variant);
    if (!tree) continue;
    const condition = segmentCondition(tree, services.now(), variant.timeZone);
    if (services.mailingVariants.selectedBetween(condition, userId, userId).has(userId))
      return variant.position;
  }
  return null;
}

/** The content `user` gets from a mailing's `content` and `variants`, its text filled with their fields. */
export function previewFor(
  services: PreviewServices,
  content: MailingContent,
  variants: readonly (Pick<MailingVariant, "position" | "segment" | "timeZone"> & {
    content: MessageContent;
  })[],
  user: UserRecord,
): MailingPreview {
  const position = variantFor(services, variants, user.id);
  const chosen = variants.find((v) => v.position === position)?.content ?? content;
  if (chosen.type !== "text") return { variant: position, content: chosen };
  return { variant: position, content: chosen, rendered: textAsUser(services, chosen, user) };
}
