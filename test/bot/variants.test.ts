import { afterEach, describe, expect, it } from "vitest";
import { setVariant } from "../../src/features/variants/variant-commands.js";
import { texts } from "../../src/texts/bot.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";
import { answerCaptcha, captchaMessage } from "../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const admin = { kind: "admin", id: ownerId } as const;
const set = (subject: string, language: string, content: unknown) =>
  setVariant(h.services, admin, { subject, language, content });

describe("admin-written texts per language", () => {
  it("when the welcome and the captcha intro have ru and es variants, then a Russian, a Spanish and a German user each get theirs, the German one the default", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    set("welcome", "ru", { type: "text", text: "Добро пожаловать, {first_name}!" });
    set("welcome", "es", { type: "text", text: "¡Bienvenido, {first_name}!" });
    set("captcha.intro", "ru", "Докажите, {first_name}, что вы человек");
    set("captcha.intro", "es", "Demuestra que eres humano, {first_name}");
    set("captcha.passed", "ru", "Готово, {first_name}");
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    const ana = h.addUser({ first_name: "Ana", language_code: "es-MX" });
    const hans = h.addUser({ first_name: "Hans", language_code: "de" });

    for (const user of [ivan, ana, hans]) await h.start(user);
    expect(captchaMessage(h, ivan).text?.startsWith("Докажите, Иван, что вы человек")).toBe(true);
    expect(captchaMessage(h, ana).text?.startsWith("Demuestra que eres humano, Ana")).toBe(true);
    expect(captchaMessage(h, hans).text?.startsWith(texts.captcha.intro)).toBe(true);

    for (const user of [ivan, ana, hans]) await answerCaptcha(h, user, true);
    expect(h.fake.textsTo(ivan.id)).toContain("Готово, Иван");
    expect(h.fake.textsTo(ana.id)).toContain(textsIn("bot", "es").captcha.passed);
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Добро пожаловать, Иван!");
    expect(h.fake.textsTo(ana.id).at(-1)).toBe("¡Bienvenido, Ana!");
    expect(h.fake.textsTo(hans.id).at(-1)).toBe("Welcome, Hans! 👋");
  });

  it("when a variant exists and the admin edited the default, then the variant wins for its language and the edited default goes to the rest", async () => {
    h = createHarness({ settings: { maintenance: { enabled: true, text: "Back at 18:00 🛠" } } });
    set("maintenance", "ru", "Вернёмся в 18:00, {first_name}");
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    const ana = h.addUser({ language_code: "es" });
    await h.start(ivan);
    await h.start(ana);
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Вернёмся в 18:00, Иван");
    expect(h.fake.textsTo(ana.id).at(-1)).toBe("Back at 18:00 🛠");
  });

  it("when a text has no variant for the user's language and its default is untouched, then the user gets the default's translation", async () => {
    h = createHarness({ settings: { maintenance: { enabled: true } } });
    set("maintenance", "ru", "Ремонт");
    const ana = h.addUser({ language_code: "es" });
    await h.start(ana);
    expect(h.fake.textsTo(ana.id).at(-1)).toBe(textsIn("bot", "es").maintenance);
  });

  it("when a user switches language with /language, then the next /start welcomes them with the other variant", async () => {
    h = createHarness();
    set("welcome", "ru", { type: "text", text: "Привет, {first_name}" });
    set("welcome", "es", { type: "text", text: "Hola, {first_name}" });
    const ana = h.addUser({ first_name: "Ana", language_code: "ru" });
    await h.start(ana);
    expect(h.fake.textsTo(ana.id).at(-1)).toBe("Привет, Ana");
    await h.say(ana, "/language");
    await h.press(ana, "🇪🇸 Español");
    await h.start(ana);
    expect(h.fake.textsTo(ana.id).at(-1)).toBe("Hola, Ana");
  });

  it("when /ref, the referral-only refusal and Dear User have variants, then a Russian user gets each in Russian with its fields filled", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    set("referralLink", "ru", "Ваша ссылка: {link} ({count})");
    set("dearUser", "ru", "Дорогой друг");
    set("welcome", "ru", { type: "text", text: "Привет, {first_name}" });
    // A name of invisible characters only: templates fall back to Dear User.
    const ivan = h.addUser({ first_name: "\u200b", language_code: "ru" });
    await h.start(ivan);
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Привет, Дорогой друг");
    await h.say(ivan, "/ref");
    expect(h.fake.textsTo(ivan.id).at(-1)).toMatch(/^Ваша ссылка: https:\/\/t\.me\/\S+\?start=r\S+ \(0\)$/);

    h.services.settings.update("refLinkOnly", { enabled: true });
    set("refLinkOnly", "ru", "Только по приглашению");
    const olga = h.addUser({ language_code: "ru" });
    await h.start(olga);
    expect(h.fake.textsTo(olga.id).at(-1)).toBe("Только по приглашению");
  });
});
