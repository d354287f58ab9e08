import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { syncAdminMenuButtons } from "../../../src/features/app/app-menu-button.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";

let h: Harness;
afterEach(() => h.close());

const publicUrl = "https://bot.example.com";
const appUrl = `${publicUrl}/app/`;

/** The root menu's buttons as Telegram got them, web_app included. */
function rootButtons(userId = ownerId) {
  const message = currentMenu(h, h.fake.user(userId)).message;
  const markup = message.reply_markup as { inline_keyboard: Array<Array<Record<string, unknown>>> };
  return markup.inline_keyboard.flat();
}

const menuButtonOf = (chatId: number) => h.bot.api.getChatMenuButton({ chat_id: chatId });

const logged: Array<{ msg: string; adminId?: number }> = [];
const logger = pino(
  { level: "warn" },
  { write: (line: string) => logged.push(JSON.parse(line) as { msg: string; adminId?: number }) },
);

describe("the admin Mini App's buttons in the bot", () => {
  it("when PUBLIC_URL is https, then 🔐Admin's root menu opens the app as a web_app button, in the admin's language", async () => {
    h = createHarness({ publicUrl });
    await openAdmin(h, []);
    expect(rootButtons()[0]).toEqual({ text: "📱 Open app", web_app: { url: appUrl } });

    const ivan = h.addUser({ id: 900_002, first_name: "Иван", language_code: "ru" });
    h.services.admins.add(ivan.id, ownerId, h.clock.now());
    await openAdmin(h, [], ivan);
    expect(rootButtons(ivan.id)[0]).toEqual({ text: "📱 Открыть приложение", web_app: { url: appUrl } });
    // The rest of the menu still works beside it.
    await h.press(h.owner, "👮 Admins");
    expect(currentMenu(h).text).toMatch(/^👮 Admins/);
  });

  it("when PUBLIC_URL is http or unset, then there is no app button (Telegram opens web apps over https only)", async () => {
    for (const options of [{ publicUrl: "http://bot.example.com" }, {}]) {
      h = createHarness(options);
      await openAdmin(h, []);
      expect(rootButtons().some((button) => "web_app" in button)).toBe(false);
      expect(currentMenu(h).buttons).not.toContain("📱 Open app");
      h.close();
    }
    h = createHarness();
  });

  it("when the bot starts with https PUBLIC_URL, then every admin's menu button opens the app; one Telegram refuses is logged, the rest carry on", async () => {
    h = createHarness({ publicUrl, ownerIds: [ownerId, 900_002, 900_003] });
    await h.start(h.owner);
    const esteban = h.addUser({ id: 900_003, first_name: "Esteban", language_code: "es" });
    await h.start(esteban);
    // 900_002 never opened a chat with the bot: Telegram knows no such chat.
    const ada = h.addUser({ first_name: "Ada" });
    h.services.admins.add(ada.id, ownerId, h.clock.now());
    logged.length = 0;

    await syncAdminMenuButtons({ api: h.bot.api, services: h.services, logger });

    expect(await menuButtonOf(ownerId)).toEqual({
      type: "web_app",
      text: "📱 App",
      web_app: { url: appUrl },
    });
    expect(await menuButtonOf(esteban.id)).toEqual({
      type: "web_app",
      text: "📱 Aplicación",
      web_app: { url: appUrl },
    });
    expect(await menuButtonOf(ada.id)).toEqual({ type: "web_app", text: "📱 App", web_app: { url: appUrl } });
    expect(logged).toEqual([
      expect.objectContaining({ adminId: 900_002, msg: "could not set an admin's menu button" }),
    ]);
    expect(h.fake.callsOf("setChatMenuButton")).toHaveLength(4);
  });

  it("when the bot starts after PUBLIC_URL stopped being https, then the admins' menu buttons go back to Telegram's default", async () => {
    h = createHarness({ publicUrl });
    await h.start(h.owner);
    await syncAdminMenuButtons({ api: h.bot.api, services: h.services, logger });
    expect((await menuButtonOf(ownerId)).type).toBe("web_app");
    h.close();

    h = createHarness({ publicUrl: "http://bot.example.com" });
    await h.start(h.owner);
    await h.bot.api.setChatMenuButton({
      chat_id: ownerId,
      menu_button: { type: "web_app", text: "📱 App", web_app: { url: appUrl } },
    });
    await syncAdminMenuButtons({ api: h.bot.api, services: h.services, logger });
    expect(await menuButtonOf(ownerId)).toEqual({ type: "default" });
  });

  it("when the owner adds an admin, then their chat's menu button opens the app; when removed, it is the default again", async () => {
    h = createHarness({ publicUrl, settings: { newUserAlerts: { enabled: false } } });
    const ada = h.addUser({ first_name: "Ada", username: "Ada_L", language_code: "ru" });
    await h.start(ada);
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    await h.say(h.owner, String(ada.id));
    expect(h.services.admins.isAdmin(ada.id)).toBe(true);
    expect(await menuButtonOf(ada.id)).toEqual({
      type: "web_app",
      text: "📱 Приложение",
      web_app: { url: appUrl },
    });

    await openAdmin(h, ["👮 Admins", "👮 Ada (@Ada_L)", "🗑 Remove", "✅ Yes, remove"]);
    expect(h.services.admins.isAdmin(ada.id)).toBe(false);
    expect(await menuButtonOf(ada.id)).toEqual({ type: "default" });
  });

  it("when an admin is added outside the bot (the CLI, another instance), then their next update sets the app's menu button, once", async () => {
    h = createHarness({ publicUrl });
    const ada = h.addUser({ first_name: "Ada", language_code: "es" });
    await h.start(ada);
    h.services.admins.add(ada.id, ownerId, h.clock.now());
    expect(h.fake.callsOf("setChatMenuButton")).toHaveLength(0);

    await h.say(ada, "/admin");
    expect(await menuButtonOf(ada.id)).toEqual({
      type: "web_app",
      text: "📱 Aplicación",
      web_app: { url: appUrl },
    });
    await h.say(ada, "/admin");
    await h.say(ada, "hola");
    expect(h.fake.callsOf("setChatMenuButton")).toHaveLength(1);
  });

  it("when an admin switches language, then their menu button is named in the new one at their next update", async () => {
    h = createHarness({ publicUrl });
    await h.say(h.owner, "/admin");
    expect(await menuButtonOf(ownerId)).toEqual({
      type: "web_app",
      text: "📱 App",
      web_app: { url: appUrl },
    });
    await h.say(h.owner, "/language");
    await h.press(h.owner, "🇷🇺 Русский");
    await h.say(h.owner, "/admin");
    expect(await menuButtonOf(ownerId)).toEqual({
      type: "web_app",
      text: "📱 Приложение",
      web_app: { url: appUrl },
    });
  });

  it("when Telegram refuses an admin's menu button at their update, then the update is answered and the next one tries again", async () => {
    h = createHarness({ publicUrl });
    h.fake.failNext("setChatMenuButton", { error_code: 400, description: "Bad Request: chat not found" });
    await h.say(h.owner, "/admin");
    expect(currentMenu(h).text).toMatch(/Admin/);
    expect((await menuButtonOf(ownerId)).type).toBe("default");
    await h.say(h.owner, "/admin");
    expect((await menuButtonOf(ownerId)).type).toBe("web_app");
  });

  it("when Telegram refuses the new admin's menu button, then the admin is added all the same", async () => {
    h = createHarness({ publicUrl, settings: { newUserAlerts: { enabled: false } } });
    const ada = h.addUser({ first_name: "Ada", username: "Ada_L" });
    await h.start(ada);
    h.fake.failNext("setChatMenuButton", { error_code: 400, description: "Bad Request: chat not found" });
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    await h.say(h.owner, String(ada.id));
    expect(h.services.admins.isAdmin(ada.id)).toBe(true);
    expect(h.fake.textsTo(ownerId).at(-2)).toBe(`✅ Ada (@Ada_L) (id ${ada.id}) is now an admin.`);
  });
});
