import { afterEach, describe, expect, it, vi } from "vitest";
import { texts } from "../../../src/texts/bot.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => {
  vi.useRealTimers();
  h.close();
});

const menuMessage = () => {
  const message = h.fake
    .messagesTo(ownerId)
    .findLast((m) => m.text?.startsWith("🔐 Admin") || m.reply_markup);
  if (!message) throw new Error("no admin menu");
  return message;
};

describe("admin menu: maintenance", () => {
  it("when the owner sends /admin and walks to maintenance, then the menu is edited in place and shows the state", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "🛠 Maintenance");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    const page = menuMessage();
    expect(page.text).toContain("OFF: the bot works normally.");
    expect(h.fake.inlineButtons(page).map((b) => b.text)).toEqual([
      "❌ Maintenance mode",
      "✏️ Edit text",
      "🌐 Languages",
      "⬅ Back",
    ]);
  });

  it("when the switch is pressed, then the setting, the gate, the button and the audit log all change", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    await h.send(h.fake.updates.command(h.owner, "admin"));
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "🛠 Maintenance");
    await h.press(h.owner, "❌ Maintenance mode");
    expect(h.services.settings.get("maintenance").enabled).toBe(true);
    expect(h.fake.inlineButtons(menuMessage())[0]?.text).toBe("✅ Maintenance mode");
    await h.say(ann, "hello");
    expect(h.fake.textsTo(ann.id).at(-1)).toBe(texts.maintenance);
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "settings.maintenance",
      before: { enabled: false },
      after: { enabled: true },
    });
  });

  it("when the text is edited, then empty and over-long texts are refused and a valid one is saved", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "🛠 Maintenance");
    await h.press(h.owner, "✏️ Edit text");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain("Send the new maintenance text.");
    await h.say(h.owner, "   ");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe(texts.admin.emptyText);
    await h.say(h.owner, "x".repeat(4097));
    expect(h.fake.textsTo(ownerId).at(-1)).toMatch(/4097 characters/);
    await h.send(h.fake.updates.photo(h.owner));
    expect(h.fake.textsTo(ownerId).at(-1)).toBe(texts.admin.notText);
    await h.say(h.owner, "Back at 6 pm");
    expect(h.services.settings.get("maintenance").text).toBe("Back at 6 pm");
    expect(h.fake.lastMessageTo(ownerId)?.text).toContain("Back at 6 pm");
    expect(h.fake.inlineButtons(h.fake.lastMessageTo(ownerId)).map((b) => b.text)).toContain("✏️ Edit text");
  });

  it("when /cancel is sent during input, then nothing changes and later messages are ordinary", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "🛠 Maintenance");
    await h.press(h.owner, "✏️ Edit text");
    await h.say(h.owner, "/cancel");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe(texts.admin.cancelled);
    await h.say(h.owner, "Not a maintenance text");
    expect(h.services.settings.get("maintenance").text).toBe(texts.maintenance);
    await h.say(h.owner, "/cancel");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe(texts.admin.nothingToCancel);
  });

  it("when input is left alone for 15 minutes, then the conversation ends quietly", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    h = createHarness();
    await h.start(h.owner);
    await h.send(h.fake.updates.command(h.owner, "admin"));
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "🛠 Maintenance");
    await h.press(h.owner, "✏️ Edit text");
    vi.setSystemTime(Date.now() + 15 * 60_000 + 1000);
    const before = h.fake.messagesTo(ownerId).length;
    await h.say(h.owner, "late text");
    expect(h.services.settings.get("maintenance").text).toBe(texts.maintenance);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(before);
  });

  it("when a menu button is pressed during input, then the input is abandoned", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "🛠 Maintenance");
    await h.press(h.owner, "✏️ Edit text");
    await h.press(h.owner, "⬅ Back");
    await h.say(h.owner, "should not be saved");
    expect(h.services.settings.get("maintenance").text).toBe(texts.maintenance);
  });

  it("when a non-admin replays the owner's switch press, then nothing changes and they get nothing", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    await h.press(h.owner, "🧩 Extensions");
    await h.press(h.owner, "🛠 Maintenance");
    const data = h.fake.findButton(ownerId, "❌ Maintenance mode")?.button.callback_data as string;
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    await pressData(h, mallory, data);
    await h.send(h.fake.updates.command(mallory, "admin"));
    expect(h.services.settings.get("maintenance").enabled).toBe(false);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
    expect(h.services.audit.recent()).toHaveLength(0);
  });
});

describe("admin menu across a restart", () => {
  it("when the bot restarts mid-input and between menu presses, then both carry on", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    await h.press(h.owner, "🧩 Extensions");
    h.restart();
    await h.press(h.owner, "🛠 Maintenance");
    await h.press(h.owner, "✏️ Edit text");
    h.restart();
    await h.say(h.owner, "Saved across a restart");
    expect(h.services.settings.get("maintenance").text).toBe("Saved across a restart");
  });
});
