import { afterEach, describe, expect, it } from "vitest";
import { importUsers } from "../../src/features/users/csv/import-users.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { insertImportedContact } from "../support/user-factory.js";

let h: Harness;
afterEach(() => h.close());

const minute = 60_000;

async function botUser(input: Parameters<Harness["addUser"]>[0] = {}): Promise<SimUser> {
  h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
  const user = h.addUser({ first_name: "Ann", ...input });
  await h.start(user);
  return user;
}

const lastText = (user: SimUser) => h.fake.lastMessageTo(user.id)?.text;

describe("the profile form", () => {
  it("when a bot user answers every question, then names, email and shared phone are stored and the keyboard removed", async () => {
    const ann = await botUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    expect(h.fake.textsTo(ann.id).slice(-2)).toEqual([
      expect.stringContaining("Let's fill in your profile"),
      "What is your first name?\nNow: Ann",
    ]);

    await h.say(ann, " Annabel ");
    expect(lastText(ann)).toBe("And your last name?\nNow: —");
    await h.say(ann, "Lee");
    await h.say(ann, "Annabel.Lee@Example.com");
    const phoneQuestion = h.fake.lastMessageTo(ann.id);
    expect(phoneQuestion?.reply_markup).toMatchObject({
      keyboard: [[{ text: "📱 Share my phone number", request_contact: true }]],
    });
    await h.send(h.fake.updates.contact(ann, "60123456789"));

    expect(h.record(ann)).toMatchObject({
      firstName: "Annabel",
      lastName: "Lee",
      email: "Annabel.Lee@Example.com",
      emailSource: "self_reported",
      phone: "+60123456789",
      phoneSource: "shared_contact",
    });
    const done = h.fake.lastMessageTo(ann.id);
    expect(done?.text).toBe(
      "✅ Your profile is saved.\nName: Annabel Lee\nEmail: Annabel.Lee@Example.com\nPhone: +60123456789",
    );
    expect(done?.reply_markup).toEqual({ remove_keyboard: true });
  });

  it("when answers are wrong, then the form says why and asks again; /skip keeps the stored value", async () => {
    const ann = await botUser({ last_name: "Lee" });
    const bob = h.addUser({ first_name: "Bob" });
    await h.send(h.fake.updates.command(ann, "profile"));
    await h.send(h.fake.updates.photo(ann));
    expect(lastText(ann)).toBe("Please answer with text (or /skip, /cancel).");
    await h.say(ann, "/ref");
    await h.say(ann, "\u3164");
    expect(lastText(ann)).toBe("The name is empty. Please send a name.");
    await h.say(ann, "/skip");
    await h.say(ann, "/skip");
    await h.say(ann, "ann@example");
    expect(lastText(ann)).toBe("That does not look like an email address. Please check it (or /skip).");
    await h.say(ann, "ann@example.com");
    await h.send(h.fake.updates.contact(ann, "+441234567", { user_id: bob.id, first_name: "Bob" }));
    expect(lastText(ann)).toBe(
      "That is someone else's contact. Please share your own with the button below.",
    );
    await h.say(ann, "call me maybe");
    expect(lastText(ann)).toContain("does not look like a phone number");
    await h.say(ann, "+44 20 7946 0958");

    expect(h.record(ann)).toMatchObject({
      firstName: "Ann",
      lastName: "Lee",
      email: "ann@example.com",
      phone: "+442079460958",
    });
  });

  it("when the user sends /cancel, then nothing is changed and the bot is itself again", async () => {
    const ann = await botUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    await h.say(ann, "Zed");
    await h.say(ann, "/cancel");
    expect(lastText(ann)).toBe("Cancelled. Your profile was not changed.");
    expect(h.record(ann)?.firstName).toBe("Ann");
    await h.start(ann);
    expect(lastText(ann)).toBe("Welcome, Ann! 👋");
  });

  it("when the bot restarts in the middle, then the form goes on where it was", async () => {
    const ann = await botUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    await h.say(ann, "Annabel");
    h.restart();
    await h.say(ann, "Lee");
    await h.say(ann, "/skip");
    await h.say(ann, "/skip");
    expect(h.record(ann)).toMatchObject({ firstName: "Annabel", lastName: "Lee" });
    expect(lastText(ann)).toContain("✅ Your profile is saved.");
  });

  it("when the user is silent longer than a session, then the form times out; with infinite session it waits", async () => {
    const ann = await botUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    h.clock.advance(11 * minute);
    await h.say(ann, "Annabel");
    expect(lastText(ann)).toBe("⌛ The profile form timed out. Send /profile to start again.");
    expect(h.record(ann)?.firstName).toBe("Ann");

    h.services.users.setInfiniteSession(ann.id, true);
    await h.send(h.fake.updates.command(ann, "profile"));
    h.clock.advance(24 * 60 * minute);
    await h.say(ann, "Annabel");
    expect(lastText(ann)).toBe("And your last name?\nNow: —");
  });

  it("when the shared phone belongs to an imported contact, then that contact is merged in", async () => {
    const ann = await botUser();
    const at = h.clock.now();
    insertImportedContact(h.database.db, { id: -1, phone: "+60123456789" }, at);
    h.services.users.addTags(-1, ["vip"], at);
    await h.send(h.fake.updates.command(ann, "profile"));
    for (const answer of ["/skip", "/skip", "/skip"]) await h.say(ann, answer);
    await h.send(h.fake.updates.contact(ann, "60123456789"));
    expect(h.record(-1)).toBeUndefined();
    expect(h.services.users.tagsOf(ann.id)).toEqual(["vip"]);
  });

  it("when a user types someone else's phone and email, then they are stored unverified and the owner's import with them does not land on the user", async () => {
    const mallory = await botUser({ first_name: "Mallory" });
    await h.send(h.fake.updates.command(mallory, "profile"));
    for (const answer of ["/skip", "/skip", "vic@example.com", "+60 12 345 6789"])
      await h.say(mallory, answer);
    const report = await importUsers(
      h.services,
      { kind: "admin", id: ownerId },
      {
        file: "phone,email,first_name,tags,notes\n+60123456789,vic@example.com,Vic,vip,Owes us a call\n",
        dryRun: false,
      },
    );
    expect(report).toMatchObject({ applied: true, created: 1, updated: 0, skipped: [] });
    expect(h.record(mallory)).toMatchObject({ firstName: "Mallory", phone: "+60123456789" });
    expect(h.services.users.tagsOf(mallory.id)).toEqual([]);
    expect(h.services.users.notesOf(mallory.id)).toEqual([]);
    expect(h.record(-1)).toMatchObject({ firstName: "Vic", phone: "+60123456789", email: "vic@example.com" });
    expect(h.record(mallory)).toMatchObject({
      email: "vic@example.com",
      emailSource: "self_reported",
      phone: "+60123456789",
      phoneSource: "self_reported",
    });

    // The phone's real owner shares their own contact: the imported record is theirs.
    const vic = h.addUser({ first_name: "Victoria" });
    await h.start(vic);
    await h.send(h.fake.updates.contact(vic, "60123456789"));
    expect(h.record(-1)).toBeUndefined();
    expect(h.services.users.tagsOf(vic.id)).toEqual(["vip"]);
    expect(h.services.users.notesOf(vic.id).map((n) => n.text)).toEqual(["Owes us a call"]);
  });

  it("when an admin or someone not yet through the gate sends /profile, then no form starts", async () => {
    h = createHarness({ settings: { captcha: { enabled: true }, newUserAlerts: { enabled: false } } });
    await h.send(h.fake.updates.command(h.owner, "profile"));
    const ann = h.addUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    for (const user of [h.owner, ann]) {
      expect(h.fake.textsTo(user.id).some((t) => t.includes("first name"))).toBe(false);
    }
  });
});
