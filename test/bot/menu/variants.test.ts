import { afterEach, describe, expect, it } from "vitest";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import { captchaMessage, pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const variantLanguages = (subject: string) => h.services.variants.list(subject).map((v) => v.language);

describe("admin menu: 🌐 Languages of a text", () => {
  it("when an admin writes a Russian welcome, then the list shows ✅ ru, the preview reaches the admin, a Russian user gets it, and removing it brings the default back", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "🌐 Languages"]);
    expect(currentMenu(h).text).toContain("No other language yet.");
    expect(currentMenu(h).buttons).toEqual(["➕ en", "➕ ru", "➕ es", "➕ Another language", "⬅ Back"]);

    await h.press(h.owner, "➕ ru");
    expect(currentMenu(h).text).toContain("No text for ru yet");
    await h.press(h.owner, "✏️ Write");
    await h.say(h.owner, "Привет, {first_name}!");
    expect(h.services.variants.find("welcome", "ru")?.content).toEqual({
      type: "text",
      text: "Привет, {first_name}!",
    });
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "variants.set", actorId: ownerId });
    expect(currentMenu(h).text).toContain("Привет, {first_name}!");

    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("✅ ru");
    expect(currentMenu(h).buttons).toEqual(["✅ ru", "➕ en", "➕ es", "➕ Another language", "⬅ Back"]);

    await h.press(h.owner, "✅ ru");
    const sentBefore = h.fake.callsOf("sendMessage").length;
    await h.press(h.owner, "👁 Preview");
    const preview = h.fake.callsOf("sendMessage").slice(sentBefore);
    expect(preview.map((c) => [c.params.chat_id, c.params.text])).toEqual([[ownerId, "Привет, Owner!"]]);

    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    await h.start(ivan);
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Привет, Иван!");

    await h.press(h.owner, "🗑 Remove");
    expect(currentMenu(h).text).toContain("Remove the ru text?");
    await h.press(h.owner, "🗑 Yes, remove");
    expect(variantLanguages("welcome")).toEqual([]);
    expect(currentMenu(h).text).toContain("No other language yet.");
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "variants.remove", actorId: ownerId });
    const olga = h.addUser({ first_name: "Ольга", language_code: "ru" });
    await h.start(olga);
    expect(h.fake.textsTo(olga.id).at(-1)).not.toBe("Привет, Ольга!");

    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toMatch(/^👋 Welcome message/);
  });

  it("when another language is typed, then a wrong code is asked again and a right one gets its own text", async () => {
    h = createHarness();
    await openAdmin(h, ["👋 Welcome message", "🌐 Languages", "➕ Another language"]);
    await h.say(h.owner, "Deutsch");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain("That is no language code");
    await h.say(h.owner, "de-AT");
    await h.say(h.owner, "Willkommen, {first_name}!");
    expect(variantLanguages("welcome")).toEqual(["de"]);
    const hans = h.addUser({ first_name: "Hans", language_code: "de" });
    await h.start(hans);
    expect(h.fake.textsTo(hans.id).at(-1)).toBe("Willkommen, Hans!");
  });

  it("when an admin writes a Spanish captcha intro from the captcha page, then a Spanish newcomer's challenge starts with it and ⬅ Back returns to the captcha page", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    await openAdmin(h, ["🧩 Extensions", "📂 Protection", "🤖 Captcha", "🌐 Captcha intro"]);
    expect(currentMenu(h).text).toMatch(/^🌐 Captcha intro: languages/);
    await h.press(h.owner, "➕ es");
    await h.press(h.owner, "✏️ Write");
    await h.say(h.owner, "");
    await h.say(h.owner, "Hola {nope}");
    expect(h.fake.textsTo(ownerId).at(-1)).toContain("{nope}");
    await h.say(h.owner, "Hola {first_name}, demuestra que eres humano");
    expect(h.services.variants.find("captcha.intro", "es")?.content).toBe(
      "Hola {first_name}, demuestra que eres humano",
    );
    await h.press(h.owner, "👁 Preview");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe("Hola Owner, demuestra que eres humano");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons).toContain("🌐 Captcha passed");

    const ana = h.addUser({ first_name: "Ana", language_code: "es" });
    await h.start(ana);
    expect(captchaMessage(h, ana).text?.startsWith("Hola Ana, demuestra que eres humano")).toBe(true);
  });

  it("when the owner previews the welcome as a Russian user, then the preview is the Russian welcome filled for them", async () => {
    h = createHarness();
    const ivan = h.addUser({ first_name: "Иван", username: "ivan_ru", language_code: "ru" });
    const hans = h.addUser({ first_name: "Hans", username: "hans_de", language_code: "de" });
    for (const user of [ivan, hans]) await h.start(user);
    h.services.variants.set(
      {
        subject: "welcome",
        language: "ru",
        content: { type: "text", text: "Привет, {first_name}" },
        updatedBy: null,
      },
      h.services.now(),
    );
    await openAdmin(h, ["👋 Welcome message", "👤 Preview as…"]);
    await h.say(h.owner, "@ivan_ru");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe("Привет, Иван");
    await openAdmin(h, ["👋 Welcome message", "👤 Preview as…"]);
    await h.say(h.owner, "@hans_de");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe("Welcome, Hans! 👋");
  });

  it("when a non-admin presses the variant buttons the admin saw, then nothing changes and they get nothing", async () => {
    h = createHarness();
    h.services.variants.set(
      { subject: "welcome", language: "ru", content: { type: "text", text: "Привет" }, updatedBy: null },
      h.services.now(),
    );
    const presses: string[] = [];
    const take = (label: string) =>
      presses.push(h.fake.findButton(ownerId, label)?.button.callback_data as string);
    await openAdmin(h, ["👋 Welcome message", "🌐 Languages"]);
    take("✅ ru");
    take("➕ Another language");
    await h.press(h.owner, "✅ ru");
    take("✏️ Replace");
    take("🗑 Remove");
    await h.press(h.owner, "🗑 Remove");
    take("🗑 Yes, remove");
    expect(presses.every((data) => typeof data === "string" && data.startsWith("admin-welcome~"))).toBe(true);
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    for (const data of presses) await pressData(h, mallory, data);
    await h.say(mallory, "ru");
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
    expect(variantLanguages("welcome")).toEqual(["ru"]);
    expect(h.services.audit.count()).toBe(0);
  });
});
