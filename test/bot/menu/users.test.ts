import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "../../../src/features/users/csv/create-user.js";
import { patchUser } from "../../../src/features/users/patch-user.js";
import { texts as shared } from "../../../src/texts/bot.js";
import { texts as segmentTexts } from "../../../src/texts/segments.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const system = { kind: "system", label: "test" } as const;

async function openCard(user: { id: number }, admin: SimUser = h.owner): Promise<void> {
  await openAdmin(h, ["👥 Users", "🔎 Search"], admin);
  await h.say(admin, String(user.id));
  expect(currentMenu(h, admin).text).toContain(`Id: ${user.id}`);
}

const lastText = (admin: SimUser = h.owner) => h.fake.textsTo(admin.id).at(-1);
const actions = () => h.services.audit.recent().map((e) => e.action);

async function setUp() {
  h = createHarness();
  const ann = h.addUser({ username: "ann_s", first_name: "Ann", last_name: "Smith" });
  await h.start(ann);
  return ann;
}

describe("admin menu: users, search and browse", () => {
  it("when the owner opens 👥 Users from the root, then the menu is edited in place and counts the users", async () => {
    await setUp();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "👥 Users");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(currentMenu(h).text).toContain("users known");
    expect(currentMenu(h).buttons).toEqual([
      "🔎 Search",
      "📋 Browse",
      "🧰 User tools",
      "🧾 Row fields",
      "⬅ Back",
    ]);
  });

  it("when searching by id, @username, name, phone or email, then the one match opens its card", async () => {
    const ann = await setUp();
    h.services.users.setEmail(ann.id, "ann@example.com");
    h.services.users.setPhone(ann.id, "+60123456789");
    for (const query of [
      String(ann.id),
      "@ANN_S",
      "smith",
      "Ann Smith",
      "+60 12-345 6789",
      "ANN@example.com",
    ]) {
      await openAdmin(h, ["👥 Users", "🔎 Search"]);
      await h.say(h.owner, query);
      const card = currentMenu(h);
      expect(card.text, query).toContain("👤 Ann Smith");
      expect(card.text).toContain(`Id: ${ann.id}`);
      expect(card.buttons).toContain("🏷 Tags");
    }
  });

  it("when a search matches several users, then they are listed as buttons and one opens its card", async () => {
    const ann = await setUp();
    const anna = h.addUser({ first_name: "Annabel" });
    await h.start(anna);
    await openAdmin(h, ["👥 Users", "🔎 Search"]);
    await h.say(h.owner, "ann");
    const list = currentMenu(h);
    expect(list.text).toContain("Query: ann");
    expect(list.buttons).toEqual([`Ann Smith · ${ann.id}`, `Annabel · ${anna.id}`, "⬅ Back"]);
    const messages = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, `Annabel · ${anna.id}`);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(messages);
    expect(currentMenu(h).text).toContain("👤 Annabel");
  });

  it("when nothing matches or the query is too long, then it says so", async () => {
    await setUp();
    await openAdmin(h, ["👥 Users", "🔎 Search"]);
    await h.say(h.owner, "x".repeat(201));
    expect(lastText()).toContain("too long");
    await h.say(h.owner, "nobody_like_this");
    expect(currentMenu(h).text).toContain("Nothing matches.");
  });

  it("when browsing a segment, then bad segments are refused and pages of 10 move with ◀ ▶", async () => {
    await setUp();
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) {
      const user = createUser({ db: h.services.db, now: () => new Date() }, system, {
        telegramId: 100 + i,
        firstName: `U${i}`,
      });
      h.services.users.addTag(user.id, "vip", new Date());
      ids.push(user.id);
    }
    await openAdmin(h, ["👥 Users", "📋 Browse"]);
    await h.say(h.owner, "tag:");
    expect(lastText()).toBe(
      segmentTexts.problems.missing_value.replace("{token}", "tag:").replace("{offset}", "0"),
    );
    await h.say(h.owner, "tag:vip   -id=999");
    let list = currentMenu(h);
    expect(list.text).toContain("Segment: tag:vip -id=999");
    expect(list.text).toContain("23 users in this segment.");
    expect(list.buttons.slice(0, 10)).toEqual(ids.slice(0, 10).map((id, i) => `U${i} · ${id}`));
    expect(list.buttons.slice(10)).toEqual(["▶", "⬅ Back"]);
    const messages = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "▶");
    await h.press(h.owner, "▶");
    list = currentMenu(h);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(messages);
    expect(list.buttons).toEqual(["U20 · 120", "U21 · 121", "U22 · 122", "◀", "⬅ Back"]);
    await h.press(h.owner, "◀");
    list = currentMenu(h);
    expect(list.buttons[0]).toBe("U10 · 110");
    expect(list.buttons.slice(10)).toEqual(["◀", "▶", "⬅ Back"]);
    await h.press(h.owner, "U12 · 112");
    expect(currentMenu(h).text).toContain("👤 U12");
  });

  it("when browsing all, then every user is counted, imported contacts included", async () => {
    const ann = await setUp();
    const imported = createUser({ db: h.services.db, now: () => new Date() }, system, {
      email: "x@example.com",
    });
    await openAdmin(h, ["👥 Users", "📋 Browse"]);
    await h.say(h.owner, "ALL");
    const list = currentMenu(h);
    expect(list.text).toContain("Segment: all");
    expect(list.text).toContain("3 users in this segment.");
    expect(list.buttons).toEqual([
      `${shared.dearUser} · ${imported.id}`,
      `Owner · ${ownerId}`,
      `Ann Smith · ${ann.id}`,
      "⬅ Back",
    ]);
    await h.press(h.owner, `${shared.dearUser} · ${imported.id}`);
    const card = currentMenu(h);
    expect(card.text).toContain(`👤 ${shared.dearUser}`);
    expect(card.text).toContain("imported, no Telegram id");
    expect(card.buttons).not.toContain("⏸ Pause bot");
  });
});

describe("admin menu: users list rows", () => {
  it("when the owner picks row fields, then bad answers are refused, the choice is audited and list rows show tags and those fields", async () => {
    const ann = await setUp();
    h.services.users.addTag(ann.id, "vip", new Date());
    h.services.users.addTag(ann.id, "lead", new Date());
    h.services.users.setAttribute(ann.id, "plan", "pro", new Date());
    h.services.users.setEmail(ann.id, "ann@example.com");
    await openAdmin(h, ["👥 Users"]);
    expect(currentMenu(h).text).toContain("Rows show tags and: nothing more");
    await h.press(h.owner, "🧾 Row fields");
    await h.say(h.owner, "username, shoe size");
    expect(lastText()).toContain("“shoe” is not a field");
    await h.say(h.owner, "email email");
    expect(lastText()).toBe("“email” is there twice.");
    await h.say(h.owner, "username email phone status joined messages clicks");
    expect(lastText()).toBe("At most 6 fields, please.");
    expect(h.services.settings.get("users").listFields).toEqual([]);
    await h.say(h.owner, "username, Attribute:plan phone");
    expect(h.services.settings.get("users").listFields).toEqual(["username", "attribute:plan", "phone"]);
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "settings.users",
      actorId: ownerId,
      before: { listFields: [] },
      after: { listFields: ["username", "attribute:plan", "phone"] },
    });
    expect(currentMenu(h).text).toContain("Rows show tags and: username, attribute:plan, phone");

    await openAdmin(h, ["👥 Users", "📋 Browse"]);
    await h.say(h.owner, "all");
    const text = currentMenu(h).text;
    expect(text).toContain(`• Ann Smith · ${ann.id} · 🏷 lead, vip · username: @ann_s · plan: pro · phone: —`);
    expect(text).toContain(`• Owner · ${ownerId} · username: @owner · plan: — · phone: —`);

    await openAdmin(h, ["👥 Users", "🔎 Search"]);
    const anna = h.addUser({ first_name: "Annabel" });
    await h.start(anna);
    await h.say(h.owner, "ann");
    expect(currentMenu(h).text).toContain(`• Annabel · ${anna.id} · username: — · plan: — · phone: —`);

    await openAdmin(h, ["👥 Users", "🧾 Row fields"]);
    await h.say(h.owner, "-");
    expect(h.services.settings.get("users").listFields).toEqual([]);
  });

  it("when the admin loses admin rights mid-input, then the row fields are not changed", async () => {
    await setUp();
    const helper = h.addUser({ first_name: "Helper" });
    h.services.admins.add(helper.id, ownerId, h.clock.now());
    await openAdmin(h, ["👥 Users", "🧾 Row fields"], helper);
    h.services.admins.remove(helper.id);
    await h.say(helper, "email");
    expect(h.services.settings.get("users").listFields).toEqual([]);
    expect(actions()).not.toContain("settings.users");
  });
});

describe("admin menu: the user card", () => {
  it("when tags are added and removed, then the database and the audit log follow", async () => {
    const ann = await setUp();
    await openCard(ann);
    await h.press(h.owner, "🏷 Tags");
    await h.press(h.owner, "➕ Add tag");
    await h.say(h.owner, "not a tag!");
    expect(lastText()).toBe("A tag has 1–32 letters, digits, _ or -.");
    await h.say(h.owner, "VIP");
    expect(h.services.users.tagsOf(ann.id)).toEqual(["vip"]);
    expect(currentMenu(h).text).toContain("Tags: vip");
    await h.press(h.owner, "🏷 Tags");
    await h.press(h.owner, "✖ vip");
    expect(h.services.users.tagsOf(ann.id)).toEqual([]);
    expect(currentMenu(h).text).toContain("No tags yet.");
    expect(actions().slice(0, 2)).toEqual(["users.removeTag", "users.addTag"]);
    expect(h.services.audit.recent()[0]?.after).toEqual({ userId: ann.id });
  });

  it("when attributes are set and removed, then bad input is asked again and the database follows", async () => {
    const ann = await setUp();
    await openCard(ann);
    await h.press(h.owner, "🔑 Attributes");
    await h.press(h.owner, "➕ Set attribute");
    await h.say(h.owner, "no equals sign");
    expect(lastText()).toBe("Write it as key=value.");
    await h.say(h.owner, "Bad Key=1");
    expect(lastText()).toContain("The key must be");
    await h.say(h.owner, "city=Kuala Lumpur");
    expect(h.services.users.attributesOf(ann.id)).toMatchObject([{ key: "city", value: "Kuala Lumpur" }]);
    expect(currentMenu(h).text).toContain("Attributes: city=Kuala Lumpur");
    await h.press(h.owner, "🔑 Attributes");
    await h.press(h.owner, "✖ city");
    expect(h.services.users.attributesOf(ann.id)).toEqual([]);
    expect(actions().slice(0, 2)).toEqual(["users.unsetAttribute", "users.setAttribute"]);
  });

  it("when an attribute or the names are set to what they are, then nothing is written or audited, as through the API", async () => {
    const ann = await setUp();
    patchUser(h.services, system, { userId: ann.id, patch: { attributes: { set: { city: "Oslo" } } } });
    const audited = actions().length;
    await openCard(ann);
    await h.press(h.owner, "🔑 Attributes");
    await h.press(h.owner, "➕ Set attribute");
    await h.say(h.owner, "city=Oslo");
    await h.press(h.owner, "✏️ Edit");
    await h.press(h.owner, "Names");
    await h.say(h.owner, "Ann");
    await h.say(h.owner, "Smith");
    expect(h.services.users.find(ann.id)).toMatchObject({ firstName: "Ann", lastName: "Smith" });
    expect(actions()).toHaveLength(audited);
  });

  it("when notes are added and deleted, then they are listed with their author", async () => {
    const ann = await setUp();
    await openCard(ann);
    await h.press(h.owner, "🗒 Notes");
    await h.press(h.owner, "➕ Add note");
    await h.say(h.owner, "Called about the order");
    expect(h.services.users.notesOf(ann.id)).toMatchObject([
      { text: "Called about the order", authorId: ownerId },
    ]);
    expect(currentMenu(h).text).toContain("Notes: 1");
    await h.press(h.owner, "🗒 Notes");
    expect(currentMenu(h).text).toContain(`by ${ownerId}: Called about the order`);
    await h.press(h.owner, "🗑 Note 1");
    expect(h.services.users.notesOf(ann.id)).toEqual([]);
    expect(actions().slice(0, 2)).toEqual(["users.deleteNote", "users.addNote"]);
  });

  it("when a user has more notes than a page holds, then ◀ ▶ page through all of them, a press at either end says so, and a note on a later page is the one edited or deleted", async () => {
    const ann = await setUp();
    const { users } = h.services;
    const start = h.clock.now().getTime();
    for (let i = 1; i <= 23; i++) users.addNote(ann.id, null, `Note #${i}`, new Date(start + i * 60_000));
    await openCard(ann);
    await h.press(h.owner, "🗒 Notes");
    let page = currentMenu(h);
    expect(page.text).toContain("Page 1 of 3, newest first");
    expect(page.text).toContain("1. ");
    expect(page.text).toContain("Note #23");
    expect(page.text).not.toContain("Note #13");
    await h.press(h.owner, "◀");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: "Already on the first page.",
    });
    await h.press(h.owner, "▶");
    page = currentMenu(h);
    expect(page.text).toContain("Page 2 of 3, newest first");
    expect(page.text).toContain(": Note #13");
    expect(page.text).not.toContain("Note #14");
    expect(page.buttons).toContain("✏️ Note 11");
    await h.press(h.owner, "▶");
    page = currentMenu(h);
    expect(page.text).toContain("Page 3 of 3, newest first");
    expect(page.text).toContain("23. ");
    expect(page.buttons.filter((b) => b.startsWith("🗑 Note"))).toEqual([
      "🗑 Note 21",
      "🗑 Note 22",
      "🗑 Note 23",
    ]);
    const messages = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "▶");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: "Already on the last page.",
    });
    expect(h.fake.messagesTo(ownerId)).toHaveLength(messages);
    await h.press(h.owner, "🗑 Note 22");
    expect(users.notesOf(ann.id).map((n) => n.text)).not.toContain("Note #2");
    expect(users.notesOf(ann.id)).toHaveLength(22);
    expect(currentMenu(h).text).toContain("Page 3 of 3");
    await h.press(h.owner, "✏️ Note 21");
    await h.say(h.owner, "Third oldest, edited");
    expect(
      users
        .notesOf(ann.id)
        .map((n) => n.text)
        .at(-2),
    ).toBe("Third oldest, edited");
    expect(actions().slice(0, 2)).toEqual(["users.editNote", "users.deleteNote"]);
    await h.press(h.owner, "🗒 Notes");
    expect(currentMenu(h).text).toContain("Page 1 of 3");
  });

  it("when a note is edited, then an empty text is refused, the new text is stored with its author and time, and users.editNote is audited", async () => {
    const ann = await setUp();
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob);
    const { users } = h.services;
    const note = users.addNote(ann.id, null, "Old text", h.clock.now());
    users.addNote(bob.id, null, "Bob's note", h.clock.now());
    await openCard(ann);
    await h.press(h.owner, "🗒 Notes");
    await h.press(h.owner, "✏️ Note 1");
    expect(lastText()).toMatch(/^Send the note's new text\./);
    await h.say(h.owner, "   ");
    expect(users.notesOf(ann.id).map((n) => n.text)).toEqual(["Old text"]);
    await h.say(h.owner, "  Called back, all fine  ");
    expect(users.notesOf(ann.id)).toEqual([{ ...note, text: "Called back, all fine" }]);
    expect(users.notesOf(bob.id).map((n) => n.text)).toEqual(["Bob's note"]);
    expect(actions()[0]).toBe("users.editNote");
    expect(h.services.audit.recent(1)[0]).toMatchObject({ after: { userId: ann.id } });
  });

  it("when the note is deleted while its new text is asked, or the edit button is forged for an unknown user, then nothing is changed", async () => {
    const ann = await setUp();
    const { users } = h.services;
    const note = users.addNote(ann.id, null, "Old text", h.clock.now());
    await openCard(ann);
    await h.press(h.owner, "🗒 Notes");
    const edit = h.fake.inlineButtons(currentMenu(h).message).find((b) => b.text === "✏️ Note 1");
    await pressData(h, h.owner, edit?.callback_data?.replace(`/${ann.id}/`, "/777/") ?? "");
    expect(lastText()).not.toMatch(/^Send the note's new text\./);
    await openCard(ann);
    await h.press(h.owner, "🗒 Notes");
    await h.press(h.owner, "✏️ Note 1");
    if (note) users.deleteNote(ann.id, note.id);
    await h.say(h.owner, "New text");
    expect(h.fake.textsTo(ownerId)).toContain("That note is gone.");
    expect(users.notesOf(ann.id)).toEqual([]);
    expect(actions()).not.toContain("users.editNote");
  });

  it("when the user has a time zone, then the card shows their local time; without one it shows none", async () => {
    const ann = await setUp();
    await openCard(ann);
    expect(currentMenu(h).text).not.toContain("Local time");
    h.services.users.setTimezone(ann.id, "Europe/Berlin");
    await openCard(ann);
    const local = DateTime.fromJSDate(h.clock.now(), { zone: "Europe/Berlin" }).toFormat("HH:mm");
    expect(currentMenu(h).text).toContain(
      `Time zone: Europe/Berlin · Gender: —\n🕐 Local time: ${local} (Europe/Berlin)`,
    );
  });

  it("when profile fields are edited, then refused values say why and valid ones are stored", async () => {
    const ann = await setUp();
    await openCard(ann);
    await h.press(h.owner, "✏️ Edit");
    await h.press(h.owner, "Email");
    await h.say(h.owner, "not-an-email");
    expect(lastText()).toBe("That is no email address.");
    await h.say(h.owner, "ann@example.com");
    expect(h.record(ann)?.email).toBe("ann@example.com");
    await h.press(h.owner, "✏️ Edit");
    await h.press(h.owner, "Phone");
    await h.say(h.owner, "12");
    expect(lastText()).toContain("That is no phone number");
    await h.say(h.owner, "+60 12 345 6789");
    await h.press(h.owner, "✏️ Edit");
    await h.press(h.owner, "Time zone");
    await h.say(h.owner, "Mars/Olympus");
    expect(lastText()).toContain("no IANA time zone");
    await h.say(h.owner, "Asia/Kuala_Lumpur");
    await h.press(h.owner, "✏️ Edit");
    await h.press(h.owner, "Gender");
    await h.say(h.owner, "female");
    await h.press(h.owner, "✏️ Edit");
    await h.press(h.owner, "Names");
    await h.say(h.owner, "-");
    await h.say(h.owner, "-");
    expect(h.record(ann)).toMatchObject({
      phone: "+60123456789",
      timezone: "Asia/Kuala_Lumpur",
      gender: "female",
      firstName: null,
      lastName: null,
    });
    expect(currentMenu(h).text).toContain(`👤 ${shared.dearUser}`);
    expect(actions().slice(0, 5)).toEqual([
      "users.setNames",
      "users.setGender",
      "users.setTimezone",
      "users.setPhone",
      "users.setEmail",
    ]);
    expect(JSON.stringify(h.services.audit.recent())).not.toContain("example.com");
  });

  it("when the card shows a phone or email, then it says which the user typed (unverified) or shared; an admin entering a typed one confirms it", async () => {
    const ann = await setUp();
    await h.send(h.fake.updates.command(ann, "profile"));
    for (const answer of ["/skip", "/skip", "ann@example.com", "/cancel"]) await h.say(ann, answer);
    // /profile takes a phone only from the request-contact button; this one was typed before it did.
    h.services.users.setPhone(ann.id, "+60123456789", "self_reported");
    await openCard(ann);
    expect(currentMenu(h).text).toContain(
      "Email: ann@example.com (⚠️ typed by the user, unverified)\n" +
        "Phone: +60123456789 (⚠️ typed by the user, unverified)",
    );

    await h.send(h.fake.updates.contact(ann, "60123456789"));
    await h.press(h.owner, "✏️ Edit");
    await h.press(h.owner, "Email");
    await h.say(h.owner, "ann@example.com");
    expect(currentMenu(h).text).toContain(
      "Email: ann@example.com\nPhone: +60123456789 (✅ their own Telegram contact)",
    );
    expect(h.record(ann)).toMatchObject({ emailSource: "owner", phoneSource: "shared_contact" });
  });

  it("when paused, resumed, switched and banned, then each press changes the user and is audited", async () => {
    const ann = await setUp();
    h.services.settings.update("users", { pauseMinutes: 30 });
    await openCard(ann);
    await h.press(h.owner, "⏸ Pause bot");
    await h.press(h.owner, "⏸ 30 minutes");
    expect(h.record(ann)?.pausedUntil?.getTime()).toBe(h.services.now().getTime() + 30 * 60_000);
    expect(currentMenu(h).text).toContain("paused until");
    await h.press(h.owner, "▶ Resume bot");
    expect(h.record(ann)?.pausedUntil).toBeNull();
    await h.press(h.owner, "⏸ Pause bot");
    await h.press(h.owner, "⏸ Until resumed");
    expect(currentMenu(h).text).toContain("paused until resumed");
    await h.press(h.owner, "❌ ♾ Infinite session");
    expect(h.record(ann)?.infiniteSession).toBe(true);
    await h.press(h.owner, "✅ ♾ Infinite session");
    expect(h.record(ann)?.infiniteSession).toBe(false);
    await h.press(h.owner, "🚫 Ban");
    expect(h.record(ann)?.status).toBe("banned");
    await h.press(h.owner, "✅ Unban");
    expect(h.record(ann)?.status).toBe("active");
    expect(actions().slice(0, 7)).toEqual([
      "users.unban",
      "users.ban",
      "users.infiniteSession",
      "users.infiniteSession",
      "users.pause",
      "users.resume",
      "users.pause",
    ]);
  });

  it("when the photo is refreshed, then the file_id is stored", async () => {
    const ann = await setUp();
    h.fake.setProfilePhotos(ann, 2);
    await openCard(ann);
    await h.press(h.owner, "🖼 Refresh photo");
    expect(h.record(ann)?.photoFileId).toEqual(expect.any(String));
    expect(lastText()).toBe("🖼 Profile photo refreshed.");
    expect(actions()[0]).toBe("users.refreshPhoto");
  });

  it("when the data is downloaded, then a JSON document with everything arrives", async () => {
    const ann = await setUp();
    h.services.users.addTag(ann.id, "vip", new Date());
    h.services.users.addNote(ann.id, ownerId, "likes tea", new Date());
    await openCard(ann);
    await h.press(h.owner, "📥 Download data");
    const call = h.fake.callsOf("sendDocument").at(-1);
    const document = call?.params.document as { filename: string; bytes: Uint8Array };
    expect(document.filename).toBe(`user-${ann.id}.json`);
    const data = JSON.parse(Buffer.from(document.bytes).toString("utf8"));
    expect(data.user).toMatchObject({ id: ann.id, firstName: "Ann", username: "ann_s" });
    expect(data.tags).toMatchObject([{ tag: "vip" }]);
    expect(data.notes).toMatchObject([{ text: "likes tea", authorId: ownerId }]);
    expect(actions()[0]).toBe("users.export");
  });

  it("when delete is confirmed, then the user is gone; No keeps them; an admin is refused", async () => {
    const ann = await setUp();
    await openCard(ann);
    await h.press(h.owner, "🗑 Delete");
    expect(currentMenu(h).text).toContain("Delete Ann Smith");
    await h.press(h.owner, "✖ No");
    expect(h.record(ann)).toBeDefined();
    await h.press(h.owner, "🗑 Delete");
    await h.press(h.owner, "🗑 Yes, delete");
    expect(h.record(ann)).toBeUndefined();
    expect(lastText()).toBe("✅ The user and their data are deleted.");
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "users.delete", after: { deleted: 1 } });

    await openCard(h.owner);
    await h.press(h.owner, "🗑 Delete");
    await h.press(h.owner, "🗑 Yes, delete");
    expect(h.record(h.owner)).toBeDefined();
    expect(h.fake.textsTo(ownerId)).toContain("This user is an admin: remove their admin rights first.");
  });
});

describe("admin menu: users, forged and replayed presses", () => {
  it("when a payload names a user that does not exist, then nothing changes", async () => {
    const ann = await setUp();
    await openCard(ann);
    const ban = h.fake.inlineButtons(currentMenu(h).message).find((b) => b.text === "🚫 Ban");
    const forged = ban?.callback_data?.replace(`/${ann.id}/`, "/777/") ?? "";
    await pressData(h, h.owner, forged);
    await pressData(h, h.owner, ban?.callback_data?.replace(`/${ann.id}/`, "/x'; drop/") ?? "");
    expect(h.record(ann)?.status).toBe("active");
    expect(h.record(777)).toBeUndefined();
    expect(actions()).not.toContain("users.ban");
  });

  it("when a non-admin replays an owner's card button, then nothing changes", async () => {
    const ann = await setUp();
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    await openCard(ann);
    const ban = h.fake.inlineButtons(currentMenu(h).message).find((b) => b.text === "🚫 Ban");
    await pressData(h, mallory, ban?.callback_data ?? "");
    expect(h.record(ann)?.status).toBe("active");
    expect(actions()).not.toContain("users.ban");
  });

  it("when a conversation is running and the admin loses rights, then nothing changes", async () => {
    const ann = await setUp();
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob);
    h.services.admins.add(bob.id, ownerId, new Date());
    await openCard(ann, bob);
    await h.press(bob, "🏷 Tags");
    await h.press(bob, "➕ Add tag");
    h.services.admins.remove(bob.id);
    await h.say(bob, "vip");
    expect(h.services.users.tagsOf(ann.id)).toEqual([]);
  });
});
