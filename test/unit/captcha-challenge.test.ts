import { describe, expect, it } from "vitest";
import {
  afterWrongAnswer,
  captchaCallbackData,
  createChallenge,
  judgeAnswer,
  parseCaptchaCallback,
  type RandomInt,
} from "../../src/features/gate/captcha/challenge.js";

const seeded = (seed: number): RandomInt => {
  let state = seed;
  return (bound) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % bound;
  };
};
const now = new Date("2026-01-01T00:00:00Z");

describe("captcha challenge", () => {
  it("when an emoji challenge is made, then six distinct options hold the target named in the question", () => {
    for (let seed = 1; seed < 50; seed++) {
      const c = createChallenge("emoji", seeded(seed), now, 300);
      expect(new Set(c.options).size).toBe(6);
      expect(c.question).toBe(`Tap the ${c.options[c.correctIndex]}`);
      expect(c.expiresAt.getTime() - now.getTime()).toBe(300_000);
    }
  });

  it("when a math challenge is made, then exactly one option is the sum", () => {
    for (let seed = 1; seed < 50; seed++) {
      const c = createChallenge("math", seeded(seed), now, 60);
      const [a, b] = (c.question.match(/(\d+) \+ (\d+)/) ?? []).slice(1).map(Number);
      expect(c.options.filter((o) => Number(o) === (a as number) + (b as number))).toHaveLength(1);
      expect(Number(c.options[c.correctIndex])).toBe((a as number) + (b as number));
    }
  });

  it("when the callback data is read, then it does not reveal which option is right", () => {
    const c = createChallenge("emoji", seeded(3), now, 300);
    const data = c.options.map((_, i) => captchaCallbackData(c.nonce, i));
    expect(data.every((d) => d.length <= 64)).toBe(true);
    expect(data.some((d) => d.includes(c.options[c.correctIndex] as string))).toBe(false);
  });

  it("when answers are judged, then only the current nonce and right index before expiry pass", () => {
    const c = createChallenge("emoji", seeded(5), now, 300);
    const state = { ...c, failures: 0, cooldownUntil: null };
    const wrongIndex = (c.correctIndex + 1) % 6;
    expect(judgeAnswer(state, c.nonce, c.correctIndex, now)).toBe("passed");
    expect(judgeAnswer(state, c.nonce, wrongIndex, now)).toBe("wrong");
    expect(judgeAnswer(state, "zzzzzzzzzz", c.correctIndex, now)).toBe("stale");
    expect(judgeAnswer(undefined, c.nonce, c.correctIndex, now)).toBe("stale");
    expect(judgeAnswer(state, c.nonce, c.correctIndex, c.expiresAt)).toBe("expired");
    const cooling = { ...state, cooldownUntil: new Date(now.getTime() + 1000) };
    expect(judgeAnswer(cooling, c.nonce, c.correctIndex, now)).toBe("cooldown");
  });

  it("when the attempts are used up, then a cool-down starts and the count resets", () => {
    expect(afterWrongAnswer(0, 3, 60, now)).toEqual({ failures: 1, cooldownUntil: null });
    expect(afterWrongAnswer(1, 3, 60, now)).toEqual({ failures: 2, cooldownUntil: null });
    expect(afterWrongAnswer(2, 3, 60, now)).toEqual({
      failures: 0,
      cooldownUntil: new Date(now.getTime() + 60_000),
    });
  });

  it("when callback data is malformed or forged in shape, then it is not a captcha press", () => {
    expect(parseCaptchaCallback("gate:captcha:abcdefghij:3")).toEqual({
      nonce: "abcdefghij",
      optionIndex: 3,
    });
    for (const bad of [
      "gate:captcha:abc:1",
      "gate:captcha:abcdefghij:12",
      "gate:captcha:ABCDEFGHIJ:1",
      "x",
      "",
    ]) {
      expect(parseCaptchaCallback(bad)).toBeNull();
    }
  });
});
