import { Composer } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../bot/context.js";
import { fieldsFor, userLocale } from "../gate/gate-replies.js";
import type { AnswerInput } from "./form-answers.js";
import { FormStateError } from "./form-errors.js";
import { sendFormCancelled, sendFormOutcome } from "./form-messages.js";
import { formReaderOf } from "./form-reader.js";
import { answerQuestion, cancelFormRun, hasOpenForm, skipQuestion, startFormRun } from "./form-runs.js";
import { profileForm } from "./profile-form.js";

/** The command a message starts with (without @botname), as Telegram marks it. */
function commandOf(message: Message): string | undefined {
  const first = message.entities?.[0];
  if (message.text === undefined || first?.type !== "bot_command" || first.offset !== 0) return undefined;
  return message.text.slice(1, first.length).split("@")[0]?.toLowerCase();
}

function answerOf(message: Message, senderId: number): AnswerInput {
  const photo = message.photo?.at(-1);
  return {
    senderId,
    ...(message.text !== undefined && { text: message.text }),
    ...(message.contact && { contact: message.contact }),
    ...(photo && { photoFileId: photo.file_id }),
  };
}

/**
 * Forms for bot users (non-admins in private chats; admins preview forms from the menu): /profile
 * starts the profile form, and while a form is open each message answers its question. The run
 * lives in SQLite, so a restart loses nothing; /cancel leaves; other commands act as usual.
 */
export function createFormsFeature(): Composer<UsherContext> {
  const feature = new Composer<UsherContext>();
  const users = feature.filter(
    (ctx) => !ctx.isAdmin && ctx.chat?.type === "private" && ctx.user?.status === "active",
  );

  users.command("profile", async (ctx) => {
    const user = ctx.user;
    if (!user) return;
    let step: ReturnType<typeof startFormRun>;
    try {
      step = startFormRun(ctx.services, { formId: profileForm(ctx.services).id, userId: user.id });
    } catch (error) {
      // The owner removed every question: /profile then has nothing to ask.
      if (!(error instanceof FormStateError)) throw error;
      ctx.log.info({ userId: user.id, code: error.code }, "profile form did not start");
      return;
    }
    await sendFormOutcome(ctx.api, user.id, step, fieldsFor(ctx), formReaderOf(ctx));
  });

  users.on("message", async (ctx, next) => {
    const userId = ctx.from.id;
    if (!hasOpenForm(ctx.services, { userId })) return next();
    const command = commandOf(ctx.message);
    if (command === "cancel") {
      if (cancelFormRun(ctx.services, { userId })) await sendFormCancelled(ctx.api, userId, userLocale(ctx));
      return;
    }
    if (command !== undefined && command !== "skip") return next();
    const outcome =
      command === "skip"
        ? skipQuestion(ctx.services, { userId })
        : answerQuestion(ctx.services, { userId, answer: answerOf(ctx.message, userId) });
    if (outcome.kind === "idle") return next();
    if (outcome.kind === "done") ctx.user = ctx.services.users.find(userId) ?? ctx.user;
    await sendFormOutcome(ctx.api, userId, outcome, fieldsFor(ctx), formReaderOf(ctx));
  });
  return feature;
}
