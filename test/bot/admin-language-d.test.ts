import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/features/audit/audit-log.js";
import { fillTemplate } from "../../src/features/content/template.js";
import { createDeeplink } from "../../src/features/gate/deeplinks/deeplink-commands.js";
import { createCampaign } from "../../src/features/gate/referrals/referral-commands.js";
import { addRequiredChat } from "../../src/features/gate/required-chats/required-chat-commands.js";
import { createTopic } from "../../src/features/topics/topic-commands.js";
import { pauseFor } from "../../src/features/users/takeover/pause.js";
import { TakeoverRepository } from "../../src/features/users/takeover/takeover-repository.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { currentMenu, openAdmin } from "../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";
import { crawlAdminMenu, englishPhrases } from "../support/menu-crawl.js";

let h: Harness;
afterEach(() => h.close());

/** Data for every page of 📂 Protection, 📂 Referrals, 🔗 Deeplinks, 🔔 New-user alerts and 🏷 Topics. */
function seed(h: Harness): void {
  const actor: Actor = { kind: "admin", id: h.owner.id };
  const ivan = h.addUser({ id: 900_002, first_name: "Иван", language_code: "ru" });
  h.services.admins.add(ivan.id, h.owner.id, h.clock.now());
  createCampaign(h.services, actor, { name: "Весна" });
  createDeeplink(h.services, actor, {
    code: "Promo",
    content: { type: "text", text: "Привет" },
    tags: ["vip"],
  });
  createTopic(h.services, actor, { name: "Новости", description: "Всё новое" });
  addRequiredChat(h.services, actor, {
    chatId: -1001234567890,
    title: "Канал",
    joinUrl: "https://t.me/kanal",
  });
}

/** The label of the button on the current menu that starts with `prefix` (the `nth` such one). */
function labelStarting(h: Harness, prefix: string, nth = 0): string {
  const label = currentMenu(h).buttons.filter((b) => b.startsWith(prefix))[nth];
  if (label === undefined) throw new Error(`no button starting with ${prefix}`);
  return label;
}

/** The paths to this helper's areas from /admin: 🧩 Extensions, then each area's button. */
async function areaPaths(h: Harness): Promise<string[][]> {
  await openAdmin(h, []);
  const extensions = labelStarting(h, "🧩");
  await h.press(h.owner, extensions);
  return [
    [extensions, labelStarting(h, "📂", 0)],
    [extensions, labelStarting(h, "📂", 1)],
    [extensions, labelStarting(h, "🔗")],
    [extensions, labelStarting(h, "🔔")],
    [extensions, labelStarting(h, "🏷")],
  ];
}

describe("protection, referrals, deeplinks, alerts and topics in the admin's language", () => {
  it("when a Russian-speaking admin walks these areas, then no page, button or prompt is in English", async () => {
    h = createHarness();
    seed(h);
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "ru");
    const english: string[] = [];
    for (const from of await areaPaths(h)) {
      const seen = await crawlAdminMenu(h, h.owner, {
        from,
        maxPresses: 600,
        maxDepth: 3,
        // ⬅ leads back out of the area, to pages other parts of the menu own.
        avoid: /Удал|Отправ|🗑|⬅/,
      });
      expect(seen.length, from.join(" › ")).toBeGreaterThan(5);
      english.push(
        ...seen
          .map((s) => ({ ...s, phrases: englishPhrases(s.text) }))
          .filter((s) => s.phrases.length > 0)
          .map((s) => `${s.path.join(" › ")} [${s.kind}] ${s.phrases.join(" | ")}`),
      );
    }
    expect([...new Set(english)]).toEqual([]);
  }, 120_000);

  it("when an admin's language is Spanish, then 🤖 Captcha reads in Spanish", async () => {
    h = createHarness();
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "es");
    const [protection] = await areaPaths(h);
    const es = textsIn("admin-protection", "es");
    await openAdmin(h, [...(protection ?? []), es.protection.captchaLink]);
    const page = currentMenu(h);
    expect(page.text.split("\n")[0]).toBe(es.captcha.title);
    expect(page.buttons).toContain(es.captcha.editIntro);
    expect(page.buttons).toContain(fillTemplate(es.captcha.attemptsButton, { attempts: 3 }));
  });

  it("when a Russian-speaking newcomer arrives, then an English admin's alert is in English and a Russian admin's in Russian", async () => {
    h = createHarness({ ownerIds: [ownerId, 900_002], settings: { adminReferrals: { enabled: true } } });
    const ivan = h.fake.addUser({ id: 900_002, first_name: "Иван", language_code: "ru" });
    await openAdmin(h, []);
    await openAdmin(h, [], ivan);
    h.services.campaigns.create({ name: "Весна", code: "vesna", createdBy: null }, h.clock.now());
    const olga = h.addUser({ first_name: "Ольга", language_code: "ru" });
    await h.start(olga, "avesna");
    const alertTo = (id: number) => h.fake.textsTo(id).filter((t) => t.startsWith("🆕"));
    expect(alertTo(h.owner.id)).toEqual([
      `🆕 New user: Ольга (no username, id ${olga.id})\nCampaign: Весна (vesna)`,
    ]);
    expect(alertTo(ivan.id)).toEqual([
      `🆕 Новый пользователь: Ольга (без @username, id ${olga.id})\nКампания: Весна (vesna)`,
    ]);
  });

  it("when a paused Russian-speaking user writes, then an English admin gets the card in English and a Russian admin in Russian", async () => {
    h = createHarness({ ownerIds: [ownerId, 900_002], settings: { newUserAlerts: { enabled: false } } });
    const ivan = h.fake.addUser({ id: 900_002, first_name: "Иван", language_code: "ru" });
    await openAdmin(h, []);
    await openAdmin(h, [], ivan);
    const olga = h.addUser({ first_name: "Ольга", language_code: "ru" });
    await h.start(olga);
    new TakeoverRepository(h.services.db).pauseUser(olga.id, pauseFor(10, h.clock.now()), h.clock.now());
    await h.say(olga, "Здравствуйте");
    const cardTo = (id: number) => h.fake.textsTo(id).filter((t) => t.startsWith("⏸"));
    expect(cardTo(h.owner.id)[0]).toMatch(/^⏸ Bot paused for Ольга\nid \d+ · no username/);
    expect(cardTo(ivan.id)[0]).toMatch(/^⏸ Пауза бота для Ольга\nid \d+ · без @username/);
  });
});
