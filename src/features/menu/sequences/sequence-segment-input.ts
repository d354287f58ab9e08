import type { Context } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-sequences.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { fillTemplate } from "../../content/template.js";
import { parseSegment, segmentErrorText } from "../../segments/segment.js";
import { segmentAudience, subscribeSegment } from "../../sequences/subscription-commands.js";
import { type AdminConversationEntry, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, refuse } from "../ask.js";
import { choose, toolsExit } from "../users/tools-input.js";

export const subscribeSegmentConversation = "admin-sequence-subscribe-segment";

/**
 * 👥 Subscribe a segment on a sequence's page: a segment (mailings' language), how many live bot
 * users it selects, a confirmation, then `subscribeSegment` as the API's POST calls it.
 * `showSequence` sends the page again after.
 */
export function sequenceSegmentInput(
  showSequence: (ctx: UsherContext, sequenceId: number) => Promise<void>,
): AdminConversationEntry {
  async function subscribeSegmentInput(
    conversation: AdminConversation,
    ctx: Context,
    arg?: unknown,
  ): Promise<void> {
    if (typeof arg !== "number") return;
    const sequence = await conversation.external((octx) => {
      const found = octx.services.sequences.find(arg);
      const timezone = octx.services.settings.get("mailing").timezone;
      return found && { name: found.name, resubscribe: found.resubscribe, timezone };
    });
    if (!sequence) return void (await ctx.reply(texts.gone));
    const { name } = sequence;
    const chosen = await ask(
      conversation,
      ctx,
      fillTemplate(texts.askSegment, { name, timezone: sequence.timezone }),
      async (message) => {
        const text = message.text?.trim();
        if (!text) return refuse(texts.segmentNotText);
        const parsed = parseSegment(text);
        if (!parsed.ok) return refuse(segmentErrorText(parsed));
        // Counted by the very audience the verb subscribes.
        const count = await conversation.external((octx) =>
          octx.services.mailings.countAudience(segmentAudience(octx.services, text), octx.services.now()),
        );
        return count === 0 ? refuse(texts.segmentNobody) : accept({ segment: text, count });
      },
    );
    const resubscribe =
      sequence.resubscribe === "restart" ? texts.resubscribeRestart : texts.resubscribeResume;
    await choose(
      conversation,
      ctx,
      fillTemplate(texts.confirmSegment, { count: chosen.count, name, resubscribe }),
      [texts.confirmSegmentButton],
    );
    await asAdmin(conversation, async (octx) => {
      // Answered here, not as a refusal: this reply also takes the confirmation's keyboard down.
      if (!octx.services.sequences.find(arg))
        return void (await octx.reply(texts.gone, { reply_markup: adminKeyboard }));
      const subscribed = subscribeSegment(octx.services, actorOf(octx), {
        sequenceId: arg,
        segment: chosen.segment,
      });
      await octx.reply(fillTemplate(texts.segmentSubscribed, { subscribed, count: chosen.count, name }), {
        reply_markup: adminKeyboard,
      });
      await showSequence(octx, arg);
    });
  }

  // The confirmation's reply keyboard has its own ❌ Cancel; leaving gives back the 🔐Admin keyboard.
  return { id: subscribeSegmentConversation, builder: subscribeSegmentInput, exit: toolsExit };
}
