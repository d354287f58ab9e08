import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/bot-harness.js";
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

describe("the profile form (the built-in form /profile starts)", () => {
  it("when a bot user answers every question, then names, email and shared phone are stored and the keyboard removed", async () => {
    const ann = await botUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    expect(h.fake.textsTo(ann.id).slice(-2)).toEqual([
      expect.stringContaining("Let's fill in your profile"),
      "What is your first name?\nNow: Ann\n(optional: /skip to leave it out)",
    ]);

    await h.say(ann, " Annabel ");
    expect(lastText(ann)).toBe("And your last name?\n(optional: /skip to leave it out)");
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
    expect(done?.text).toBe("✅ Your profile is saved.");
    expect(done?.reply_markup).toEqual({ remove_keyboard: true });
  });

  it("when answers are wrong, then the form says why and asks again; /skip keeps the stored value", async () => {
    const ann = await botUser({ last_name: "Lee" });
    const bob = h.addUser({ first_name: "Bob" });
    await h.send(h.fake.updates.command(ann, "profile"));
    await h.send(h.fake.updates.photo(ann));
    expect(lastText(ann)).toBe("Please answer with text (or /cancel).");
    await h.say(ann, "\u3164");
    expect(lastText(ann)).toBe("The answer is empty. Please send it again.");
    await h.say(ann, "A".repeat(65));
    expect(lastText(ann)).toContain("cannot be stored");
    await h.say(ann, "/skip");
    await h.say(ann, "/skip");
    await h.say(ann, "ann@example");
    expect(lastText(ann)).toBe("That does not look like an email address. Please check it.");
    await h.say(ann, "ann@example.com");
    await h.send(h.fake.updates.contact(ann, "+441234567", { user_id: bob.id, first_name: "Bob" }));
    expect(lastText(ann)).toBe(
      "That is someone else's contact. Please share your own with the button below.",
    );
    await h.say(ann, "+44 20 7946 0958");
    expect(lastText(ann)).toBe("Please share your phone number with the button below.");
    expect(h.fake.lastMessageTo(ann.id)?.reply_markup).toMatchObject({
      keyboard: [[{ request_contact: true }]],
    });
    await h.send(h.fake.updates.contact(ann, "+44 20 7946 0958"));

    expect(h.record(ann)).toMatchObject({
      firstName: "Ann",
      lastName: "Lee",
      email: "ann@example.com",
      phone: "+442079460958",
      phoneSource: "shared_contact",
    });
  });

  it("when the user sends /cancel, then the answers given so far are kept and the bot is itself again", async () => {
    const ann = await botUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    await h.say(ann, "Zed");
    await h.say(ann, "/cancel");
    expect(lastText(ann)).toBe("Cancelled. What you answered so far is kept.");
    expect(h.record(ann)?.firstName).toBe("Zed");
    await h.say(ann, "Lee");
    expect(h.record(ann)?.lastName).toBeNull();
    await h.start(ann);
    expect(lastText(ann)).toBe("Welcome, Zed! 👋");
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
    expect(lastText(ann)).toBe("✅ Your profile is saved.");
  });

  it("when the user is silent longer than the form's expiry, then the form ends quietly and the message is not taken as an answer", async () => {
    const ann = await botUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    h.clock.advance(59 * minute);
    await h.say(ann, "Annabel");
    expect(h.record(ann)?.firstName).toBe("Annabel");
    const said = h.fake.textsTo(ann.id).length;
    h.clock.advance(61 * minute);
    await h.say(ann, "Lee");
    expect(h.fake.textsTo(ann.id)).toHaveLength(said);
    expect(h.record(ann)?.lastName).toBeNull();
    expect(h.services.forms.openRun(ann.id)).toBeUndefined();
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
    expect(lastText(ann)).toBe("✅ Your profile is saved.");
  });

  it("when the owner edits the profile form, then /profile asks the edited questions", async () => {
    const ann = await botUser();
    await h.send(h.fake.updates.command(ann, "profile"));
    await h.say(ann, "/cancel");
    const form = h.services.forms.findBuiltIn("profile");
    if (!form) throw new Error("no profile form");
    const [first] = h.services.forms.questions(form.id);
    h.services.forms.removeQuestion(first?.id as number);
    await h.send(h.fake.updates.command(ann, "profile"));
    expect(lastText(ann)).toBe("And your last name?\n(optional: /skip to leave it out)");

    for (const question of h.services.forms.questions(form.id)) h.services.forms.removeQuestion(question.id);
    const said = h.fake.textsTo(ann.id).length;
    await h.send(h.fake.updates.command(ann, "profile"));
    expect(h.fake.textsTo(ann.id)).toHaveLength(said);
    expect(h.services.forms.countRuns(form.id)).toBe(2);
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
