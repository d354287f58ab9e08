import type { UsherContext } from "../../../bot/context.js";
import { UsherError } from "../../../errors.js";
import { texts } from "../../../texts/admin-users.js";
import { fillTemplate } from "../../content/template.js";
import { subscribeUser, unsubscribeUser } from "../../topics/subscriptions.js";
import { deleteUserData } from "../../users/gdpr.js";
import { pauseBot } from "../../users/takeover/pause-bot.js";
import type { UserRecord } from "../../users/user-repository.js";
import { actorOf } from "../area.js";
import { usersPageId } from "../page-ids.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { refusalReply } from "../refusal-replies.js";
import { cardInputs, type EditableField, editableFields } from "./card-inputs.js";
import { patch, type SubPage, showCard, type UserButton } from "./card-navigation.js";
import { idOf, nameOf } from "./card-text.js";
import { userTopicsText } from "./user-topics-text.js";

/** The ids of the card's sub-pages its buttons open. */
export const cardSubPageIds = {
  tags: "admin-user-tags",
  attributes: "admin-user-attrs",
  topics: "admin-user-topics",
  edit: "admin-user-edit",
  pause: "admin-user-pause",
  delete: "admin-user-del",
} as const;

/** Each field's button label, by its key in the texts: read when drawn, in the admin's language. */
const fieldLabels = {
  names: "editNamesButton",
  email: "editEmailButton",
  phone: "editPhoneButton",
  timezone: "editTimezoneButton",
  gender: "editGenderButton",
} as const satisfies Record<EditableField, keyof typeof texts>;

/** The card's sub-pages: 🔖 Topics, 🏷 Tags, 🔑 Attributes, ✏️ Edit, ⏸ Pause and 🗑 Delete. */
export function cardSubPages(
  pages: AdminPages,
  parts: {
    subPage: SubPage;
    userButton: UserButton;
    showCardOf: (ctx: AdminMenuContext, user: UserRecord) => Promise<void>;
  },
): void {
  const { subPage, userButton, showCardOf } = parts;
  const ids = cardSubPageIds;

  // 🔖 Topics: every topic as a switch; an admin's change is audited with source admin.
  subPage(
    ids.topics,
    (ctx, user) => userTopicsText(ctx.services, user),
    (range, user, ctx) => {
      const mine = ctx.services.topics.topicIdsOf(user.id);
      for (const topic of ctx.services.topics.list()) {
        const subscribed = mine.has(topic.id);
        const label = `${subscribed ? "✅" : "▫️"} ${topic.name}`;
        userButton(range, label, async (ctx, user) => {
          const change = subscribed ? unsubscribeUser : subscribeUser;
          change(ctx.services, actorOf(ctx), { userId: user.id, topic: { id: topic.id }, source: "admin" });
          await pages.refresh(ctx, ids.topics);
        }).row();
      }
    },
  );

  // 🏷 Tags
  subPage(
    ids.tags,
    (ctx, user) => {
      const tags = ctx.services.users.tagsOf(user.id);
      return [
        fillTemplate(texts.tagsTitle, { name: nameOf(user) }),
        "",
        tags.length > 0 ? tags.join(", ") : texts.noTags,
      ].join("\n");
    },
    (range, user, ctx) => {
      for (const tag of ctx.services.users.tagsOf(user.id)) {
        userButton(range, fillTemplate(texts.removeItem, { item: tag }), async (ctx, user) => {
          patch(ctx, user.id, { tags: { remove: [tag] } });
          await pages.refresh(ctx, ids.tags);
        }).row();
      }
      userButton(range, texts.addTagButton, (ctx, user) => ctx.conversation.enter(cardInputs.tag, user.id));
    },
  );

  // 🔑 Attributes
  subPage(
    ids.attributes,
    (ctx, user) => {
      const attributes = ctx.services.users.attributesOf(user.id);
      const lines = attributes.map(
        (a) => `${a.key}=${a.value.length > 100 ? `${a.value.slice(0, 100)}…` : a.value}`,
      );
      return [
        fillTemplate(texts.attributesTitle, { name: nameOf(user) }),
        "",
        ...(lines.length > 0 ? lines : [texts.noAttributes]),
      ].join("\n");
    },
    (range, user, ctx) => {
      for (const { key } of ctx.services.users.attributesOf(user.id)) {
        userButton(range, fillTemplate(texts.removeItem, { item: key }), async (ctx, user) => {
          patch(ctx, user.id, { attributes: { unset: [key] } });
          await pages.refresh(ctx, ids.attributes);
        }).row();
      }
      userButton(range, texts.setAttributeButton, (ctx, user) =>
        ctx.conversation.enter(cardInputs.attribute, user.id),
      );
    },
  );

  // ✏️ Edit
  subPage(
    ids.edit,
    (_ctx, user) => fillTemplate(texts.editTitle, { name: nameOf(user) }),
    (range) => {
      editableFields.forEach((field, i) => {
        userButton(range, texts[fieldLabels[field]], (ctx, user) =>
          ctx.conversation.enter(cardInputs.edit, user.id, field),
        );
        if (i % 3 === 2) range.row();
      });
    },
  );

  // ⏸ Pause
  const pause = async (ctx: AdminMenuContext, user: UserRecord, minutes: number | null) => {
    pauseBot(ctx.services, actorOf(ctx), { userId: user.id, minutes });
    await showCard(pages, ctx, user.id);
  };
  subPage(
    ids.pause,
    (_ctx, user) => fillTemplate(texts.pauseTitle, { name: nameOf(user) }),
    (range, user, ctx: UsherContext) => {
      if (user.id <= 0) return;
      const minutes = ctx.services.settings.get("users").pauseMinutes;
      userButton(range, fillTemplate(texts.pauseMinutes, { minutes }), (ctx, user) =>
        pause(ctx, user, ctx.services.settings.get("users").pauseMinutes),
      );
      userButton(range, texts.pauseForever, (ctx, user) => pause(ctx, user, null));
    },
  );

  // 🗑 Delete
  subPage(
    ids.delete,
    (_ctx, user) => fillTemplate(texts.deleteConfirm, { name: nameOf(user), id: idOf(user) }),
    (range) => {
      userButton(range, texts.deleteYes, async (ctx, user) => {
        try {
          deleteUserData(ctx.services, actorOf(ctx), user.id);
        } catch (error) {
          if (!(error instanceof UsherError)) throw error;
          await ctx.reply(refusalReply(error));
          return showCard(pages, ctx, user.id);
        }
        await pages.show(ctx, usersPageId);
        await ctx.reply(texts.deleted);
      });
      userButton(range, texts.deleteNo, (ctx, user) => showCardOf(ctx, user));
    },
  );
}
