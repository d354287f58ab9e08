import { afterEach, describe, expect, it } from "vitest";
import { alertRecipients, toggleRecipient } from "../../../src/features/menu/alerts/recipients.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, type HarnessOptions, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const secondOwnerId = 900_002;
let ada: SimUser;

/** Two owners (the second unknown to the bot by name) and Ada, an admin an owner added. */
async function withAdmins(options: HarnessOptions = {}) {
  h = createHarness({ ownerIds: [ownerId, secondOwnerId], ...options });
  h.fake.addUser({ id: secondOwnerId, first_name: "Second" });
  ada = h.addUser({ first_name: "Ada", username: "ada" });
  await h.start(ada);
  h.services.admins.add(ada.id, ownerId, h.clock.now());
  await openAdmin(h, ["🧩 Extensions", "🔔 New-user alerts"]);
}

/** A newcomer passes the gate; returns who got an alert about them. */
async function newcomerAlerted(): Promise<number[]> {
  const newcomer = h.addUser({ first_name: "Newbie" });
  await h.start(newcomer);
  // Alerts go out off the update's path (new-user-alert-step.ts): let the in-process sends finish.
  await new Promise((resolve) => setImmediate(resolve));
  return [ownerId, secondOwnerId, ada.id].filter((id) =>
    h.fake.textsTo(id).some((t) => t.startsWith("🆕 New user") && t.includes(`id ${newcomer.id}`)),
  );
}

const adminButtons = () => currentMenu(h).buttons.slice(2, -1);

describe("admin menu: new-user alerts", () => {
  it("when the page opens, then it shows the switch and one ticked button per admin, owners marked", async () => {
    await withAdmins();
    const page = currentMenu(h);
    expect(page.text).toBe(
      [
        "🔔 New-user alerts",
        "",
        "ON: chosen admins get one message per new bot user (name, id, username, who invited them).",
        "Busy minutes: after 10 single alerts in a minute, the rest of that minute arrive as one digest per admin, updated in place (how many, and from which campaign or referrer).",
        "",
        "Who: every admin, including admins added later.",
        "Tap an admin to tick or untick them.",
      ].join("\n"),
    );
    expect(page.buttons).toEqual([
      "✅ New-user alerts",
      "🔢 Single alerts per minute: 10",
      "✅ 👑 Owner (@owner)",
      `✅ 👑 id ${secondOwnerId}`,
      "✅ Ada (@ada)",
      "⬅ Back",
    ]);
    expect(page.message.edited).toBe(true);
  });

  it("when the switch is pressed, then the setting, the audit log and the next newcomer's alert follow", async () => {
    await withAdmins();
    await h.press(h.owner, "✅ New-user alerts");
    expect(h.services.settings.get("newUserAlerts").enabled).toBe(false);
    expect(currentMenu(h).buttons[0]).toBe("❌ New-user alerts");
    expect(currentMenu(h).text).toContain("OFF: nobody is told about new bot users.");
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "settings.newUserAlerts",
      before: { enabled: true },
      after: { enabled: false },
    });
    expect(await newcomerAlerted()).toEqual([]);

    await h.press(h.owner, "❌ New-user alerts");
    expect(await newcomerAlerted()).toEqual([ownerId, secondOwnerId, ada.id]);
  });

  it("when one admin is unticked from 'every admin', then the list becomes all the others and the gate follows", async () => {
    await withAdmins();
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, `✅ 👑 id ${secondOwnerId}`);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(h.services.settings.get("newUserAlerts").adminIds).toEqual([ownerId, ada.id]);
    expect(adminButtons()).toEqual(["✅ 👑 Owner (@owner)", `❌ 👑 id ${secondOwnerId}`, "✅ Ada (@ada)"]);
    expect(currentMenu(h).text).toContain("Who: the 2 of 3 admins ticked below");
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "settings.newUserAlerts",
      before: { adminIds: null },
      after: { adminIds: [ownerId, ada.id] },
    });
    expect(await newcomerAlerted()).toEqual([ownerId, ada.id]);
  });

  it("when every admin is ticked again, then null (every admin) is stored again", async () => {
    await withAdmins();
    await h.press(h.owner, "✅ Ada (@ada)");
    expect(h.services.settings.get("newUserAlerts").adminIds).toEqual([ownerId, secondOwnerId]);
    expect(await newcomerAlerted()).toEqual([ownerId, secondOwnerId]);
    await h.press(h.owner, "❌ Ada (@ada)");
    expect(h.services.settings.get("newUserAlerts").adminIds).toBeNull();
    expect(currentMenu(h).text).toContain("Who: every admin");
    expect(await newcomerAlerted()).toEqual([ownerId, secondOwnerId, ada.id]);
  });

  it("when every admin is unticked, then nobody is told and the page says so", async () => {
    await withAdmins();
    await h.press(h.owner, "✅ 👑 Owner (@owner)");
    await h.press(h.owner, `✅ 👑 id ${secondOwnerId}`);
    await h.press(h.owner, "✅ Ada (@ada)");
    expect(h.services.settings.get("newUserAlerts").adminIds).toEqual([]);
    expect(currentMenu(h).text).toContain("Who: nobody, no admin is ticked.");
    expect(await newcomerAlerted()).toEqual([]);
  });

  it("when alerts are on and every admin is unticked, then the page warns that no one gets alerts", async () => {
    await withAdmins({ settings: { newUserAlerts: { enabled: true } } });
    expect(currentMenu(h).text).toContain("ON: chosen admins get one message");
    await h.press(h.owner, "✅ 👑 Owner (@owner)");
    await h.press(h.owner, `✅ 👑 id ${secondOwnerId}`);
    await h.press(h.owner, "✅ Ada (@ada)");
    const text = currentMenu(h).text;
    expect(text).toContain("⚠️ ON, but nobody is chosen: no one gets alerts.");
    expect(text).not.toContain("ON: chosen admins get one message");
    expect(h.services.settings.get("newUserAlerts")).toMatchObject({ enabled: true, adminIds: [] });
  });

  it("when an added admin ticks themselves off, then it works for any admin, not only owners", async () => {
    await withAdmins();
    await openAdmin(h, ["🧩 Extensions", "🔔 New-user alerts", "✅ Ada (@ada)"], ada);
    expect(h.services.settings.get("newUserAlerts").adminIds).toEqual([ownerId, secondOwnerId]);
    expect(h.services.audit.recent()[0]?.actorId).toBe(ada.id);
  });

  it("when an admin on the list is removed, then their button goes and a later toggle drops them from the list", async () => {
    await withAdmins({ settings: { newUserAlerts: { adminIds: [ownerId, 777] } } });
    h.services.admins.remove(ada.id);
    await h.press(h.owner, "⬅ Back"); // the menu is outdated now: the press only redraws it
    expect(adminButtons()).toEqual(["✅ 👑 Owner (@owner)", `❌ 👑 id ${secondOwnerId}`]);
    await h.press(h.owner, "✅ 👑 Owner (@owner)");
    expect(h.services.settings.get("newUserAlerts").adminIds).toEqual([]);
  });

  it("when a payload names someone who is not an admin, then nothing changes", async () => {
    await withAdmins();
    const data = h.fake.findButton(ownerId, "✅ Ada (@ada)")?.button.callback_data as string;
    const parts = data.split("/");
    for (const forged of ["555", "-1", "abc", ""]) {
      parts[3] = forged;
      await pressData(h, h.owner, parts.join("/"));
    }
    expect(h.services.settings.get("newUserAlerts").adminIds).toBeNull();
    expect(h.services.audit.count()).toBe(0);
  });

  it("when a non-admin replays the owner's presses, then nothing changes", async () => {
    await withAdmins();
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    for (const label of ["✅ New-user alerts", "✅ Ada (@ada)", "🔢 Single alerts per minute: 10"]) {
      const data = h.fake.findButton(ownerId, label)?.button.callback_data as string;
      await pressData(h, mallory, data);
    }
    await h.say(mallory, "500");
    expect(h.services.settings.get("newUserAlerts")).toEqual({
      enabled: true,
      adminIds: null,
      individualPerMinute: 10,
    });
    expect(h.services.audit.count()).toBe(0);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });

  it("when the owner sets the single alerts per minute, then wrong answers are refused and the number is stored and audited", async () => {
    await withAdmins();
    await h.press(h.owner, "🔢 Single alerts per minute: 10");
    expect(currentMenu(h).buttons).toEqual(["−10", "−1", "+1", "+10", "✏️ Type a value", "⬅ Back"]);
    await h.press(h.owner, "+10");
    await h.press(h.owner, "−1");
    expect(h.services.settings.get("newUserAlerts").individualPerMinute).toBe(19);
    await h.press(h.owner, "✏️ Type a value");
    expect(h.fake.textsTo(ownerId).at(-1)).toMatch(
      /^🔢 Single alerts per minute: send a whole number of alerts a minute from 0 to 1000\. Now: 19\./,
    );
    await h.say(h.owner, "ten");
    expect(h.fake.textsTo(ownerId).at(-1)).toBe(
      "Send a whole number of alerts a minute from 0 to 1000, like 10.",
    );
    for (const wrong of ["1001", "-1"]) {
      await h.say(h.owner, wrong);
      expect(h.fake.textsTo(ownerId).at(-1)).toBe(
        `${wrong} is out of range: send a whole number of alerts a minute from 0 to 1000.`,
      );
    }
    expect(h.services.audit.count()).toBe(2);
    await h.say(h.owner, "25");
    expect(h.services.settings.get("newUserAlerts").individualPerMinute).toBe(25);
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorId: ownerId,
      action: "settings.newUserAlerts",
      before: { individualPerMinute: 19 },
      after: { individualPerMinute: 25 },
    });
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons[1]).toBe("🔢 Single alerts per minute: 25");
    expect(currentMenu(h).text).toContain("after 25 single alerts in a minute");

    await h.press(h.owner, "🔢 Single alerts per minute: 25");
    await h.press(h.owner, "✏️ Type a value");
    await h.say(h.owner, "0");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain(
      "Digests only: each minute's newcomers arrive as one digest per admin",
    );
  });

  it("when an admin loses their rights while typing the number, then nothing is stored", async () => {
    await withAdmins();
    await openAdmin(
      h,
      ["🧩 Extensions", "🔔 New-user alerts", "🔢 Single alerts per minute: 10", "✏️ Type a value"],
      ada,
    );
    h.services.admins.remove(ada.id);
    await h.say(ada, "3");
    expect(h.services.settings.get("newUserAlerts").individualPerMinute).toBe(10);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when Back is pressed, then the extensions page returns", async () => {
    await withAdmins();
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toMatch(/^🧩 Extensions/);
  });
});

describe("alert recipients", () => {
  const admins = [1, 2, 3];
  it("when the choice is null, then every admin gets alerts; a list keeps only current admins", () => {
    expect(alertRecipients(null, admins)).toEqual([1, 2, 3]);
    expect(alertRecipients([3, 9, 1], admins)).toEqual([1, 3]);
  });

  it("when toggling, then 'all' becomes all-but-one, and the full set becomes null again", () => {
    expect(toggleRecipient(null, admins, 2)).toEqual([1, 3]);
    expect(toggleRecipient([1, 3], admins, 2)).toBeNull();
    expect(toggleRecipient([1], admins, 1)).toEqual([]);
    expect(toggleRecipient([1, 9], admins, 3)).toEqual([1, 3]);
  });
});
