import { describe, expect, it } from "vitest";
import { RequiredChatRepository } from "../../src/features/gate/required-chats/required-chat-repository.js";
import { createTestDatabase } from "../support/test-database.js";

const at = new Date("2026-06-01T12:00:00Z");
const news = { chatId: -100_1, title: "News", joinUrl: "https://t.me/news" };
const chat = { chatId: -100_2, title: "Chat", joinUrl: "https://t.me/chat" };

const fresh = () => {
  const { db } = createTestDatabase();
  return { db, chats: new RequiredChatRepository(db) };
};

describe("RequiredChatRepository (the list kept in memory)", () => {
  it("when a chat is added after the list was read, then the list shows it at once, in the order added", () => {
    const { chats } = fresh();
    expect(chats.list()).toEqual([]);
    chats.add(news, at);
    chats.add(chat, at);
    expect(chats.list().map((c) => c.chatId)).toEqual([news.chatId, chat.chatId]);
  });

  it("when a chat is added again, then the list shows its new title and link at once", () => {
    const { chats } = fresh();
    chats.add(news, at);
    chats.list();
    chats.add({ ...news, title: "News 2", joinUrl: "https://t.me/news2" }, at);
    expect(chats.list()).toEqual([
      expect.objectContaining({ chatId: news.chatId, title: "News 2", joinUrl: "https://t.me/news2" }),
    ]);
  });

  it("when a chat is removed, then the list drops it at once", () => {
    const { chats } = fresh();
    chats.add(news, at);
    chats.add(chat, at);
    chats.list();
    expect(chats.remove(news.chatId)).toBe(true);
    expect(chats.list().map((c) => c.chatId)).toEqual([chat.chatId]);
  });

  it("when the unreadable-chat alert is claimed or cleared, then the list shows it at once", () => {
    const { chats } = fresh();
    chats.add(news, at);
    expect(chats.list()[0]?.inaccessibleAlertedAt).toBeNull();

    expect(chats.claimInaccessibleAlert(news.chatId, at)).toBe(true);
    expect(chats.list()[0]?.inaccessibleAlertedAt).toEqual(at);
    expect(chats.claimInaccessibleAlert(news.chatId, at)).toBe(false);

    chats.clearInaccessibleAlert(news.chatId);
    expect(chats.list()[0]?.inaccessibleAlertedAt).toBeNull();
  });

  it("when a new repository opens the same database (a restart), then it lists the chats added before", () => {
    const { db, chats } = fresh();
    chats.add(news, at);
    expect(new RequiredChatRepository(db).list().map((c) => c.chatId)).toEqual([news.chatId]);
  });

  it("when a caller changes the returned list, then the next list is unchanged", () => {
    const { chats } = fresh();
    chats.add(news, at);
    chats.list().pop();
    expect(chats.list()).toHaveLength(1);
  });
});
