import type { MenuRange } from "@grammyjs/menu";
import type { UsherContext } from "../../../bot/context.js";
import { cardTexts as texts } from "../../../texts/admin-sequences.js";
import { fillTemplate } from "../../content/template.js";
import { subscribe, unsubscribe } from "../../sequences/subscription-commands.js";
import type { UserRecord } from "../../users/user-repository.js";
import { actorOf } from "../area.js";
import { formatUtcMinute } from "../audit/utc-time.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { nameOf } from "./card-text.js";

export const cardSequencesPageId = "admin-user-seqs";

type SubPage = (
  id: string,
  text: (ctx: UsherContext, user: UserRecord) => string,
  buttons: (range: MenuRange<UsherContext>, user: UserRecord, ctx: UsherContext) => void,
) => void;
type UserButton = (
  range: MenuRange<UsherContext>,
  label: string,
  action: (ctx: AdminMenuContext, user: UserRecord) => unknown,
) => MenuRange<UsherContext>;

/** The card's 📬 Sequences page: the user's sequences with their next step, ➖ to take them out, ➕ to put them in. */
export function addCardSequencesPage(pages: AdminPages, subPage: SubPage, userButton: UserButton): void {
  subPage(
    cardSequencesPageId,
    (ctx, user) => {
      const { sequences } = ctx.services;
      const names = new Map(sequences.list().map((s) => [s.id, s.name]));
      const lines = sequences.subscriptionsOf(user.id).map((sub) =>
        fillTemplate(texts.line, {
          sequence: names.get(sub.sequenceId) ?? "?",
          status: sub.status,
          next: sub.position + 1,
          due: sub.dueAt ? fillTemplate(texts.due, { at: formatUtcMinute(sub.dueAt) }) : "",
        }),
      );
      return [
        fillTemplate(texts.title, { name: nameOf(user) }),
        "",
        ...(lines.length > 0 ? lines : [texts.none]),
      ].join("\n");
    },
    (range, user, ctx) => {
      if (user.id <= 0) return;
      const { sequences } = ctx.services;
      const active = new Set(
        sequences
          .subscriptionsOf(user.id)
          .filter((s) => s.status === "active")
          .map((s) => s.sequenceId),
      );
      for (const sequence of sequences.list()) {
        const isIn = active.has(sequence.id);
        userButton(
          range,
          fillTemplate(isIn ? texts.remove : texts.add, { sequence: sequence.name }),
          async (ctx, user) => {
            const change = { sequenceId: sequence.id, userId: user.id };
            if (isIn) unsubscribe(ctx.services, actorOf(ctx), change);
            else subscribe(ctx.services, actorOf(ctx), change);
            await pages.refresh(ctx, cardSequencesPageId);
          },
        ).row();
      }
    },
  );
}
