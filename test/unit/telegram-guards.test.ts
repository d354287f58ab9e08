import { describe, expect, it } from "vitest";
import { forgedMenuPosition } from "../../src/features/menu/index.js";
import { ignoreUnmodifiedEdits } from "../../src/telegram/errors.js";

describe("forgedMenuPosition", () => {
  it("when a menu button's row or column is not hex, then it is forged; well-formed and other data pass", () => {
    expect(forgedMenuPosition("admin/ /0//h")).toBe(true);
    expect(forgedMenuPosition("admin/-1/0//h12")).toBe(true);
    expect(forgedMenuPosition("admin/1/zz/payload/fab")).toBe(true);
    expect(forgedMenuPosition("admin/0/a/42/h1x9")).toBe(false);
    expect(forgedMenuPosition("gate:captcha:abc:1")).toBe(false);
    expect(forgedMenuPosition("admin/")).toBe(false);
  });
});

describe("ignoreUnmodifiedEdits", () => {
  const notModified = {
    ok: false as const,
    error_code: 400,
    description:
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same",
  };
  const call = (method: string, answer: unknown) =>
    ignoreUnmodifiedEdits(async () => answer as never, method as never, {} as never);

  it("when an edit changes nothing, then it counts as done", async () => {
    expect(await call("editMessageReplyMarkup", notModified)).toEqual({ ok: true, result: true });
    expect(await call("editMessageText", notModified)).toEqual({ ok: true, result: true });
  });

  it("when another method or another error comes back, then it is passed on unchanged", async () => {
    expect(await call("sendMessage", notModified)).toBe(notModified);
    const gone = { ok: false, error_code: 400, description: "Bad Request: message to edit not found" };
    expect(await call("editMessageText", gone)).toBe(gone);
  });
});
