import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../src/config.js";

const token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc";

describe("createConfig", () => {
  it("when only the token is given, then every other variable takes its default", () => {
    expect(createConfig({ BOT_TOKEN: token })).toEqual({
      botToken: token,
      ownerIds: [],
      databasePath: "./data/usher.db",
      botApiRoot: "https://api.telegram.org",
      logLevel: "info",
    });
  });

  it("when ADMIN_IDS has spaces and a trailing comma, then the ids are read", () => {
    expect(createConfig({ BOT_TOKEN: token, ADMIN_IDS: " 1, 22 ,333," }).ownerIds).toEqual([1, 22, 333]);
  });

  it("when BOT_TOKEN is missing, then the error names it", () => {
    expect(() => createConfig({})).toThrow(ConfigError);
    expect(() => createConfig({ BOT_TOKEN: "" })).toThrow(/BOT_TOKEN is required/);
  });

  it("when several variables are wrong, then each is named with what is wrong", () => {
    try {
      createConfig({ BOT_TOKEN: "nope", ADMIN_IDS: "12,abc", LOG_LEVEL: "loud", BOT_API_ROOT: "not a url" });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/BOT_TOKEN does not look like a bot token/);
      expect(message).toMatch(/ADMIN_IDS "abc" is not a numeric Telegram user id/);
      expect(message).toMatch(/LOG_LEVEL must be one of/);
      expect(message).toMatch(/BOT_API_ROOT must be a URL/);
    }
  });

  it("when BOT_API_ROOT ends with a slash, then it is trimmed", () => {
    expect(createConfig({ BOT_TOKEN: token, BOT_API_ROOT: "http://127.0.0.1:8081/" }).botApiRoot).toBe(
      "http://127.0.0.1:8081",
    );
  });
});
