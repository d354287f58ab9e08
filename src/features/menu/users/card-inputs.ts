import type { Context } from "grammy";
import { texts } from "../../../texts/admin-users.js";
import {
  checkedEmail,
  checkedGender,
  checkedName,
  checkedPhone,
  checkedTimezone,
} from "../../users/profile-fields.js";
import { replaceUserPhoto } from "../../users/profile-photo.js";
import { type AdminConversationEntry, actorOf } from "../area.js";
import { type AdminConversation, ask } from "../ask.js";
import type { AdminPages } from "../pages.js";
import { changeUser, patch, userIdOf } from "./card-navigation.js";
import { checked, clearable, parseAttribute, parsePhoto, parseTag, textOf } from "./user-input.js";

/** The conversations the card's buttons start, each with the user id as its first argument. */
export const cardInputs = {
  tag: "admin-user-tag",
  attribute: "admin-user-attr",
  edit: "admin-user-edit",
  photo: "admin-user-photo",
} as const;

/** The profile fields ✏️ Edit changes, each by its own input (the edit input's second argument). */
export type EditableField = "names" | "email" | "phone" | "timezone" | "gender";
export const editableFields: readonly EditableField[] = ["names", "email", "phone", "timezone", "gender"];

/** The card's typed inputs: a tag, an attribute, a replaced photo, a profile field; each shows the card again. */
export function cardInputConversations(pages: AdminPages): AdminConversationEntry[] {
  async function addTag(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const userId = userIdOf(arg);
    if (userId === undefined) return;
    const tag = await ask(conversation, ctx, texts.tagPrompt, parseTag);
    await changeUser(pages, conversation, userId, (octx) => patch(octx, userId, { tags: { add: [tag] } }));
  }

  async function replacePhoto(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const userId = userIdOf(arg);
    if (userId === undefined) return;
    const fileId = await ask(conversation, ctx, texts.replacePhotoPrompt, parsePhoto);
    await changeUser(pages, conversation, userId, (octx) =>
      replaceUserPhoto(octx.services, actorOf(octx), { userId, fileId }),
    );
  }

  async function setAttribute(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const userId = userIdOf(arg);
    if (userId === undefined) return;
    const { key, value } = await ask(conversation, ctx, texts.attributePrompt, parseAttribute);
    await changeUser(pages, conversation, userId, (octx) =>
      patch(octx, userId, { attributes: { set: { [key]: value } } }),
    );
  }

  async function editField(
    conversation: AdminConversation,
    ctx: Context,
    arg?: unknown,
    which?: unknown,
  ): Promise<void> {
    const userId = userIdOf(arg);
    const field = editableFields.find((f) => f === which);
    if (userId === undefined || field === undefined) return;
    const askField = <T>(prompt: string, check: (value: string | null) => T) =>
      ask(conversation, ctx, `${prompt}\n${texts.clearHint}`, (message) => {
        const parsed = textOf(message);
        return parsed.ok ? checked(() => check(clearable(parsed.value))) : parsed;
      });
    if (field === "names") {
      const first = await askField(texts.firstNamePrompt, checkedName);
      const last = await askField(texts.lastNamePrompt, checkedName);
      return changeUser(pages, conversation, userId, (octx) =>
        patch(octx, userId, { firstName: first, lastName: last }),
      );
    }
    const prompts = {
      email: { prompt: texts.emailPrompt, check: checkedEmail },
      phone: { prompt: texts.phonePrompt, check: checkedPhone },
      timezone: { prompt: texts.timezonePrompt, check: checkedTimezone },
      gender: { prompt: texts.genderPrompt, check: checkedGender },
    } as const;
    const { prompt, check } = prompts[field];
    const value = await askField(prompt, check);
    await changeUser(pages, conversation, userId, (octx) => patch(octx, userId, { [field]: value }));
  }

  return [
    { id: cardInputs.tag, builder: addTag },
    { id: cardInputs.attribute, builder: setAttribute },
    { id: cardInputs.edit, builder: editField },
    { id: cardInputs.photo, builder: replacePhoto },
  ];
}
