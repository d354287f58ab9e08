import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

describe("/api/variants", () => {
  it("when a variant is put, listed and deleted, then each answer shows it and each change is audited as api", async () => {
    h = createApiHarness();
    const put = await h.put("/api/variants/captcha.intro/ru-RU", { body: { text: "Привет, {first_name}!" } });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json).toEqual({
      language: "ru",
      content: { type: "text", text: "Привет, {first_name}!", parse_mode: null, disable_link_preview: false },
      updated_at: h.clock.now().toISOString(),
      updated_by: null,
    });
    await h.put("/api/variants/welcome/es", { body: { copy: { from_chat_id: -100123, message_id: 7 } } });

    const list = await h.get("/api/variants/captcha.intro");
    expect(list.status).toBe(200);
    expect(list.json.subject).toBe("captcha.intro");
    expect(list.json.variants.map((v: { language: string }) => v.language)).toEqual(["ru"]);
    expect((await h.get("/api/variants/welcome")).json.variants[0]).toMatchObject({
      language: "es",
      content: { type: "copy", from_chat_id: -100123, message_id: 7 },
    });

    expect((await h.delete("/api/variants/captcha.intro/ru")).status).toBe(204);
    expect((await h.get("/api/variants/captcha.intro")).json.variants).toEqual([]);
    const again = await h.delete("/api/variants/captcha.intro/ru");
    expect(again.status).toBe(404);
    expect(h.services.audit.recent().map((e) => [e.actorLabel, e.action])).toEqual([
      ["api", "variants.remove"],
      ["api", "variants.set"],
      ["api", "variants.set"],
    ]);
  });

  it("when the language is no language code, then it answers 400 invalid_language and stores nothing", async () => {
    h = createApiHarness();
    const answer = await h.put("/api/variants/maintenance/klingon", { body: { text: "Qapla'" } });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_language");
    expect(h.services.variants.list("maintenance")).toEqual([]);
  });

  it("when the subject names no text or a missing deeplink, question or step, then it answers 404 unknown_subject", async () => {
    h = createApiHarness();
    for (const subject of ["nothing", "deeplink:gone", "question:5", "step:9"]) {
      const put = await h.put(`/api/variants/${subject}/ru`, { body: { text: "Привет" } });
      expect(put.status, subject).toBe(404);
      expect(put.json.error.code).toBe("unknown_subject");
      expect((await h.get(`/api/variants/${subject}`)).status).toBe(404);
    }
  });

  it("when the content breaks the default's rules, then it answers 400 naming why", async () => {
    h = createApiHarness();
    const copyForPlain = await h.put("/api/variants/maintenance/ru", {
      body: { copy: { from_chat_id: -100123, message_id: 7 } },
    });
    expect(copyForPlain.status).toBe(400);
    const unknownField = await h.put("/api/variants/maintenance/ru", { body: { text: "Hi {nope}" } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.error.code).toBe("unknown_template_field");
    const album = await h.put("/api/variants/welcome/ru", {
      body: { album: { from_chat_id: -100123, message_ids: [1, 2] } },
    });
    expect(album.status).toBe(400);
    expect(h.services.variants.list("maintenance")).toEqual([]);
    expect(h.services.variants.list("welcome")).toEqual([]);
  });

  it("when a deeplink with variants is deleted, then its variants are gone and a new deeplink of that code has none", async () => {
    h = createApiHarness();
    expect((await h.post("/api/deeplinks", { body: { code: "promo", text: "Promo" } })).status).toBe(201);
    expect((await h.put("/api/variants/deeplink:promo/ru", { body: { text: "Промо" } })).status).toBe(200);
    expect((await h.put("/api/variants/deeplink:promo/es", { body: { text: "Promo ES" } })).status).toBe(200);
    expect((await h.delete("/api/deeplinks/promo")).status).toBe(204);
    expect((await h.get("/api/variants/deeplink:promo")).status).toBe(404);
    expect((await h.post("/api/deeplinks", { body: { code: "promo", text: "Promo again" } })).status).toBe(
      201,
    );
    expect((await h.get("/api/variants/deeplink:promo")).json.variants).toEqual([]);
  });
});
