import { afterEach, describe, expect, it } from "vitest";
import { linkClicks } from "../../src/db/schema/index.js";
import { createDeeplink } from "../../src/features/gate/deeplinks/deeplink-commands.js";
import { changeSetting } from "../../src/features/settings/change-setting.js";
import { setVariant } from "../../src/features/variants/variant-commands.js";
import { ownerId } from "../support/bot-harness.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";

let h: ApiHarness;
afterEach(() => h.close());

const owner = { kind: "admin", id: ownerId } as const;
const buttons = [[{ text: "Site", url: "https://example.com/a" }]];

/** Ann on the pro plan and Bob with none; tracking on, so a tracked link would show. */
function seedCustomers() {
  h = createApiHarness({ publicUrl: "https://bot.example.com" });
  const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]);
  if (!ann || !bob) throw new Error("not seeded");
  h.services.users.setAttribute(ann.id, "plan", "pro", h.clock.now());
  return { ann, bob };
}

describe("GET /api/settings/welcome/preview", () => {
  it("when previewed as a user, then it answers the welcome's text as they would get it, formatting moved to fit, buttons untracked, sending nothing", async () => {
    const { ann, bob } = seedCustomers();
    changeSetting(h.services, owner, {
      key: "welcome",
      patch: {
        content: {
          type: "text",
          text: "Hi {first_name}, plan {attr.plan|free}",
          entities: [{ type: "bold", offset: "Hi {first_name}, ".length, length: 4 }],
        },
        buttons,
      },
    });
    const asAnn = await h.get(`/api/settings/welcome/preview?as_user=${ann.id}`);
    expect(asAnn.status).toBe(200);
    expect(asAnn.json).toEqual({
      user_id: ann.id,
      type: "text",
      text: "Hi Ann, plan pro",
      parse_mode: null,
      entities: [{ type: "bold", offset: "Hi Ann, ".length, length: 4 }],
      buttons,
    });
    const asBob = await h.get(`/api/settings/welcome/preview?as_user=${bob.id}`);
    expect(asBob.json).toMatchObject({ text: "Hi Bob, plan free" });
    expect(h.fake.callsOf("sendMessage")).toEqual([]);
    expect(h.services.db.select().from(linkClicks).all()).toEqual([]);
  });

  it("when the user is unknown or as_user is missing, then it says so", async () => {
    seedCustomers();
    const unknown = await h.get("/api/settings/welcome/preview?as_user=999");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("not_found");
    const missing = await h.get("/api/settings/welcome/preview");
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0].path).toBe("query.as_user");
  });
});

describe("GET /api/deeplinks/{code}/preview", () => {
  it("when previewed as a user, then it answers the content with their fields and counts no hit", async () => {
    const { ann } = seedCustomers();
    createDeeplink(h.services, owner, {
      code: "promo",
      content: {
        type: "text",
        text: "Hello {first_name}, plan {attr.plan|free}",
        entities: [{ type: "bold", offset: 0, length: 5 }],
      },
      buttons,
    });
    const asAnn = await h.get(`/api/deeplinks/promo/preview?as_user=${ann.id}`);
    expect(asAnn.status).toBe(200);
    expect(asAnn.json).toEqual({
      user_id: ann.id,
      type: "text",
      text: "Hello Ann, plan pro",
      parse_mode: null,
      entities: [{ type: "bold", offset: 0, length: 5 }],
      buttons,
    });
    expect(h.services.deeplinks.find("promo")?.hits).toBe(0);
    expect(h.fake.callsOf("sendMessage")).toEqual([]);
  });

  it("when the deeplink has a Russian variant, then a Russian user's preview is that variant under the deeplink's buttons", async () => {
    const { ann } = seedCustomers();
    const ivan = seedBotUsers(h, [{ first_name: "Иван", language_code: "ru" }])[0];
    createDeeplink(h.services, owner, {
      code: "promo",
      content: { type: "text", text: "Hi {first_name}" },
      buttons,
    });
    setVariant(h.services, owner, {
      subject: "deeplink:promo",
      language: "ru",
      content: { type: "text", text: "Привет, {first_name}" },
    });
    const asIvan = await h.get(`/api/deeplinks/promo/preview?as_user=${ivan?.id}`);
    expect(asIvan.json).toMatchObject({ text: "Привет, Иван", buttons });
    const asAnn = await h.get(`/api/deeplinks/promo/preview?as_user=${ann.id}`);
    expect(asAnn.json).toMatchObject({ text: "Hi Ann", buttons });
  });

  it("when the content is a copy, then it is named a copy with no text", async () => {
    const { ann } = seedCustomers();
    createDeeplink(h.services, owner, {
      code: "photo",
      content: { type: "copy", fromChatId: ownerId, messageId: 5 },
    });
    const asAnn = await h.get(`/api/deeplinks/photo/preview?as_user=${ann.id}`);
    expect(asAnn.json).toEqual({
      user_id: ann.id,
      type: "copy",
      text: null,
      parse_mode: null,
      entities: null,
      buttons: [],
    });
  });

  it("when the code or the user is unknown, then it answers 404", async () => {
    const { ann } = seedCustomers();
    createDeeplink(h.services, owner, { code: "promo", content: { type: "text", text: "Hi" } });
    expect((await h.get(`/api/deeplinks/nope/preview?as_user=${ann.id}`)).status).toBe(404);
    expect((await h.get("/api/deeplinks/promo/preview?as_user=999")).status).toBe(404);
  });
});
