import { describe, expect, it } from "vitest";
import { auditLog, users } from "../../src/db/schema/index.js";
import { CreateUserError, createUser } from "../../src/features/users/csv/create-user.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase } from "../support/test-database.js";

const now = new Date("2026-06-01T12:00:00Z");
const admin = { kind: "admin", id: 900_001 } as const;

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof CreateUserError) return error.problems;
    throw error;
  }
  throw new Error("expected a CreateUserError");
};

describe("createUser", () => {
  it("when an admin enters a Telegram id and names, then a pending user is created and audited", () => {
    const { db } = createTestDatabase();
    const user = createUser({ db, now: () => now }, admin, {
      telegramId: 4242,
      firstName: " Ann ",
      lastName: "Lee",
      username: "@ann_l",
    });
    expect(user).toMatchObject({
      id: 4242,
      firstName: "Ann",
      lastName: "Lee",
      username: "ann_l",
      status: "pending",
      firstSeenAt: now,
      importedAt: now,
    });
    expect(user.referralCode).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(db.select().from(auditLog).all()).toEqual([
      expect.objectContaining({ actorId: admin.id, action: "users.create", after: { userId: 4242 } }),
    ]);
  });

  it("when only a phone or an email is known, then the contact gets the next negative id", () => {
    const { db } = createTestDatabase();
    expect(createUser({ db, now: () => now }, admin, { phone: "+49 151 0000 0001" })).toMatchObject({
      id: -1,
      phone: "+4915100000001",
      firstName: null,
    });
    expect(createUser({ db, now: () => now }, admin, { email: "b@example.com", firstName: "Bea" }).id).toBe(
      -2,
    );
  });

  it("when the input has no key or bad values, then every problem is named and nothing is stored", () => {
    const { db } = createTestDatabase();
    expect(problemsOf(() => createUser({ db, now: () => now }, admin, { firstName: "Ann" }))).toEqual([
      { kind: "no_key" },
    ]);
    expect(
      problemsOf(() =>
        createUser({ db, now: () => now }, admin, {
          telegramId: -3,
          phone: "12",
          email: "nope",
          firstName: "x".repeat(65),
          languageCode: "English",
        }),
      ),
    ).toEqual([
      { kind: "invalid", field: "telegramId" },
      { kind: "invalid", field: "phone" },
      { kind: "invalid", field: "email" },
      { kind: "too_long", field: "firstName", max: 64 },
      { kind: "invalid", field: "languageCode" },
    ]);
    expect(db.select().from(users).all()).toEqual([]);
  });

  it("when any key already belongs to a user, then creation is refused and names that user", () => {
    const { db } = createTestDatabase();
    new UserRepository(db).touch({ id: 7, is_bot: false, first_name: "Tg" }, now);
    const contact = createUser({ db, now: () => now }, admin, {
      phone: "+4915100000001",
      email: "Ann@Example.com",
    });
    expect(
      problemsOf(() =>
        createUser({ db, now: () => now }, admin, {
          telegramId: 7,
          phone: "004915100000001",
          email: "ann@example.COM",
        }),
      ),
    ).toEqual([
      { kind: "duplicate", field: "telegramId", userId: 7 },
      { kind: "duplicate", field: "phone", userId: contact.id },
      { kind: "duplicate", field: "email", userId: contact.id },
    ]);
    expect(db.select().from(users).all()).toHaveLength(2);
    expect(db.select().from(auditLog).all()).toHaveLength(1);
  });

  it("when only a Telegram user who typed them has the phone and email, then the contact is created with them as the owner's", () => {
    const { db } = createTestDatabase();
    const repo = new UserRepository(db);
    repo.touch({ id: 7, is_bot: false, first_name: "Mallory" }, now);
    repo.setPhone(7, "+4915100000001", "self_reported");
    repo.setEmail(7, "vic@example.com", "self_reported");
    const contact = createUser({ db, now: () => now }, admin, {
      phone: "+4915100000001",
      email: "Vic@example.com",
    });
    expect(contact).toMatchObject({ id: -1, phoneSource: "owner", emailSource: "owner" });
    expect(problemsOf(() => createUser({ db, now: () => now }, admin, { phone: "+4915100000001" }))).toEqual([
      { kind: "duplicate", field: "phone", userId: -1 },
    ]);
  });
});
