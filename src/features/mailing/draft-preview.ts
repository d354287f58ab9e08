import type { UserRecord } from "../../db/schema/index.js";
import { type CreateMailingInput, checkMailing, type MailingServices } from "./mailing-commands.js";
import { type MailingPreview, type PreviewServices, previewFor } from "./mailing-preview.js";

/** What previewing a draft needs: what checking a mailing and previewing one need. */
export type DraftPreviewServices = Pick<MailingServices, "mailings" | "topics"> & PreviewServices;

/** A mailing not made yet, as it would go out now: whom it reaches and its message as one of them gets it. */
export interface DraftPreview {
  /** How many users the mailing would snapshot if it started now. */
  recipients: number;
  /** Whom the message is shown as: the user asked for, else the first recipient; null when it reaches nobody. */
  user: UserRecord | null;
  /** The message as `user` gets it; null without a user. */
  message: MailingPreview | null;
}

/**
 * Previews a mailing before it exists, writing nothing: the input is refused by the rules of
 * `createMailing` itself (`MailingInputError`), counted by the snapshot's own condition, and shown
 * as `asUser`, else as the first user the engine would send to.
 */
export function previewDraft(
  services: DraftPreviewServices,
  input: CreateMailingInput,
  asUser?: UserRecord,
): DraftPreview {
  const { payload, variants } = checkMailing(services, input);
  const now = services.now();
  const recipients = services.mailings.countAudience(input.audience, now);
  const firstId = services.mailings.firstRecipient(input.audience, now);
  const user = asUser ?? (firstId === undefined ? undefined : services.users.find(firstId));
  const message =
    user && payload.kind === "message"
      ? previewFor(
          services,
          payload.content,
          variants.map((variant, position) => ({ ...variant, position })),
          user,
        )
      : null;
  return { recipients, user: user ?? null, message };
}
