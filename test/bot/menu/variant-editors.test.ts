import { afterEach, describe, expect, it } from "vitest";
import { addQuestion, createForm } from "../../../src/features/forms/form-commands.js";
import { createDeeplink } from "../../../src/features/gate/deeplinks/deeplink-commands.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import { admin, textSequence } from "../../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

const ownerTexts = () => h.fake.textsTo(ownerId);
const urlsOf = (message: ReturnType<typeof h.fake.messagesTo>[number] | undefined) =>
  h.fake.inlineButtons(message).map((b) => [b.text, b.url]);

describe("admin menu: 🌐 Languages on the deeplink, form question and sequence step editors", () => {
  it("when the owner writes a Russian text on a deeplink's page, then it is listed, previewed under the deeplink's buttons, and Preview as… a Russian user shows it", async () => {
    h = createHarness();
    createDeeplink(h.services, admin, {
      code: "promo",
      content: { type: "text", text: "Promo for {first_name}" },
      buttons: [[{ text: "Shop", url: "https://shop.example.com" }]],
    });
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    await h.start(ivan);
    await openAdmin(h, ["🧩 Extensions", "🔗 Deeplinks", "🔗 promo", "🌐 Languages"]);
    expect(currentMenu(h).text).toContain("🌐 Deeplink promo: languages");
    await h.press(h.owner, "➕ ru");
    await h.press(h.owner, "✏️ Write");
    await h.say(h.owner, "Промо для {first_name}");
    expect(h.services.variants.find("deeplink:promo", "ru")?.content).toEqual({
      type: "text",
      text: "Промо для {first_name}",
    });

    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons).toContain("✅ ru");
    await h.press(h.owner, "✅ ru");
    await h.press(h.owner, "👁 Preview");
    const preview = h.fake.messagesTo(ownerId).at(-1);
    expect(preview?.text).toBe("Промо для Owner");
    expect(urlsOf(preview)).toEqual([["Shop", "https://shop.example.com"]]);

    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "👤 Preview as…");
    await h.say(h.owner, String(ivan.id));
    expect(ownerTexts().at(-1)).toBe("Промо для Иван");
  });

  it("when the owner opens a form question from the order page, then its 🌐 Languages takes its prompt in Russian, which the preview shows filled", async () => {
    h = createHarness();
    const form = createForm(h.services, admin, { name: "Survey" });
    const city = addQuestion(h.services, admin, {
      formId: form.id,
      question: { kind: "text", targetKind: "attribute", target: "city", prompt: "Your city?" },
    });
    await openAdmin(h, ["📝 Forms", "📝 Survey", "↕ Order", "1. Your city?"]);
    expect(currentMenu(h).text).toContain("❓ Survey: question 1");
    expect(currentMenu(h).text).toContain("1. [text → city] Your city?");
    await h.press(h.owner, "🌐 Languages");
    expect(currentMenu(h).text).toContain(`🌐 Form question ${city.id}: languages`);
    await h.press(h.owner, "➕ ru");
    await h.press(h.owner, "✏️ Write");
    await h.say(h.owner, "Ваш город, {nickname}?");
    expect(ownerTexts().at(-1)).toContain("nickname");
    expect(h.services.variants.list(`question:${city.id}`)).toEqual([]);
    await h.say(h.owner, "  Ваш город, {first_name}?  ");
    expect(h.services.variants.find(`question:${city.id}`, "ru")?.content).toBe("Ваш город, {first_name}?");
    await h.press(h.owner, "👁 Preview");
    expect(ownerTexts().at(-1)).toBe("Ваш город, Owner?");

    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("❓ Survey: question 1");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("↕ Order of Survey");
  });

  it("when the owner writes a step's Spanish text on its page, then a poll is refused for a text step, and a text is kept and previewed filled for the owner", async () => {
    h = createHarness();
    const { steps } = textSequence(h, [0]);
    const stepId = steps[0]?.id as number;
    await openAdmin(h, ["📬 Sequences", "📬 Welcome", "1. text", "🌐 Languages"]);
    expect(currentMenu(h).text).toContain(`🌐 Sequence step ${stepId}: languages`);
    await h.press(h.owner, "➕ es");
    await h.press(h.owner, "✏️ Write");
    await h.send(h.fake.updates.poll(h.owner, { question: "¿Té o café?", options: ["Té", "Café"] }));
    expect(ownerTexts().at(-1)).toContain("a poll stands in only for a poll step");
    expect(h.services.variants.list(`step:${stepId}`)).toEqual([]);

    await h.press(h.owner, "✏️ Write");
    await h.say(h.owner, "Paso 1 para {first_name}");
    expect(h.services.variants.find(`step:${stepId}`, "es")?.content).toEqual({
      type: "text",
      text: "Paso 1 para {first_name}",
    });
    await h.press(h.owner, "👁 Preview");
    expect(ownerTexts().at(-1)).toBe("Paso 1 para Owner");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("step 1 of 1");
  });
});
