import type { MessageOrigin } from "grammy/types";
import { describe, expect, it } from "vitest";
import {
  chatIdArgument,
  parseChatReference,
  parseJoinLink,
} from "../../src/features/gate/required-chats/chat-reference.js";

const text = (value: string) => parseChatReference({ text: value });
const channel = { id: -1001234567890, type: "channel" as const, title: "News" };

describe("parseChatReference", () => {
  it("when a message is forwarded from a channel, then the channel's id is the reference", () => {
    const origin: MessageOrigin = { type: "channel", chat: channel, message_id: 7, date: 0 };
    expect(parseChatReference({ text: "@ignored", forward_origin: origin })).toEqual({
      ok: true,
      reference: { kind: "id", chatId: channel.id },
    });
  });

  it("when a message is forwarded from a group's anonymous sender, then the group's id is the reference", () => {
    const group = { id: -1009876543210, type: "supergroup" as const, title: "Chat" };
    const origin: MessageOrigin = { type: "chat", sender_chat: group, date: 0 };
    expect(parseChatReference({ forward_origin: origin })).toEqual({
      ok: true,
      reference: { kind: "id", chatId: group.id },
    });
  });

  it("when a message is forwarded from a person, then it is refused as not a chat", () => {
    const user: MessageOrigin = {
      type: "user",
      sender_user: { id: 5, is_bot: false, first_name: "Ann" },
      date: 0,
    };
    const hidden: MessageOrigin = { type: "hidden_user", sender_user_name: "Ann", date: 0 };
    expect(parseChatReference({ forward_origin: user })).toEqual({
      ok: false,
      problem: "forwarded_from_user",
    });
    expect(parseChatReference({ forward_origin: hidden })).toEqual({
      ok: false,
      problem: "forwarded_from_user",
    });
  });

  it("when an @username is sent, then it is the reference, surrounding spaces aside", () => {
    expect(text("  @usher_news ")).toEqual({
      ok: true,
      reference: { kind: "username", username: "usher_news" },
    });
    expect(text("@a")).toEqual({ ok: false, problem: "unrecognized" });
    expect(text("@9news")).toEqual({ ok: false, problem: "unrecognized" });
    expect(text("@news channel")).toEqual({ ok: false, problem: "unrecognized" });
  });

  it("when a negative id is sent, then it is the reference; a positive id is a user's", () => {
    expect(text("-1001234567890")).toEqual({ ok: true, reference: { kind: "id", chatId: -1001234567890 } });
    expect(text("-4567")).toEqual({ ok: true, reference: { kind: "id", chatId: -4567 } });
    expect(text("123456789")).toEqual({ ok: false, problem: "user_id" });
    expect(text("0")).toEqual({ ok: false, problem: "unrecognized" });
    expect(text("-99999999999999999999")).toEqual({ ok: false, problem: "unrecognized" });
  });

  it("when a public link is sent, with or without scheme, then its username is the reference", () => {
    for (const link of [
      "https://t.me/usher_news",
      "http://t.me/usher_news/",
      "t.me/usher_news",
      "https://telegram.me/usher_news",
      "https://t.me/usher_news/42",
      "https://t.me/s/usher_news",
      "https://t.me/usher_news?start=x",
      "tg://resolve?domain=usher_news",
    ]) {
      expect(text(link), link).toEqual({ ok: true, reference: { kind: "username", username: "usher_news" } });
    }
  });

  it("when a private post link t.me/c/<id>/<post> is sent, then the chat's -100 id is the reference", () => {
    expect(text("https://t.me/c/1234567890/15")).toEqual({
      ok: true,
      reference: { kind: "id", chatId: -1001234567890 },
    });
  });

  it("when a private invite link is sent, then it is refused as unresolvable", () => {
    for (const link of ["https://t.me/+AbCdEf123", "t.me/joinchat/AbCdEf123", "https://t.me/+"]) {
      expect(text(link), link).toEqual({ ok: false, problem: "private_invite" });
    }
  });

  it("when something else is sent, then it is not recognised", () => {
    for (const other of ["", "news", "https://example.com/usher_news", "https://t.me/", "t.me/ab"]) {
      expect(text(other), other).toEqual({ ok: false, problem: "unrecognized" });
    }
    expect(parseChatReference({})).toEqual({ ok: false, problem: "unrecognized" });
  });
});

describe("chatIdArgument", () => {
  it("when the reference is a username, then getChat gets @username; else the id", () => {
    expect(chatIdArgument({ kind: "username", username: "usher_news" })).toBe("@usher_news");
    expect(chatIdArgument({ kind: "id", chatId: -100 })).toBe(-100);
  });
});

describe("parseJoinLink", () => {
  it("when a t.me invite or public link is sent, then it is kept as an https link", () => {
    expect(parseJoinLink("https://t.me/+AbCdEf123")).toBe("https://t.me/+AbCdEf123");
    expect(parseJoinLink("t.me/joinchat/AbCdEf123")).toBe("https://t.me/joinchat/AbCdEf123");
    expect(parseJoinLink(" http://t.me/usher_news/ ")).toBe("https://t.me/usher_news");
  });

  it("when the text is not a Telegram join link, then it is refused", () => {
    for (const other of [
      "https://example.com/+abc",
      "hello",
      "https://t.me/",
      "https://t.me/+a",
      "t.me/a b",
    ]) {
      expect(parseJoinLink(other), other).toBeNull();
    }
  });
});
