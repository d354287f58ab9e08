import { afterEach, describe, expect, it } from "vitest";
import { apiActor } from "../../src/features/audit/audit-log.js";
import { addStep, createSequence } from "../../src/features/sequences/sequence-commands.js";
import { subscribe } from "../../src/features/sequences/subscription-commands.js";
import { subscribeUser } from "../../src/features/topics/subscriptions.js";
import { createTopic } from "../../src/features/topics/topic-commands.js";
import { createUser } from "../../src/features/users/csv/create-user.js";
import { addUserNote, patchUser } from "../../src/features/users/patch-user.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { currentMenu, openAdmin } from "../support/admin-helpers.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { crawlAdminMenu, englishPhrases, type Seen } from "../support/menu-crawl.js";

let h: Harness;
afterEach(() => h.close());

/** Ann with everything a card shows: tags, attributes, notes over two pages, a topic, a sequence. */
async function seedUsers(): Promise<SimUser> {
  const ann = h.addUser({ username: "ann_s", first_name: "Ann", last_name: "Smith", language_code: "en" });
  await h.start(ann);
  patchUser(h.services, apiActor, {
    userId: ann.id,
    patch: {
      email: "ann@example.com",
      phone: "+60123456789",
      timezone: "Asia/Kuala_Lumpur",
      tags: { add: ["vip"] },
      attributes: { set: { plan: "gold" } },
    },
  });
  for (let i = 0; i < 12; i++) addUserNote(h.services, apiActor, { userId: ann.id, text: `звонок ${i}` });
  const news = createTopic(h.services, apiActor, { name: "News" });
  subscribeUser(h.services, apiActor, { userId: ann.id, topic: { id: news.id }, source: "admin" });
  const onboarding = createSequence(h.services, apiActor, { name: "Onboarding", enabled: true });
  addStep(h.services, apiActor, onboarding.id, {
    delayMs: 3_600_000,
    content: { type: "text", text: "Привет" },
  });
  subscribe(h.services, apiActor, { sequenceId: onboarding.id, userId: ann.id });
  createUser(h.services, apiActor, {
    telegramId: null,
    phone: "+60111111111",
    email: null,
    firstName: "Бо",
    lastName: null,
  });
  return ann;
}

/**
 * The harness, with /admin opening the menu and then typing `steps` (a label is pressed, a
 * `{ say }` is sent as text): the crawl then starts from the page that leads to, such as a card.
 */
function opening(admin: SimUser, steps: Array<string | RegExp | { say: string }>): Harness {
  return {
    ...h,
    fake: h.fake,
    send: async (update) => {
      await h.send(update);
      if (update.message?.text !== "/admin") return;
      for (const step of steps) {
        if (typeof step === "object" && "say" in step) await h.say(admin, step.say);
        else await h.press(admin, step);
      }
    },
  } as Harness;
}

/** English phrases seen, besides the seeded user's name (Ann Smith, on her card). */
const englishIn = (seen: Seen[]) => [
  ...new Set(
    seen
      .map((s) => ({ ...s, phrases: englishPhrases(s.text, ["Ann Smith"]) }))
      .filter((s) => s.phrases.length > 0)
      .map((s) => `${s.path.join(" › ") || "(start)"} [${s.kind}] ${s.phrases.join(" | ")}`),
  ),
];

/** The root's 👥 button, whatever language it is in. */
async function usersButton(): Promise<string> {
  await openAdmin(h, []);
  const label = currentMenu(h).buttons.find((b) => b.startsWith("👥"));
  if (label === undefined) throw new Error("no 👥 button on the root page");
  return label;
}

/** Deleting is not pressed; ⬅ leads back to pages seen already, or out of 👥 Users. */
const crawlOptions = { maxPresses: 1500, maxDepth: 3, avoid: /Удал|🗑|⛔|⬅/ };

describe("👥 Users in the admin's language", () => {
  it("when a Russian admin walks 👥 Users, its tools and lists, then nothing is in English", async () => {
    h = createHarness();
    await seedUsers();
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "ru");
    const users = await usersButton();
    const seen = [
      ...(await crawlAdminMenu(h, h.owner, { ...crawlOptions, from: [users] })),
      ...(await crawlAdminMenu(opening(h.owner, [users, /^🔎/, { say: "Ann" }]), h.owner, {
        ...crawlOptions,
        maxDepth: 1,
      })),
      ...(await crawlAdminMenu(opening(h.owner, [users, /^📋/, { say: "all" }]), h.owner, {
        ...crawlOptions,
        maxDepth: 1,
      })),
    ];
    expect(seen.length).toBeGreaterThan(20);
    expect(englishIn(seen)).toEqual([]);
  }, 120_000);

  it("when a Russian admin walks a user's card and its pages, then nothing is in English", async () => {
    h = createHarness();
    const ann = await seedUsers();
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "ru");
    const users = await usersButton();
    const seen = await crawlAdminMenu(
      opening(h.owner, [users, /^🔎/, { say: String(ann.id) }]),
      h.owner,
      crawlOptions,
    );
    expect(seen.some((s) => s.text.includes("👤 Ann Smith"))).toBe(true);
    expect(seen.length).toBeGreaterThan(40);
    expect(englishIn(seen)).toEqual([]);
  }, 120_000);

  it("when a Russian admin types into 👥 Users' inputs, mistakes included, then every reply is in Russian", async () => {
    h = createHarness();
    const ann = await seedUsers();
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "ru");
    const ru = textsIn("admin-users", "ru");
    const tools = textsIn("admin-user-tools", "ru").texts;
    const users = await usersButton();
    const before = h.fake.messagesTo(h.owner.id).length;
    const typing = async (open: Array<string | RegExp>, answers: string[]) => {
      await openAdmin(h, open);
      for (const answer of answers) await h.say(h.owner, answer);
    };
    await typing([users, /^📋/], ["tag:", "lang:xx1", "all"]);
    await typing([users, /^🔎/], ["x".repeat(201), "nobody_like_this"]);
    await typing([users, /^🧾/], ["nope", "email, email", "-"]);
    await typing([users, /^🧰/, /^🏷/], ["all", "vip", "+vip", tools.apply]);
    await typing([users, /^🧰/, /^🔑/], ["all", "plan", "plan=silver", tools.cancel]);
    await typing([users, /^🧰/, /^➕/], ["abc", "123 456", "777000111", "-", "-"]);
    await typing([users, /^🧰/, /^📤/], ["tag:vip"]);
    await openAdmin(h, [users, /^🧰/, /^📥/]);
    await h.say(h.owner, "not a file");
    await h.send(
      h.fake.updates.document(h.owner, {
        file_name: "people.csv",
        mime_type: "text/csv",
        content: "telegram_id;first_name;email\n301;Bo;bo@example.com\n302;Bob;not-an-email\n",
      }),
    );
    await h.say(h.owner, tools.importAll);
    await h.say(h.owner, tools.importValidOnly);
    await typing([users, /^🔎/], [String(ann.id)]);
    await h.press(h.owner, ru.tagsButton);
    await h.press(h.owner, ru.addTagButton);
    await h.say(h.owner, "!!");
    await h.say(h.owner, "x1");
    await h.press(h.owner, ru.editButton);
    await h.press(h.owner, ru.editEmailButton);
    await h.say(h.owner, "not-an-email");
    await h.say(h.owner, "ann@example.org");
    const texts = h.fake
      .messagesTo(h.owner.id)
      .slice(before)
      .map((m) => ({ path: [], kind: "text" as const, text: m.text ?? m.caption ?? "" }));
    const done = textsIn("admin-user-tools", "ru").texts.importDone.split("{")[0] as string;
    expect(texts.some((t) => t.text.startsWith(done))).toBe(true);
    expect(englishIn(texts)).toEqual([]);
  }, 60_000);

  it("when an admin's language is Spanish, then 👥 Users and 🧰 User tools are in Spanish", async () => {
    h = createHarness();
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "es");
    const es = textsIn("admin-users", "es");
    const esTools = textsIn("admin-user-tools", "es");
    await openAdmin(h, [await usersButton()]);
    expect(currentMenu(h).text.split("\n")[0]).toBe(es.title);
    expect(currentMenu(h).buttons).toEqual(
      expect.arrayContaining([es.searchButton, es.browseButton, es.rowFieldsButton]),
    );
    await h.press(h.owner, /^🧰/);
    expect(currentMenu(h).text).toBe(esTools.texts.pageTitle);
    expect(currentMenu(h).buttons).toContain(esTools.texts.exportButton);
  });
});
