import { describe, expect, it } from "vitest";
import { AdminDirectory } from "../../src/features/admins/admin-directory.js";
import { createTestDatabase } from "../support/test-database.js";

const ownerId = 1;
const at = new Date("2026-06-01T12:00:00Z");
const later = new Date("2026-06-01T12:05:00Z");

const fresh = () => {
  const { db } = createTestDatabase();
  return { db, admins: new AdminDirectory(db, [ownerId]) };
};

describe("AdminDirectory (added admins kept in memory)", () => {
  it("when an admin is added after the directory was read, then they are an admin at once, listed after the owners", () => {
    const { admins } = fresh();
    expect(admins.isAdmin(42)).toBe(false);
    expect(admins.adminIds()).toEqual([ownerId]);

    expect(admins.add(42, ownerId, at)).toBe(true);
    expect(admins.add(43, ownerId, later)).toBe(true);
    expect(admins.isAdmin(42)).toBe(true);
    expect(admins.roleOf(43)).toBe("admin");
    expect(admins.adminIds()).toEqual([ownerId, 42, 43]);
    expect(admins.addedAdminIds()).toEqual([42, 43]);
  });

  it("when an added admin is removed, then they lose admin rights at once", () => {
    const { admins } = fresh();
    admins.add(42, ownerId, at);
    expect(admins.isAdmin(42)).toBe(true);

    expect(admins.remove(42)).toBe(true);
    expect(admins.isAdmin(42)).toBe(false);
    expect(admins.roleOf(42)).toBeNull();
    expect(admins.adminIds()).toEqual([ownerId]);
    expect(admins.remove(42)).toBe(false);
  });

  it("when an owner or an existing admin is added, then nothing changes", () => {
    const { admins } = fresh();
    admins.add(42, ownerId, at);
    expect(admins.add(42, ownerId, later)).toBe(false);
    expect(admins.add(ownerId, ownerId, later)).toBe(false);
    expect(admins.findAdded(42)?.addedAt).toEqual(at);
    expect(admins.adminIds()).toEqual([ownerId, 42]);
  });

  it("when a new directory opens the same database (a restart), then it sees the admins added before", () => {
    const { db, admins } = fresh();
    admins.add(42, ownerId, at);
    const restarted = new AdminDirectory(db, [ownerId]);
    expect(restarted.isAdmin(42)).toBe(true);
    expect(restarted.addedAdminIds()).toEqual([42]);
  });

  it("when a caller changes a returned list, then the directory's lists stay as they were", () => {
    const { admins } = fresh();
    admins.add(42, ownerId, at);
    admins.adminIds().push(99);
    admins.addedAdminIds().push(99);
    expect(admins.isAdmin(99)).toBe(false);
    expect(admins.adminIds()).toEqual([ownerId, 42]);
  });
});
