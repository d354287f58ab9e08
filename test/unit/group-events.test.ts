import type { ChatMember, Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { groupEventOf, isInChat } from "../../src/features/groups/group-events.js";

const ann = { id: 5, is_bot: false, first_name: "Ann" };
const restricted = (isMember: boolean) =>
  ({ status: "restricted", user: ann, is_member: isMember, until_date: 0 }) as unknown as ChatMember;

describe("group events", () => {
  it("when a member is restricted, then they are in the chat only while is_member says so", () => {
    expect(isInChat(restricted(true))).toBe(true);
    expect(isInChat(restricted(false))).toBe(false);
    expect(isInChat({ status: "left", user: ann })).toBe(false);
    expect(isInChat({ status: "creator", user: ann, is_anonymous: false })).toBe(true);
  });

  it("when an update comes from a private chat or a channel, then it says nothing about groups", () => {
    const privateText = {
      update_id: 1,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 5, type: "private", first_name: "Ann" },
        from: ann,
        text: "hi",
      },
    } as Update;
    const channelMember = {
      update_id: 2,
      my_chat_member: {
        chat: { id: -100, type: "channel", title: "News" },
        from: ann,
        date: 0,
        old_chat_member: { status: "left", user: ann },
        new_chat_member: { status: "member", user: ann },
      },
    } as Update;
    expect(groupEventOf(privateText, 99)).toBeUndefined();
    expect(groupEventOf(channelMember, 99)).toBeUndefined();
  });

  it("when the bot itself is the member who left, then the bot left the group", () => {
    const bot = { id: 99, is_bot: true, first_name: "Usher" };
    const update = {
      update_id: 3,
      message: {
        message_id: 2,
        date: 0,
        chat: { id: -5, type: "group", title: "Club" },
        from: ann,
        left_chat_member: bot,
      },
    } as Update;
    expect(groupEventOf(update, 99)).toEqual({
      kind: "bot",
      chat: { id: -5, title: "Club", type: "group" },
      inGroup: false,
    });
  });
});
