import { Api, InlineKeyboard, Keyboard } from "grammy";
import { describe, expect, it } from "vitest";
import { BrowserChats, phoneOf } from "./fake-telegram/browser.js";
import { FakeTelegram } from "./fake-telegram/index.js";

function setUp() {
  const fake = new FakeTelegram();
  const api = new Api(fake.token, { fetch: fake.fetch, apiRoot: "http://fake.local" });
  const alice = fake.addUser({ first_name: "Alice" });
  const chats = new BrowserChats(fake);
  return { fake, api, alice, chats };
}

describe("the double as a browser sees it (playground)", () => {
  it("when the bot sends formatted text with buttons and a photo, then the view has the text, its entities, the button rows and a placeholder", async () => {
    const { fake, api, alice, chats } = setUp();
    await api.sendMessage(alice.id, "<b>Hi</b> <a href='https://example.com'>there</a>", {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text("Go", "go")
        .url("Site", "https://example.com")
        .row()
        .text("Back", "back"),
    });
    const photo = fake.addFile({ kind: "photo", content: "jpeg" });
    await api.sendPhoto(alice.id, photo.file_id, { caption: "A view" });

    const [text, picture] = chats.view(alice.id).messages;
    expect(text).toMatchObject({
      from: "bot",
      text: "Hi there",
      entities: [
        { type: "bold", offset: 0, length: 2 },
        { type: "text_link", offset: 3, length: 5, url: "https://example.com" },
      ],
      inline: [
        [
          { text: "Go", data: "go" },
          { text: "Site", url: "https://example.com" },
        ],
        [{ text: "Back", data: "back" }],
      ],
    });
    expect(picture).toMatchObject({ kind: "photo", text: "A view", media: "photo", inline: [] });
  });

  it("when the bot deletes the message that set a reply keyboard, then the keyboard stays until the bot removes it", async () => {
    const { api, alice, chats } = setUp();
    const sent = await api.sendMessage(alice.id, "Share?", {
      reply_markup: new Keyboard().requestContact("Share my number").row().text("No"),
    });
    await api.deleteMessage(alice.id, sent.message_id);
    expect(chats.view(alice.id).keyboard).toEqual({
      rows: [[{ text: "Share my number", contact: true }], [{ text: "No", contact: false }]],
    });

    await api.sendMessage(alice.id, "Thanks", { reply_markup: { remove_keyboard: true } });
    expect(chats.view(alice.id).keyboard).toBeNull();
  });

  it("when the person types, presses, shares, votes and joins, then the bot gets the updates Telegram would send", async () => {
    const { fake, api, alice, chats } = setUp();
    const channel = fake.addChat({ id: -1001, type: "channel", title: "News" });
    const menu = await api.sendMessage(alice.id, "Menu", {
      reply_markup: new InlineKeyboard().text("Go", "go"),
    });
    const poll = await api.sendPoll(alice.id, "Tea or coffee?", ["Tea", "Coffee"], { is_anonymous: false });

    chats.act(alice.id, { type: "text", text: "/start" });
    chats.act(alice.id, { type: "press", messageId: menu.message_id, data: "go" });
    chats.act(alice.id, { type: "contact" });
    chats.act(alice.id, { type: "vote", pollId: poll.poll?.id ?? "", optionIds: [1] });
    chats.act(alice.id, { type: "join", chatId: channel.id });

    const [text, press, contact, vote] = fake.pendingUpdates();
    expect(text?.message).toMatchObject({ text: "/start", entities: [{ type: "bot_command" }] });
    expect(press?.callback_query).toMatchObject({ data: "go", message: { message_id: menu.message_id } });
    expect(contact?.message?.contact).toMatchObject({ user_id: alice.id, phone_number: phoneOf(alice) });
    expect(vote?.poll_answer).toMatchObject({ option_ids: [1], user: { id: alice.id } });
    // chat_member updates reach only a bot that asks for them, as with Telegram; the membership is set.
    expect(await api.getChatMember(channel.id, alice.id)).toMatchObject({ status: "member" });
    expect(chats.view(alice.id).messages.find((m) => m.poll)?.poll).toMatchObject({
      question: "Tea or coffee?",
      options: ["Tea", "Coffee"],
      voted: [1],
    });
  });

  it("when the bot answers a press with an alert, then the page gets its text as an alert; a bare answer gives nothing", async () => {
    const { api, alice, chats } = setUp();
    const menu = await api.sendMessage(alice.id, "Menu", {
      reply_markup: new InlineKeyboard().text("Go", "go"),
    });
    const alerted = chats.act(alice.id, { type: "press", messageId: menu.message_id, data: "go" });
    const bare = chats.act(alice.id, { type: "press", messageId: menu.message_id, data: "go" });
    const answers = Promise.all([chats.callbackAnswer(alerted), chats.callbackAnswer(bare)]);
    await api.answerCallbackQuery(alerted.callback_query?.id ?? "", { text: "Nope", show_alert: true });
    await api.answerCallbackQuery(bare.callback_query?.id ?? "");

    expect(await answers).toEqual([{ text: "Nope", alert: true }, undefined]);
    expect(await chats.callbackAnswer(chats.act(alice.id, { type: "text", text: "hi" }))).toBeUndefined();
  });

  it("when a chat's messages are sent, edited or deleted, then listeners hear that chat's id each time", async () => {
    const { fake, api, alice } = setUp();
    const heard: number[] = [];
    const stop = fake.onChatChange((chatId) => heard.push(chatId));
    const sent = await api.sendMessage(alice.id, "one");
    await api.editMessageText(alice.id, sent.message_id, "two");
    await api.deleteMessage(alice.id, sent.message_id);
    stop();
    await api.sendMessage(alice.id, "after");
    expect(heard).toEqual([alice.id, alice.id, alice.id]);
  });
});
