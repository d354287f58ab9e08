import { describe, expect, it } from "vitest";
import { settings } from "../../src/db/schema/index.js";
import { SettingsRepository } from "../../src/features/settings/settings-repository.js";
import { texts } from "../../src/texts/bot.js";
import { createTestDatabase } from "../support/test-database.js";

const fresh = () => {
  const { db } = createTestDatabase();
  return { db, repo: new SettingsRepository(db) };
};

describe("SettingsRepository", () => {
  it("when nothing is stored, then every setting has its default", () => {
    const { repo } = fresh();
    expect(repo.get("captcha")).toMatchObject({
      enabled: false,
      kind: "emoji",
      attempts: 3,
      expirySeconds: 300,
      cooldownSeconds: 300,
    });
    expect(repo.get("maintenance")).toEqual({ enabled: false, text: texts.maintenance });
    expect(repo.get("welcome").content).toEqual({ type: "text", text: texts.welcome });
    expect(repo.get("general").dearUserName).toBe("Dear User");
  });

  it("when a setting is updated, then it is stored, survives a new repository, and the old value is returned", () => {
    const { db, repo } = fresh();
    const change = repo.update("captcha", { enabled: true, attempts: 5 });
    expect(change.before.enabled).toBe(false);
    expect(change.after).toMatchObject({ enabled: true, attempts: 5, kind: "emoji" });
    expect(new SettingsRepository(db).get("captcha")).toMatchObject({ enabled: true, attempts: 5 });
  });

  it("when a value is invalid, then it is refused and nothing changes", () => {
    const { repo } = fresh();
    expect(() => repo.update("captcha", { attempts: 0 })).toThrow();
    expect(() => repo.update("maintenance", { text: "" })).toThrow();
    expect(repo.get("captcha").attempts).toBe(3);
    expect(repo.get("maintenance").text).toBe(texts.maintenance);
  });

  it("when a stored document is from an older version or broken, then defaults fill the gaps", () => {
    const { db } = fresh();
    db.insert(settings)
      .values({ key: "joinCheck", value: { enabled: true, obsolete: 1 } })
      .run();
    db.insert(settings)
      .values({ key: "captcha", value: { attempts: "many" } })
      .run();
    const repo = new SettingsRepository(db);
    expect(repo.get("joinCheck")).toMatchObject({
      enabled: true,
      recheckEveryInteraction: false,
      cacheSeconds: 60,
    });
    expect(repo.get("captcha").attempts).toBe(3);
  });
});
