import { refusalReason } from "../../texts/refusal-reasons.js";
import { markupProblem } from "../content/markup-check.js";
import type { MessageContent } from "../content/message-content.js";
import { checkTemplateFields } from "../personalization/template-fields.js";
import { parseSegment, printSegment } from "../segments/segment.js";
import type { SettingsRepository } from "../settings/settings-repository.js";
import { MailingInputError } from "./mailing-input-error.js";
import type { MailingKind } from "./mailing-repository.js";
import { type MailingVariantInput, maxVariants } from "./mailing-variants.js";

const isWhole = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

/** Checks a text or a copy; `at` is where it sits in the input (`variants.0.`, or nothing). */
export function checkMessageContent(content: MessageContent, at: "" | `variants.${number}.`): void {
  if (content.type === "text") {
    const field = `${at}text` as const;
    if (content.text.trim() === "" || content.text.length > 4096)
      throw new MailingInputError("invalid_text", field, refusalReason("mailing", "text"));
    checkTemplateFields(content.text, field);
    const markup = markupProblem(content);
    if (markup) throw new MailingInputError("invalid_markup", field, markup);
    return;
  }
  if (
    !isWhole(content.fromChatId) ||
    content.fromChatId === 0 ||
    !isWhole(content.messageId) ||
    content.messageId < 1
  )
    throw new MailingInputError("invalid_copy", `${at}copy`, refusalReason("mailing", "copy"));
}

/** Checks the variants (segments that parse, contents like the mailing's); stored with the mailing time zone. */
export function checkedVariants(
  settings: SettingsRepository,
  kind: MailingKind,
  variants: readonly MailingVariantInput[],
): Array<{ segment: string; timeZone: string; content: MessageContent }> {
  if (variants.length === 0) return [];
  if (kind !== "mailing")
    throw new MailingInputError(
      "invalid_variants",
      "variants",
      refusalReason("mailing", "variantsOnlyMailings"),
    );
  if (variants.length > maxVariants)
    throw new MailingInputError(
      "invalid_variants",
      "variants",
      refusalReason("mailing", "tooManyVariants", { max: maxVariants }),
    );
  const timeZone = settings.get("mailing").timezone;
  return variants.map((variant, index) => {
    const parsed = parseSegment(variant.segment.trim());
    if (!parsed.ok)
      throw new MailingInputError(
        "invalid_segment",
        `variants.${index}.segment`,
        "The segment does not parse",
        parsed,
      );
    if (parsed.tree.kind === "everyone")
      throw new MailingInputError(
        "invalid_variants",
        `variants.${index}.segment`,
        refusalReason("mailing", "variantNeedsSegment"),
      );
    checkMessageContent(variant.content, `variants.${index}.`);
    return { segment: printSegment(parsed.tree), timeZone, content: variant.content };
  });
}
