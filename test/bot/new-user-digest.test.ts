import { Api } from "grammy";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { NewUserDigests } from "../../src/features/gate/alerts/new-user-digests.js";
import { OutgoingBudget } from "../../src/telegram/outgoing/budget.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import {
  createHarness,
  type Harness,
  type HarnessOptions,
  ownerId,
  unpaced,
} from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { waitFor } from "../support/wait-for.js";

let h: Harness;
let digests: NewUserDigests;
afterEach(async () => {
  await digests?.stop();
  h.close();
});

const secondOwnerId = 900_002;
let pat: SimUser;
let patCode: string;

/** Two owners, campaign "Spring" and Pat, a user whose referral link brings people; the clock at 12:00:00. */
function burstReady(options: HarnessOptions = {}) {
  h = createHarness({
    ownerIds: [ownerId, secondOwnerId],
    ...options,
    settings: { userReferrals: { enabled: true }, adminReferrals: { enabled: true }, ...options.settings },
  });
  h.fake.addUser({ id: secondOwnerId, first_name: "Second" });
  h.services.campaigns.create({ name: "Spring", code: "spring", createdBy: null }, h.clock.now());
  [pat] = seedBotUsers(h, [{ first_name: "Pat" }]) as [SimUser];
  patCode = h.record(pat)?.referralCode as string;
  h.fake.clearCalls();
  digests = newDigests();
}

/** The digest worker as main.ts wires it, over the harness's services and fake (ticked by hand). */
function newDigests(budget = h.outgoing) {
  return new NewUserDigests({
    api: new Api(h.fake.token, { fetch: h.fake.fetch, apiRoot: "http://fake.local" }),
    budget,
    services: h.services,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    tickMs: 10,
  });
}

/** `count` newcomers press /start with `payload` (none: direct). */
async function newcomers(count: number, payload?: string): Promise<SimUser[]> {
  const people: SimUser[] = [];
  for (let i = 0; i < count; i++) {
    const person = h.addUser({ first_name: `New${i}` });
    await h.start(person, payload);
    people.push(person);
  }
  return people;
}

const singleAlertsTo = (id: number) => h.fake.textsTo(id).filter((t) => t.startsWith("🆕 New user:"));
const digestsTo = (id: number) =>
  h.fake.messagesTo(id).filter((m) => /^🆕 \d+ new users? in the minute/.test(m.text ?? ""));
const editsTo = (id: number) => h.fake.callsOf("editMessageText").filter((c) => c.params.chat_id === id);

async function tickAt(second: number) {
  const target = new Date("2026-06-01T12:00:00Z").getTime() + second * 1000;
  h.clock.advance(target - h.clock.now().getTime());
  await digests.tick();
}

describe("new-user alerts under load", () => {
  it("when a few newcomers arrive, then each admin gets one alert per newcomer and no digest", async () => {
    burstReady();
    await newcomers(3, "aspring");
    await tickAt(70);
    for (const admin of [ownerId, secondOwnerId]) {
      expect(singleAlertsTo(admin)).toHaveLength(3);
      expect(digestsTo(admin)).toEqual([]);
    }
    expect(h.fake.callsOf("editMessageText")).toEqual([]);
  });

  it("when 50 newcomers arrive within a minute, then each admin gets 10 single alerts and one digest edited in place with counts by source", async () => {
    burstReady();
    await newcomers(10);
    await tickAt(1);
    expect(singleAlertsTo(ownerId)).toHaveLength(10);
    expect(digestsTo(ownerId)).toEqual([]);

    await newcomers(20, "aspring");
    await tickAt(2);
    for (const admin of [ownerId, secondOwnerId]) {
      expect(digestsTo(admin).map((m) => m.text)).toEqual([
        [
          "🆕 20 new users in the minute from 12:00 UTC: 20 via campaign Spring",
          "Besides the 10 announced one by one above.",
          "⏳ Still counting: this message is updated until the minute ends.",
        ].join("\n"),
      ]);
    }

    // The second owner's own first /start is no newcomer to announce.
    await h.start(h.fake.user(secondOwnerId) as SimUser);
    await newcomers(5, "aspring");
    await newcomers(10, `r${patCode}`);
    await newcomers(5);
    await tickAt(4);
    expect(editsTo(ownerId)).toEqual([]); // edits are paced: the last change was 2 s ago
    await tickAt(7);
    expect(editsTo(ownerId)).toHaveLength(1);
    expect(digestsTo(ownerId)[0]?.text).toMatch(
      new RegExp(
        `^🆕 40 new users in the minute from 12:00 UTC: 25 via campaign Spring, 10 referred by Pat \\(id ${pat.id}\\), 5 direct\\n`,
      ),
    );
    await tickAt(20);
    expect(editsTo(ownerId)).toHaveLength(1); // nothing new to show

    await tickAt(62);
    for (const admin of [ownerId, secondOwnerId]) {
      const [digest] = digestsTo(admin);
      expect(digestsTo(admin)).toHaveLength(1);
      expect(digest?.text).toBe(
        [
          `🆕 40 new users in the minute from 12:00 UTC: 25 via campaign Spring, 10 referred by Pat (id ${pat.id}), 5 direct`,
          "Besides the 10 announced one by one above.",
          "✅ Final count.",
        ].join("\n"),
      );
      expect(editsTo(admin)).toHaveLength(2);
      expect(singleAlertsTo(admin)).toHaveLength(10);
      expect(singleAlertsTo(admin).some((t) => t.includes(`id ${secondOwnerId}`))).toBe(false);
    }
    await tickAt(90);
    expect(h.fake.callsOf("editMessageText")).toHaveLength(4);
  });

  it("when the next minute is busy too, then it starts a digest of its own and the last one stays final", async () => {
    burstReady();
    await newcomers(15);
    await tickAt(30);
    h.clock.advance(31_000); // 12:01:01
    await newcomers(13, "aspring");
    await tickAt(62);
    const [first, second] = digestsTo(ownerId);
    expect(first?.text).toMatch(
      /^🆕 5 new users in the minute from 12:00 UTC: 5 direct\n.*\n✅ Final count\.$/,
    );
    expect(second?.text).toMatch(
      /^🆕 3 new users in the minute from 12:01 UTC: 3 via campaign Spring\n.*\n⏳ Still counting/,
    );
    await tickAt(125);
    expect(digestsTo(ownerId)[1]?.text).toMatch(/✅ Final count\.$/);
    expect(singleAlertsTo(ownerId)).toHaveLength(20);
  });

  it("when a newcomer presses /start again, then they are neither alerted nor counted twice", async () => {
    burstReady({ settings: { newUserAlerts: { individualPerMinute: 0 } } });
    const [ann] = await newcomers(1);
    await h.start(ann as SimUser);
    await h.say(ann as SimUser, "hi");
    await tickAt(62);
    expect(singleAlertsTo(ownerId)).toEqual([]);
    expect(digestsTo(ownerId).map((m) => m.text?.split("\n")[0])).toEqual([
      "🆕 1 new user in the minute from 12:00 UTC: 1 direct",
    ]);
  });

  it("when the process restarts mid-minute, then the new one edits the same digest and the counts are whole", async () => {
    burstReady({ settings: { newUserAlerts: { individualPerMinute: 2 } } });
    await newcomers(6);
    await tickAt(5);
    await digests.stop();
    h.restart();
    digests = newDigests();
    await newcomers(4, "aspring");
    await tickAt(62);
    expect(digestsTo(ownerId)).toHaveLength(1);
    expect(digestsTo(ownerId)[0]?.text).toMatch(
      /^🆕 8 new users in the minute from 12:00 UTC: 4 via campaign Spring, 4 direct\n.*\n✅ Final count\.$/,
    );
  });

  it("when the process dies after a first digest reached an admin but before it was recorded, then the next one sends that admin no second digest", async () => {
    burstReady({ settings: { newUserAlerts: { individualPerMinute: 0 } } });
    await newcomers(3);
    // The process dies once the owner's digest is out: nothing it writes after that lands.
    const alerts = h.services.newUserAlerts;
    const save = alerts.saveDigest.bind(alerts);
    alerts.saveDigest = (digest) => {
      if (digestsTo(ownerId).length > 0) throw new Error("killed");
      save(digest);
    };
    await expect(tickAt(1)).rejects.toThrow("killed");
    expect(digestsTo(ownerId)).toHaveLength(1);

    h.restart();
    digests = newDigests();
    await newcomers(2);
    await tickAt(62);
    expect(digestsTo(ownerId)).toHaveLength(1);
    expect(digestsTo(secondOwnerId)).toHaveLength(1);
    expect(digestsTo(secondOwnerId)[0]?.text).toMatch(/^🆕 5 new users in the minute/);
  });

  it("when the process dies while the first digest waits for its turn behind the admin's alerts, then the next one sends that admin the digest", async () => {
    // One message an hour per chat: after an alert, the owner's next turn never comes in this process.
    const slow = () => new OutgoingBudget({ limits: { ...unpaced, privateChatMs: 3_600_000 } });
    burstReady({ settings: { newUserAlerts: { individualPerMinute: 0 } }, outgoing: slow });
    await newcomers(3);
    expect(await h.outgoing.take({ priority: "alert", chatId: ownerId })).toBe(true);
    const killed = new AbortController();
    const waiting = digests.tick(killed.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    killed.abort();
    await waiting;
    expect(digestsTo(ownerId)).toEqual([]);

    h.restart();
    digests = newDigests(new OutgoingBudget({ limits: unpaced }));
    await newcomers(2);
    await tickAt(62);
    for (const admin of [ownerId, secondOwnerId]) {
      expect(digestsTo(admin).map((m) => m.text?.split("\n")[0])).toEqual([
        "🆕 5 new users in the minute from 12:00 UTC: 5 direct",
      ]);
    }
  });

  it("when Telegram says wait or an admin blocked the bot, then the digest waits its turn and the others still get theirs", async () => {
    burstReady({ settings: { newUserAlerts: { individualPerMinute: 0 } } });
    h.fake.setUserState(h.owner, "blocked");
    await newcomers(3);
    h.fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    await tickAt(1);
    await tickAt(5);
    expect(digestsTo(secondOwnerId)).toEqual([]);
    await tickAt(9);
    expect(digestsTo(secondOwnerId)).toHaveLength(1);
    await tickAt(62);
    expect(digestsTo(secondOwnerId)[0]?.text).toMatch(/✅ Final count\.$/);
    const ownerTries = h.fake.callsOf("sendMessage").filter((c) => c.params.chat_id === ownerId);
    expect(ownerTries.length).toBeLessThanOrEqual(2);
  });

  it("when an admin speaks Russian, then their digest is in Russian, the other admin's in English", async () => {
    burstReady({ settings: { newUserAlerts: { individualPerMinute: 0 } } });
    h.services.users.touch(
      { id: secondOwnerId, is_bot: false, first_name: "Second", language_code: "ru" },
      h.clock.now(),
    );
    await newcomers(3);
    await tickAt(2);
    const ru = textsIn("bot", "ru").newUserDigest;
    const leadOf = (template: string) => template.slice(0, template.indexOf("{"));
    const russian = h.fake.messagesTo(secondOwnerId).filter((m) => m.text?.startsWith(leadOf(ru.heading)));
    expect(russian).toHaveLength(1);
    expect(russian[0]?.text).toContain(ru.counting);
    expect(digestsTo(secondOwnerId)).toEqual([]);
    expect(digestsTo(ownerId)[0]?.text?.startsWith("🆕 3 new users in the minute from 12:00 UTC")).toBe(true);
  });

  it("when started, then it works on its own timer, and stop ends it", async () => {
    burstReady({ settings: { newUserAlerts: { individualPerMinute: 0 } } });
    digests.start();
    await newcomers(2);
    await waitFor(() => digestsTo(ownerId).length === 1, "the first digest");
    await digests.stop();
    h.clock.advance(70_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.fake.callsOf("editMessageText")).toEqual([]);
  });
});
