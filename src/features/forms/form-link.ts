import type { NextFunction } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import type { FormRecord } from "../../db/schema/index.js";
import { UsherError } from "../../errors.js";
import { fieldsFor } from "../gate/gate-replies.js";
import { sendFormOutcome } from "./form-messages.js";
import { formReaderOf } from "./form-reader.js";
import { startFormRun } from "./form-runs.js";

/**
 * A `?start=<code>` of a form, at the gate's deeplink step: the form starts, and its first question
 * is sent after whatever the rest of the gate says (a newcomer's welcome comes first). A form that
 * cannot start (no questions yet) is passed over as an unknown payload.
 */
export async function startFormFromLink(
  ctx: UsherContext,
  form: FormRecord,
  next: NextFunction,
): Promise<void> {
  const user = ctx.user;
  if (!user || ctx.isAdmin) return next();
  let step: ReturnType<typeof startFormRun>;
  try {
    step = startFormRun(ctx.services, { formId: form.id, userId: user.id });
  } catch (error) {
    if (!(error instanceof UsherError)) throw error;
    ctx.log.info({ userId: user.id, formId: form.id, code: error.code }, "form link did not start the form");
    return next();
  }
  ctx.gate.deeplinkDelivered = true;
  ctx.log.info({ userId: user.id, formId: form.id }, "form started by link");
  await next();
  await sendFormOutcome(ctx.api, user.id, step, fieldsFor(ctx), formReaderOf(ctx));
}
