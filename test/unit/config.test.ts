import { describe, expect, it } from "vitest";
import { ConfigError, createConfig, databaseLocation, printableLocation } from "../../src/config.js";

const token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc";

describe("createConfig", () => {
  it("when only the token is given, then every other variable takes its default", () => {
    expect(createConfig({ BOT_TOKEN: token })).toEqual({
      botToken: token,
      ownerIds: [],
      databasePath: "./data/usher.db",
      botApiRoot: "https://api.telegram.org",
      botApiRate: 30,
      logLevel: "info",
    });
  });

  it("when ADMIN_IDS has spaces and a trailing comma, then the ids are read", () => {
    expect(createConfig({ BOT_TOKEN: token, ADMIN_IDS: " 1, 22 ,333," }).ownerIds).toEqual([1, 22, 333]);
  });

  it("when DATABASE_URL names a PostgreSQL server, then it is kept beside the file; anything else is refused", () => {
    const url = "postgres://usher:secret@127.0.0.1:5432/usher";
    const config = createConfig({ BOT_TOKEN: token, DATABASE_URL: url });
    expect(config.databaseUrl).toBe(url);
    expect(databaseLocation(config)).toBe(url);
    expect(printableLocation(databaseLocation(config))).toBe("postgres://usher:***@127.0.0.1:5432/usher");
    expect(databaseLocation(createConfig({ BOT_TOKEN: token, DATABASE_URL: "" }))).toBe("./data/usher.db");
    expect(() => createConfig({ BOT_TOKEN: token, DATABASE_URL: "mysql://x@y/z" })).toThrow(
      /DATABASE_URL must be a PostgreSQL URL/,
    );
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

  it("when BOT_API_RATE is set, then the bot sends at that rate; zero or words are refused", () => {
    expect(createConfig({ BOT_TOKEN: token, BOT_API_RATE: "20" }).botApiRate).toBe(20);
    expect(() => createConfig({ BOT_TOKEN: token, BOT_API_RATE: "0" })).toThrow(/BOT_API_RATE must be more/);
    expect(() => createConfig({ BOT_TOKEN: token, BOT_API_RATE: "fast" })).toThrow(/BOT_API_RATE must be/);
  });

  it("when BOT_API_ROOT ends with a slash, then it is trimmed", () => {
    expect(createConfig({ BOT_TOKEN: token, BOT_API_ROOT: "http://127.0.0.1:8081/" }).botApiRoot).toBe(
      "http://127.0.0.1:8081",
    );
  });

  describe("the HTTP server", () => {
    it("when HTTP_PORT is unset, then there is no server", () => {
      expect(createConfig({ BOT_TOKEN: token }).http).toBeUndefined();
    });

    it("when HTTP_PORT is set, then it listens on 127.0.0.1 with the API off", () => {
      expect(createConfig({ BOT_TOKEN: token, HTTP_PORT: "8080" }).http).toEqual({
        port: 8080,
        host: "127.0.0.1",
      });
    });

    it("when every variable is set, then webhook path and trimmed public URL are read", () => {
      const config = createConfig({
        BOT_TOKEN: token,
        HTTP_PORT: "0",
        HTTP_HOST: "0.0.0.0",
        API_TOKEN: "a-long-enough-api-token",
        METRICS_TOKEN: "a-long-enough-metrics-token",
        WEBHOOK_URL: "https://bot.example.com/telegram/hook",
        WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
        PUBLIC_URL: "https://bot.example.com/",
      });
      expect(config.http).toEqual({
        port: 0,
        host: "0.0.0.0",
        apiToken: "a-long-enough-api-token",
        metricsToken: "a-long-enough-metrics-token",
        webhook: {
          url: "https://bot.example.com/telegram/hook",
          path: "/telegram/hook",
          secret: "s3cret-s3cret-s3cret",
        },
        publicUrl: "https://bot.example.com",
      });
    });

    it("when WEBHOOK_URL comes without WEBHOOK_SECRET or HTTP_PORT, then both are named", () => {
      expect(() => createConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://x.example/telegram" })).toThrow(
        /WEBHOOK_SECRET is required when WEBHOOK_URL is set[\s\S]*HTTP_PORT is required when WEBHOOK_URL is set/,
      );
    });

    it("when the values are malformed, then each variable is named", () => {
      const env = {
        BOT_TOKEN: token,
        HTTP_PORT: "70000",
        API_TOKEN: "short",
        WEBHOOK_SECRET: "has spaces in it, no",
        PUBLIC_URL: "bot.example.com",
      };
      expect(() => createConfig(env)).toThrow(/HTTP_PORT must be 0–65535/);
      expect(() => createConfig(env)).toThrow(/API_TOKEN must be at least 16 characters/);
      expect(() => createConfig(env)).toThrow(/WEBHOOK_SECRET must be 16–256 characters/);
      expect(() => createConfig(env)).toThrow(/PUBLIC_URL must be the public base URL/);
    });

    it("when the webhook path would shadow the server's own routes, then it is refused", () => {
      for (const url of ["https://x.example", "https://x.example/api/hook", "https://x.example/metrics"]) {
        expect(() =>
          createConfig({
            BOT_TOKEN: token,
            HTTP_PORT: "1",
            WEBHOOK_URL: url,
            WEBHOOK_SECRET: "0123456789abcdef",
          }),
        ).toThrow(/WEBHOOK_URL must have a path of its own/);
      }
    });
  });
});
