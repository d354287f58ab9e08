import { afterEach, describe, expect, it } from "vitest";
import { setUserLanguage } from "../../../src/features/users/user-language.js";
import { textsIn } from "../../../src/texts/locale-texts.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";

let h: Harness;
afterEach(() => h.close());

async function openCard(user: { id: number }, admin: SimUser = h.owner): Promise<void> {
  await openAdmin(h, ["👥 Users", "🔎 Search"], admin);
  await h.say(admin, String(user.id));
  expect(currentMenu(h, admin).text).toContain(`Id: ${user.id}`);
}

async function setUp(): Promise<SimUser> {
  h = createHarness();
  const ann = h.addUser({ first_name: "Ann", language_code: "es-419" });
  await h.start(ann);
  return ann;
}

const languageEntries = () => h.services.audit.recent().filter((e) => e.action === "users.language");

describe("admin menu: a user's language", () => {
  it("when an admin picks Русский on a card, then the user's language is ru, audited, and the bot speaks Russian to them; 📱 Telegram's language puts it back", async () => {
    const ann = await setUp();
    await openCard(ann);
    expect(currentMenu(h).buttons).toContain("🌐 Language: es (Telegram)");
    await h.press(h.owner, "🌐 Language: es (Telegram)");
    expect(currentMenu(h).text).toContain("Their Telegram reports: es. Chosen: —.");
    expect(currentMenu(h).buttons).toEqual([
      "🇬🇧 English",
      "🇷🇺 Русский",
      "🇪🇸 Español",
      "✅ 📱 Telegram's language",
      "⬅ Back",
    ]);

    await h.press(h.owner, "🇷🇺 Русский");
    expect(h.record(ann)?.language).toBe("ru");
    expect(currentMenu(h).text).toContain(`Id: ${ann.id}`);
    expect(currentMenu(h).buttons).toContain("🌐 Language: ru");
    expect(languageEntries()).toEqual([
      expect.objectContaining({
        actorId: ownerId,
        before: { userId: ann.id, language: null },
        after: { userId: ann.id, language: "ru" },
      }),
    ]);
    await h.send(h.fake.updates.command(ann, "language"));
    expect(h.fake.textsTo(ann.id).at(-1)).toBe(textsIn("bot", "ru").language.prompt);

    await h.press(h.owner, "🌐 Language: ru");
    expect(currentMenu(h).buttons).toContain("✅ 🇷🇺 Русский");
    await h.press(h.owner, "📱 Telegram's language");
    expect(h.record(ann)?.language).toBeNull();
    expect(currentMenu(h).buttons).toContain("🌐 Language: es (Telegram)");
    expect(languageEntries()[0]).toMatchObject({ after: { userId: ann.id, language: null } });
  });

  it("when the admin's rights are taken away before they press a language, then nothing changes", async () => {
    const ann = await setUp();
    const ivan = h.addUser({ id: 900_002, first_name: "Ivan" });
    h.services.admins.add(ivan.id, ownerId, h.clock.now());
    await openCard(ann, ivan);
    await h.press(ivan, "🌐 Language: es (Telegram)");
    h.services.admins.remove(ivan.id);
    await h.press(ivan, "🇷🇺 Русский");
    expect(h.record(ann)?.language).toBeNull();
    expect(languageEntries()).toEqual([]);
  });

  it("when the verb is asked by an admin no longer an admin, or for a language Usher does not speak, then it refuses and changes nothing", async () => {
    const ann = await setUp();
    const deps = h.services;
    expect(setUserLanguage(deps, { kind: "admin", id: 900_003 }, { userId: ann.id, language: "ru" })).toBe(
      false,
    );
    expect(setUserLanguage(deps, { kind: "admin", id: ownerId }, { userId: ann.id, language: "de" })).toBe(
      false,
    );
    expect(h.record(ann)?.language).toBeNull();
    expect(languageEntries()).toEqual([]);
    expect(() =>
      setUserLanguage(deps, { kind: "admin", id: ownerId }, { userId: 123_456, language: "ru" }),
    ).toThrow(/not found/);
  });
});
