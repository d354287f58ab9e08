import { describe, expect, it } from "vitest";
import { parseStartCommand, payloadMeaning } from "../../src/features/gate/start-payload.js";

describe("parseStartCommand", () => {
  it("when the text is not /start, then it is not a start command", () => {
    expect(parseStartCommand("hello")).toBeNull();
    expect(parseStartCommand("/starting")).toBeNull();
    expect(parseStartCommand(undefined)).toBeNull();
  });

  it("when /start has no payload, then the payload is null", () => {
    expect(parseStartCommand("/start")).toEqual({ payload: null, rejectedPayload: null });
    expect(parseStartCommand("/start@usher_test_bot")).toEqual({ payload: null, rejectedPayload: null });
  });

  it("when the payload is 1–64 characters of A-Za-z0-9_-, then it is kept", () => {
    expect(parseStartCommand("/start r_Ab-9")?.payload).toBe("r_Ab-9");
    expect(parseStartCommand(`/start ${"x".repeat(64)}`)?.payload).toBe("x".repeat(64));
  });

  it("when the payload is too long or has odd characters, then it is rejected", () => {
    expect(parseStartCommand(`/start ${"x".repeat(65)}`)).toEqual({
      payload: null,
      rejectedPayload: "x".repeat(65),
    });
    for (const odd of ["a b", "r12;DROP", "ab\u0000", "👍", "a/b", "a.b"]) {
      expect(parseStartCommand(`/start ${odd}`)?.payload).toBeNull();
    }
  });
});

describe("payloadMeaning", () => {
  it("when a payload starts with r or a, then it is a user or campaign referral", () => {
    expect(payloadMeaning("rABC")).toEqual({ kind: "user_referral", code: "ABC" });
    expect(payloadMeaning("aSpring")).toEqual({ kind: "campaign", code: "Spring" });
    expect(payloadMeaning("r")).toEqual({ kind: "other", code: "r" });
    expect(payloadMeaning("promo")).toEqual({ kind: "other", code: "promo" });
  });
});
