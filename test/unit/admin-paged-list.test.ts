import { describe, expect, it } from "vitest";
import { deeplinkKey } from "../../src/features/menu/deeplinks/deeplink-key.js";
import { decodeListState, encodeListState, listWindow } from "../../src/features/menu/paged-list.js";

describe("admin list state", () => {
  it("when a state is encoded, then it decodes back", () => {
    for (const state of [
      { page: 0, selection: null },
      { page: 3, selection: "17" },
      { page: 12, selection: "0123456789ab" },
    ]) {
      expect(decodeListState(encodeListState(state))).toEqual(state);
    }
  });

  it("when a payload is missing, forged or malformed, then it means the first page and no selection", () => {
    for (const match of [undefined, "", "x", "-1", "1.", "1.a.b", "99999", "1.bad!", ["1"], 5]) {
      expect(decodeListState(match), String(match)).toEqual({ page: 0, selection: null });
    }
  });

  it("when a page is asked for, then it is clamped to the pages that exist", () => {
    expect(listWindow(0, 0)).toEqual({ page: 0, pageCount: 1, offset: 0, limit: 10 });
    expect(listWindow(1, 25)).toEqual({ page: 1, pageCount: 3, offset: 10, limit: 10 });
    expect(listWindow(9, 25)).toEqual({ page: 2, pageCount: 3, offset: 20, limit: 10 });
    expect(listWindow(-2, 25).page).toBe(0);
    expect(listWindow(1, 20).pageCount).toBe(2);
  });
});

describe("deeplink keys", () => {
  it("when a code of any length is keyed, then the key is 12 hex characters, stable and distinct", () => {
    const codes = ["promo", "Promo", "x".repeat(64), "r"];
    const keys = codes.map(deeplinkKey);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(codes.length);
    expect(deeplinkKey("promo")).toBe(keys[0]);
  });
});
