import { describe, expect, it } from "vitest";
import type { MailingRecord } from "../../../src/db/schema/index.js";
import type { MailingEngine } from "../../../src/features/mailing/mailing-engine.js";
import { texts as shared } from "../../../src/texts/bot.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, type HarnessOptions, ownerId } from "../../support/bot-harness.js";
import type { UploadedFile } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";
import {
  seedBotUsers,
  startMailingHarness,
  stopEngineAfterEach,
  waitForStatus,
} from "../../support/mailing-helpers.js";
import { waitFor } from "../../support/wait-for.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

let seed: ReturnType<typeof startMailingHarness>["seed"];
let say: ReturnType<typeof startMailingHarness>["say"];
let lastText: ReturnType<typeof startMailingHarness>["lastText"];

function setUp(options: HarnessOptions = {}) {
  const started = startMailingHarness(options);
  ({ h, engine, seed, say, lastText } = started);
  return started.repository;
}
const lastMailing = () => h.services.mailings.list(1)[0] as MailingRecord;
const statusMessageOf = (id: number) => {
  const m = h.services.mailings.find(id);
  return h.fake.messagesTo(ownerId).find((msg) => msg.message_id === m?.statusMessageId);
};
const buttonsOf = (message: { reply_markup?: unknown } | undefined) =>
  h.fake.inlineButtons(message).map((b) => b.text);
const keyboardOf = (message: { reply_markup?: unknown } | undefined) =>
  ((message?.reply_markup as { keyboard?: Array<Array<{ text: string }>> })?.keyboard ?? []).map((row) =>
    row.map((b) => b.text),
  );

/** From the root menu to the options screen of a text mailing to everyone alive. */
async function textMailingToOptions(text: string, buttons = "⏭ No buttons") {
  await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
  await say(text, buttons, "👥 Everyone alive");
}

function csvOfLastDocument(): { filename: string; lines: string[] } {
  const call = h.fake.callsOf("sendDocument").at(-1);
  const file = call?.params.document as UploadedFile | undefined;
  if (!file) throw new Error("no document sent");
  return { filename: file.filename, lines: Buffer.from(file.bytes).toString("utf8").trim().split("\n") };
}

describe("admin menu: mailing", () => {
  it("when the owner opens the admin menu, then 📨 Mailing and 🔍 Check Users share a row after Extensions", async () => {
    h = createHarness();
    await openAdmin(h, []);
    const markup = currentMenu(h).message.reply_markup as { inline_keyboard: Array<Array<{ text: string }>> };
    const rows = markup.inline_keyboard.map((row) => row.map((b) => b.text));
    expect(rows[0]).toEqual(["🧩 Extensions"]);
    expect(rows[1]).toEqual(["📨 Mailing", "🔍 Check Users"]);
    await h.press(h.owner, "📨 Mailing");
    expect(currentMenu(h).buttons).toEqual(["✉️ New mailing", "📜 History", "⚙️ Mailing defaults", "⬅ Back"]);
    expect(currentMenu(h).text).toContain("Defaults: Dead After 3 · 25 messages/s · time zone UTC");
  });

  it("when a text mailing goes to a mixed audience, then each reachable user gets it once, the dead are marked and the report and CSV follow", async () => {
    const repository = setUp();
    const [ann, nameless, blocked, deactivated, deleted, bob] = seed(
      { first_name: "Ann", language_code: "es-MX" },
      { first_name: "" },
      { state: "blocked", language_code: "ru" },
      { state: "deactivated" },
      { state: "deleted" },
      { first_name: "Bob", language_code: "es" },
    );
    await textMailingToOptions("Hello {first_name}!");
    await say("💀 Dead After: 3", "1");
    expect(lastText()).toContain("💀 Dead After: 1 failed deliveries in a row");
    await say("✅ Continue");
    // The owner is a bot user like the six (admins are registered from their first update).
    expect(lastText()).toContain("Recipients now: 7");
    await say("🚀 Send now");

    const done = await waitForStatus(repository, lastMailing().id);
    expect(done).toMatchObject({ total: 7, sent: 4, failed: 3, newlyDead: 3, unknown: 0 });
    expect(done.options.deadAfter).toBe(1);
    expect(h.fake.textsTo(ownerId)).toContain("Hello Owner!");
    expect(h.fake.textsTo(ann.id)).toEqual(["Hello Ann!"]);
    expect(h.fake.textsTo(nameless.id)).toEqual(["Hello Dear User!"]);
    expect(h.fake.textsTo(bob.id)).toEqual(["Hello Bob!"]);
    for (const dead of [blocked, deactivated, deleted]) expect(h.record(dead)?.deadAt).not.toBeNull();
    expect(h.record(ann)?.deadAt).toBeNull();

    // The status message was edited in place into the final state; the report came as a new message.
    await waitFor(
      () => h.fake.textsTo(ownerId).filter((t) => t.includes("✅ Completed")).length === 2,
      "the report",
    );
    const status = statusMessageOf(done.id);
    expect(status?.edited).toBe(true);
    expect(status?.text).toContain("📨 Mailing #1 · ✅ Completed");
    const report = h.fake.lastMessageTo(ownerId);
    expect(report?.message_id).not.toBe(status?.message_id);
    expect(report?.text).toContain("✅ Sent: 4");
    // Recipients per language (Telegram's primary language here), the owner and the rest as other.
    expect(report?.text).toContain("🌐 By language: es 2 · ru 1 · other 4");
    expect(report?.text).toContain("❌ Failed: 3");
    expect(report?.text).toContain("· blocked the bot: 1");
    expect(report?.text).toContain("· deleted account: 1");
    expect(report?.text).toContain("· chat not found: 1");
    expect(report?.text).toContain("💀 Newly dead: 3");
    expect(report?.text).toContain("⏱ Duration: 0s");
    expect(buttonsOf(report)).toEqual(["📄 CSV report"]);
    // The owner's 🔐Admin keyboard came back when the wizard ended.
    expect(keyboardOf(h.fake.messagesTo(ownerId).find((m) => m.text?.startsWith("✅ Confirmed")))).toEqual([
      [shared.admin.keyboardButton],
    ]);

    await h.press(h.owner, "📄 CSV report");
    const csv = csvOfLastDocument();
    expect(csv.filename).toBe("mailing-1.csv");
    expect(csv.lines[0]).toBe("user_id,outcome,attempts,error_class,error_description,updated_at");
    expect(csv.lines).toHaveLength(8);
    expect(csv.lines.find((l) => l.startsWith(`${blocked.id},`))).toContain(
      "failed,1,blocked,Forbidden: bot was blocked by the user",
    );
    expect(csv.lines.find((l) => l.startsWith(`${ann.id},`))).toMatch(
      /^\d+,sent,1,,,2026-06-01T12:00:00.000Z$/,
    );

    expect(h.services.audit.recent().find((e) => e.action === "mailings.create")).toMatchObject({
      actorId: ownerId,
      after: { id: 1, kind: "mailing", total: 7 },
    });
  });

  it("when Dead After stays at the default 3, then one failed mailing does not make a user dead, and 2 chosen in the flow applies to the next", async () => {
    const repository = setUp();
    const [blocked] = seed({ state: "blocked" }, {});
    await textMailingToOptions("first");
    await say("✅ Continue", "🚀 Send now");
    await waitForStatus(repository, lastMailing().id);
    expect(h.record(blocked)).toMatchObject({ failedDeliveries: 1, deadAt: null });

    await textMailingToOptions("second");
    await say("💀 Dead After: 3", "9");
    expect(lastText()).toBe("Send a whole number from 1 to 5.");
    await say("2", "✅ Continue", "🚀 Send now");
    const second = await waitForStatus(repository, lastMailing().id);
    expect(second.options.deadAfter).toBe(2);
    expect(h.record(blocked)?.failedDeliveries).toBe(2);
    expect(h.record(blocked)?.deadAt).not.toBeNull();
  });

  it("when an album is sent, then its items are collected until ✅ Done and recipients get the whole album copied", async () => {
    const repository = setUp();
    const [ann] = seed({ first_name: "Ann" });
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    const albumItem = (caption?: string) => {
      const update = h.fake.updates.photo(h.owner, caption ? { caption } : {});
      if (update.message) update.message.media_group_id = "album-1";
      return update;
    };
    await h.send(albumItem("Our summer"));
    expect(lastText()).toContain("📎 Album: collecting");
    await h.send(albumItem());
    await h.send(albumItem());
    await say("something else");
    expect(lastText()).toBe("Send the rest of the album, or press ✅ Done.");
    await say("✅ Done");
    expect(h.fake.textsTo(ownerId)).toContain("📎 Album of 3 items.");
    expect(h.fake.textsTo(ownerId)).toContain("Albums cannot carry buttons, so this mailing has none.");
    await say("👥 Everyone alive", "✅ Continue");
    expect(lastText()).toContain("Content: an album of 3");
    await say("🚀 Send now");
    const done = await waitForStatus(repository, lastMailing().id);
    // Ann and the owner.
    expect(done).toMatchObject({ sent: 2, failed: 0 });
    expect(done.payload).toMatchObject({ content: { type: "album", fromChatId: ownerId } });
    const received = h.fake.messagesTo(ann.id);
    expect(received.map((m) => m.kind)).toEqual(["photo", "photo", "photo"]);
    expect(received[0]?.caption).toBe("Our summer");
    expect(received.every((m) => m.message.forward_origin === undefined)).toBe(true);
    expect(h.fake.callsOf("copyMessages")).toHaveLength(2);
  });

  it("when a photo is sent, then it is copied to recipients without a forward header", async () => {
    const repository = setUp();
    const [ann] = seed({});
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await h.send(h.fake.updates.photo(h.owner, { caption: "New menu" }));
    await say("⏭ No buttons", "👥 Everyone alive", "✅ Continue", "🚀 Send now");
    await waitForStatus(repository, lastMailing().id);
    const [received] = h.fake.messagesTo(ann.id);
    expect(received).toMatchObject({ kind: "photo", caption: "New menu" });
    expect(received?.message.forward_origin).toBeUndefined();
  });

  it("when URL buttons are added, then bad lines are refused with their place and recipients get the buttons", async () => {
    const repository = setUp();
    const [ann] = seed({});
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say("Our news");
    await say("Site https://example.com");
    expect(lastText()).toBe("Line 1, button 1: write it as Label - https://example.com");
    await say("Site - https://example.com | Chat - ftp://example.com");
    expect(lastText()).toBe("Line 1, button 2: the link must start with https://, http:// or tg://");
    await say("Site - https://example.com | Chat - https://t.me/example\nHelp - https://example.com/help");
    await say("👥 Everyone alive", "✅ Continue");
    expect(lastText()).toContain("Buttons: 3");
    await say("🚀 Send now");
    await waitForStatus(repository, lastMailing().id);
    const [received] = h.fake.messagesTo(ann.id);
    expect(received?.text).toBe("Our news");
    expect(h.fake.inlineButtons(received)).toEqual([
      { text: "Site", url: "https://example.com" },
      { text: "Chat", url: "https://t.me/example" },
      { text: "Help", url: "https://example.com/help" },
    ]);
  });

  it("when the audience is filtered by tag or by language, then only matching users receive it", async () => {
    const repository = setUp();
    const [vipDe, vipEn, plainDe, plainEn] = seed(
      { language_code: "de" },
      { language_code: "en" },
      { language_code: "de" },
      { language_code: "en" },
    );
    h.services.users.addTags(vipDe.id, ["vip"], h.clock.now());
    h.services.users.addTags(vipEn.id, ["vip", "beta"], h.clock.now());

    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say("For VIPs", "⏭ No buttons", "🎯 Filter…");
    await say("colour: blue");
    expect(lastText()).toContain("“colour” at 0 is no field");
    await say("tag: nobody-has-this");
    expect(lastText()).toBe("Nobody matches this filter right now. Send another one (or /cancel).");
    await say("tag: VIP");
    expect(lastText()).toContain("⚙️ Options");
    expect(h.fake.textsTo(ownerId)).toContain("👥 2 users match.");
    await say("✅ Continue");
    expect(lastText()).toContain("Audience: tag:vip · alive only");
    await say("🚀 Send now");
    await waitForStatus(repository, lastMailing().id);
    expect(h.fake.textsTo(vipDe.id)).toEqual(["For VIPs"]);
    expect(h.fake.textsTo(vipEn.id)).toEqual(["For VIPs"]);
    expect(h.fake.textsTo(plainDe.id)).toEqual([]);

    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say("Hallo", "⏭ No buttons", "🎯 Filter…", "lang:de", "✅ Continue", "🚀 Send now");
    const german = await waitForStatus(repository, lastMailing().id);
    expect(german.audience).toEqual({ includeDead: false, segment: "lang:de", timeZone: "UTC" });
    expect(h.fake.textsTo(vipDe.id)).toEqual(["For VIPs", "Hallo"]);
    expect(h.fake.textsTo(plainDe.id)).toEqual(["Hallo"]);
    expect(h.fake.textsTo(plainEn.id)).toEqual([]);
    expect(h.fake.textsTo(vipEn.id)).toEqual(["For VIPs"]);
  });

  it("when the status message's ⏸ Pause, ▶ Resume and ✖ Cancel are pressed, then sending stops, goes on and ends as told", async () => {
    const repository = setUp();
    const people = seedBotUsers(
      h,
      Array.from({ length: 8 }, () => ({})),
    );
    await textMailingToOptions("paced");
    await say("⚡ Speed: 25/s", "10", "✅ Continue", "🚀 Send now");
    const id = lastMailing().id;
    await waitFor(() => (repository.find(id)?.sent ?? 0) >= 1, "a first delivery");
    await h.press(h.owner, "⏸ Pause");
    expect(repository.find(id)?.status).toBe("paused");
    await waitFor(() => statusMessageOf(id)?.text?.includes("⏸ Paused") === true, "the paused status");
    expect(buttonsOf(statusMessageOf(id))).toEqual(["▶ Resume", "✖ Cancel"]);
    await new Promise((r) => setTimeout(r, 250));
    const sentWhilePaused = repository.find(id)?.sent ?? 0;
    await new Promise((r) => setTimeout(r, 400));
    expect(repository.find(id)?.sent).toBe(sentWhilePaused);
    expect(sentWhilePaused).toBeLessThan(8);

    await h.press(h.owner, "▶ Resume");
    await waitForStatus(repository, id);
    for (const p of people) expect(h.fake.textsTo(p.id)).toEqual(["paced"]);

    await textMailingToOptions("cancelled soon");
    await say("⚡ Speed: 25/s", "10", "✅ Continue", "🚀 Send now");
    const second = lastMailing().id;
    await waitFor(() => (repository.find(second)?.sent ?? 0) >= 1, "a first delivery");
    await h.press(h.owner, "✖ Cancel");
    if (process.env.SHOW_TRANSCRIPT) {
      await new Promise((r) => setTimeout(r, 200));
      for (const m of h.fake.messagesTo(ownerId)) console.log(m.message_id, m.edited, m.text, buttonsOf(m));
    }
    const cancelled = repository.find(second) as MailingRecord;
    expect(cancelled.status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 300));
    const final = repository.find(second) as MailingRecord;
    expect(final.sent).toBeLessThan(8);
    expect(h.fake.callsOf("sendMessage").filter((c) => c.params.text === "cancelled soon")).toHaveLength(
      final.sent,
    );
    await waitFor(
      () => statusMessageOf(second)?.text?.includes("✖ Cancelled") === true,
      "the cancelled status",
    );
    expect(statusMessageOf(second)?.text).toContain("✖ Not sent (cancelled):");
    expect(buttonsOf(statusMessageOf(second))).toEqual(["📄 CSV report"]);

    const actions = h.services.audit.recent().map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["mailings.pause", "mailings.resume", "mailings.cancel", "mailings.create"]),
    );
    expect(h.services.audit.recent().find((e) => e.action === "mailings.pause")).toMatchObject({
      before: { id, status: "running" },
      after: { id, status: "paused" },
    });
  });

  it("when a mailing is scheduled in the bot's time zone, then past times are refused and it waits for its time", async () => {
    const repository = setUp({ settings: { mailing: { timezone: "Europe/Berlin" } } });
    const [ann] = seed({});
    await textMailingToOptions("Good afternoon");
    await say("🗓 Schedule: now");
    expect(lastText()).toContain("YYYY-MM-DD HH:mm in Europe/Berlin (there it is 2026-06-01 14:00 now)");
    await say("tomorrow at noon");
    expect(lastText()).toMatch(/^Write the time as YYYY-MM-DD HH:mm, for example 2026-06-02 14:00\.$/);
    await say("2026-06-01 13:59");
    expect(lastText()).toBe(
      "That time has already passed in Europe/Berlin (now it is 2026-06-01 14:00). Send a time in the future.",
    );
    await say("2026-06-01 15:00");
    expect(lastText()).toContain("🗓 Starts: 2026-06-01 15:00 (Europe/Berlin)");
    await say("✅ Continue", "🗓 Schedule it");

    const scheduled = lastMailing();
    expect(scheduled).toMatchObject({ status: "scheduled", scheduledAt: new Date("2026-06-01T13:00:00Z") });
    expect(statusMessageOf(scheduled.id)?.text).toContain("Starts at 2026-06-01 15:00 (Europe/Berlin).");
    expect(buttonsOf(statusMessageOf(scheduled.id))).toEqual(["✖ Cancel"]);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.textsTo(ann.id)).toEqual([]);

    h.clock.advance(60 * 60_000);
    engine?.wake();
    await waitForStatus(repository, scheduled.id);
    expect(h.fake.textsTo(ann.id)).toEqual(["Good afternoon"]);
  });

  it("when 👁 Preview and 🧪 Test send are pressed, then the admin sees the message as written and as received, and nobody else gets anything", async () => {
    setUp();
    const [ann] = seed({});
    await textMailingToOptions("Hi {first_name}!", "Site - https://example.com");
    await say("🛡 Protect: off");
    expect(lastText()).toContain("🛡 Protect content (no forwarding or saving): on");
    await say("👁 Preview");
    const preview = h.fake.messagesTo(ownerId).at(-2);
    expect(preview?.text).toBe("Hi {first_name}!");
    expect(h.fake.inlineButtons(preview)).toEqual([{ text: "Site", url: "https://example.com" }]);
    expect(preview?.params?.protect_content).toBe(false);
    expect(lastText()).toContain("⚙️ Options");

    await say("🧪 Test send");
    const test = h.fake.messagesTo(ownerId).at(-2);
    expect(test?.text).toBe("Hi Owner!");
    expect(test?.params?.protect_content).toBe(true);
    expect(h.fake.inlineButtons(test)).toEqual([{ text: "Site", url: "https://example.com" }]);

    await say("❌ Cancel");
    expect(lastText()).toBe("Cancelled. Nothing was sent.");
    expect(keyboardOf(h.fake.lastMessageTo(ownerId))).toEqual([[shared.admin.keyboardButton]]);
    expect(h.services.mailings.list(10)).toEqual([]);
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    await say("Not part of a mailing");
    expect(h.services.mailings.list(10)).toEqual([]);
  });

  it("when the speed is set, then 31 is refused without paid broadcast and up to 1000 is accepted with it, sent as a paid broadcast", async () => {
    let repository = setUp();
    seed({});
    await textMailingToOptions("free");
    await say("⚡ Speed: 25/s", "31");
    expect(lastText()).toContain("31 messages/s is above Telegram's free limit of 30");
    await say("0");
    expect(lastText()).toBe("Send a whole number from 1 to 30.");
    await say("30");
    expect(lastText()).toContain("⚡ Speed: 30 messages/s");
    await say("/cancel");
    await engine?.stop();
    h.close();

    repository = setUp({ settings: { mailing: { paidBroadcast: true } } });
    const [ann] = seed({});
    await textMailingToOptions("fast");
    await say("⚡ Speed: 25/s", "1001");
    expect(lastText()).toBe("Send a whole number from 1 to 1000.");
    await say("1000");
    expect(lastText()).toContain("⚡ Speed: 1000 messages/s — a paid broadcast");
    await say("✅ Continue", "🚀 Send now");
    const done = await waitForStatus(repository, lastMailing().id);
    expect(done.options).toMatchObject({ ratePerSecond: 1000, paidBroadcast: true });
    const call = h.fake.callsOf("sendMessage").find((c) => c.params.chat_id === ann.id);
    expect(call?.params.allow_paid_broadcast).toBe(true);
  });

  it("when paid broadcast is on but a mailing stays within 30/s, then it is not sent as a paid broadcast", async () => {
    const repository = setUp({ settings: { mailing: { paidBroadcast: true } } });
    const [ann] = seed({});
    await textMailingToOptions("cheap");
    await say("✅ Continue", "🚀 Send now");
    const done = await waitForStatus(repository, lastMailing().id);
    expect(done.options.paidBroadcast).toBe(false);
    expect(h.fake.callsOf("sendMessage").find((c) => c.params.chat_id === ann.id)?.params).not.toHaveProperty(
      "allow_paid_broadcast",
    );
  });

  it("when a non-admin replays the status message's buttons, then nothing changes and nothing is audited", async () => {
    const repository = setUp();
    seed({}, {}, {});
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    await textMailingToOptions("later");
    await say("🗓 Schedule: now", "2026-06-02 12:00", "✅ Continue", "🗓 Schedule it");
    const scheduled = lastMailing();
    const cancel = h.fake.findButton(ownerId, "✖ Cancel")?.button.callback_data as string;
    await pressData(h, mallory, cancel);
    expect(repository.find(scheduled.id)?.status).toBe("scheduled");

    await textMailingToOptions("slow");
    await say("⚡ Speed: 25/s", "4", "✅ Continue", "🚀 Send now");
    const running = lastMailing();
    await waitFor(() => h.fake.findButton(ownerId, "⏸ Pause") !== undefined, "the pause button");
    const pause = h.fake.findButton(ownerId, "⏸ Pause")?.button.callback_data as string;
    await pressData(h, mallory, pause);
    expect(repository.find(running.id)?.status).toBe("running");
    await h.press(h.owner, "⏸ Pause");
    const resume = h.fake.findButton(ownerId, "▶ Resume")?.button.callback_data as string;
    await pressData(h, mallory, resume);
    await pressData(h, mallory, cancel);
    expect(repository.find(running.id)?.status).toBe("paused");
    expect(repository.find(scheduled.id)?.status).toBe("scheduled");
    expect(h.services.audit.recent().map((e) => e.action)).toEqual([
      "mailings.pause",
      "mailings.create",
      "mailings.create",
    ]);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });

  it("when the bot restarts in the middle of the wizard, then the draft carries on", async () => {
    const repository = setUp();
    const [ann] = seed({});
    await textMailingToOptions("Survives restarts");
    await say("🔕 Silent: off");
    h.restart();
    await say("✅ Continue");
    expect(lastText()).toContain("🔕 Silent (no notification sound): on");
    await say("🚀 Send now");
    const done = await waitForStatus(repository, lastMailing().id);
    expect(done.options.silent).toBe(true);
    expect(h.fake.messagesTo(ann.id)[0]?.params?.disable_notification).toBe(true);
  });

  it("when a non-copyable message or a menu press interrupts the wizard, then it is refused or abandoned", async () => {
    setUp();
    seed({});
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    const service = h.fake.updates.text(h.owner, "x");
    if (service.message) delete (service.message as { text?: string }).text;
    await h.send(service);
    expect(lastText()).toBe(
      "That kind of message cannot be copied. Send a text, media, a sticker, a poll or an album.",
    );
    await h.send(h.fake.updates.contact(h.owner, "+100200300"));
    expect(lastText()).toContain("⏭ No buttons");
    await say("⏭ No buttons", "👥 Everyone alive");
    await say("hello?");
    expect(lastText()).toBe("Please use the buttons below (or /cancel).");
    await h.press(h.owner, "⚙️ Mailing defaults");
    await say("✅ Continue");
    await say("🚀 Send now");
    expect(h.services.mailings.list(10)).toEqual([]);
  });

  it("when the wizard is left by ⬅ Back, then its ❌ Cancel keyboard gives way to 🔐Admin, and a stray ❌ Cancel gets no welcome", async () => {
    setUp();
    const [ann] = seed({});
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    expect(keyboardOf(h.fake.messagesTo(ownerId).at(-1))).toEqual([["❌ Cancel"]]);
    await h.press(h.owner, "⬅ Back");
    const left = h.fake.messagesTo(ownerId).findLast((m) => !m.edited);
    expect(left?.text).toBe("Cancelled. Nothing was sent.");
    expect(keyboardOf(left)).toEqual([["🔐Admin"]]);
    expect(currentMenu(h).text).toBe(shared.admin.rootTitle);

    // A ❌ Cancel from a keyboard still on some screen is answered, never taken as a user's /start.
    const sent = h.fake.messagesTo(ownerId).length;
    await say("❌ Cancel");
    const reply = h.fake.messagesTo(ownerId).slice(sent);
    expect(reply.map((m) => m.text)).toEqual([shared.admin.nothingToCancel]);
    expect(keyboardOf(reply[0])).toEqual([["🔐Admin"]]);
    expect(h.services.mailings.list(10)).toEqual([]);
    expect(h.fake.textsTo(ann.id)).toEqual([]);
  });

  it("when /admin is typed in the wizard, then it is no mailing text: the wizard is left, the 🔐Admin keyboard comes back and the menu opens", async () => {
    setUp();
    const [ann] = seed({});
    await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
    await say("/admin");
    const [left, menu] = h.fake.messagesTo(ownerId).slice(-2);
    expect(left?.text).toBe("Cancelled. Nothing was sent.");
    expect(keyboardOf(left)).toEqual([["🔐Admin"]]);
    expect(menu?.text).toBe(shared.admin.rootTitle);
    await say("⏭ No buttons", "👥 Everyone alive", "✅ Continue", "🚀 Send now");
    expect(h.services.mailings.list(10)).toEqual([]);
    expect(h.fake.textsTo(ann.id)).toEqual([]);
  });

  it("when mailings are done, then the history lists them and a mailing's page shows its report and CSV", async () => {
    const repository = setUp();
    seed({}, { state: "blocked" });
    await textMailingToOptions("one");
    await say("✅ Continue", "🚀 Send now");
    await waitForStatus(repository, lastMailing().id);
    await textMailingToOptions("two");
    await say("🗓 Schedule: now", "2026-06-03 08:00", "✅ Continue", "🗓 Schedule it");

    await openAdmin(h, ["📨 Mailing", "📜 History"]);
    const history = currentMenu(h);
    expect(history.text).toContain("#2 · 2026-06-01 12:00 · 🗓 Scheduled · 0 of 0");
    expect(history.text).toContain("#1 · 2026-06-01 12:00 · ✅ Completed · 2 of 3");
    expect(history.buttons).toEqual(["📨 #2 · 2026-06-01 12:00", "📨 #1 · 2026-06-01 12:00", "⬅ Back"]);
    const messages = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "📨 #1 · 2026-06-01 12:00");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(messages);
    expect(currentMenu(h).text).toContain("📨 Mailing #1 · ✅ Completed");
    expect(currentMenu(h).text).toContain("· blocked the bot: 1");
    expect(currentMenu(h).text).toContain("Content: text “one”");
    expect(currentMenu(h).buttons).toEqual(["📄 CSV report", "🔄 Refresh", "⬅ Back"]);
    await h.press(h.owner, "📄 CSV report");
    expect(csvOfLastDocument().lines).toHaveLength(4);
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "📨 #2 · 2026-06-01 12:00");
    await h.press(h.owner, "📄 CSV report");
    expect(lastText()).toBe("Nothing was sent yet, so there is no report.");
  });
});

describe("admin menu: mailing defaults", () => {
  it("when Dead After, speed, paid broadcast and time zone are changed, then invalid input is refused and each change is saved and audited", async () => {
    setUp();
    await openAdmin(h, ["📨 Mailing", "⚙️ Mailing defaults"]);
    expect(currentMenu(h).buttons).toEqual([
      "💀 Dead After: 3",
      "⚡ Speed: 25/s",
      "❌ Paid broadcast (⭐)",
      "🌍 Time zone: UTC",
      "⬅ Back",
    ]);
    expect(currentMenu(h).text).toContain("for a fee in Telegram Stars (0.1 ⭐ a message)");

    await h.press(h.owner, "💀 Dead After: 3");
    expect(currentMenu(h).buttons).toEqual(["−1", "+1", "✏️ Type a value", "⬅ Back"]);
    await h.press(h.owner, "+1");
    await h.press(h.owner, "+1");
    await h.press(h.owner, "+1");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: "Already at the highest: 5",
    });
    expect(h.services.settings.get("mailing").deadAfter).toBe(5);
    await h.press(h.owner, "⬅ Back");

    await h.press(h.owner, "⚡ Speed: 25/s");
    expect(currentMenu(h).text).toContain("Now: 25 (from 1 to 30)");
    expect(currentMenu(h).text).toContain("Above 30/s only with 💫 Paid broadcast");
    await h.press(h.owner, "✏️ Type a value");
    await say("100");
    expect(lastText()).toBe("100 is out of range: send a whole number of messages per second from 1 to 30.");
    await say("20");
    await h.press(h.owner, "+10");
    expect(h.services.settings.get("mailing").ratePerSecond).toBe(30);
    await h.press(h.owner, "⬅ Back");

    await h.press(h.owner, "❌ Paid broadcast (⭐)");
    expect(h.services.settings.get("mailing").paidBroadcast).toBe(true);
    expect(currentMenu(h).text).toContain("Paid broadcast: ON");
    await h.press(h.owner, "⚡ Speed: 30/s");
    expect(currentMenu(h).text).toContain("Now: 30 (from 1 to 1000)");
    expect(currentMenu(h).text).not.toContain("Above 30/s only");
    await h.press(h.owner, "✏️ Type a value");
    await say("800");
    expect(h.services.settings.get("mailing").ratePerSecond).toBe(800);
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "✅ Paid broadcast (⭐)");
    expect(h.services.settings.get("mailing")).toMatchObject({ paidBroadcast: false, ratePerSecond: 30 });

    await h.press(h.owner, "🌍 Time zone: UTC");
    await say("Mars/Olympus");
    expect(lastText()).toBe(
      "“Mars/Olympus” is not an IANA time zone. Send a name such as Europe/Berlin or UTC.",
    );
    await say("+03:00");
    expect(lastText()).toContain("is not an IANA time zone");
    await say("europe/berlin");
    expect(h.services.settings.get("mailing").timezone).toBe("Europe/Berlin");
    expect(currentMenu(h).text).toContain("🌍 Time zone: Europe/Berlin (now 2026-06-01 14:00 there)");

    const changes = h.services.audit
      .recent()
      .filter((e) => e.action === "settings.mailing")
      .map((e) => e.after);
    expect(changes).toEqual([
      { timezone: "Europe/Berlin" },
      { paidBroadcast: false, ratePerSecond: 30 },
      { ratePerSecond: 800 },
      { paidBroadcast: true },
      { ratePerSecond: 30 },
      { ratePerSecond: 20 },
      { deadAfter: 5 },
      { deadAfter: 4 },
    ]);
  });

  it("when a non-admin replays the paid broadcast switch, then it stays off", async () => {
    h = createHarness();
    await openAdmin(h, ["📨 Mailing", "⚙️ Mailing defaults"]);
    const data = h.fake.findButton(ownerId, "❌ Paid broadcast (⭐)")?.button.callback_data as string;
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    await pressData(h, mallory, data);
    expect(h.services.settings.get("mailing").paidBroadcast).toBe(false);
    expect(h.services.audit.recent()).toHaveLength(0);
  });
});
