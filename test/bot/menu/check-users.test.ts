import { describe, expect, it } from "vitest";
import type { MailingRecord } from "../../../src/db/schema/index.js";
import type { MailingEngine } from "../../../src/features/mailing/mailing-engine.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { type Harness, type HarnessOptions, ownerId } from "../../support/bot-harness.js";
import { pressData } from "../../support/gate-helpers.js";
import { startMailingHarness, stopEngineAfterEach, waitForStatus } from "../../support/mailing-helpers.js";
import { waitFor } from "../../support/wait-for.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

let seed: ReturnType<typeof startMailingHarness>["seed"];
let say: ReturnType<typeof startMailingHarness>["say"];
let lastText: ReturnType<typeof startMailingHarness>["lastText"];

function setUp(options: HarnessOptions = {}) {
  const started = startMailingHarness(options);
  ({ h, engine, seed, say, lastText } = started);
  return started.repository;
}
const lastCheck = () => h.services.mailings.list(1)[0] as MailingRecord;
const deliveringCalls = () =>
  h.fake.calls.filter(
    (c) => c.method !== "sendChatAction" && c.params.chat_id !== ownerId && c.params.chat_id !== undefined,
  );

describe("admin menu: Check Users", () => {
  it("when Check Users runs from the menu, then blocked users are marked dead, the revived alive, and nobody sees a message", async () => {
    const repository = setUp();
    const [ann, blocked, deactivated, deleted, back] = seed(
      { first_name: "Ann" },
      { state: "blocked" },
      { state: "deactivated" },
      { state: "deleted" },
      { first_name: "Back" },
    );
    h.services.users.markDead(back.id, "blocked", h.clock.now());

    await openAdmin(h, ["🔍 Check Users"]);
    expect(currentMenu(h).buttons).toEqual(["▶ Start a check", "📜 History", "⬅ Back"]);
    // The owner is a bot user too (admins are registered from their first update).
    expect(currentMenu(h).text).toContain("Alive users: 5 · dead: 1");
    await h.press(h.owner, "▶ Start a check");
    expect(lastText()).toContain("Whom to check?");
    await say("👥 Everyone, dead included");
    expect(lastText()).toContain("⚙️ Options");
    expect(lastText()).not.toContain("Silent");
    await say("🔕 Silent: off");
    expect(lastText()).toBe("Please use the buttons below (or /cancel).");
    await say("💀 Dead After: 3", "1", "✅ Continue");
    expect(lastText()).toContain("🔍 Ready to check");
    expect(lastText()).toContain("Recipients now: 6");
    expect(lastText()).toContain("invisible “typing” action");
    await say("🚀 Start the check");

    const done = await waitForStatus(repository, lastCheck().id);
    expect(done).toMatchObject({
      kind: "check_users",
      total: 6,
      sent: 3,
      failed: 3,
      newlyDead: 3,
      revived: 1,
    });
    expect(done.payload).toEqual({ kind: "probe" });
    for (const dead of [blocked, deactivated, deleted]) expect(h.record(dead)?.deadAt).not.toBeNull();
    expect(h.record(ann)?.deadAt).toBeNull();
    expect(h.record(back)?.deadAt).toBeNull();

    const probes = h.fake.callsOf("sendChatAction");
    expect(probes).toHaveLength(6);
    expect(probes.every((c) => c.params.action === "typing")).toBe(true);
    expect(deliveringCalls()).toEqual([]);
    for (const user of [ann, back]) expect(h.fake.messagesTo(user.id)).toEqual([]);

    await waitFor(
      () => h.fake.textsTo(ownerId).filter((t) => t.includes("✅ Completed")).length === 2,
      "the report",
    );
    const report = lastText();
    expect(report).toContain("🔍 Check Users #1 · ✅ Completed");
    expect(report).toContain("✅ Alive: 3");
    expect(report).toContain("❌ Unreachable or failed: 3");
    expect(report).toContain("· blocked the bot: 1");
    expect(report).toContain("💀 Newly dead: 3 · ♻️ Revived: 1");
    await h.press(h.owner, "📄 CSV report");
    expect(h.fake.callsOf("sendDocument").at(-1)?.params.document).toMatchObject({
      filename: "check-users-1.csv",
    });
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "mailings.create",
      after: { id: 1, kind: "check_users", total: 6 },
    });
  });

  it("when the owner cancels a check in its wizard, then the reply says nobody was checked, not that nothing was sent", async () => {
    setUp();
    seed({ first_name: "Ann" });
    await openAdmin(h, ["🔍 Check Users", "▶ Start a check"]);
    await say("❌ Cancel");
    expect(lastText()).toBe("Check cancelled: nobody was checked.");
    await h.press(h.owner, "▶ Start a check");
    await say("👥 Everyone, dead included", "✅ Continue");
    await h.send(h.fake.updates.command(h.owner, "cancel"));
    expect(lastText()).toBe("Check cancelled: nobody was checked.");
    expect(h.services.mailings.list(1)).toEqual([]);
  });

  it("when only alive users are checked with the default Dead After, then dead users are left out and one failure kills nobody", async () => {
    const repository = setUp();
    const [blocked, dead] = seed({ state: "blocked" }, {});
    h.services.users.markDead(dead.id, "blocked", h.clock.now());
    await openAdmin(h, ["🔍 Check Users", "▶ Start a check"]);
    await say("👥 Everyone alive", "✅ Continue", "🚀 Start the check");
    const done = await waitForStatus(repository, lastCheck().id);
    // The blocked user and the owner.
    expect(done).toMatchObject({ total: 2, failed: 1, newlyDead: 0 });
    expect(h.record(blocked)).toMatchObject({ failedDeliveries: 1, deadAt: null });
  });

  it("when a check's speed is set, then it stays within 30 probes a second even with paid broadcast on", async () => {
    setUp({ settings: { mailing: { paidBroadcast: true, ratePerSecond: 200 } } });
    seed({});
    await openAdmin(h, ["🔍 Check Users", "▶ Start a check"]);
    await say("👥 Everyone alive");
    expect(lastText()).toContain("⚡ Speed: 30 probes/s");
    await say("⚡ Speed: 30/s", "31");
    expect(lastText()).toBe(
      "Check Users goes at most 30 probes/s (paid broadcasts do not apply to it). Send 1 to 30.",
    );
    await say("20", "✅ Continue", "🚀 Start the check");
    expect(lastCheck().options).toMatchObject({ ratePerSecond: 20, paidBroadcast: false });
  });

  it("when a non-admin replays a check's control buttons, then the check goes on untouched", async () => {
    const repository = setUp();
    seed({}, {}, {});
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    await openAdmin(h, ["🔍 Check Users", "▶ Start a check"]);
    await say("👥 Everyone alive", "⚡ Speed: 25/s", "4", "✅ Continue", "🚀 Start the check");
    const check = lastCheck();
    await waitFor(() => h.fake.findButton(ownerId, "⏸ Pause") !== undefined, "the pause button");
    for (const label of ["⏸ Pause", "✖ Cancel"]) {
      await pressData(h, mallory, h.fake.findButton(ownerId, label)?.button.callback_data as string);
    }
    expect(repository.find(check.id)?.status).not.toMatch(/paused|cancelled/);
    await waitForStatus(repository, check.id);
    expect(h.services.audit.recent().map((e) => e.action)).toEqual(["mailings.create"]);
    expect(h.fake.textsTo(mallory.id)).toEqual(["Welcome, Mallory! 👋"]);
  });

  it("when checks have run, then their history lists them with their reports", async () => {
    const repository = setUp();
    seed({}, { state: "blocked" });
    await openAdmin(h, ["🔍 Check Users", "▶ Start a check"]);
    await say("👥 Everyone alive", "✅ Continue", "🚀 Start the check");
    await waitForStatus(repository, lastCheck().id);
    await openAdmin(h, ["🔍 Check Users", "📜 History"]);
    expect(currentMenu(h).text).toContain("#1 · 2026-06-01 12:00 · ✅ Completed · 2 of 3");
    await h.press(h.owner, "🔍 #1 · 2026-06-01 12:00");
    expect(currentMenu(h).text).toContain("🔍 Check Users #1 · ✅ Completed");
    expect(currentMenu(h).text).toContain("Audience: everyone alive");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).buttons).toEqual(["▶ Start a check", "📜 History", "⬅ Back"]);
  });
});
