import { afterEach, describe, expect, it, vi } from "vitest";
import { changeSetting } from "../../../src/features/settings/change-setting.js";
import { refusalTexts } from "../../../src/texts/admin-refusals.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";

let h: Harness;
afterEach(() => {
  vi.restoreAllMocks();
  h.close();
});

const lastText = () => h.fake.textsTo(ownerId).at(-1);

describe("admin menu: a verb's refusal reaches the admin as its mapped reply", () => {
  it("when paid broadcasts are switched off while the owner types a paid speed, then the boundary answers with the speed refusal and nothing is saved", async () => {
    h = createHarness();
    changeSetting(
      h.services,
      { kind: "admin", id: ownerId },
      { key: "mailing", patch: { paidBroadcast: true } },
    );
    await openAdmin(h, ["📨 Mailing", "⚙️ Mailing defaults", "⚡ Speed: 25/s", "✏️ Type a value"]);
    // Another owner switches paid broadcasts off before the answer arrives: the page's own check passed.
    changeSetting(
      h.services,
      { kind: "admin", id: ownerId },
      { key: "mailing", patch: { paidBroadcast: false } },
    );
    await h.say(h.owner, "800");
    expect(lastText()).toBe(refusalTexts.rate_above_free_limit);
    expect(h.services.settings.get("mailing").ratePerSecond).toBe(25);
    // The conversation is over: the next message is not taken as a speed.
    await h.say(h.owner, "20");
    expect(h.services.settings.get("mailing").ratePerSecond).toBe(25);
  });

  it("when a button's verb refuses and the page does not catch it, then the boundary answers with the mapped reply", async () => {
    h = createHarness();
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    await openAdmin(h, ["👥 Users", "🔎 Search"]);
    await h.say(h.owner, String(ann.id));
    await h.press(h.owner, "⏸ Pause bot");
    // The pause finds no Telegram chat for the user: the verb refuses with no_telegram_id.
    vi.spyOn(h.services.takeover, "pauseUser").mockReturnValue(undefined);
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, /^⏸ \d+ minutes$/);
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent + 1);
    expect(lastText()).toBe(refusalTexts.no_telegram_id);
    expect(h.services.audit.recent().map((e) => e.action)).not.toContain("users.pause");
  });

  it("when the admin being removed is gone by the time the owner confirms, then the owner is told so instead of nothing", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const ada = h.addUser({ first_name: "Ada", username: "Ada_L" });
    await h.start(ada);
    h.services.admins.add(ada.id, ownerId, h.clock.now());
    await openAdmin(h, ["👮 Admins", "👮 Ada (@Ada_L)", "🗑 Remove"]);
    // Another owner's removal lands between the page's check and this one's transaction.
    vi.spyOn(h.services.admins, "remove").mockReturnValue(false);
    await h.press(h.owner, "✅ Yes, remove");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: refusalTexts.not_added,
      show_alert: true,
    });
    expect(h.fake.textsTo(ada.id)).not.toContain("You are no longer an admin of this bot.");
    expect(currentMenu(h).text).toMatch(/^👮 Admins/);
  });
});
