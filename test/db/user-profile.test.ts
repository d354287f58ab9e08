import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { ProfileFieldError } from "../../src/features/users/profile-fields.js";
import { currentProfilePhoto } from "../../src/features/users/profile-photo.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { FakeTelegram } from "../support/fake-telegram/index.js";
import { createTestDatabase } from "../support/test-database.js";

const now = new Date("2026-06-01T12:00:00Z");
const later = new Date("2026-06-01T12:05:00Z");

function fresh() {
  const { db } = createTestDatabase();
  const repo = new UserRepository(db);
  repo.touch({ id: 42, is_bot: false, first_name: "Ann" }, now);
  return { db, repo };
}

const refused = (code: string) => expect.objectContaining({ name: "ProfileFieldError", code });

describe("profile fields", () => {
  it("when names are set, then they are trimmed and a blank first name makes a Dear User", () => {
    const { repo } = fresh();
    expect(repo.setNames(42, "  Bob ", " Stone ")).toBe(true);
    expect(repo.find(42)).toMatchObject({ firstName: "Bob", lastName: "Stone" });
    repo.setNames(42, "  ", null);
    expect(repo.find(42)).toMatchObject({ firstName: null, lastName: null });
    expect(() => repo.setNames(42, "x".repeat(65), null)).toThrow(refused("invalid_name"));
    expect(repo.setNames(7, "Nobody", null)).toBe(false);
  });

  it("when an email is set, then it is stored trimmed; a malformed one is refused and nothing changes", () => {
    const { repo } = fresh();
    repo.setEmail(42, " Ann.Lee@Example.COM ");
    expect(repo.find(42)?.email).toBe("Ann.Lee@Example.COM");
    for (const bad of ["ann", "ann@", "ann@example", "ann @example.com", "a@b@c.com", "<ann@example.com>"]) {
      expect(() => repo.setEmail(42, bad)).toThrow(refused("invalid_email"));
    }
    expect(repo.find(42)?.email).toBe("Ann.Lee@Example.COM");
    repo.setEmail(42, null);
    expect(repo.find(42)?.email).toBeNull();
  });

  it("when a phone is set, then it is stored as + and digits; too short, too long or with letters is refused", () => {
    const { repo } = fresh();
    repo.setPhone(42, "+1 (555) 123-4567");
    expect(repo.find(42)?.phone).toBe("+15551234567");
    repo.setPhone(42, "0044 20 7946 0958");
    expect(repo.find(42)?.phone).toBe("+442079460958");
    repo.setPhone(42, "79991234567");
    expect(repo.find(42)?.phone).toBe("+79991234567");
    for (const bad of ["+12345", "+1234567890123456", "+1 555 CALL NOW", "+0123456789", ""]) {
      expect(() => repo.setPhone(42, bad)).toThrow(refused("invalid_phone"));
    }
  });

  it("when a time zone is set, then only IANA names are accepted", () => {
    const { repo } = fresh();
    repo.setTimezone(42, "Asia/Kuala_Lumpur");
    expect(repo.find(42)?.timezone).toBe("Asia/Kuala_Lumpur");
    expect(() => repo.setTimezone(42, "Mars/Olympus")).toThrow(refused("invalid_timezone"));
    expect(() => repo.setTimezone(42, "GMT+8")).toThrow(ProfileFieldError);
    repo.setTimezone(42, null);
    expect(repo.find(42)?.timezone).toBeNull();
  });

  it("when a gender is set, then it is free short text, and blank clears it", () => {
    const { repo } = fresh();
    repo.setGender(42, " female ");
    expect(repo.find(42)?.gender).toBe("female");
    expect(() => repo.setGender(42, "x".repeat(33))).toThrow(refused("invalid_gender"));
    repo.setGender(42, "");
    expect(repo.find(42)?.gender).toBeNull();
  });
});

describe("attributes", () => {
  it("when an attribute is set twice, then the value and time are replaced; unset removes it", () => {
    const { repo } = fresh();
    expect(repo.setAttribute(42, "country", "Malaysia", now)).toBe(true);
    repo.setAttribute(42, "country", "Singapore", later);
    repo.setAttribute(42, "age", "31", now);
    expect(repo.attributesOf(42)).toEqual([
      { key: "age", value: "31", updatedAt: now },
      { key: "country", value: "Singapore", updatedAt: later },
    ]);
    expect(repo.unsetAttribute(42, "country")).toBe(true);
    expect(repo.unsetAttribute(42, "country")).toBe(false);
    expect(repo.attributesOf(42).map((a) => a.key)).toEqual(["age"]);
  });

  it("when a key is not [a-z0-9_]{1,64} or a value exceeds 1 KB, then it is refused", () => {
    const { repo } = fresh();
    for (const key of ["Country", "two words", "", "k".repeat(65), "ключ"]) {
      expect(() => repo.setAttribute(42, key, "x", now)).toThrow(refused("invalid_attribute_key"));
    }
    expect(repo.setAttribute(42, "k".repeat(64), "x".repeat(1024), now)).toBe(true);
    // 1 KB of UTF-8: 512 two-byte letters fit, one more does not.
    expect(repo.setAttribute(42, "name", "я".repeat(512), now)).toBe(true);
    expect(() => repo.setAttribute(42, "name", "я".repeat(513), now)).toThrow(
      refused("attribute_value_too_long"),
    );
    expect(repo.setAttribute(7, "country", "Malaysia", now)).toBe(false);
  });

  it("when a value has spaces around it or Windows line breaks, then it is stored trimmed with \\n; blank is refused", () => {
    const { repo } = fresh();
    expect(repo.setAttribute(42, "bio", "  line one\r\nline two \r", now)).toBe(true);
    expect(repo.attributesOf(42).find((a) => a.key === "bio")?.value).toBe("line one\nline two");
    expect(() => repo.setAttribute(42, "bio", " \r\n\t", now)).toThrow(refused("empty_attribute_value"));
    expect(repo.attributesOf(42).find((a) => a.key === "bio")?.value).toBe("line one\nline two");
  });
});

describe("tags", () => {
  it("when a tag is added and removed, then it is normalised and each step reports whether it changed anything", () => {
    const { repo } = fresh();
    expect(repo.addTag(42, " VIP ", now)).toBe(true);
    expect(repo.addTag(42, "vip", now)).toBe(false);
    expect(repo.tagsOf(42)).toEqual(["vip"]);
    expect(() => repo.addTag(42, "two words", now)).toThrow(refused("invalid_tag"));
    expect(repo.removeTag(42, "VIP")).toBe(true);
    expect(repo.removeTag(42, "vip")).toBe(false);
    expect(repo.addTag(7, "vip", now)).toBe(false);
  });
});

describe("notes", () => {
  it("when notes are added, then they list newest first with author and time, and delete takes only this user's", () => {
    const { repo } = fresh();
    repo.touch({ id: 43, is_bot: false, first_name: "Bob" }, now);
    const first = repo.addNote(42, 900_001, "  Called about the invoice ", now);
    const second = repo.addNote(42, null, "Imported from the CRM", later);
    const other = repo.addNote(43, 900_001, "Someone else", now);
    expect(first).toMatchObject({
      userId: 42,
      authorId: 900_001,
      text: "Called about the invoice",
      createdAt: now,
    });
    expect(repo.notesOf(42).map((n) => n.id)).toEqual([second?.id, first?.id]);
    expect(repo.deleteNote(42, other?.id as number)).toBe(false);
    expect(repo.deleteNote(42, first?.id as number)).toBe(true);
    expect(repo.notesOf(42).map((n) => n.text)).toEqual(["Imported from the CRM"]);
    expect(() => repo.addNote(42, null, "   ", now)).toThrow(refused("invalid_note"));
    expect(repo.addNote(7, null, "nobody", now)).toBeUndefined();
  });
});

describe("ban, infinite session and photo", () => {
  it("when a registered user is banned and unbanned, then they are active again; an unregistered one pending", () => {
    const { repo } = fresh();
    repo.touch({ id: 43, is_bot: false, first_name: "Bob" }, now);
    repo.register(42, { referrerId: null, campaignId: null }, now);
    expect(repo.ban(42)).toBe(true);
    expect(repo.ban(43)).toBe(true);
    expect(repo.find(42)?.status).toBe("banned");
    expect(repo.unban(42)).toBe(true);
    expect(repo.unban(43)).toBe(true);
    expect(repo.find(42)?.status).toBe("active");
    expect(repo.find(43)?.status).toBe("pending");
    expect(repo.unban(42)).toBe(false);
  });

  it("when infinite session is switched on and off, then the flag follows", () => {
    const { repo } = fresh();
    repo.setInfiniteSession(42, true);
    expect(repo.find(42)?.infiniteSession).toBe(true);
    repo.setInfiniteSession(42, false);
    expect(repo.find(42)?.infiniteSession).toBe(false);
    expect(repo.setInfiniteSession(7, true)).toBe(false);
  });

  it("when Telegram is asked for the profile photo, then the largest size of the newest photo is answered, or null with none", async () => {
    const fake = new FakeTelegram();
    const sim = fake.addUser({ id: 42, first_name: "Ann" });
    const api = new Api(fake.token, { fetch: fake.fetch, apiRoot: "http://fake.local" });
    fake.setProfilePhotos(sim, 2);

    const fileId = await currentProfilePhoto(api, 42);
    expect(fileId).toMatch(/^fake-photo-/);
    expect(fake.callsOf("getUserProfilePhotos")[0]?.params).toMatchObject({ user_id: 42, limit: 1 });

    fake.setProfilePhotos(sim, 0);
    expect(await currentProfilePhoto(api, 42)).toBeNull();
  });
});

describe("names given by an admin, the profile form or a merge", () => {
  it("when names were set by hand, then the next update from Telegram does not overwrite them", () => {
    const { repo } = fresh();
    repo.touch({ id: 7, is_bot: false, first_name: "" }, now);
    expect(repo.setNames(7, "Anna", "Lee", now)).toBe(true);
    repo.touch({ id: 7, is_bot: false, first_name: "ㅤ", username: "anna" }, later);
    expect(repo.find(7)).toMatchObject({
      firstName: "Anna",
      lastName: "Lee",
      username: "anna",
      lastSeenAt: later,
    });
  });

  it("when nobody set names, then Telegram's names keep following the account", () => {
    const { repo } = fresh();
    repo.touch({ id: 8, is_bot: false, first_name: "Bo" }, now);
    repo.touch({ id: 8, is_bot: false, first_name: "Bob", last_name: "Ray" }, later);
    expect(repo.find(8)).toMatchObject({ firstName: "Bob", lastName: "Ray" });
  });
});
