import { afterEach, describe, expect, it } from "vitest";
import { addQuestion, createForm, type QuestionInput } from "../../../src/features/forms/form-commands.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { UploadedFile } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const owner = { kind: "admin", id: ownerId } as const;
const lastText = () => h.fake.textsTo(ownerId).at(-1) ?? "";
const city: QuestionInput = { kind: "text", targetKind: "attribute", target: "city", prompt: "Your city?" };
const plan: QuestionInput = {
  kind: "choice",
  targetKind: "attribute",
  target: "plan",
  prompt: "Which plan?",
  choices: ["Basic", "Pro"],
};

function survey(questions: QuestionInput[] = [city, plan]) {
  const form = createForm(h.services, owner, { name: "Survey" });
  for (const question of questions) addQuestion(h.services, owner, { formId: form.id, question });
  return form;
}

const prompts = (formId: number) => h.services.forms.questions(formId).map((q) => q.prompt);

describe("admin menu: forms", () => {
  it("when the owner creates a form and adds a choice question by typing, then the form page shows it and preview sends it as a user sees it", async () => {
    h = createHarness();
    await openAdmin(h, ["📝 Forms"]);
    expect(currentMenu(h).text).toContain("• Profile: 4 questions, 0 answered, 0 completed");
    await h.press(h.owner, "➕ New form");
    await h.say(h.owner, "Survey");
    const form = h.services.forms.list().find((f) => f.name === "Survey");
    if (!form) throw new Error("no form");
    expect(h.fake.textsTo(ownerId).at(-2)).toBe(
      `✅ Form Survey created. Its link: https://t.me/usher_test_bot?start=${form.code}\nAdd its questions on its page.`,
    );
    expect(currentMenu(h).text).toContain("📝 Form: Survey");

    await h.press(h.owner, "➕ Question");
    await h.say(h.owner, "colour");
    expect(lastText()).toContain("That is not a kind");
    await h.say(h.owner, "phone");
    await h.say(h.owner, "email");
    expect(lastText()).toBe("A phone question cannot fill email; it takes email.");
    await h.say(h.owner, "/cancel");
    expect(h.services.forms.questions(form.id)).toEqual([]);

    await h.press(h.owner, "➕ Question");
    for (const answer of ["choice", "plan", "Which plan?", "Basic\nPro", "yes", "Pick a button, please."])
      await h.say(h.owner, answer);
    expect(h.services.forms.questions(form.id)).toMatchObject([
      {
        kind: "choice",
        targetKind: "attribute",
        target: "plan",
        required: true,
        choices: ["Basic", "Pro"],
        reask: "Pick a button, please.",
      },
    ]);
    expect(currentMenu(h).text).toContain("1. [choice → plan, required] Which plan?");
    expect(h.services.audit.recent().map((e) => e.action)).toEqual(["forms.question_add", "forms.create"]);

    await h.press(h.owner, "👁 Preview");
    const [question, done] = h.fake.messagesTo(ownerId).slice(-2);
    expect(question?.text).toBe("Which plan?");
    expect(question?.reply_markup).toMatchObject({ keyboard: [[{ text: "Basic" }], [{ text: "Pro" }]] });
    expect(done?.text).toBe("👁 That is how Survey begins for a user (1 questions).");
    expect(done?.reply_markup).toMatchObject({ keyboard: [[{ text: "🔐Admin" }]] });
    expect(h.services.forms.openRun(ownerId)).toBeUndefined();
  });

  it("when the owner moves and removes questions, then the order page and the form follow", async () => {
    h = createHarness();
    const form = survey([city, plan, { ...city, target: "street", prompt: "Your street?" }]);
    await openAdmin(h, ["📝 Forms", "📝 Survey", "↕ Order"]);
    expect(h.fake.inlineButtons(currentMenu(h).message).filter((b) => b.text === "⬇")).toHaveLength(3);
    await h.press(h.owner, /^⬇$/);
    expect(prompts(form.id)).toEqual(["Which plan?", "Your city?", "Your street?"]);
    expect(currentMenu(h).buttons[0]).toBe("1. Which plan?");
    // The first question cannot go higher: nothing moves, nothing is audited.
    const audited = h.services.audit.count();
    await h.press(h.owner, /^⬆$/);
    expect(prompts(form.id)).toEqual(["Which plan?", "Your city?", "Your street?"]);
    expect(h.services.audit.count()).toBe(audited);
    await h.press(h.owner, "🗑");
    expect(prompts(form.id)).toEqual(["Your city?", "Your street?"]);
  });

  it("when a user answered, then 📊 Results gives the counts and the answers as a CSV document", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const form = survey();
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann, form.code);
    await h.say(ann, "Ipoh");
    await h.say(ann, "Pro");
    await openAdmin(h, ["📝 Forms", "📝 Survey"]);
    expect(currentMenu(h).text).toContain("Answered: 1 · Completed: 1");
    await h.press(h.owner, "📊 Results");
    expect(h.fake.textsTo(ownerId)).toContain("📊 Survey: 1 answered, 1 completed, 1 started.");
    const file = h.fake.callsOf("sendDocument").at(-1)?.params.document as UploadedFile;
    expect(file.filename).toBe(`form-${form.id}-results.csv`);
    const lines = Buffer.from(file.bytes).toString("utf8").trim().split("\n");
    expect(lines[0]).toBe("run_id,user_id,status,started_at,completed_at,city,plan");
    expect(lines[1]).toMatch(new RegExp(`^\\d+,${ann.id},completed,.*,Ipoh,Pro$`));
  });

  it("when the owner sets the completion tag, expiry and texts, then a user finishing the form gets them", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const form = survey([city]);
    await openAdmin(h, ["📝 Forms", "📝 Survey"]);
    await h.press(h.owner, "🏷 Tag");
    await h.say(h.owner, "no spaces please");
    expect(lastText()).toContain("That is not a tag");
    await h.say(h.owner, "Signed_Up");
    expect(currentMenu(h).text).toContain("Completion tag: signed_up");
    await h.press(h.owner, "⏱ Expiry");
    await h.say(h.owner, "0");
    expect(lastText()).toBe("Please send a whole number of minutes from 1 to 10080.");
    await h.say(h.owner, "90");
    await h.press(h.owner, "💬 Texts");
    await h.say(h.owner, "Quick question!");
    await h.say(h.owner, "Thanks, {first_name}.");
    expect(h.services.forms.find(form.id)).toMatchObject({
      completionTag: "signed_up",
      expiryMinutes: 90,
      intro: "Quick question!",
      doneText: "Thanks, {first_name}.",
    });
    expect(h.services.audit.recent(3).map((e) => e.action)).toEqual([
      "forms.change",
      "forms.change",
      "forms.change",
    ]);

    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann, form.code);
    expect(h.fake.textsTo(ann.id).slice(-2)).toEqual([
      "Quick question!",
      "Your city?\n(optional: /skip to leave it out)",
    ]);
    h.clock.advance(80 * 60_000);
    await h.say(ann, "Ipoh");
    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Thanks, Ann.");
    expect(h.services.users.tagsOf(ann.id)).toEqual(["signed_up"]);
  });

  it("when the owner deletes a form, then it is gone; the /profile form has no delete button", async () => {
    h = createHarness();
    const form = survey();
    await openAdmin(h, ["📝 Forms", "📝 Profile"]);
    expect(currentMenu(h).buttons).not.toContain("🗑 Delete");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "📝 Survey");
    await h.press(h.owner, "🗑 Delete");
    await h.press(h.owner, "🗑 Yes, delete");
    expect(h.services.forms.find(form.id)).toBeUndefined();
    expect(currentMenu(h).text).not.toContain("Survey");
  });

  it("when a non-admin replays the owner's presses, then nothing changes", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const form = survey();
    await openAdmin(h, ["📝 Forms", "📝 Survey"]);
    const data = (label: string | RegExp) =>
      h.fake.findButton(ownerId, label)?.button.callback_data as string;
    const presses = [data("➕ Question"), data("👁 Preview")];
    await h.press(h.owner, "↕ Order");
    presses.push(data("🗑"), data(/^⬇$/));
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "🗑 Delete");
    presses.push(data("🗑 Yes, delete"));
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    for (const press of presses) await pressData(h, mallory, press);
    expect(prompts(form.id)).toEqual(["Your city?", "Which plan?"]);
    expect(h.services.forms.find(form.id)).toBeDefined();
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });
});
