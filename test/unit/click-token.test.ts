import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signClickToken, verifyClickToken } from "../../src/features/clicks/click-token.js";

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const linkIds = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const userIds = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe("click tokens", () => {
  it("when a token is signed, then it verifies to the same link and user, and is safe in a URL path", () => {
    fc.assert(
      fc.property(linkIds, userIds, (linkId, userId) => {
        const token = signClickToken(key, { linkId, userId });
        expect(token).toMatch(/^[0-9a-z.\-_A-Z]+$/);
        expect(encodeURIComponent(token)).toBe(token);
        expect(verifyClickToken(key, token)).toEqual({ linkId, userId });
      }),
    );
  });

  it("when a token reads like the example, then it is link id, user id and 22 characters of signature", () => {
    const token = signClickToken(key, { linkId: 1, userId: 123_456_789 });
    const [link, user, mac] = token.split(".");
    expect(link).toBe("1");
    expect(user).toBe((123_456_789).toString(36));
    expect(mac).toHaveLength(22);
  });

  it("when another key checks a token, then it is refused", () => {
    fc.assert(
      fc.property(linkIds, userIds, (linkId, userId) => {
        expect(verifyClickToken(otherKey, signClickToken(key, { linkId, userId }))).toBeUndefined();
      }),
    );
  });

  it("when the user or the link of a token is swapped for another, then it is refused", () => {
    fc.assert(
      fc.property(linkIds, userIds, userIds, (linkId, userId, otherUser) => {
        fc.pre(userId !== otherUser);
        const [link, , mac] = signClickToken(key, { linkId, userId }).split(".");
        expect(verifyClickToken(key, `${link}.${otherUser.toString(36)}.${mac}`)).toBeUndefined();
        const [, user, mac2] = signClickToken(key, { linkId, userId }).split(".");
        expect(verifyClickToken(key, `${(linkId + 1).toString(36)}.${user}.${mac2}`)).toBeUndefined();
      }),
    );
  });

  it("when any one character of a token changes, then it is refused", () => {
    const token = signClickToken(key, { linkId: 42, userId: 987_654_321 });
    const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.";
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c === token[i]) continue;
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        expect(verifyClickToken(key, changed), changed).toBeUndefined();
      }
    }
  });

  it("when ids are written with leading zeros or the token is cut or padded, then it is refused", () => {
    const token = signClickToken(key, { linkId: 5, userId: 77 });
    const [link, user, mac] = token.split(".");
    expect(verifyClickToken(key, `0${link}.${user}.${mac}`)).toBeUndefined();
    expect(verifyClickToken(key, `${link}.0${user}.${mac}`)).toBeUndefined();
    expect(verifyClickToken(key, token.slice(0, -1))).toBeUndefined();
    expect(verifyClickToken(key, `${token}A`)).toBeUndefined();
    expect(verifyClickToken(key, `${token}=`)).toBeUndefined();
  });

  it("when the token is any garbage at all, then verifying returns nothing and never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (garbage) => {
        expect(verifyClickToken(key, garbage)).toBeUndefined();
      }),
    );
    const shaped = fc
      .tuple(fc.stringMatching(/^[0-9a-z]{1,11}$/), fc.stringMatching(/^-?[0-9a-z]{1,11}$/))
      .map(([l, u]) => `${l}.${u}.${randomBytes(16).toString("base64url")}`);
    fc.assert(
      fc.property(shaped, (token) => {
        expect(verifyClickToken(key, token)).toBeUndefined();
      }),
    );
  });

  it("when asked to sign a link id that is not a positive safe integer, then it refuses", () => {
    expect(() => signClickToken(key, { linkId: 0, userId: 1 })).toThrow(RangeError);
    expect(() => signClickToken(key, { linkId: 1.5, userId: 1 })).toThrow(RangeError);
    expect(() => signClickToken(key, { linkId: 1, userId: 2 ** 60 })).toThrow(RangeError);
  });
});
