import { afterEach, describe, expect, it } from "vitest";
import { captchaCallbackData } from "../../src/features/gate/captcha/challenge.js";
import { texts } from "../../src/texts/bot.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { answerCaptcha, captchaMessage, pressData } from "../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const withCaptcha = (extra: Record<string, unknown> = {}) =>
  createHarness({ settings: { captcha: { enabled: true, ...extra } } });

describe("captcha", () => {
  it("when a newcomer presses /start, then a six-button challenge is shown and they stay pending", async () => {
    h = withCaptcha();
    const ann = h.addUser();
    await h.start(ann);
    expect(h.fake.inlineButtons(captchaMessage(h, ann))).toHaveLength(6);
    expect(h.record(ann)?.status).toBe("pending");
  });

  it("when the right button is pressed, then the user is registered and welcomed", async () => {
    h = withCaptcha();
    const ann = h.addUser();
    await h.start(ann);
    await answerCaptcha(h, ann, true);
    expect(h.record(ann)).toMatchObject({ status: "active" });
    expect(h.record(ann)?.captchaPassedAt).not.toBeNull();
    expect(h.fake.textsTo(ann.id)).toContain(texts.captcha.passed);
    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Welcome, Ann! 👋");
    expect(h.services.captcha.find(ann.id)).toBeUndefined();
  });

  it("when a wrong button is pressed, then a new challenge replaces it and the user stays pending", async () => {
    h = withCaptcha();
    const ann = h.addUser();
    await h.start(ann);
    const before = h.services.captcha.find(ann.id);
    await answerCaptcha(h, ann, false);
    const after = h.services.captcha.find(ann.id);
    expect(after?.nonce).not.toBe(before?.nonce);
    expect(after?.failures).toBe(1);
    expect(captchaMessage(h, ann).text).toContain(texts.captcha.wrong);
    expect(h.record(ann)?.status).toBe("pending");
  });

  it("when the challenge has expired, then the right answer does not pass and a fresh challenge comes", async () => {
    h = withCaptcha({ expirySeconds: 60 });
    const ann = h.addUser();
    await h.start(ann);
    const old = h.services.captcha.find(ann.id);
    h.clock.advance(61_000);
    await answerCaptcha(h, ann, true);
    expect(h.record(ann)?.status).toBe("pending");
    expect(h.services.captcha.find(ann.id)?.nonce).not.toBe(old?.nonce);
    expect(captchaMessage(h, ann).text).toContain(texts.captcha.expired);
    await answerCaptcha(h, ann, true);
    expect(h.record(ann)?.status).toBe("active");
  });

  it("when callback data is forged with a guessed nonce, then it never passes and nothing changes", async () => {
    h = withCaptcha();
    const ann = h.addUser();
    await h.start(ann);
    const state = h.services.captcha.find(ann.id);
    for (let i = 0; i < 6; i++) await pressData(h, ann, captchaCallbackData("0123456789", i));
    for (const junk of ["gate:captcha:", "gate:captcha:x:y", "x".repeat(64), "gate:joined"])
      await pressData(h, ann, junk);
    expect(h.record(ann)?.status).toBe("pending");
    expect(h.services.captcha.find(ann.id)).toEqual(state);
  });

  it("when an old challenge's button is replayed, then it is stale even with the right index", async () => {
    h = withCaptcha();
    const ann = h.addUser();
    await h.start(ann);
    const old = h.services.captcha.find(ann.id);
    await answerCaptcha(h, ann, false);
    await pressData(h, ann, captchaCallbackData(old?.nonce as string, old?.correctIndex as number));
    expect(h.record(ann)?.status).toBe("pending");
    const answers = h.fake.callsOf("answerCallbackQuery");
    expect(answers.at(-1)?.params.text).toBe(texts.captcha.stale);
  });

  it("when another user presses someone's right answer, then it does not pass for either", async () => {
    h = withCaptcha();
    const ann = h.addUser();
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(ann);
    await h.start(bob);
    const annState = h.services.captcha.find(ann.id);
    await pressData(h, bob, captchaCallbackData(annState?.nonce as string, annState?.correctIndex as number));
    expect(h.record(bob)?.status).toBe("pending");
    expect(h.record(ann)?.status).toBe("pending");
  });

  it("when the attempts are used up, then a cool-down blocks answers until it ends", async () => {
    h = withCaptcha({ attempts: 3, cooldownSeconds: 120 });
    const ann = h.addUser();
    await h.start(ann);
    await answerCaptcha(h, ann, false);
    await answerCaptcha(h, ann, false);
    const last = h.services.captcha.find(ann.id);
    await answerCaptcha(h, ann, false);
    expect(h.fake.lastMessageTo(ann.id)?.text).toMatch(/Too many wrong answers. Try again in 2 min/);
    // The last challenge's right answer no longer works, nor does a new /start.
    await pressData(h, ann, captchaCallbackData(last?.nonce as string, last?.correctIndex as number));
    await h.start(ann);
    expect(h.fake.lastMessageTo(ann.id)?.text).toMatch(/Try again in 2 min/);
    expect(h.record(ann)?.status).toBe("pending");

    h.clock.advance(121_000);
    await h.start(ann);
    await answerCaptcha(h, ann, true);
    expect(h.record(ann)?.status).toBe("active");
  });

  it("when the captcha is off, then a newcomer is registered at once", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    expect(h.record(ann)?.status).toBe("active");
    expect(h.services.captcha.find(ann.id)).toBeUndefined();
  });

  it("when a math captcha is set, then the question is a sum and the right number passes", async () => {
    h = withCaptcha({ kind: "math" });
    const ann = h.addUser();
    await h.start(ann);
    expect(captchaMessage(h, ann).text).toMatch(/How much is \d \+ \d\?/);
    await answerCaptcha(h, ann, true);
    expect(h.record(ann)?.status).toBe("active");
  });
});
