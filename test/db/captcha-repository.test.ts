import { describe, expect, it } from "vitest";
import { CaptchaRepository } from "../../src/features/gate/captcha/captcha-repository.js";
import type { Challenge } from "../../src/features/gate/captcha/challenge.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase } from "../support/test-database.js";

const at = new Date("2026-06-01T12:00:00Z");
const expires = new Date("2026-06-01T12:05:00Z");
const challenge: Challenge = {
  nonce: "abc",
  question: "Tap 🍎",
  options: ["🍎", "🍌"],
  correctIndex: 0,
  expiresAt: expires,
};

const fresh = () => {
  const { db } = createTestDatabase();
  new UserRepository(db).touch({ id: 42, is_bot: false, first_name: "Ann" }, at);
  return new CaptchaRepository(db);
};

describe("CaptchaRepository", () => {
  it("when a challenge is opened and replaced, then the newest one is found with its failures and cool-down", () => {
    const captcha = fresh();
    expect(captcha.find(42)).toBeUndefined();
    captcha.open(42, challenge, 0, null);
    expect(captcha.find(42)).toEqual({ userId: 42, ...challenge, failures: 0, cooldownUntil: null });

    const next = { ...challenge, nonce: "def", options: ["1", "2", "3"], correctIndex: 2 };
    captcha.open(42, next, 2, expires);
    expect(captcha.find(42)).toEqual({ userId: 42, ...next, failures: 2, cooldownUntil: expires });
  });

  it("when a cool-down starts, then the failures reset and the buttons stop working; close removes it", () => {
    const captcha = fresh();
    captcha.open(42, challenge, 2, null);
    captcha.startCooldown(42, expires);
    expect(captcha.find(42)).toMatchObject({ failures: 0, cooldownUntil: expires, nonce: "" });
    captcha.close(42);
    expect(captcha.find(42)).toBeUndefined();
  });
});
