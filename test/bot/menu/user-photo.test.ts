import { afterEach, describe, expect, it } from "vitest";
import { PhotoRepository } from "../../../src/features/users/photo-repository.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { SimUser } from "../../support/fake-telegram/index.js";

let h: Harness;
afterEach(() => h.close());

const actions = () => h.services.audit.recent().map((e) => e.action);
const lastText = (admin: SimUser = h.owner) => h.fake.textsTo(admin.id).at(-1);
const callsOn = (method: string, messageId: number) =>
  h.fake.callsOf(method).filter((c) => c.params.message_id === messageId && c.ok);

/** Ann, registered, whose stored profile photo is a file the fake knows. */
async function annWithPhoto() {
  h = createHarness();
  const ann = h.addUser({ first_name: "Ann", last_name: "Smith" });
  await h.start(ann);
  const photo = h.fake.addFile({ kind: "photo", content: "ann.jpg" }).file_id;
  new PhotoRepository(h.services.db).storeRefreshed(ann.id, photo);
  return { ann, photo };
}

/** Searches for the user: a single match sends their card as a new message. */
async function searchCard(user: { id: number }, admin: SimUser = h.owner) {
  await openAdmin(h, ["👥 Users", "🔎 Search"], admin);
  await h.say(admin, String(user.id));
}

/** Opens the card from the list of several matches: the list message is edited into the card. */
async function listCard(user: { id: number; first_name: string }) {
  const other = h.addUser({ first_name: `${user.first_name}bel` });
  await h.start(other);
  await openAdmin(h, ["👥 Users", "🔎 Search"]);
  await h.say(h.owner, user.first_name);
  await h.press(h.owner, new RegExp(`^${user.first_name} .*· ${user.id}$`));
}

describe("admin menu: the user card with a profile photo", () => {
  it("when the user has a photo, then their card is a photo message with the card as its caption", async () => {
    const { ann, photo } = await annWithPhoto();
    await searchCard(ann);
    const card = currentMenu(h);
    expect(card.message.kind).toBe("photo");
    expect(card.message.message.photo?.at(-1)?.file_id).toBe(photo);
    expect(card.text).toContain(`Id: ${ann.id}`);
    expect(card.buttons).toContain("🖼 Replace photo");
  });

  it("when a text page opens the card, then the message is edited into the photo; back to a text page, a new text message replaces it", async () => {
    const { ann, photo } = await annWithPhoto();
    await listCard(ann);
    const card = currentMenu(h);
    expect(card.message.kind).toBe("photo");
    expect(card.message.message.photo?.at(-1)?.file_id).toBe(photo);
    expect(callsOn("editMessageMedia", card.message.message_id)).toHaveLength(1);

    await h.press(h.owner, "🏷 Tags");
    const tags = currentMenu(h);
    expect(tags.message.kind).toBe("text");
    expect(tags.text).toContain("🏷 Tags of Ann Smith");
    expect(tags.message.message_id).not.toBe(card.message.message_id);
    expect(h.fake.messagesTo(ownerId).some((m) => m.message_id === card.message.message_id)).toBe(false);
    // No menu edit was left pending on the deleted photo.
    expect(h.fake.callsOf("editMessageReplyMarkup").filter((c) => !c.ok)).toEqual([]);

    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).message.message_id).toBe(tags.message.message_id);
    expect(currentMenu(h).message.kind).toBe("photo");
  });

  it("when a card button changes the user, then only the caption is edited", async () => {
    const { ann } = await annWithPhoto();
    await searchCard(ann);
    const card = currentMenu(h);
    await h.press(h.owner, "❌ ♾ Infinite session");
    expect(h.record(ann)?.infiniteSession).toBe(true);
    expect(callsOn("editMessageCaption", card.message.message_id)).toHaveLength(1);
    expect(callsOn("editMessageMedia", card.message.message_id)).toEqual([]);
    expect(currentMenu(h).buttons).toContain("✅ ♾ Infinite session");
  });

  it("when the card is longer than a caption may be, then it is shown as text without the photo", async () => {
    const { ann } = await annWithPhoto();
    const tags = Array.from({ length: 60 }, (_, i) => `a-rather-long-tag-${i}`);
    h.services.users.addTags(ann.id, tags, h.clock.now());
    await searchCard(ann);
    const card = currentMenu(h);
    expect(card.message.kind).toBe("text");
    expect(card.text.length).toBeGreaterThan(1024);
    expect(h.fake.callsOf("sendPhoto")).toEqual([]);
  });

  it("when the stored photo is one Telegram no longer knows, then the card is shown as text", async () => {
    const { ann } = await annWithPhoto();
    new PhotoRepository(h.services.db).storeRefreshed(ann.id, "AgAD-a-file-long-gone");
    await searchCard(ann);
    expect(currentMenu(h).message.kind).toBe("text");
    expect(currentMenu(h).text).toContain(`Id: ${ann.id}`);
  });

  it("when the user has no photo, then the card stays a text message", async () => {
    h = createHarness();
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    await listCard(ann);
    expect(currentMenu(h).message.kind).toBe("text");
    expect(h.fake.callsOf("editMessageMedia")).toEqual([]);
  });

  it("when the photo is refreshed from the card, then the card shows Telegram's photo", async () => {
    h = createHarness();
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    h.fake.setProfilePhotos(ann, 1);
    await listCard(ann);
    await h.press(h.owner, "🖼 Refresh photo");
    expect(lastText()).toBe("🖼 Profile photo refreshed.");
    const card = currentMenu(h);
    expect(card.message.kind).toBe("photo");
    expect(card.message.message.photo?.at(-1)?.file_id).toBe(h.record(ann)?.photoFileId);
  });
});

describe("admin menu: replacing a user's photo", () => {
  it("when the admin sends a photo after 🖼 Replace photo, then it is stored, audited and the card shows it; a text is asked again", async () => {
    const { ann, photo } = await annWithPhoto();
    await searchCard(ann);
    await h.press(h.owner, "🖼 Replace photo");
    expect(lastText()).toContain("Send the photo");
    await h.say(h.owner, "not a photo");
    expect(lastText()).toBe("Please send a photo (not a file or a text).");
    expect(h.record(ann)?.photoFileId).toBe(photo);

    const sent = h.fake.updates.photo(h.owner);
    const largest = sent.message?.photo?.at(-1)?.file_id;
    await h.send(sent);
    expect(h.record(ann)?.photoFileId).toBe(largest);
    expect(h.record(ann)?.photoReplacedAt).toEqual(h.clock.now());
    expect(actions()[0]).toBe("users.replacePhoto");
    const card = currentMenu(h);
    expect(card.message.kind).toBe("photo");
    expect(card.message.message.photo?.at(-1)?.file_id).toBe(largest);
  });

  it("when the admin loses rights while the photo is asked, then nothing changes", async () => {
    const { ann, photo } = await annWithPhoto();
    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob);
    h.services.admins.add(bob.id, ownerId, new Date());
    await searchCard(ann, bob);
    await h.press(bob, "🖼 Replace photo");
    h.services.admins.remove(bob.id);
    await h.send(h.fake.updates.photo(bob));
    expect(h.record(ann)?.photoFileId).toBe(photo);
    expect(actions()).not.toContain("users.replacePhoto");
  });
});
