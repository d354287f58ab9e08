import { describe, expect, it } from "vitest";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase, testPostgresUrl } from "../support/test-database.js";

const first = new Date("2026-06-01T12:00:00Z");
const second = new Date("2026-06-01T12:05:00Z");
const ann = {
  id: 42,
  is_bot: false,
  first_name: "Ann",
  last_name: "Lee",
  username: "ann",
  language_code: "en",
};

const fresh = () => new UserRepository(createTestDatabase().db);

describe("UserRepository", () => {
  it("when a user is touched twice, then the profile and last-seen follow Telegram and the rest is kept", () => {
    const users = fresh();
    const created = users.touch(ann, first);
    expect(created).toMatchObject({
      id: 42,
      firstName: "Ann",
      lastName: "Lee",
      username: "ann",
      languageCode: "en",
      isPremium: false,
      status: "pending",
      firstSeenAt: first,
      lastSeenAt: first,
      referralCount: 0,
      startPayload: null,
      deadAt: null,
    });
    expect(created.referralCode).toMatch(/^[A-Za-z0-9]{10}$/);

    users.setStartPayload(42, "promo");
    const touched = users.touch(
      { id: 42, is_bot: false, first_name: "Anna", username: "anna", is_premium: true },
      second,
    );
    expect(touched).toEqual({
      ...created,
      firstName: "Anna",
      lastName: null,
      username: "anna",
      languageCode: null,
      isPremium: true,
      lastSeenAt: second,
      startPayload: "promo",
    });
    expect(users.find(42)).toEqual(touched);
    expect(users.findByReferralCode(created.referralCode)).toEqual(touched);
    expect(users.find(43)).toBeUndefined();
  });

  // total_changes() is SQLite's count of written rows; PostgreSQL has none a test can read.
  it.skipIf(testPostgresUrl !== undefined)(
    "when an unchanged profile is touched again within a minute, then nothing is written; a change or a minute later is",
    () => {
      const { db, sqlite } = createTestDatabase();
      const users = new UserRepository(db);
      users.touch(ann, first);
      const changes = () => (sqlite.prepare("select total_changes() as n").get() as { n: number }).n;
      const before = changes();
      const again = users.touch(ann, new Date(first.getTime() + 30_000));
      expect(changes()).toBe(before);
      expect(again.lastSeenAt).toEqual(first);

      const renamed = users.touch({ ...ann, username: "ann_new" }, new Date(first.getTime() + 40_000));
      expect(changes()).toBe(before + 1);
      expect(renamed).toMatchObject({ username: "ann_new", lastSeenAt: new Date(first.getTime() + 40_000) });

      const later = users.touch({ ...ann, username: "ann_new" }, new Date(first.getTime() + 100_001));
      expect(changes()).toBe(before + 2);
      expect(later.lastSeenAt).toEqual(new Date(first.getTime() + 100_001));
    },
  );

  it("when a pending user registers with a referrer, then the parent is credited once and a second call changes nothing", () => {
    const users = fresh();
    users.touch({ ...ann, id: 1 }, first);
    users.touch(ann, first);
    expect(users.register(42, { referrerId: 1, campaignId: null }, second)).toBe(true);
    expect(users.find(42)).toMatchObject({ status: "active", registeredAt: second, referrerId: 1 });
    expect(users.find(1)?.referralCount).toBe(1);

    expect(users.register(42, { referrerId: 1, campaignId: null }, second)).toBe(false);
    expect(users.find(1)?.referralCount).toBe(1);
    expect(users.referralChainContains(42, 1)).toBe(true);
    expect(users.referralChainContains(1, 42)).toBe(false);
  });

  it("when the new-user alert is claimed twice, then only the first claim wins", () => {
    const users = fresh();
    users.touch(ann, first);
    expect(users.claimNewUserAlert(42, first)).toBe(true);
    expect(users.claimNewUserAlert(42, second)).toBe(false);
    expect(users.find(42)?.newUserAlertSentAt).toEqual(first);
  });

  it("when a user dies and comes back, then the reason and failed deliveries are cleared", () => {
    const users = fresh();
    users.touch(ann, first);
    users.markCaptchaPassed(42, first);
    users.markDead(42, "blocked", second);
    expect(users.find(42)).toMatchObject({ captchaPassedAt: first, deadAt: second, deadReason: "blocked" });
    users.markAlive(42);
    expect(users.find(42)).toMatchObject({ deadAt: null, deadReason: null, failedDeliveries: 0 });
  });

  it("when tags are added, then each is kept once", () => {
    const users = fresh();
    users.touch(ann, first);
    users.addTags(42, [], first);
    users.addTags(42, ["a"], first);
    users.addTags(42, ["a", "b", "c"], second);
    expect(users.tagsOf(42).sort()).toEqual(["a", "b", "c"]);
  });
});
