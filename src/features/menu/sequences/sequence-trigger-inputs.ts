import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-sequences.js";
import { fillTemplate } from "../../content/template.js";
import { editSequence } from "../../sequences/sequence-commands.js";
import { SequenceInputError } from "../../sequences/sequence-errors.js";
import { checkedDeeplink, checkedTag } from "../../sequences/sequence-input.js";
import { type AdminConversationEntry, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";

export const tagTriggerConversation = "admin-sequence-tag-trigger";
export const deeplinkTriggerConversation = "admin-sequence-deeplink-trigger";

/** How many deeplink codes the deeplink prompt lists. */
const listedDeeplinks = 20;

/**
 * "none" as no trigger, else what `check` (the verb's own rule) makes of the text; its refusal as
 * `invalid()`, read per message so it is in the admin's language.
 */
function parseTrigger(check: (text: string) => string | null, invalid: () => string) {
  return (message: Message): Parsed<string | null> => {
    const text = message.text?.trim() ?? "";
    if (text.toLowerCase() === "none") return accept(null);
    if (text === "") return refuse(invalid());
    try {
      return accept(check(text));
    } catch (error) {
      if (error instanceof SequenceInputError) return refuse(invalid());
      throw error;
    }
  };
}

/** A tag as `editSequence` stores it (lower-cased), or none. */
export const parseTagTrigger = parseTrigger(checkedTag, () => texts.tagTriggerInvalid);

/** A code a deeplink could have, or none. */
export const parseDeeplinkTrigger = parseTrigger(checkedDeeplink, () => texts.deeplinkTriggerInvalid);

/** Reads the sequence's name and triggers as plain values (a conversation's replay log keeps them). */
function currentTriggers(ctx: UsherContext, sequenceId: number) {
  const sequence = ctx.services.sequences.find(sequenceId);
  return (
    sequence && {
      name: sequence.name,
      tag: sequence.triggerTag ?? "—",
      deeplink: sequence.triggerDeeplink ?? "—",
    }
  );
}

/**
 * 🏷 Tag trigger and 🔗 Deeplink trigger on a sequence's page: the tag or code (or "none") set
 * through `editSequence`, as the API's PATCH does; `showSequence` sends the page again after.
 */
export function sequenceTriggerInputs(
  showSequence: (ctx: UsherContext, sequenceId: number) => Promise<void>,
): AdminConversationEntry[] {
  async function setTagTrigger(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    if (typeof arg !== "number") return;
    const current = await conversation.external((octx) => currentTriggers(octx, arg));
    if (!current) return void (await ctx.reply(texts.gone));
    const tag = await ask(conversation, ctx, fillTemplate(texts.askTagTrigger, current), parseTagTrigger);
    await asAdmin(conversation, async (octx) => {
      const after = editSequence(octx.services, actorOf(octx), arg, { triggerTag: tag });
      await octx.reply(
        after.triggerTag === null
          ? fillTemplate(texts.tagTriggerCleared, { name: after.name })
          : fillTemplate(texts.tagTriggerSet, { name: after.name, tag: after.triggerTag }),
      );
      await showSequence(octx, arg);
    });
  }

  async function setDeeplinkTrigger(
    conversation: AdminConversation,
    ctx: Context,
    arg?: unknown,
  ): Promise<void> {
    if (typeof arg !== "number") return;
    const current = await conversation.external((octx) => {
      const triggers = currentTriggers(octx, arg);
      const codes = octx.services.deeplinks
        .listNewestFirst({ offset: 0, limit: listedDeeplinks })
        .map((d) => d.code);
      return triggers && { ...triggers, codes };
    });
    if (!current) return void (await ctx.reply(texts.gone));
    const deeplinks =
      current.codes.length > 0
        ? fillTemplate(texts.deeplinkCodes, { codes: current.codes.join(", ") })
        : texts.noDeeplinks;
    const prompt = fillTemplate(texts.askDeeplinkTrigger, {
      name: current.name,
      deeplink: current.deeplink,
      deeplinks,
    });
    const code = await ask(conversation, ctx, prompt, parseDeeplinkTrigger);
    await asAdmin(conversation, async (octx) => {
      const after = editSequence(octx.services, actorOf(octx), arg, { triggerDeeplink: code });
      const set = after.triggerDeeplink;
      if (set === null) await octx.reply(fillTemplate(texts.deeplinkTriggerCleared, { name: after.name }));
      else {
        // The API takes a code no deeplink has yet too (one may be made later); the admin is told.
        const unknown = octx.services.deeplinks.find(set)
          ? ""
          : `\n\n${fillTemplate(texts.deeplinkTriggerUnknown, { code: set })}`;
        await octx.reply(
          `${fillTemplate(texts.deeplinkTriggerSet, { name: after.name, code: set })}${unknown}`,
        );
      }
      await showSequence(octx, arg);
    });
  }

  return [
    { id: tagTriggerConversation, builder: setTagTrigger },
    { id: deeplinkTriggerConversation, builder: setDeeplinkTrigger },
  ];
}
