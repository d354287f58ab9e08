import { afterEach, describe, expect, it } from "vitest";
import { addQuestion, createForm, type QuestionInput } from "../../src/features/forms/form-commands.js";
import { deleteUserData, exportUserData } from "../../src/features/users/gdpr.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";

let h: Harness;
afterEach(() => h.close());

const owner = { kind: "admin", id: ownerId } as const;
const minute = 60_000;
const lastText = (user: SimUser) => h.fake.lastMessageTo(user.id)?.text;

/** A form made through the verbs the menu and the API call, with these questions in order. */
function form(questions: QuestionInput[], extra: { completionTag?: string; expiryMinutes?: number } = {}) {
  const made = createForm(h.services, owner, { name: "Survey", ...extra });
  for (const question of questions) addQuestion(h.services, owner, { formId: made.id, question });
  return made;
}

async function botUser(): Promise<SimUser> {
  h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
  const user = h.addUser({ first_name: "Ann" });
  await h.start(user);
  return user;
}

const attribute = (h: Harness, user: SimUser, key: string) =>
  h.services.users.attributesOf(user.id).find((a) => a.key === key)?.value;

describe("a form started by its link", () => {
  it("when a user answers every kind of question, then each answer is checked, stored in its target, and the completion tag given", async () => {
    const ann = await botUser();
    const survey = form(
      [
        {
          kind: "number",
          targetKind: "attribute",
          target: "age",
          prompt: "How old are you?",
          required: true,
        },
        { kind: "date", targetKind: "attribute", target: "birthday", prompt: "Your birthday?" },
        {
          kind: "choice",
          targetKind: "attribute",
          target: "plan",
          prompt: "Which plan?",
          choices: ["Basic", "Pro"],
        },
        { kind: "photo", targetKind: "attribute", target: "avatar", prompt: "A photo of you?" },
        { kind: "email", targetKind: "field", target: "email", prompt: "Email?", reask: "An email, please." },
        { kind: "text", targetKind: "field", target: "gender", prompt: "Gender?" },
      ],
      { completionTag: "surveyed" },
    );

    await h.start(ann, survey.code);
    expect(h.fake.textsTo(ann.id).slice(-2)).toEqual([
      "📝 Survey\nSend /cancel to stop; what you answered is kept.",
      "How old are you?",
    ]);
    await h.say(ann, "/skip");
    expect(lastText(ann)).toBe("This question needs an answer.");
    await h.say(ann, "forty");
    expect(lastText(ann)).toBe("Please send a number, like 42 or 3.5.");
    await h.say(ann, "41,5");
    expect(attribute(h, ann, "age")).toBe("41.5");

    await h.say(ann, "31.02.2000");
    expect(lastText(ann)).toBe("Please send a date, like 2026-12-31 or 31.12.2026.");
    await h.say(ann, "29.02.2000");
    expect(attribute(h, ann, "birthday")).toBe("2000-02-29");

    expect(h.fake.lastMessageTo(ann.id)?.reply_markup).toMatchObject({
      keyboard: [[{ text: "Basic" }], [{ text: "Pro" }]],
    });
    await h.say(ann, "Gold");
    expect(lastText(ann)).toBe("Please choose one of the buttons below.");
    expect(h.fake.lastMessageTo(ann.id)?.reply_markup).toMatchObject({
      keyboard: [[{ text: "Basic" }], [{ text: "Pro" }]],
    });
    await h.say(ann, "pro");
    expect(attribute(h, ann, "plan")).toBe("Pro");

    await h.say(ann, "a selfie");
    expect(lastText(ann)).toBe("Please send a photo.");
    const photo = h.fake.updates.photo(ann);
    await h.send(photo);
    expect(attribute(h, ann, "avatar")).toBe(photo.message?.photo?.at(-1)?.file_id);

    await h.say(ann, "not-an-email");
    expect(lastText(ann)).toBe("An email, please.");
    await h.say(ann, "ann@example.com");
    await h.say(ann, "x".repeat(40));
    expect(lastText(ann)).toContain("cannot be stored");
    expect(h.record(ann)?.gender).toBeNull();
    await h.say(ann, "female");

    expect(lastText(ann)).toBe("✅ Thank you! The form is done.");
    expect(h.record(ann)).toMatchObject({
      email: "ann@example.com",
      emailSource: "self_reported",
      gender: "female",
    });
    expect(h.services.users.tagsOf(ann.id)).toEqual(["surveyed"]);
    expect(h.services.forms.tally(survey.id)).toEqual({ answered: 1, completed: 1 });
    // The form is over: the next message is the bot's ordinary business again.
    await h.say(ann, "hello");
    expect(attribute(h, ann, "age")).toBe("41.5");
  });

  it("when a newcomer opens the link, then the welcome comes first and the form after it", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const survey = form([{ kind: "text", targetKind: "attribute", target: "city", prompt: "Your city?" }]);
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob, survey.code);
    expect(h.fake.textsTo(bob.id)).toEqual([
      "Welcome, Bob! 👋",
      expect.stringContaining("📝 Survey"),
      "Your city?\n(optional: /skip to leave it out)",
    ]);
    await h.say(bob, "Kuala Lumpur");
    expect(attribute(h, bob, "city")).toBe("Kuala Lumpur");
  });

  it("when a returning user opens the link, then the form starts without the welcome", async () => {
    const ann = await botUser();
    const survey = form([{ kind: "text", targetKind: "attribute", target: "city", prompt: "Your city?" }]);
    const before = h.fake.textsTo(ann.id).length;
    await h.start(ann, survey.code);
    expect(h.fake.textsTo(ann.id).slice(before)).toEqual([
      expect.stringContaining("📝 Survey"),
      "Your city?\n(optional: /skip to leave it out)",
    ]);
  });

  it("when the phone is typed or someone else's contact is shared, then it is refused; the user's own contact is stored verified", async () => {
    const ann = await botUser();
    const bob = h.addUser({ first_name: "Bob" });
    const survey = form([
      { kind: "phone", targetKind: "attribute", target: "mobile", prompt: "Your phone?" },
    ]);
    await h.start(ann, survey.code);
    await h.say(ann, "+60 12 345 6789");
    expect(lastText(ann)).toBe("Please share your phone number with the button below.");
    await h.send(h.fake.updates.contact(ann, "+60123456789", { user_id: bob.id, first_name: "Bob" }));
    expect(lastText(ann)).toContain("someone else's contact");
    expect(attribute(h, ann, "mobile")).toBeUndefined();
    await h.send(h.fake.updates.contact(ann, "60123456789"));
    expect(attribute(h, ann, "mobile")).toBe("+60123456789");
    expect(h.record(ann)).toMatchObject({ phone: "+60123456789", phoneSource: "shared_contact" });
  });

  it("when the user stops halfway and /cancels, then the answers given are kept and the form counts them as answered, not completed", async () => {
    const ann = await botUser();
    const survey = form([
      { kind: "text", targetKind: "attribute", target: "city", prompt: "Your city?" },
      { kind: "text", targetKind: "attribute", target: "street", prompt: "Your street?" },
    ]);
    await h.start(ann, survey.code);
    await h.say(ann, "Ipoh");
    await h.say(ann, "/cancel");
    expect(lastText(ann)).toBe("Cancelled. What you answered so far is kept.");
    await h.say(ann, "Jalan Sultan");
    expect(attribute(h, ann, "city")).toBe("Ipoh");
    expect(attribute(h, ann, "street")).toBeUndefined();
    expect(h.services.forms.tally(survey.id)).toEqual({ answered: 1, completed: 0 });
  });

  it("when the form expires, then it ends without a word and a restart before that loses nothing", async () => {
    const ann = await botUser();
    const survey = form(
      [
        { kind: "text", targetKind: "attribute", target: "city", prompt: "Your city?" },
        { kind: "text", targetKind: "attribute", target: "street", prompt: "Your street?" },
      ],
      { expiryMinutes: 5 },
    );
    await h.start(ann, survey.code);
    h.restart();
    h.clock.advance(4 * minute);
    await h.say(ann, "Ipoh");
    expect(lastText(ann)).toBe("Your street?\n(optional: /skip to leave it out)");
    h.clock.advance(6 * minute);
    const said = h.fake.textsTo(ann.id).length;
    await h.say(ann, "Jalan Sultan");
    expect(h.fake.textsTo(ann.id)).toHaveLength(said);
    expect(attribute(h, ann, "street")).toBeUndefined();
    expect(h.services.forms.runsWithAnswers(survey.id).next().value).toMatchObject({ status: "expired" });
  });

  it("when a form has no questions or the code is unknown, then /start is answered as without it", async () => {
    const ann = await botUser();
    const empty = createForm(h.services, owner, { name: "Empty" });
    const before = h.fake.textsTo(ann.id).length;
    await h.start(ann, empty.code);
    expect(h.fake.textsTo(ann.id).slice(before)).toEqual(["Welcome, Ann! 👋"]);
    expect(h.services.forms.openRun(ann.id)).toBeUndefined();
  });

  it("when a user in a form sends another command, then it acts as usual and the form keeps waiting", async () => {
    const ann = await botUser();
    const survey = form([{ kind: "text", targetKind: "attribute", target: "city", prompt: "Your city?" }]);
    await h.start(ann, survey.code);
    await h.send(h.fake.updates.command(ann, "profile"));
    // /profile replaces the open form with the profile form.
    expect(lastText(ann)).toContain("What is your first name?");
    await h.say(ann, "Annie");
    expect(h.record(ann)?.firstName).toBe("Annie");
    expect(attribute(h, ann, "city")).toBeUndefined();
  });

  it("when a user who answered a form downloads or deletes their data, then the answers are in the download and gone after the deletion", async () => {
    const ann = await botUser();
    const survey = form([{ kind: "text", targetKind: "attribute", target: "city", prompt: "Your city?" }]);
    await h.start(ann, survey.code);
    await h.say(ann, "Ipoh");
    expect(exportUserData(h.services.db, ann.id)?.forms).toEqual([
      {
        formId: survey.id,
        formName: "Survey",
        status: "completed",
        startedAt: expect.any(String),
        completedAt: expect.any(String),
        answers: [{ prompt: "Your city?", value: "Ipoh", answeredAt: expect.any(String) }],
      },
    ]);
    deleteUserData(h.services, owner, ann.id);
    expect(h.services.forms.runsOfUser(ann.id)).toEqual([]);
    expect(h.services.forms.tally(survey.id)).toEqual({ answered: 0, completed: 0 });
  });
});
