import { afterEach, describe, expect, it } from "vitest";
import { texts as english } from "../../src/texts/en/bot.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { currentMenu, openAdmin } from "../support/admin-helpers.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { crawlAdminMenu, englishPhrases } from "../support/menu-crawl.js";

let h: Harness;
afterEach(() => h.close());

describe("admins in their own language", () => {
  it("when an admin's Telegram speaks Russian, then the menu opens in Russian; another admin's stays English", async () => {
    h = createHarness();
    const ivan = h.addUser({ id: 900_002, first_name: "Иван", language_code: "ru" });
    h.services.admins.add(ivan.id, h.owner.id, h.clock.now());
    await openAdmin(h, [], ivan);
    expect(currentMenu(h, ivan).text).toBe(textsIn("bot", "ru").admin.rootTitle);
    await openAdmin(h, []);
    expect(currentMenu(h).text).toBe(english.admin.rootTitle);
  });

  it("when an admin whose language is Russian walks the whole menu, then no page, button or notice is in English", async () => {
    h = createHarness();
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "ru");
    const seen = await crawlAdminMenu(h, h.owner, {
      maxPresses: 3000,
      maxDepth: 4,
      avoid: /Удал|Отправ|Запуст|Остан|Удалить|🗑|🚀|▶️|⛔/,
    });
    expect(seen.length).toBeGreaterThan(50);
    const english = seen
      .map((s) => ({
        ...s,
        phrases: englishPhrases(s.text),
      }))
      .filter((s) => s.phrases.length > 0)
      .map((s) => `${s.path.join(" › ") || "/admin"} [${s.kind}] ${s.phrases.join(" | ")}`);
    expect([...new Set(english)]).toEqual([]);
  }, 120_000);
});
