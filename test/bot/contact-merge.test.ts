import { afterEach, describe, expect, it } from "vitest";
import { importUsers } from "../../src/features/users/csv/import-users.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";
import { insertImportedContact } from "../support/user-factory.js";

let h: Harness;
afterEach(() => h.close());

const importedAt = new Date("2026-01-10T09:00:00Z");

/** A contact imported without a Telegram id (as a CSV import leaves it), with some history. */
function importContact(id: number, phone: string) {
  insertImportedContact(
    h.database.db,
    {
      id,
      firstName: "Annabel",
      phone,
      email: "annabel@example.com",
      messageCount: 7,
      clickCount: 2,
      sessionCount: 3,
      timeSpentSeconds: 600,
    },
    importedAt,
  );
  const repo = h.services.users;
  repo.addTags(id, ["manychat", "vip"], importedAt);
  repo.setAttribute(id, "country", "Malaysia", importedAt);
  repo.addNote(id, null, "Bought the gold plan", importedAt);
}

describe("sharing a contact", () => {
  it("when a user shares their own contact, then the phone is stored and the imported contact with it merged", async () => {
    h = createHarness();
    importContact(-1, "+60123456789");
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    h.services.users.setAttribute(ann.id, "country", "Singapore", h.clock.now());

    await h.send(h.fake.updates.contact(ann, "60123456789"));

    expect(h.record(-1)).toBeUndefined();
    expect(h.record(ann)).toMatchObject({
      firstName: "Ann",
      phone: "+60123456789",
      phoneSource: "shared_contact",
      email: "annabel@example.com",
      emailSource: "owner",
      importedAt,
      messageCount: 7 + 2,
      clickCount: 2,
      sessionCount: 3 + 1,
      timeSpentSeconds: 600,
    });
    expect(h.services.users.tagsOf(ann.id).sort()).toEqual(["manychat", "vip"]);
    expect(h.services.users.attributesOf(ann.id).map((a) => `${a.key}=${a.value}`)).toEqual([
      "country=Singapore",
    ]);
    expect(h.services.users.notesOf(ann.id).map((n) => n.text)).toEqual(["Bought the gold plan"]);
  });

  it("when a user shares someone else's contact, then nothing is stored or merged", async () => {
    h = createHarness();
    importContact(-1, "+60123456789");
    const ann = h.addUser();
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(ann);

    await h.send(h.fake.updates.contact(ann, "+60123456789", { user_id: bob.id, first_name: "Bob" }));
    await h.send(h.fake.updates.contact(ann, "+60123456789", { user_id: 0, first_name: "Unknown" }));

    expect(h.record(ann)?.phone).toBeNull();
    expect(h.record(-1)).toBeDefined();
  });

  it("when no imported contact has the phone, then only the phone is stored", async () => {
    h = createHarness();
    importContact(-1, "+60123456789");
    const ann = h.addUser();
    await h.start(ann);
    await h.send(h.fake.updates.contact(ann, "+44 20 7946 0958"));
    expect(h.record(ann)?.phone).toBe("+442079460958");
    expect(h.record(-1)).toBeDefined();
  });

  it("when a user typed a phone, then someone else's contact leaves it unverified and their own contact verifies it", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const ann = h.addUser({ first_name: "Ann" });
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(ann);
    // A phone typed before /profile asked for the request-contact button only.
    h.services.users.setPhone(ann.id, "+60123456789", "self_reported");
    const owner = { kind: "admin", id: ownerId } as const;
    const at = h.clock.now();
    const deps = { db: h.services.db, now: () => at };
    await importUsers(deps, owner, { file: "phone,tags\n+60123456789,lead\n", dryRun: false });
    expect(h.services.users.tagsOf(ann.id)).toEqual([]);
    expect(h.record(ann)).toMatchObject({ phone: "+60123456789", phoneSource: "self_reported" });

    await h.send(h.fake.updates.contact(ann, "+60123456789", { user_id: bob.id, first_name: "Bob" }));
    expect(h.record(ann)?.phoneSource).toBe("self_reported");
    expect(h.services.users.tagsOf(-1)).toEqual(["lead"]);

    await h.send(h.fake.updates.contact(ann, "60123456789"));
    expect(h.record(ann)).toMatchObject({ phone: "+60123456789", phoneSource: "shared_contact" });
    expect(h.record(-1)).toBeUndefined();
    // Verified, the phone now finds Ann: the owner's next import lands on her.
    await importUsers(deps, owner, { file: "phone,tags\n+60123456789,client\n", dryRun: false });
    expect(h.services.users.tagsOf(ann.id).sort()).toEqual(["client", "lead"]);
  });
});
