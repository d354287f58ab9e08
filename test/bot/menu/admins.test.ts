import { asc } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { UsherContext } from "../../../src/bot/context.js";
import { admins } from "../../../src/db/schema/index.js";
import { addAdmin } from "../../../src/features/admins/admin-rights.js";
import { cliActor } from "../../../src/features/audit/audit-log.js";
import { createAdminMenu } from "../../../src/features/menu/root-menu.js";
import { texts as sharedTexts } from "../../../src/texts/bot.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";
import { insertImportedContact } from "../../support/user-factory.js";

let h: Harness;
afterEach(() => {
  vi.restoreAllMocks();
  h.close();
});

const secondOwnerId = 900_002;
const adminKeyboard = {
  keyboard: [[{ text: "🔐Admin" }]],
  resize_keyboard: true,
  is_persistent: true,
};
const addPrompt =
  "➕ Who should become an admin? Forward me a message from them, or send their numeric Telegram id, " +
  "or their @username if they have used this bot.";

/** Two owners (the second never talked to the bot) and Ada, a user the bot knows. */
async function setup(): Promise<SimUser> {
  h = createHarness({ ownerIds: [ownerId, secondOwnerId], settings: { newUserAlerts: { enabled: false } } });
  h.fake.addUser({ id: secondOwnerId, first_name: "Second" });
  const ada = h.addUser({ first_name: "Ada", username: "Ada_L" });
  await h.start(ada);
  return ada;
}

/** Ada (or `who`) as an added admin, without going through the menu. */
function makeAdmin(who: SimUser) {
  h.services.admins.add(who.id, ownerId, h.clock.now());
}

const lastTextTo = (user: SimUser | number) => h.fake.textsTo(user).at(-1);
const adminRows = () => h.database.db.select().from(admins).orderBy(asc(admins.userId)).all();

/** A snapshot of what a user can see: their messages and whether the bot edited any. */
const seenBy = (user: SimUser) =>
  h.fake.messagesTo(user.id).map((m) => ({ text: m.text, edited: m.edited, markup: m.reply_markup }));

describe("admin menu: admins page", () => {
  it("when the owner opens Admins, then owners are listed with 👑 (names when known) in the same message", async () => {
    await setup();
    await openAdmin(h, []);
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "👮 Admins");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(currentMenu(h).text).toBe(
      [
        "👮 Admins",
        "",
        "Owners come from ADMIN_IDS and cannot be removed here. Tap an added admin to manage them.",
        "",
        "👑 Owners",
        `👑 Owner (@owner), id ${ownerId}`,
        `👑 id ${secondOwnerId}, id ${secondOwnerId}`,
        "",
        "👮 Added admins",
        "None yet.",
      ].join("\n"),
    );
    expect(currentMenu(h).buttons).toEqual(["➕ Add admin", "⬅ Back"]);
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toMatch(/^🔐 Admin/);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
  });

  it("when an added admin opens the root menu, then there is no Admins button for them", async () => {
    const ada = await setup();
    makeAdmin(ada);
    await openAdmin(h, [], ada);
    expect(currentMenu(h, ada).buttons).not.toContain("👮 Admins");
    await openAdmin(h, []);
    expect(currentMenu(h).buttons).toContain("👮 Admins");
  });
});

describe("admin menu: adding an admin", () => {
  it("when the owner sends a known user's numeric id, then they become an admin, are told with the 🔐Admin keyboard, and it is audited", async () => {
    const ada = await setup();
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    expect(lastTextTo(ownerId)).toBe(`${addPrompt}\n\n${sharedTexts.admin.cancelHint}`);
    await h.say(h.owner, ` ${ada.id} `);

    expect(adminRows()).toEqual([{ userId: ada.id, addedBy: ownerId, addedAt: h.clock.now() }]);
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "admins.add",
      before: null,
      after: { userId: ada.id },
    });
    const told = h.fake.lastMessageTo(ada.id);
    expect(told?.text).toBe(
      "🔐 You are now an admin of this bot. Use the button below, or send /admin, to open the admin menu.",
    );
    expect(told?.reply_markup).toEqual(adminKeyboard);
    expect(h.fake.textsTo(ownerId).at(-2)).toBe(`✅ Ada (@Ada_L) (id ${ada.id}) is now an admin.`);
    expect(currentMenu(h).text).toContain(`👮 Added admins\n👮 Ada (@Ada_L), id ${ada.id}`);
    expect(currentMenu(h).buttons).toEqual(["👮 Ada (@Ada_L)", "➕ Add admin", "⬅ Back"]);

    // The new admin's keyboard button opens the menu.
    await h.say(ada, sharedTexts.admin.keyboardButton);
    expect(currentMenu(h, ada).text).toMatch(/^🔐 Admin/);
  });

  it("when the owner forwards a message from a person the bot never met, then that person becomes an admin", async () => {
    await setup();
    const bob = h.fake.addUser({ first_name: "Bob" });
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    await h.send(h.fake.updates.forwarded(h.owner, bob));
    expect(h.services.admins.roleOf(bob.id)).toBe("admin");
    expect(h.fake.lastMessageTo(bob.id)?.reply_markup).toEqual(adminKeyboard);
    expect(h.fake.textsTo(ownerId).at(-2)).toBe(`✅ id ${bob.id} (id ${bob.id}) is now an admin.`);
  });

  it("when the owner sends the @username of a known user in another case, then it is found", async () => {
    const ada = await setup();
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    await h.say(h.owner, "@ada_l");
    expect(h.services.admins.roleOf(ada.id)).toBe("admin");
  });

  it("when the input is wrong, then each is refused with a clear message and asked again until a valid one", async () => {
    const ada = await setup();
    const bob = h.addUser({ first_name: "Bob" });
    makeAdmin(bob);
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    const refusals: Array<[() => Promise<unknown>, RegExp]> = [
      [
        () => h.say(h.owner, "make Ada an admin"),
        /^Forward a message from the person, or send their numeric id/,
      ],
      [() => h.send(h.fake.updates.photo(h.owner)), /^Forward a message from the person/],
      [
        () => h.say(h.owner, "@nobody_here"),
        /^I do not know anyone called @nobody_here: they must have used/,
      ],
      [
        () => h.send(h.fake.updates.forwarded(h.owner, "Shy Person")),
        /^Their privacy settings hide their account/,
      ],
      [
        () => h.send(h.fake.updates.forwarded(h.owner, { id: 5555, is_bot: true, first_name: "Spam" })),
        /^That is a bot; only people can be admins/,
      ],
      [() => h.say(h.owner, String(h.fake.botInfo.id)), /^That is a bot/],
      [() => h.say(h.owner, String(ownerId)), /^That is an owner already/],
      [() => h.say(h.owner, String(secondOwnerId)), /^That is an owner already/],
      [() => h.say(h.owner, String(bob.id)), /^That person is an admin already/],
      [() => h.send(h.fake.updates.forwarded(h.owner, bob)), /^That person is an admin already/],
      [() => h.say(h.owner, "0"), /^Forward a message from the person/],
      [() => h.say(h.owner, "-5"), /^Forward a message from the person/],
    ];
    for (const [act, refusal] of refusals) {
      await act();
      expect(lastTextTo(ownerId)).toMatch(refusal);
    }
    expect(lastTextTo(ownerId)).toContain("(or /cancel)");
    expect(adminRows().map((r) => r.userId)).toEqual([bob.id]);
    expect(h.services.audit.count()).toBe(0);

    await h.say(h.owner, `@${ada.username}`);
    expect(adminRows().map((r) => r.userId)).toEqual([ada.id, bob.id]);
  });

  it("when the @username belongs only to an imported contact (negative id), then it is refused and nothing changes", async () => {
    await setup();
    insertImportedContact(h.database.db, { id: -1, username: "Imported_Ivy" }, h.clock.now());
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    await h.say(h.owner, "@imported_ivy");

    expect(lastTextTo(ownerId)).toBe(
      "@imported_ivy is only an imported contact, without a Telegram id: it cannot be an admin. " +
        "Forward a message from them, or send their numeric Telegram id (or /cancel).",
    );
    expect(adminRows()).toEqual([]);
    expect(h.services.admins.roleOf(-1)).toBeNull();
    expect(h.services.audit.count()).toBe(0);
    expect(h.fake.messagesTo(-1)).toEqual([]);
  });

  it("when an imported contact seen later has a Telegram user's @username too, then the Telegram user is added", async () => {
    const ada = await setup();
    h.clock.advance(60_000);
    insertImportedContact(h.database.db, { id: -1, username: "Ada_L" }, h.clock.now());
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    await h.say(h.owner, "@Ada_L");
    expect(adminRows().map((r) => r.userId)).toEqual([ada.id]);
  });

  it("when the new admin cannot be reached, then they are still added and the owner is told", async () => {
    await setup();
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    await h.say(h.owner, "123456789");
    expect(h.services.admins.roleOf(123_456_789)).toBe("admin");
    expect(h.fake.textsTo(ownerId).at(-2)).toBe(
      "✅ id 123456789 (id 123456789) is now an admin.\n\n" +
        "⚠️ I could not message them (they may not have started the bot yet). Ask them to open the bot and send /admin.",
    );
    expect(currentMenu(h).buttons).toEqual(["👮 id 123456789", "➕ Add admin", "⬅ Back"]);
  });

  it("when /cancel is sent, then nobody is added and later messages are ordinary", async () => {
    const ada = await setup();
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    await h.say(h.owner, "/cancel");
    expect(lastTextTo(ownerId)).toBe(sharedTexts.admin.cancelled);
    await h.say(h.owner, String(ada.id));
    expect(adminRows()).toEqual([]);
  });

  it("when a menu button is pressed during input, then the input is abandoned", async () => {
    const ada = await setup();
    await openAdmin(h, ["👮 Admins", "➕ Add admin", "⬅ Back"]);
    await h.say(h.owner, String(ada.id));
    expect(adminRows()).toEqual([]);
  });

  it("when the bot restarts mid-input, then the answer still adds the admin", async () => {
    const ada = await setup();
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    h.restart();
    await h.say(h.owner, String(ada.id));
    expect(h.services.admins.roleOf(ada.id)).toBe("admin");
  });

  it("when the sender is no longer an owner by the time they answer, then nothing is added", async () => {
    const ada = await setup();
    // The owner is also listed as an added admin, so they stay an admin after leaving ADMIN_IDS.
    // Written around the directory, which keeps admins in memory: the next process reads it.
    h.database.db.insert(admins).values({ userId: ownerId, addedBy: ownerId, addedAt: h.clock.now() }).run();
    h.restart();
    await openAdmin(h, ["👮 Admins", "➕ Add admin"]);
    vi.spyOn(h.services.admins, "isOwner").mockReturnValue(false);
    await h.say(h.owner, String(ada.id));
    expect(lastTextTo(ownerId)).toBe("👮 Admins\n\nOnly owners (ADMIN_IDS) manage admins.");
    expect(h.services.admins.roleOf(ada.id)).toBeNull();
    expect(h.services.audit.count()).toBe(0);
  });
});

describe("admin menu: removing an admin", () => {
  it("when the owner opens an added admin, then Remove asks to confirm, Back returns, and Yes removes them", async () => {
    const ada = await setup();
    makeAdmin(ada);
    await openAdmin(h, ["👮 Admins"]);
    const sent = h.fake.messagesTo(ownerId).length;

    await h.press(h.owner, "👮 Ada (@Ada_L)");
    expect(currentMenu(h).text).toBe(
      `👮 Admin\n\nAda (@Ada_L), id ${ada.id}\nAdded 2026-06-01 12:00 UTC by Owner (@owner).`,
    );
    expect(currentMenu(h).buttons).toEqual(["🗑 Remove", "⬅ Back"]);
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toMatch(/^👮 Admins/);

    await h.press(h.owner, "👮 Ada (@Ada_L)");
    await h.press(h.owner, "🗑 Remove");
    expect(currentMenu(h).text).toBe(
      `🗑 Remove Ada (@Ada_L) (id ${ada.id}) as admin?\n\nThey lose access to this menu at once.`,
    );
    expect(currentMenu(h).buttons).toEqual(["✅ Yes, remove", "⬅ Back"]);
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toMatch(/^👮 Admin\n\nAda/);
    expect(h.services.admins.roleOf(ada.id)).toBe("admin");

    await h.press(h.owner, "🗑 Remove");
    await h.press(h.owner, "✅ Yes, remove");
    expect(h.services.admins.roleOf(ada.id)).toBeNull();
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "admins.remove",
      before: { userId: ada.id },
      after: null,
    });
    const told = h.fake.lastMessageTo(ada.id);
    expect(told?.text).toBe("You are no longer an admin of this bot.");
    expect(told?.reply_markup).toEqual({ remove_keyboard: true });
    expect(currentMenu(h).text).toContain("👮 Added admins\nNone yet.");
    expect(currentMenu(h).buttons).toEqual(["➕ Add admin", "⬅ Back"]);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
  });

  it("when the admin was added with usher add-admin, then their page says the command line added them", async () => {
    const ada = await setup();
    addAdmin(h.services, cliActor, ada.id);
    await openAdmin(h, ["👮 Admins"]);
    await h.press(h.owner, "👮 Ada (@Ada_L)");
    expect(currentMenu(h).text).toBe(
      `👮 Admin\n\nAda (@Ada_L), id ${ada.id}\nAdded 2026-06-01 12:00 UTC by the command line (usher add-admin).`,
    );
  });

  it("when the removed admin cannot be reached, then the removal still happens", async () => {
    const ada = await setup();
    makeAdmin(ada);
    h.fake.setUserState(ada, "blocked");
    await openAdmin(h, ["👮 Admins", "👮 Ada (@Ada_L)", "🗑 Remove", "✅ Yes, remove"]);
    expect(h.services.admins.roleOf(ada.id)).toBeNull();
    expect(currentMenu(h).text).toContain("None yet.");
  });

  it("when Yes is replayed after the removal, then nothing more happens", async () => {
    const ada = await setup();
    makeAdmin(ada);
    await openAdmin(h, ["👮 Admins", "👮 Ada (@Ada_L)", "🗑 Remove"]);
    const data = h.fake.findButton(ownerId, "✅ Yes, remove")?.button.callback_data as string;
    await pressData(h, h.owner, data);
    await pressData(h, h.owner, data);
    expect(h.services.audit.count()).toBe(1);
    expect(h.fake.textsTo(ada.id).filter((t) => t.startsWith("You are no longer"))).toHaveLength(1);
  });

  it("when a list payload is forged with an owner's or a stranger's id, then only the list is shown", async () => {
    const ada = await setup();
    makeAdmin(ada);
    await openAdmin(h, ["👮 Admins"]);
    const data = h.fake.findButton(ownerId, "👮 Ada (@Ada_L)")?.button.callback_data as string;
    for (const forged of [String(ownerId), "424242", "x"]) {
      const parts = data.split("/");
      parts[3] = forged;
      await pressData(h, h.owner, parts.join("/"));
      expect(currentMenu(h).text).toMatch(/^👮 Admins\n/);
    }
    await openAdmin(h, ["👮 Admins", "👮 Ada (@Ada_L)", "🗑 Remove"]);
    const yes = h.fake.findButton(ownerId, "✅ Yes, remove")?.button.callback_data as string;
    const parts = yes.split("/");
    parts[3] = String(secondOwnerId);
    await pressData(h, h.owner, parts.join("/"));
    expect(h.services.admins.roleOf(secondOwnerId)).toBe("owner");
    expect(h.services.admins.roleOf(ada.id)).toBe("admin");
    expect(h.services.audit.count()).toBe(0);
  });

  it("when the removed admin presses any admin menu they still have, then nothing happens", async () => {
    const ada = await setup();
    makeAdmin(ada);
    await openAdmin(h, ["🧩 Extensions", "🔔 New-user alerts"], ada);
    await openAdmin(h, ["👮 Admins", "👮 Ada (@Ada_L)", "🗑 Remove", "✅ Yes, remove"]);
    const before = seenBy(ada);
    const settingsBefore = h.services.settings.get("newUserAlerts");
    for (const label of [/New-user alerts$/, /👑/, "⬅ Back"]) await h.press(ada, label);
    await h.send(h.fake.updates.command(ada, "admin"));
    await h.say(ada, sharedTexts.admin.keyboardButton);
    expect(seenBy(ada)).toEqual(before);
    expect(h.services.settings.get("newUserAlerts")).toEqual(settingsBefore);
    expect(h.services.audit.count()).toBe(1);
  });
});

describe("admin menu: admins page refuses non-owners", () => {
  it("when a non-owner admin replays or forges every owner press, then nothing changes and they see nothing new", async () => {
    const ada = await setup();
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob);
    makeAdmin(ada);
    makeAdmin(bob);
    // The menu is edited in place, so each button's data is taken while its page is shown.
    const presses: string[] = [];
    const take = (...labels: string[]) => {
      for (const label of labels)
        presses.push(h.fake.findButton(ownerId, label)?.button.callback_data as string);
    };
    await openAdmin(h, ["👮 Admins"]);
    take("👮 Ada (@Ada_L)", "👮 Bob", "➕ Add admin", "⬅ Back");
    await h.press(h.owner, "👮 Bob");
    take("🗑 Remove", "⬅ Back");
    await h.press(h.owner, "🗑 Remove");
    take("✅ Yes, remove", "⬅ Back");
    expect(presses.every((data) => typeof data === "string")).toBe(true);

    await openAdmin(h, [], ada);
    const before = seenBy(ada);
    for (const data of presses) await pressData(h, ada, data);
    await h.say(ada, String(h.addUser().id)); // would be an answer, had "Add admin" started input
    expect(seenBy(ada)).toEqual(before);
    expect(adminRows().map((r) => r.userId)).toEqual([ada.id, bob.id]);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when the admins page is drawn for a non-owner admin, then it says only owners manage admins", async () => {
    const ada = await setup();
    makeAdmin(ada);
    const { pages } = createAdminMenu();
    const as = (id: number) => ({ from: { id }, services: h.services }) as unknown as UsherContext;
    expect(await pages.text(as(ada.id), "admin-admins")).toBe(
      "👮 Admins\n\nOnly owners (ADMIN_IDS) manage admins.",
    );
    for (const page of ["admin-admins-detail", "admin-admins-remove"]) {
      expect(await pages.text(as(ada.id), page)).toBe("👮 Admins\n\nOnly owners (ADMIN_IDS) manage admins.");
    }
    expect(await pages.text(as(ownerId), "admin-admins")).toMatch(/^👮 Admins\n\nOwners come from/);
  });

  it("when a non-admin replays the owner's presses, then nothing changes and they get nothing", async () => {
    const ada = await setup();
    makeAdmin(ada);
    const presses: string[] = [];
    const take = (...labels: string[]) => {
      for (const label of labels)
        presses.push(h.fake.findButton(ownerId, label)?.button.callback_data as string);
    };
    await openAdmin(h, ["👮 Admins"]);
    take("👮 Ada (@Ada_L)", "➕ Add admin");
    await h.press(h.owner, "👮 Ada (@Ada_L)");
    take("🗑 Remove");
    await h.press(h.owner, "🗑 Remove");
    take("✅ Yes, remove", "⬅ Back");
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    for (const data of presses) await pressData(h, mallory, data);
    await h.say(mallory, String(mallory.id));
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
    expect(adminRows().map((r) => r.userId)).toEqual([ada.id]);
    expect(h.services.audit.count()).toBe(0);
  });
});
