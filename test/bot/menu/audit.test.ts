import { afterEach, describe, expect, it } from "vitest";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

/** Writes `n` entries a minute apart: "test.1" (oldest) … "test.n" (newest). */
function record(n: number) {
  for (let i = 1; i <= n; i += 1) {
    h.services.audit.record({
      actor: { kind: "admin", id: ownerId },
      action: `test.${i}`,
      before: { n: i - 1 },
      after: { n: i },
    });
    h.clock.advance(60_000);
  }
}

const actionsShown = () => [...currentMenu(h).text.matchAll(/· (test\.\d+)/g)].map((m) => m[1]);

/** The callback data of a button with its payload replaced (the menu's hash does not cover payloads). */
function withPayload(label: string, payload: string): string {
  const data = h.fake.findButton(ownerId, label)?.button.callback_data as string;
  const parts = data.split("/");
  parts[3] = payload;
  return parts.join("/");
}

describe("admin menu: audit log", () => {
  it("when nothing was changed yet, then the page says so and offers only Back (no arrows that do nothing)", async () => {
    h = createHarness();
    await openAdmin(h, ["📜 Audit log"]);
    expect(currentMenu(h).text).toBe("📜 Audit log\n\nNothing has been changed yet.");
    expect(currentMenu(h).buttons).toEqual(["⬅ Back"]);
  });

  it("when the log fits on page 1 of 1, then there are no ◀ ▶, only Back", async () => {
    h = createHarness();
    record(10);
    await openAdmin(h, ["📜 Audit log"]);
    expect(currentMenu(h).text).toMatch(/page 1 of 1/);
    expect(currentMenu(h).buttons).toEqual(["⬅ Back"]);
    record(1); // an eleventh entry makes a second page: the arrows come with the page opened anew
    await openAdmin(h, ["📜 Audit log"]);
    expect(currentMenu(h).buttons).toEqual(["◀", "▶", "⬅ Back"]);
  });

  it("when there are entries, then each line has the UTC time, the actor's name or id, the action and before → after", async () => {
    h = createHarness();
    await h.start(h.owner); // the owner becomes known by name
    h.services.audit.record({ actor: { kind: "system", label: "api" }, action: "users.import" });
    h.clock.advance(90_000);
    h.services.audit.record({
      actor: { kind: "admin", id: 123_456 },
      action: "admins.add",
      after: { userId: 42 },
    });
    h.services.audit.record({
      actor: { kind: "admin", id: ownerId },
      action: "settings.maintenance",
      before: { enabled: false },
      after: { enabled: true },
    });
    await openAdmin(h, ["📜 Audit log"]);
    expect(currentMenu(h).text).toBe(
      [
        "📜 Audit log: page 1 of 1, newest first (times in UTC)",
        "2026-06-01 12:01 · Owner (@owner) · settings.maintenance\n" +
          '    {"enabled":false} → {"enabled":true}',
        '2026-06-01 12:01 · id 123456 · admins.add\n    ∅ → {"userId":42}',
        "2026-06-01 12:00 · ⚙️ api · users.import",
      ].join("\n\n"),
    );
  });

  it("when there are more than 50 entries, then the newest 50 are paged ten at a time with ◀ and ▶ in the same message", async () => {
    h = createHarness();
    record(55);
    await openAdmin(h, ["📜 Audit log"]);
    const { message } = currentMenu(h);
    const sent = h.fake.messagesTo(ownerId).length;
    expect(currentMenu(h).text).toMatch(/^📜 Audit log: page 1 of 5, newest first/);
    expect(actionsShown()).toEqual([55, 54, 53, 52, 51, 50, 49, 48, 47, 46].map((n) => `test.${n}`));

    await h.press(h.owner, "▶");
    expect(currentMenu(h).text).toMatch(/page 2 of 5/);
    expect(actionsShown()[0]).toBe("test.45");
    for (let i = 0; i < 3; i += 1) await h.press(h.owner, "▶");
    expect(currentMenu(h).text).toMatch(/page 5 of 5/);
    expect(actionsShown()).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6].map((n) => `test.${n}`));

    await h.press(h.owner, "▶"); // past the last page: stays
    expect(currentMenu(h).text).toMatch(/page 5 of 5/);
    await h.press(h.owner, "◀");
    expect(currentMenu(h).text).toMatch(/page 4 of 5/);
    expect(actionsShown()[0]).toBe("test.25");

    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(currentMenu(h).message.message_id).toBe(message.message_id);
    expect(currentMenu(h).buttons).toEqual(["◀", "▶", "⬅ Back"]);
  });

  it("when ◀ is pressed on the first page or ▶ on the last, then the page stays and the press says so", async () => {
    h = createHarness();
    record(12);
    await openAdmin(h, ["📜 Audit log", "◀"]);
    expect(currentMenu(h).text).toMatch(/page 1 of 2/);
    expect(actionsShown()[0]).toBe("test.12");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)).toMatchObject({
      ok: true,
      params: { text: "Already on the first page." },
    });
    await h.press(h.owner, "▶");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ ok: true, params: {} });
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params.text).toBeUndefined();
    await h.press(h.owner, "▶");
    expect(currentMenu(h).text).toMatch(/page 2 of 2/);
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)).toMatchObject({
      ok: true,
      params: { text: "Already on the last page." },
    });
  });

  it("when a payload is forged, then an out-of-range page shows the last page and garbage the first", async () => {
    h = createHarness();
    record(25);
    await openAdmin(h, ["📜 Audit log"]);
    await pressData(h, h.owner, withPayload("▶", "99"));
    expect(currentMenu(h).text).toMatch(/page 3 of 3/);
    await pressData(h, h.owner, withPayload("◀", "x1"));
    expect(currentMenu(h).text).toMatch(/page 1 of 3/);
  });

  it("when values are long, then they are cut with … and a full page stays under Telegram's 4096 characters", async () => {
    h = createHarness();
    for (let i = 0; i < 10; i += 1) {
      h.services.audit.record({
        actor: { kind: "system", label: "a very long system label ".repeat(5) },
        action: `settings.${"x".repeat(100)}`,
        before: { text: "😀".repeat(500) },
        after: { text: "b".repeat(5000) },
      });
    }
    await openAdmin(h, ["📜 Audit log"]);
    const text = currentMenu(h).text;
    expect(text.length).toBeLessThan(4096);
    expect(text).toContain('{"text":"bbbb');
    expect(text).toMatch(/…/);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no broken surrogate pair
  });

  it("when a setting is changed from the menu, then it appears at the top of the log", async () => {
    h = createHarness();
    await openAdmin(h, ["🧩 Extensions", "🔔 New-user alerts", "✅ New-user alerts", "⬅ Back", "⬅ Back"]);
    await h.press(h.owner, "📜 Audit log");
    expect(currentMenu(h).text).toContain(
      '2026-06-01 12:00 · Owner (@owner) · settings.newUserAlerts\n    {"enabled":true} → {"enabled":false}',
    );
  });

  it("when Back is pressed, then the root menu returns", async () => {
    h = createHarness();
    await openAdmin(h, ["📜 Audit log", "⬅ Back"]);
    expect(currentMenu(h).text).toMatch(/^🔐 Admin/);
  });

  it("when a non-admin replays the owner's ▶ press, then they see nothing", async () => {
    h = createHarness();
    record(25);
    await openAdmin(h, ["📜 Audit log"]);
    const data = h.fake.findButton(ownerId, "▶")?.button.callback_data as string;
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    await pressData(h, mallory, data);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
    expect(h.fake.messagesTo(mallory.id).some((m) => m.edited)).toBe(false);
    expect(h.services.audit.count()).toBe(25);
  });
});
