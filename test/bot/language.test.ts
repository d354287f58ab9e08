import { afterEach, describe, expect, it } from "vitest";
import { texts } from "../../src/texts/bot.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { answerCaptcha, answersTo, captchaMessage, pressData } from "../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const ru = textsIn("bot", "ru");
const es = textsIn("bot", "es");

describe("every user in their own language", () => {
  it("when a newcomer's Telegram speaks Russian, then the gate and the default welcome speak Russian", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    await h.start(ivan);
    expect(captchaMessage(h, ivan).text?.startsWith(ru.captcha.intro)).toBe(true);
    expect(ru.captcha.intro).not.toBe(texts.captcha.intro);
    await answerCaptcha(h, ivan, true);
    expect(h.fake.textsTo(ivan.id)).toContain(ru.captcha.passed);
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe(ru.welcome.replace("{first_name}", "Иван"));
    expect(h.record(ivan)?.status).toBe("active");
  });

  it("when a user switches language mid-gate, then the open captcha comes again in the new language and the rest of the gate follows it", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    const ana = h.addUser({ first_name: "Ana", language_code: "en" });
    await h.start(ana);
    expect(captchaMessage(h, ana).text?.startsWith(texts.captcha.intro)).toBe(true);
    const firstChallenge = h.services.captcha.find(ana.id)?.nonce;

    await h.say(ana, "/language");
    expect(h.fake.textsTo(ana.id).at(-1)).toBe(texts.language.prompt);
    expect(h.fake.inlineButtons(h.fake.lastMessageTo(ana.id)).map((b) => b.text)).toEqual([
      "🇬🇧 English",
      "🇷🇺 Русский",
      "🇪🇸 Español",
    ]);
    // The picker did not replace the open challenge.
    expect(h.services.captcha.find(ana.id)?.nonce).toBe(firstChallenge);

    await h.press(ana, "🇪🇸 Español");
    const answers = h.fake.callsOf("answerCallbackQuery").map((c) => c.params.text);
    expect(answers.at(-1)).toBe(es.language.chosen);
    expect(h.record(ana)?.language).toBe("es");
    expect(h.record(ana)?.status).toBe("pending");
    // The challenge again, in Spanish: the old one's buttons no longer count.
    expect(captchaMessage(h, ana).text?.startsWith(es.captcha.intro)).toBe(true);
    expect(h.services.captcha.find(ana.id)?.nonce).not.toBe(firstChallenge);

    await answerCaptcha(h, ana, false);
    expect(captchaMessage(h, ana).text?.startsWith(es.captcha.wrong)).toBe(true);
    await answerCaptcha(h, ana, true);
    expect(h.fake.textsTo(ana.id).at(-1)).toBe(es.welcome.replace("{first_name}", "Ana"));
  });

  it("when an admin edited a gate text, then everyone gets it as written; untouched ones come in each user's language", async () => {
    h = createHarness({
      settings: { maintenance: { enabled: true, text: "Back at 18:00 🛠" }, refLinkOnly: { enabled: false } },
    });
    const ivan = h.addUser({ language_code: "ru" });
    await h.start(ivan);
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Back at 18:00 🛠");

    h.services.settings.update("maintenance", { text: texts.maintenance });
    const olga = h.addUser({ language_code: "ru" });
    await h.start(olga);
    expect(h.fake.textsTo(olga.id).at(-1)).toBe(ru.maintenance);
  });

  it("when a registered user picks a language, then it is kept and /ref answers in it", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const ana = h.addUser({ language_code: "de" });
    await h.start(ana);
    expect(h.fake.textsTo(ana.id).at(-1)).toBe(texts.welcome.replace("{first_name}", ana.first_name));
    await h.say(ana, "/language");
    await h.press(ana, "🇷🇺 Русский");
    expect(h.fake.textsTo(ana.id).at(-1)).toBe(ru.language.chosen);
    expect(h.record(ana)?.language).toBe("ru");
    await h.say(ana, "/ref");
    expect(
      h.fake
        .textsTo(ana.id)
        .at(-1)
        ?.startsWith(ru.referralLink.split("{link}")[0] as string),
    ).toBe(true);
  });

  it("when a language button is forged, then nothing changes and the press is answered", async () => {
    h = createHarness();
    const ana = h.addUser();
    await h.start(ana);
    const press = await pressData(h, ana, "language:xx");
    expect(answersTo(h, press)).toHaveLength(1);
    expect(h.record(ana)?.language).toBeNull();
    await pressData(h, ana, "language:");
    expect(h.record(ana)?.language).toBeNull();
  });
});
