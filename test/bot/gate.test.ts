import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { users } from "../../src/db/schema/index.js";
import { texts } from "../../src/texts/bot.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";
import { answerCaptcha, answersTo, pressData } from "../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const alertsTo = (id: number) => h.fake.textsTo(id).filter((t) => t.startsWith("🆕 New user"));

/** A deeplink whose content is a message the owner sent to the bot (copied, as the menu will store it). */
function promoDeeplink(code = "promo", tags = ["from-promo"]) {
  const sent = h.fake.updates.text(h.owner, "🎁 Your promo code: USHER10");
  h.services.deeplinks.create(
    {
      code,
      content: { type: "copy", fromChatId: ownerId, messageId: sent.message?.message_id as number },
      tags,
      createdBy: ownerId,
    },
    h.clock.now(),
  );
}

describe("the gate", () => {
  it("when every extension is off, then /start registers the user and sends the welcome", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const ann = h.addUser({ username: "ann", language_code: "de", is_premium: true });
    await h.start(ann);
    expect(h.record(ann)).toMatchObject({
      status: "active",
      firstName: "Ann",
      username: "ann",
      languageCode: "de",
      isPremium: true,
    });
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
  });

  it("when a pending user changes their name, then the record follows and first seen stays", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    const ann = h.addUser();
    await h.start(ann);
    const firstSeen = h.record(ann)?.firstSeenAt;
    h.clock.advance(60_000);
    ann.first_name = "Anna";
    await h.say(ann, "hi");
    expect(h.record(ann)).toMatchObject({
      firstName: "Anna",
      firstSeenAt: firstSeen,
      lastSeenAt: h.clock.now(),
    });
  });

  describe("maintenance", () => {
    it("when on, then a newcomer is registered with their referral parent before seeing the maintenance text", async () => {
      h = createHarness({ settings: { userReferrals: { enabled: true } } });
      const pat = h.addUser({ first_name: "Pat" });
      await h.start(pat);
      h.services.settings.update("maintenance", { enabled: true });
      const ann = h.addUser();
      await h.start(ann, `r${h.record(pat)?.referralCode}`);
      expect(h.record(ann)).toMatchObject({ status: "active", referrerId: pat.id });
      expect(h.record(pat)?.referralCount).toBe(1);
      expect(h.fake.textsTo(ann.id)).toEqual([texts.maintenance]);
      expect(alertsTo(ownerId)).toHaveLength(2);
    });

    it("when on, then bot users see only the maintenance text and admins are not stopped", async () => {
      h = createHarness({ settings: { maintenance: { enabled: true, text: "Back at 5" } } });
      const ann = h.addUser();
      await h.say(ann, "hello");
      await h.start(ann);
      expect(h.fake.textsTo(ann.id)).toEqual(["Back at 5", "Back at 5"]);
      await h.start(h.owner);
      expect(h.fake.textsTo(ownerId).at(-1)).toBe("Welcome, Owner! 👋");
    });

    /** Longer than the 200 characters a button press's notice can hold. */
    const longText = `🛠 ${"We are moving the bot to a bigger server and will be back very soon. ".repeat(4)}Thanks!`;

    it("when a newcomer solves the captcha while it is on, then the whole maintenance text comes as a message", async () => {
      h = createHarness({
        settings: { captcha: { enabled: true }, maintenance: { enabled: true, text: longText } },
      });
      const ann = h.addUser();
      await h.start(ann);
      const press = await answerCaptcha(h, ann, true);
      expect(h.record(ann)?.status).toBe("active");
      expect(h.fake.textsTo(ann.id)).toEqual([texts.captcha.passed, longText]);
      expect(answersTo(h, press)).toMatchObject([{ ok: true, params: { text: texts.captcha.passed } }]);
    });

    it("when a newcomer presses I've joined while it is on, then the whole maintenance text comes as a message", async () => {
      h = createHarness({
        settings: { joinCheck: { enabled: true }, maintenance: { enabled: true, text: longText } },
      });
      h.fake.addChat({ id: -100_111, type: "channel", title: "News" });
      h.services.requiredChats.add(
        { chatId: -100_111, title: "News", joinUrl: "https://t.me/news" },
        h.clock.now(),
      );
      const ann = h.addUser();
      await h.start(ann);
      h.fake.setMembership(-100_111, ann, "member");
      const press = await pressData(h, ann, "gate:joined");
      expect(h.record(ann)?.status).toBe("active");
      // The join prompt is gone; what is left is said once, as a message.
      expect(h.fake.textsTo(ann.id)).toEqual([longText]);
      expect(answersTo(h, press)).toMatchObject([{ ok: true, params: { text: "✅" } }]);
    });

    it("when a bot user presses a button while it is on, then the whole text comes as a message and the press is answered", async () => {
      h = createHarness();
      const ann = h.addUser();
      await h.start(ann);
      h.services.settings.update("maintenance", { enabled: true, text: longText });
      const press = await pressData(h, ann, "gate:joined");
      expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋", longText]);
      expect(answersTo(h, press)).toMatchObject([{ ok: true }]);
      expect(answersTo(h, press)[0]?.params.text).toBeUndefined();
    });

    it("when a newcomer came by a deeplink during maintenance, then the content waits until it ends", async () => {
      h = createHarness({ settings: { maintenance: { enabled: true } } });
      promoDeeplink();
      const ann = h.addUser();
      await h.start(ann, "promo");
      expect(h.fake.textsTo(ann.id)).toEqual([texts.maintenance]);
      h.services.settings.update("maintenance", { enabled: false });
      await h.say(ann, "is it over?");
      expect(h.fake.textsTo(ann.id).at(-1)).toBe("🎁 Your promo code: USHER10");
      expect(h.services.deeplinks.find("promo")?.hits).toBe(1);
    });
  });

  describe("deeplinks", () => {
    it("when a newcomer opens a deeplink, then its content is copied, tags are added, and the welcome follows", async () => {
      h = createHarness();
      promoDeeplink("promo", ["promo", "spring"]);
      const ann = h.addUser();
      await h.start(ann, "promo");
      expect(h.fake.textsTo(ann.id)).toEqual(["🎁 Your promo code: USHER10", "Welcome, Ann! 👋"]);
      expect(h.fake.callsOf("copyMessage")).toHaveLength(1);
      expect(h.services.users.tagsOf(ann.id).sort()).toEqual(["promo", "spring"]);
      expect(h.services.deeplinks.find("promo")?.hits).toBe(1);
    });

    it("when a bot user opens a deeplink again, then they get the content instead of the welcome", async () => {
      h = createHarness();
      promoDeeplink();
      const ann = h.addUser();
      await h.start(ann);
      await h.start(ann, "promo");
      expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋", "🎁 Your promo code: USHER10"]);
      expect(h.services.deeplinks.find("promo")?.hits).toBe(1);
    });

    it("when the payload is unknown, then it is ignored and the welcome is sent", async () => {
      h = createHarness();
      const ann = h.addUser();
      await h.start(ann, "nothing_here");
      expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
    });

    it("when deeplink text content has templates, then they are filled for the user", async () => {
      h = createHarness();
      h.services.deeplinks.create(
        { code: "hi", content: { type: "text", text: "Hello {first_name} ({id})" }, createdBy: null },
        h.clock.now(),
      );
      const ann = h.addUser({ first_name: "" });
      await h.start(ann, "hi");
      expect(h.fake.textsTo(ann.id)[0]).toBe(`Hello Dear User (${ann.id})`);
    });
  });

  describe("new-user alerts", () => {
    it("when a newcomer is registered, then each admin gets one alert, never again on a repeated /start", async () => {
      h = createHarness({ ownerIds: [ownerId, 900_002], settings: { adminReferrals: { enabled: true } } });
      const second = h.fake.addUser({ id: 900_002, first_name: "Second" });
      h.services.campaigns.create({ name: "Spring ads", code: "spring", createdBy: null }, h.clock.now());
      const ann = h.addUser({ username: "ann" });
      await h.start(ann, "aspring");
      await h.start(ann);
      await h.say(ann, "hi");
      for (const admin of [ownerId, second.id]) {
        const alerts = alertsTo(admin);
        expect(alerts).toHaveLength(1);
        expect(alerts[0]).toContain(`Ann (@ann, id ${ann.id})`);
        expect(alerts[0]).toContain("Campaign: Spring ads (spring)");
      }
    });

    it("when alerts go to chosen admins only, then the others are not told", async () => {
      h = createHarness({
        ownerIds: [ownerId, 900_002],
        settings: { newUserAlerts: { adminIds: [900_002] } },
      });
      h.fake.addUser({ id: 900_002, first_name: "Second" });
      await h.start(h.addUser());
      expect(alertsTo(ownerId)).toHaveLength(0);
      expect(alertsTo(900_002)).toHaveLength(1);
    });

    it("when a referred newcomer is registered, then the alert names the parent", async () => {
      h = createHarness({ settings: { userReferrals: { enabled: true } } });
      const pat = h.addUser({ first_name: "Pat" });
      await h.start(pat);
      const ann = h.addUser({ first_name: "" });
      await h.start(ann, `r${h.record(pat)?.referralCode}`);
      expect(alertsTo(ownerId).at(-1)).toContain(
        `Dear User (no username, id ${ann.id})\nInvited by: Pat (id ${pat.id})`,
      );
    });
  });

  describe("all extensions on", () => {
    function everythingOn() {
      h = createHarness({
        settings: {
          captcha: { enabled: true },
          joinCheck: { enabled: true },
          userReferrals: { enabled: true },
          adminReferrals: { enabled: true },
          deeplinks: { enabled: true },
        },
      });
      h.fake.addChat({ id: -100_111, type: "channel", title: "News" });
      h.services.requiredChats.add(
        { chatId: -100_111, title: "News", joinUrl: "https://t.me/news" },
        h.clock.now(),
      );
      promoDeeplink();
      h.fake.setMembership(-100_111, h.owner, "creator");
    }

    it("when /start r<code> passes captcha and join check, then the referral is credited after both", async () => {
      everythingOn();
      const pat = h.addUser({ first_name: "Pat" });
      h.fake.setMembership(-100_111, pat, "member");
      await h.start(pat);
      await answerCaptcha(h, pat, true);
      expect(h.record(pat)?.status).toBe("active");

      const ann = h.addUser();
      await h.start(ann, `r${h.record(pat)?.referralCode}`);
      expect(h.record(ann)).toMatchObject({
        status: "pending",
        startPayload: `r${h.record(pat)?.referralCode}`,
      });
      await answerCaptcha(h, ann, true);
      expect(h.fake.lastMessageTo(ann.id)?.text).toBe(texts.joinCheck.prompt);
      expect(h.record(ann)?.status).toBe("pending");
      h.fake.setMembership(-100_111, ann, "member");
      await h.press(ann, texts.joinCheck.joinedButton);
      expect(h.record(ann)).toMatchObject({ status: "active", referrerId: pat.id, startPayload: null });
      expect(h.record(pat)?.referralCount).toBe(1);
      expect(alertsTo(ownerId).at(-1)).toContain("Invited by: Pat");
      expect(h.fake.textsTo(ann.id).at(-1)).toBe("Welcome, Ann! 👋");
    });

    it("when /start <deeplink> passes captcha and join check, then the deeplink is delivered at the end", async () => {
      everythingOn();
      const ann = h.addUser();
      await h.start(ann, "promo");
      await h.say(ann, "what is this?"); // a message in between must not lose the payload
      await answerCaptcha(h, ann, true);
      h.fake.setMembership(-100_111, ann, "member");
      await h.press(ann, texts.joinCheck.joinedButton);
      expect(h.fake.textsTo(ann.id).slice(-2)).toEqual(["🎁 Your promo code: USHER10", "Welcome, Ann! 👋"]);
      expect(h.services.users.tagsOf(ann.id)).toEqual(["from-promo"]);
    });

    it("when an admin presses /start, then no protection stops them", async () => {
      everythingOn();
      h.services.settings.update("maintenance", { enabled: true });
      h.fake.setMembership(-100_111, h.owner, "left");
      await h.start(h.owner);
      expect(h.record(h.owner)?.status).toBe("active");
      expect(h.fake.textsTo(ownerId).at(-1)).toBe("Welcome, Owner! 👋");
    });
  });
});

describe("bad input", () => {
  it("when a pending user presses a button the gate does not know, then it is answered and nothing changes", async () => {
    h = createHarness({ settings: { joinCheck: { enabled: true } } });
    h.fake.addChat({ id: -100_111, type: "channel", title: "News" });
    h.services.requiredChats.add(
      { chatId: -100_111, title: "News", joinUrl: "https://t.me/news" },
      h.clock.now(),
    );
    const ann = h.addUser();
    await h.start(ann);
    await pressData(h, ann, "admin:settings:maintenance:on");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params.text).toBe(texts.gatePending);
    expect(h.record(ann)?.status).toBe("pending");
    expect(h.services.settings.get("maintenance").enabled).toBe(false);
  });

  it("when updates come from groups, channels or without a sender, then nobody is registered", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.send({
      update_id: 1,
      message: {
        message_id: 1,
        date: 1,
        chat: { id: -5, type: "group", title: "G" },
        from: { id: ann.id, is_bot: false, first_name: "Ann" },
        text: "/start",
      },
    });
    await h.send({
      update_id: 2,
      channel_post: { message_id: 1, date: 1, chat: { id: -6, type: "channel", title: "C" }, text: "x" },
    });
    expect(h.record(ann)).toBeUndefined();
  });

  it("when a banned user writes, then the bot ignores them", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    h.database.db.update(users).set({ status: "banned" }).where(eq(users.id, ann.id)).run();
    await h.start(ann);
    await h.say(ann, "hello?");
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
  });

  it("when a reply hits a short flood limit, then it is sent once the wait is over", async () => {
    h = createHarness();
    const ann = h.addUser();
    const stop = h.fake.failWhen((method, params) => {
      if (method !== "sendMessage" || Number(params.chat_id) !== ann.id) return undefined;
      stop();
      return {
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      };
    });
    await h.start(ann);
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
  });

  it("when a text of 4096 characters arrives from a newcomer, then the gate answers normally", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    const ann = h.addUser();
    await h.say(ann, "x".repeat(4096));
    expect(h.fake.lastMessageTo(ann.id)?.text).toMatch(/Tap the/);
  });
});

describe("Dear User and liveness", () => {
  it("when a user has no name, then the welcome calls them by the configured fallback", async () => {
    h = createHarness();
    const nameless = h.addUser({ first_name: "" });
    await h.start(nameless);
    h.services.settings.update("general", { dearUserName: "friend" });
    const invisible = h.addUser({ first_name: "\u3164" });
    await h.start(invisible);
    expect(h.fake.textsTo(nameless.id)).toEqual(["Welcome, Dear User! 👋"]);
    expect(h.fake.textsTo(invisible.id)).toEqual(["Welcome, friend! 👋"]);
  });

  it("when a user blocks the bot, then they are dead; unblocking or writing makes them alive", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    await h.send(h.fake.updates.myChatMember(ann, "kicked"));
    expect(h.record(ann)).toMatchObject({ deadAt: h.clock.now(), deadReason: "blocked" });
    await h.send(h.fake.updates.myChatMember(ann, "member"));
    expect(h.record(ann)?.deadAt).toBeNull();

    await h.send(h.fake.updates.myChatMember(ann, "kicked"));
    await h.say(ann, "I'm back");
    expect(h.record(ann)?.deadAt).toBeNull();
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
  });
});
