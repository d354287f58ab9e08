import { afterEach, describe, expect, it } from "vitest";
import { currentMenu, openAdmin } from "../support/admin-helpers.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h.close());

const fansId = -1001234567001;
const newsId = -1001234567002;

/** A bot with two groups known to Telegram (the bot not yet in them) and Ann, a bot user. */
async function setUp() {
  h = createApiHarness();
  h.fake.addChat({ id: fansId, type: "supergroup", title: "Fans", botIsAdmin: false });
  h.fake.addChat({ id: newsId, type: "group", title: "News", botIsAdmin: false });
  const ann = h.addUser({ first_name: "Ann" });
  await h.start(ann);
  return ann;
}

/** The card's "Shares a group" line, as the owner sees it after a search. */
async function sharedLine(user: SimUser): Promise<string | undefined> {
  await openAdmin(h, ["👥 Users", "🔎 Search"]);
  await h.say(h.owner, String(user.id));
  return currentMenu(h)
    .text.split("\n")
    .find((line) => line.startsWith("👥 Shares a group:"));
}

const apiGroups = async (user: SimUser) => (await h.get(`/api/users/${user.id}`)).json.groups;
const groupRows = () => h.services.db.$client.prepare("SELECT * FROM group_members").all();

describe("groups: the card says whether the user shares a group with the bot", () => {
  it("when the bot is added to a group and the user writes there, then the card and the API name the group", async () => {
    const ann = await setUp();
    expect(await sharedLine(ann)).toBe("👥 Shares a group: no");
    expect(await apiGroups(ann)).toEqual([]);

    await h.send(h.fake.updates.botMembership(fansId, h.owner, "member"));
    await h.send(h.fake.updates.groupMessage(fansId, ann, { text: "hello fans" }));

    expect(await sharedLine(ann)).toBe("👥 Shares a group: Fans");
    expect(await apiGroups(ann)).toEqual([{ id: fansId, title: "Fans" }]);
    // A group message is not a private chat: no welcome, no gate.
    expect(h.fake.textsTo(fansId)).toEqual([]);
  });

  it("when the bot is an admin, then chat_member joins and leaves are followed", async () => {
    const ann = await setUp();
    await h.send(h.fake.updates.botMembership(fansId, h.owner, "administrator"));
    await h.send(h.fake.updates.botMembership(newsId, h.owner, "administrator"));
    await h.send(h.fake.updates.chatMember(fansId, ann, "member"));
    await h.send(h.fake.updates.chatMember(newsId, ann, "administrator"));
    expect(await apiGroups(ann)).toEqual([
      { id: fansId, title: "Fans" },
      { id: newsId, title: "News" },
    ]);
    expect(await sharedLine(ann)).toBe("👥 Shares a group: Fans, News");

    await h.send(h.fake.updates.chatMember(fansId, ann, "left"));
    await h.send(h.fake.updates.chatMember(newsId, ann, "kicked"));
    expect(await sharedLine(ann)).toBe("👥 Shares a group: no");
    expect(await apiGroups(ann)).toEqual([]);
  });

  it("when join and leave notices arrive as group messages, then membership follows them", async () => {
    const ann = await setUp();
    await h.send(h.fake.updates.botMembership(fansId, h.owner, "member"));
    const annUser = { id: ann.id, is_bot: false, first_name: "Ann" };
    await h.send(h.fake.updates.groupMessage(fansId, ann, { new_chat_members: [annUser] }));
    expect(await apiGroups(ann)).toEqual([{ id: fansId, title: "Fans" }]);
    await h.send(h.fake.updates.groupMessage(fansId, ann, { left_chat_member: annUser }));
    expect(await apiGroups(ann)).toEqual([]);
  });

  it("when the bot leaves or is removed from the group, then it is no longer shared; back in, it is again", async () => {
    const ann = await setUp();
    await h.send(h.fake.updates.botMembership(fansId, h.owner, "member"));
    await h.send(h.fake.updates.groupMessage(fansId, ann));
    await h.send(h.fake.updates.botMembership(fansId, h.owner, "kicked"));
    expect(await apiGroups(ann)).toEqual([]);
    expect(await sharedLine(ann)).toBe("👥 Shares a group: no");

    await h.send(h.fake.updates.botMembership(fansId, h.owner, "member"));
    expect(await apiGroups(ann)).toEqual([{ id: fansId, title: "Fans" }]);
  });

  it("when a group the bot was in before tracking sends a message, then the group is known from it", async () => {
    const ann = await setUp();
    await h.send(h.fake.updates.groupMessage(newsId, ann));
    expect(await apiGroups(ann)).toEqual([{ id: newsId, title: "News" }]);
  });

  it("when someone who never used the bot or an anonymous admin writes, then nothing is stored about them", async () => {
    const ann = await setUp();
    const stranger = h.addUser({ first_name: "Stranger" });
    await h.send(h.fake.updates.botMembership(fansId, h.owner, "member"));
    await h.send(h.fake.updates.groupMessage(fansId, stranger));
    await h.send(h.fake.updates.chatMember(fansId, stranger, "member"));
    const group = h.fake.chat(fansId);
    await h.send(
      h.fake.updates.groupMessage(fansId, ann, {
        text: "as the group",
        sender_chat: { id: fansId, type: "supergroup", title: group?.title ?? "" },
      }),
    );
    expect(groupRows()).toEqual([]);
    expect(h.record(stranger)).toBeUndefined();
    expect(await apiGroups(ann)).toEqual([]);
  });

  it("when a group is upgraded to a supergroup, then its members are the supergroup's", async () => {
    const ann = await setUp();
    await h.send(h.fake.updates.botMembership(newsId, h.owner, "member"));
    await h.send(h.fake.updates.groupMessage(newsId, ann));
    await h.send(h.fake.updates.groupMessage(newsId, h.owner, { migrate_to_chat_id: -1009990001 }));
    expect(await apiGroups(ann)).toEqual([{ id: -1009990001, title: "News" }]);
    expect(await sharedLine(ann)).toBe("👥 Shares a group: News");
  });

  it("when a user is deleted, then their group rows go with them", async () => {
    const ann = await setUp();
    await h.send(h.fake.updates.groupMessage(fansId, ann));
    expect(groupRows()).toHaveLength(1);
    expect((await h.delete(`/api/users/${ann.id}`)).status).toBe(204);
    expect(groupRows()).toEqual([]);
  });
});
