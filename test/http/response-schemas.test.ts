import { afterEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type ApiAnswer, type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";

let h: ApiHarness;
afterEach(() => h?.close());

interface RouteDefinition {
  type: "route";
  route: {
    method: string;
    path: string;
    responses: Record<string, { content?: Record<string, { schema?: z.ZodType }> }>;
  };
}

/** The zod schema the OpenAPI document promises for this method, URL and status (JSON answers only). */
function promisedSchema(harness: ApiHarness, method: string, url: string, status: number): z.ZodType {
  const pathname = new URL(url, "http://x").pathname;
  const routes = (harness.app.openAPIRegistry.definitions as unknown as RouteDefinition[]).filter(
    (d) => d.type === "route",
  );
  const found = routes.find(
    (d) =>
      d.route.method === method.toLowerCase() &&
      new RegExp(`^${d.route.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname),
  );
  const schema = found?.route.responses[String(status)]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`the document promises no JSON for ${method} ${pathname} → ${status}`);
  return schema;
}

/** Calls the API and checks the answer against what the OpenAPI document says it returns. */
async function conforming(
  method: string,
  url: string,
  expected: number,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<ApiAnswer> {
  const answer = await h.call(method, url, {
    ...(body !== undefined && { body }),
    ...(headers && { headers }),
  });
  expect(answer.status, `${method} ${url}: ${answer.text.slice(0, 300)}`).toBe(expected);
  const checked = promisedSchema(h, method, url, expected).safeParse(answer.json);
  expect(checked.success, `${method} ${url}: ${checked.error?.message}`).toBe(true);
  return answer;
}

describe("answers match the OpenAPI document", () => {
  it("when every area is used on a populated bot, then each JSON answer (and error) parses with its documented schema", async () => {
    h = createApiHarness({ publicUrl: "https://bot.example.com" });
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann", language_code: "en" }, { first_name: "Bob" }]);
    const annId = ann?.id as number;
    h.services.users.addTags(annId, ["vip"], h.clock.now());
    h.fake.addChat({ id: -1001234567890, type: "channel", title: "News", username: "usher_news" });

    await conforming("GET", "/api/users?q=lang:en&limit=1", 200);
    await conforming("GET", `/api/users/${annId}`, 200);
    await conforming("PATCH", `/api/users/${annId}`, 200, {
      email: "ann@example.com",
      tags: { add: ["beta"] },
      attributes: { set: { city: "Oslo" } },
      infinite_session: true,
    });
    await conforming("PUT", "/api/users/upsert?where=email", 201, {
      email: "new@example.com",
      first_name: "Cy",
    });
    await conforming("PUT", "/api/users/upsert?where=email", 200, {
      email: "new@example.com",
      last_name: "Do",
    });
    await conforming("POST", `/api/users/${annId}/notes`, 201, { text: "Called back" });
    await conforming("GET", `/api/users/${annId}/notes`, 200);
    await conforming("POST", `/api/users/${annId}/pause`, 200, { minutes: 5 });
    await conforming("POST", `/api/users/${annId}/resume`, 200);
    await conforming("POST", `/api/users/${bob?.id}/photo/refresh`, 200);
    await conforming("POST", "/api/users/bulk?q=tag:vip", 200, { tags: { add: ["gold"] } });
    await conforming("GET", `/api/users/${annId}/export`, 200);
    await conforming("POST", "/api/users/import?dry_run=true", 200, "telegram_id,first_name\n77,Eve\n", {
      "content-type": "text/csv",
    });

    const mailing = await conforming("POST", "/api/mailings", 201, {
      text: "Hi {first_name}",
      buttons: [[{ text: "Site", url: "https://example.com" }]],
      audience: { segment: "tag:vip" },
    });
    await conforming("GET", "/api/mailings?limit=5", 200);
    await conforming("GET", `/api/mailings/${mailing.json.id}`, 200);
    await conforming("POST", `/api/mailings/${mailing.json.id}/pause`, 200);
    await conforming("POST", `/api/mailings/${mailing.json.id}/cancel`, 200);
    await conforming("POST", "/api/check-users", 201, {});
    const poll = await conforming("POST", "/api/mailings", 201, {
      poll: { question: "Tea?", options: ["Yes", "No"], correct_options: [1], attribute: "tea" },
    });
    await conforming("GET", `/api/mailings/${poll.json.id}`, 200);
    await conforming("GET", `/api/mailings/${poll.json.id}/poll`, 200);
    await conforming("GET", `/api/mailings/${mailing.json.id}/poll`, 409);

    await conforming("GET", "/api/settings", 200);
    await conforming("PATCH", "/api/settings", 200, { maintenance: { enabled: true } });
    await conforming("GET", "/api/stats", 200);
    await conforming("GET", "/api/audit?limit=3", 200);

    const campaign = await conforming("POST", "/api/campaigns", 201, { name: "Spring" });
    await conforming("GET", "/api/campaigns", 200);
    await conforming("PATCH", `/api/campaigns/${campaign.json.id}`, 200, { name: "Spring sale" });
    await conforming("GET", `/api/campaigns/${campaign.json.id}`, 200);
    await conforming("POST", "/api/deeplinks", 201, {
      code: "promo",
      text: "<b>Hi</b>",
      parse_mode: "HTML",
      tags: ["p"],
    });
    await conforming("GET", "/api/deeplinks", 200);
    await conforming("PATCH", "/api/deeplinks/promo", 200, { tags: ["q"] });
    await conforming("PUT", "/api/variants/deeplink:promo/ru", 200, { text: "Привет" });
    await conforming("PUT", "/api/variants/captcha.intro/es", 200, { text: "Hola {first_name}" });
    await conforming("GET", "/api/variants/deeplink:promo", 200);
    await conforming("GET", "/api/variants/deeplink:nope", 404);
    await conforming("PUT", "/api/variants/welcome/russian", 400, { text: "x" });
    await conforming("GET", "/api/deeplinks/promo", 200);
    await conforming("POST", "/api/required-chats", 201, { chat: "@usher_news" });
    await conforming("GET", "/api/required-chats", 200);

    await conforming("GET", "/healthz", 200);
    // Errors too: each documented error status answers in the one error shape.
    await conforming("GET", "/api/users/424242", 404);
    await conforming("PATCH", `/api/users/${annId}`, 400, { email: "not an email" });
    await conforming("POST", `/api/mailings/${mailing.json.id}/resume`, 409);
    await conforming("POST", "/api/campaigns", 409, { name: "Again", code: campaign.json.code });
  });
});
