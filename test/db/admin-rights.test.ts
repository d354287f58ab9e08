import { describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/index.js";
import { AdminDirectory } from "../../src/features/admins/admin-directory.js";
import { AdminRightsError, addAdmin, removeAdmin } from "../../src/features/admins/admin-rights.js";
import { createTestDatabase } from "../support/test-database.js";

const ownerId = 1;
const owner = { kind: "admin", id: ownerId } as const;
const now = new Date("2026-06-01T12:00:00Z");

const fresh = () => {
  const { db } = createTestDatabase();
  return { db, admins: new AdminDirectory(db, [ownerId]), now: () => now };
};
const refusal = (change: () => void) => {
  try {
    change();
  } catch (error) {
    if (error instanceof AdminRightsError) return error.code;
    throw error;
  }
  return "done";
};

describe("admin rights (the verbs behind 👮 Admins)", () => {
  it("when an owner adds and removes an admin, then each change is audited with it", () => {
    const deps = fresh();
    addAdmin(deps, owner, 42);
    expect(deps.admins.isAdmin(42)).toBe(true);
    removeAdmin(deps, owner, 42);
    expect(deps.admins.isAdmin(42)).toBe(false);
    const entries = deps.db.select().from(auditLog).all();
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["admins.add", ownerId],
      ["admins.remove", ownerId],
    ]);
  });

  it("when the caller is an added admin or the API, then the verb itself refuses and nothing is written", () => {
    const deps = fresh();
    addAdmin(deps, owner, 42);
    expect(refusal(() => addAdmin(deps, { kind: "admin", id: 42 }, 43))).toBe("not_owner");
    expect(refusal(() => removeAdmin(deps, { kind: "admin", id: 42 }, 42))).toBe("not_owner");
    expect(refusal(() => addAdmin(deps, { kind: "system", label: "api" }, 43))).toBe("not_owner");
    expect(deps.admins.adminIds()).toEqual([ownerId, 42]);
    expect(deps.db.select().from(auditLog).all()).toHaveLength(1);
  });

  it("when the person is an owner, an imported contact, already an admin or not added, then it is refused by code", () => {
    const deps = fresh();
    addAdmin(deps, owner, 42);
    expect(refusal(() => addAdmin(deps, owner, ownerId))).toBe("is_owner");
    expect(refusal(() => removeAdmin(deps, owner, ownerId))).toBe("is_owner");
    expect(refusal(() => addAdmin(deps, owner, -7))).toBe("not_telegram_user");
    expect(refusal(() => addAdmin(deps, owner, 42))).toBe("already_admin");
    expect(refusal(() => removeAdmin(deps, owner, 99))).toBe("not_added");
    expect(deps.db.select().from(auditLog).all()).toHaveLength(1);
  });
});
