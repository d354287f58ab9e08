import { describe, expect, it } from "vitest";
import { checkDeeplinkCode, generateDeeplinkCode } from "../../src/features/gate/deeplinks/deeplink-code.js";

describe("deeplink codes", () => {
  it("when a code is 1–64 characters of A-Za-z0-9_-, then it is accepted", () => {
    for (const code of ["promo", "Z", "r", "a", "Rbonus", "Abc", "x_y-z", "9".repeat(64), "_rabbit"]) {
      expect(checkDeeplinkCode(code), code).toEqual({ ok: true });
    }
  });

  it("when a code is empty, too long or has other characters, then it is a format problem", () => {
    for (const code of ["", "x".repeat(65), "with space", "bad!", "промо", "a/b", "dot.ted"]) {
      expect(checkDeeplinkCode(code), code).toEqual({ ok: false, problem: "format" });
    }
  });

  it("when a code starts with a lower-case r or a and goes on, then the gate would read it as a referral", () => {
    for (const code of ["rbonus", "r1", "abc", "a_", "auto"]) {
      expect(checkDeeplinkCode(code), code).toEqual({ ok: false, problem: "referral_prefix" });
    }
  });

  it("when codes are generated, then referral-like and taken ones are skipped", () => {
    const candidates = ["rTaken", "aNope", "Taken1", "Fresh1"];
    const code = generateDeeplinkCode(
      (c) => c === "Taken1",
      () => candidates.shift() as string,
    );
    expect(code).toBe("Fresh1");
  });

  it("when codes are generated at random, then each is a valid, unambiguous code", () => {
    for (let i = 0; i < 200; i++) expect(checkDeeplinkCode(generateDeeplinkCode(() => false)).ok).toBe(true);
  });

  it("when no free code can be found, then generation fails instead of looping forever", () => {
    expect(() => generateDeeplinkCode(() => true)).toThrow(/could not generate/);
  });
});
