import type { Db } from "../../db/client.js";
import type { UserRecord } from "../../db/schema/index.js";
import type { Actor } from "../audit/audit-log.js";
import { type CreateMailingInput, createMailing, type MailingServices } from "./mailing-commands.js";
import { type MailingPreview, type PreviewServices, previewFor } from "./mailing-preview.js";
import { WakeSignal } from "./wake-signal.js";

/** What previewing a draft needs: what creating a mailing and previewing one need. */
export type DraftPreviewServices = MailingServices & PreviewServices;

/** A mailing not made yet, as it would go out now: whom it reaches and its message as one of them gets it. */
export interface DraftPreview {
  /** How many users the mailing would snapshot if it started now. */
  recipients: number;
  /** Whom the message is shown as: the user asked for, else the first recipient; null when it reaches nobody. */
  user: UserRecord | null;
  /** The message as `user` gets it; null without a user. */
  message: MailingPreview | null;
}

/** Carries the trial's answer out of the transaction it undoes. */
class TrialUndone<T> {
  constructor(readonly answer: T) {}
}

/** Runs `trial` in a transaction that is then rolled back, and returns what it answered. */
function undoneTrial<T>(db: Db, trial: () => T): T {
  try {
    db.transaction(() => {
      throw new TrialUndone(trial());
    });
  } catch (thrown) {
    if (thrown instanceof TrialUndone) return thrown.answer as T;
    throw thrown;
  }
  throw new Error("a trial transaction always ends undone");
}

/**
 * Previews a mailing before it exists. It is made by `createMailing` itself (so a bad draft is refused
 * with the same `MailingInputError`) in a transaction rolled back before anything is kept: no mailing,
 * no audit entry, no engine woken. Shown as `asUser`, else as the first user the audience picks.
 */
export function previewDraft(
  services: DraftPreviewServices,
  actor: Actor,
  input: CreateMailingInput,
  asUser?: UserRecord,
): DraftPreview {
  return undoneTrial(services.db, () => {
    // A signal nobody hears: the engine must not pick up a mailing that is about to be rolled back.
    const trialServices = { ...services, mailingWake: new WakeSignal() };
    const { mailing, estimatedRecipients } = createMailing(trialServices, actor, input);
    const firstId = services.mailings.firstRecipient(mailing.audience, mailing.createdAt);
    const user = asUser ?? (firstId === undefined ? undefined : services.users.find(firstId));
    const payload = mailing.payload;
    const message =
      user && payload.kind === "message"
        ? previewFor(services, payload.content, services.mailingVariants.list(mailing.id), user)
        : null;
    return { recipients: estimatedRecipients, user: user ?? null, message };
  });
}
