import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifyTelegramError } from "../../src/telegram/errors.js";

const apiError = (error_code: number, description: string, parameters = {}) =>
  new GrammyError("call failed", { ok: false, error_code, description, parameters }, "sendMessage", {});

describe("classifyTelegramError", () => {
  it("when Telegram refuses a user, then the reason is told apart", () => {
    expect(classifyTelegramError(apiError(403, "Forbidden: bot was blocked by the user")).kind).toBe(
      "blocked",
    );
    expect(classifyTelegramError(apiError(403, "Forbidden: user is deactivated")).kind).toBe("deactivated");
    expect(classifyTelegramError(apiError(400, "Bad Request: chat not found")).kind).toBe("chat_not_found");
    expect(
      classifyTelegramError(apiError(403, "Forbidden: bot can't initiate conversation with a user")).kind,
    ).toBe("cannot_initiate");
  });

  it("when Telegram will not use a file, then it is a refused file, told apart from other refusals", () => {
    for (const description of [
      "Bad Request: wrong file identifier/HTTP URL specified",
      "Bad Request: wrong remote file identifier specified: Wrong character in the string",
      "Bad Request: PHOTO_INVALID_DIMENSIONS",
      "Bad Request: IMAGE_PROCESS_FAILED",
    ]) {
      expect(classifyTelegramError(apiError(400, description)).kind, description).toBe("file_refused");
    }
    expect(classifyTelegramError(apiError(400, "Bad Request: message caption is too long")).kind).toBe(
      "unknown",
    );
  });

  it("when the flood limit is hit, then retry_after is kept", () => {
    expect(
      classifyTelegramError(apiError(429, "Too Many Requests: retry after 7", { retry_after: 7 })),
    ).toMatchObject({
      kind: "rate_limited",
      retryAfterSeconds: 7,
    });
  });

  it("when the server or the network fails, then it is transient", () => {
    expect(classifyTelegramError(apiError(502, "Bad Gateway")).kind).toBe("transient");
    expect(classifyTelegramError(new HttpError("Network request failed", new Error("ECONNRESET"))).kind).toBe(
      "transient",
    );
  });

  it("when the bot cannot read a channel's members, then it is inaccessible", () => {
    expect(classifyTelegramError(apiError(400, "Bad Request: member list is inaccessible")).kind).toBe(
      "inaccessible",
    );
    expect(
      classifyTelegramError(apiError(403, "Forbidden: bot is not a member of the channel chat")).kind,
    ).toBe("inaccessible");
  });

  it("when the error is not one Usher knows, then it is unknown with its text", () => {
    expect(classifyTelegramError(apiError(400, "Bad Request: something new"))).toEqual({
      kind: "unknown",
      description: "Bad Request: something new",
    });
    expect(classifyTelegramError(new Error("boom"))).toEqual({ kind: "unknown", description: "boom" });
  });
});
