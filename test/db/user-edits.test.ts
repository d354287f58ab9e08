import { describe, expect, it } from "vitest";
import { auditLog, users } from "../../src/db/schema/index.js";
import type { Actor } from "../../src/features/audit/audit-log.js";
import { addUserNote, patchUser, UserFieldError } from "../../src/features/users/patch-user.js";
import { UpsertError, upsertUser } from "../../src/features/users/upsert-user.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase } from "../support/test-database.js";
import { insertImportedContact } from "../support/user-factory.js";

const now = new Date("2026-06-01T12:00:00Z");
const api: Actor = { kind: "system", label: "api" };

function fresh() {
  const { db } = createTestDatabase();
  const repo = new UserRepository(db);
  const deps = { db, users: repo, now: () => now };
  const telegramUser = (id: number) => repo.touch({ id, is_bot: false, first_name: `User${id}` }, now);
  const importedContact = (id: number, fields: { email?: string; phone?: string }) =>
    insertImportedContact(db, { id, ...fields }, now);
  const actions = () =>
    db
      .select()
      .from(auditLog)
      .all()
      .map((e) => e.action);
  return { db, repo, deps, telegramUser, importedContact, actions };
}

const refusedAt = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof UserFieldError) return { path: error.path, code: error.problem };
    if (error instanceof UpsertError) return error.problem;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("patchUser", () => {
  it("when a tag is removed and added, or an attribute unset and set, in one patch, then the added and set ones stay", () => {
    const { deps, repo, telegramUser } = fresh();
    telegramUser(42);
    repo.addTag(42, "vip", now);
    repo.setAttribute(42, "plan", "free", now);
    const changes = patchUser(deps, api, {
      userId: 42,
      patch: {
        tags: { add: ["vip"], remove: ["VIP"] },
        attributes: { unset: ["plan"], set: { plan: "free" } },
      },
    });
    expect(changes).toEqual(["removeTag", "addTag", "unsetAttribute", "setAttribute"]);
    expect(repo.tagsOf(42)).toEqual(["vip"]);
    expect(repo.attributesOf(42)).toEqual([expect.objectContaining({ key: "plan", value: "free" })]);
  });

  it("when only the last name is sent, then the first name is kept and names count as edited", () => {
    const { deps, repo, telegramUser } = fresh();
    telegramUser(42);
    expect(patchUser(deps, api, { userId: 42, patch: { lastName: " Lee " } })).toEqual(["setNames"]);
    expect(repo.find(42)).toMatchObject({ firstName: "User42", lastName: "Lee", namesEditedAt: now });
  });

  it("when the user does not exist or a later value is bad, then nothing is written or audited", () => {
    const { deps, repo, telegramUser, actions } = fresh();
    expect(patchUser(deps, api, { userId: 7, patch: { gender: "x" } })).toBeUndefined();
    telegramUser(42);
    expect(
      refusedAt(() =>
        patchUser(deps, api, { userId: 42, patch: { gender: "x", attributes: { unset: ["No"] } } }),
      ),
    ).toEqual({
      path: ["attributes", "unset", 0],
      code: "invalid_attribute_key",
    });
    expect(repo.find(42)?.gender).toBeNull();
    expect(refusedAt(() => addUserNote(deps, api, { userId: 42, text: " " }))).toEqual({
      path: ["text"],
      code: "invalid_note",
    });
    expect(addUserNote(deps, api, { userId: 7, text: "hello" })).toBeUndefined();
    expect(actions()).toEqual([]);
  });
});

describe("upsertUser", () => {
  it("when the phone is written another way, then it still finds the user", () => {
    const { deps, repo, telegramUser } = fresh();
    telegramUser(42);
    repo.setPhone(42, "+60123456789");
    expect(upsertUser(deps, api, { where: "phone", phone: "0060 12 345 6789", gender: "f" })).toEqual({
      userId: 42,
      outcome: "updated",
    });
    expect(repo.find(42)?.gender).toBe("f");
  });

  it("when contacts are created without a Telegram id, then each gets an id below every id in use, audited as users.create only", () => {
    const { deps, importedContact, actions } = fresh();
    importedContact(-7, { email: "old@example.com" });
    const first = upsertUser(deps, api, {
      where: "email",
      email: "a@example.com",
      firstName: "A",
      tags: ["x"],
    });
    const second = upsertUser(deps, api, { where: "phone", phone: "+60123456789" });
    expect([first, second]).toEqual([
      { userId: -8, outcome: "created" },
      { userId: -9, outcome: "created" },
    ]);
    expect(actions()).toEqual(["users.create", "users.create"]);
  });

  it("when the email finds a contact and telegram_id is not known yet, then the Telegram user is created pending and the contact merged into it", () => {
    const { deps, repo, importedContact, actions } = fresh();
    importedContact(-1, { email: "ann@example.com", phone: "+60111111111" });
    repo.addTag(-1, "fair", now);
    const result = upsertUser(deps, api, { where: "email", telegramId: 4242, email: "Ann@example.com" });
    expect(result).toEqual({ userId: 4242, outcome: "merged" });
    expect(repo.find(-1)).toBeUndefined();
    expect(repo.find(4242)).toMatchObject({
      status: "pending",
      email: "Ann@example.com",
      phone: "+60111111111",
    });
    expect(repo.tagsOf(4242)).toEqual(["fair"]);
    expect(actions()).toEqual(["users.create", "users.merge", "users.setEmail"]);
  });

  it("when telegram_id is known and nobody has the email, then that user gets the email", () => {
    const { deps, repo, telegramUser } = fresh();
    telegramUser(42);
    expect(upsertUser(deps, api, { where: "email", telegramId: 42, email: "b@example.com" })).toEqual({
      userId: 42,
      outcome: "updated",
    });
    expect(repo.find(42)?.email).toBe("b@example.com");
  });

  it("when the key is missing, or two contacts have it, then the upsert is refused and nothing is written", () => {
    const { deps, db, importedContact } = fresh();
    expect(refusedAt(() => upsertUser(deps, api, { where: "telegramId", email: "a@example.com" }))).toEqual({
      kind: "missing_key",
      field: "telegramId",
    });
    importedContact(-1, { email: "twin@example.com" });
    importedContact(-2, { email: "TWIN@example.com" });
    expect(refusedAt(() => upsertUser(deps, api, { where: "email", email: "twin@example.com" }))).toEqual({
      kind: "ambiguous",
      field: "email",
      userIds: [-2, -1],
    });
    expect(
      refusedAt(() => upsertUser(deps, api, { where: "email", email: "twin@example.com", telegramId: 5 })),
    ).toMatchObject({ kind: "ambiguous" });
    expect(db.select().from(users).all()).toHaveLength(2);
  });
});
