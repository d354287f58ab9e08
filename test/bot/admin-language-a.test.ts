import { afterEach, describe, expect, it } from "vitest";
import { textsIn } from "../../src/texts/locale-texts.js";
import { currentMenu, openAdmin } from "../support/admin-helpers.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { crawlAdminMenu, englishPhrases, type Seen } from "../support/menu-crawl.js";

let h: Harness;
afterEach(() => h.close());

/** The root buttons of this area (the root itself, ⚙️ General, 👮 Admins, 📜 Audit log, 📊 Statistics, 👋 Welcome message), by their emoji. */
const areaEntries = /^(⚙️|👮|📜|📊|👋)/;

const rootButtons = (h: Harness) => currentMenu(h).buttons;
const keyboardOf = (message: { reply_markup?: unknown } | undefined) =>
  ((message?.reply_markup as { keyboard?: Array<Array<{ text: string }>> })?.keyboard ?? []).map((row) =>
    row.map((b) => b.text),
  );

/** A bot with what these pages list: an added admin, bot users with a referrer, welcome buttons, a support chat. */
async function seeded(language: string): Promise<Harness> {
  h = createHarness();
  const ada = h.addUser({ id: 900_010, first_name: "Ada", username: "Ada_L" });
  await h.start(ada);
  h.services.admins.add(ada.id, h.owner.id, h.clock.now());
  await h.start(h.addUser({ id: 900_011 }), `r${ada.id}`);
  await openAdmin(h, []);
  h.services.users.setLanguage(h.owner.id, language);
  return h;
}

function englishSeen(seen: Seen[]): string[] {
  const found = seen
    .map((s) => ({ ...s, phrases: englishPhrases(s.text) }))
    .filter((s) => s.phrases.length > 0)
    .map((s) => `${s.path.join(" › ") || "/admin"} [${s.kind}] ${s.phrases.join(" | ")}`);
  return [...new Set(found)];
}

describe("the admin menu's core, General, Admins, Audit log, Statistics, Welcome and Maintenance in the admin's language", () => {
  it("when a Russian admin walks these pages, then no page, button or notice is in English", async () => {
    await seeded("ru");
    const buttons = (path: string[]): Seen[] =>
      currentMenu(h).buttons.map((text) => ({ path, kind: "button" as const, text }));
    // ⬅ leads out of these areas (into others', checked by their own tests).
    const avoid = /Удал|Отправ|Запуст|Остан|🗑|🚀|⛔|⬅/;
    const seen = await crawlAdminMenu(h, h.owner, { maxPresses: 50, maxDepth: 0, avoid });
    await openAdmin(h, []);
    seen.push(...buttons([]));
    const [extensions] = rootButtons(h).filter((label) => label.startsWith("🧩"));
    for (const entry of rootButtons(h).filter((label) => areaEntries.test(label))) {
      seen.push(
        ...(await crawlAdminMenu(h, h.owner, { maxPresses: 400, maxDepth: 3, avoid, from: [entry] })),
      );
    }
    if (extensions === undefined) throw new Error("no 🧩 button");
    seen.push(
      ...(await crawlAdminMenu(h, h.owner, { maxPresses: 5, maxDepth: 0, avoid, from: [extensions] })),
    );
    await openAdmin(h, [extensions]);
    seen.push(...buttons([extensions]));
    const [maintenance] = currentMenu(h).buttons.filter((label) => label.startsWith("🛠"));
    if (maintenance === undefined) throw new Error("no 🛠 button");
    seen.push(
      ...(await crawlAdminMenu(h, h.owner, {
        maxPresses: 100,
        maxDepth: 3,
        avoid,
        from: [extensions, maintenance],
      })),
    );
    expect(seen.length).toBeGreaterThan(60);
    expect(englishSeen(seen)).toEqual([]);
  }, 120_000);

  it("when an admin's language is Spanish, then ⚙️ General and its buttons are in Spanish", async () => {
    await seeded("es");
    const es = textsIn("admin-general", "es");
    await openAdmin(h, [es.rootButton]);
    expect(currentMenu(h).text.split("\n")[0]).toBe(es.title);
    expect(currentMenu(h).buttons).toContain(es.dearUserNameButton);
    expect(currentMenu(h).buttons).toContain(textsIn("bot", "es").admin.back);
  });

  it("when a Russian admin gets the 🔐 keyboard, then it reads «🔐Админ», and tapping it (or an old English one) opens the menu", async () => {
    await seeded("ru");
    const ru = textsIn("bot", "ru").admin;
    await h.start(h.owner);
    expect(keyboardOf(h.fake.lastMessageTo(h.owner.id))).toEqual([[ru.keyboardButton]]);
    await h.say(h.owner, ru.keyboardButton);
    expect(currentMenu(h).text).toBe(ru.rootTitle);
    await h.say(h.owner, textsIn("bot", "en").admin.keyboardButton);
    expect(h.fake.lastMessageTo(h.owner.id)?.text).toBe(ru.rootTitle);
  });

  it("when an English owner adds an admin whose Telegram speaks Russian, then they are told in Russian, with «🔐Админ»", async () => {
    h = createHarness();
    const ivan = h.addUser({ id: 900_012, first_name: "Иван", language_code: "ru" });
    await h.start(ivan);
    const en = textsIn("admin-admins", "en");
    await openAdmin(h, [en.rootButton, en.addButton]);
    await h.say(h.owner, String(ivan.id));
    const told = h.fake.lastMessageTo(ivan.id);
    expect(told?.text).toBe(textsIn("admin-admins", "ru").youAreAdmin);
    expect(keyboardOf(told)).toEqual([[textsIn("bot", "ru").admin.keyboardButton]]);
    expect(h.fake.textsTo(h.owner.id).at(-2)).toMatch(/^✅ Иван .* is now an admin\.$/);
  });

  it("when a Russian admin presses a button of a menu that changed meanwhile, then the notice is in Russian and the menu is redrawn", async () => {
    await seeded("ru");
    await openAdmin(h, [textsIn("admin-admins", "ru").rootButton]);
    h.services.admins.remove(900_010);
    await h.press(h.owner, /Ada/);
    const notices = h.fake.callsOf("answerCallbackQuery").map((call) => call.params.text);
    expect(notices.at(-1)).toBe(textsIn("bot", "ru").admin.menuOutdated);
    expect(currentMenu(h).buttons.some((label) => label.includes("Ada"))).toBe(false);
  });
});
