import { afterEach, describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { createTestEngine, waitForStatus } from "../support/mailing-helpers.js";

let h: ApiHarness;
let engine: MailingEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  h?.close();
});

describe("a mailing in every user's language", () => {
  it("when a mailing has Russian, Spanish and German variants, then each user gets theirs (the language they chose first), the rest the default, and the mailing counts deliveries per language", async () => {
    h = createApiHarness();
    // They come as Telegram brings them; two pick a language of their own.
    const ivan = h.addUser({ first_name: "Ivan", language_code: "ru" });
    const lucia = h.addUser({ first_name: "Lucia", language_code: "es-419" });
    const hans = h.addUser({ first_name: "Hans", language_code: "de" });
    const marie = h.addUser({ first_name: "Marie", language_code: "fr" });
    const olga = h.addUser({ first_name: "Olga", language_code: "ru" });
    const tom = h.addUser({ first_name: "Tom", language_code: "en" });
    for (const user of [ivan, lucia, hans, marie, olga, tom]) await h.start(user);
    // Olga reads English after all; Tom picks Spanish.
    await h.say(olga, "/language");
    await h.press(olga, "🇬🇧 English");
    await h.say(tom, "/language");
    await h.press(tom, "🇪🇸 Español");

    const created = await h.post("/api/mailings", {
      body: {
        text: "Hello, {first_name}!",
        variants: [
          { segment: "lang:ru", text: "Привет, {first_name}!" },
          { segment: "lang:es", text: "¡Hola, {first_name}!" },
          { segment: "lang:de", text: "Hallo, {first_name}!" },
        ],
      },
    });
    expect(created.status).toBe(201);
    const started = createTestEngine(h);
    engine = started.engine;
    engine.start();
    await waitForStatus(started.repository, created.json.id);

    const last = (user: { id: number }) => h.fake.textsTo(user.id).at(-1);
    expect(last(ivan)).toBe("Привет, Ivan!");
    expect(last(lucia)).toBe("¡Hola, Lucia!");
    expect(last(hans)).toBe("Hallo, Hans!");
    expect(last(marie)).toBe("Hello, Marie!");
    expect(last(olga)).toBe("Hello, Olga!");
    expect(last(tom)).toBe("¡Hola, Tom!");

    const mailing = await h.get(`/api/mailings/${created.json.id}`);
    expect(mailing.json.languages).toEqual([
      { language: "es", total: 2, sent: 2, failed: 0, unknown: 0 },
      { language: "de", total: 1, sent: 1, failed: 0, unknown: 0 },
      { language: "en", total: 1, sent: 1, failed: 0, unknown: 0 },
      { language: "fr", total: 1, sent: 1, failed: 0, unknown: 0 },
      { language: "ru", total: 1, sent: 1, failed: 0, unknown: 0 },
    ]);
  });
});
