import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { BrowserChats, UserAction } from "../test/support/fake-telegram/browser.js";
import type { FakeTelegram } from "../test/support/fake-telegram/index.js";

const pageFiles: Record<string, string> = {
  "/": "index.html",
  "/app.js": "app.js",
  "/style.css": "style.css",
};
const contentTypes: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

const actionSchema: z.ZodType<UserAction> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().min(1).max(4096) }),
  z.object({ type: z.literal("press"), messageId: z.number().int(), data: z.string() }),
  z.object({ type: z.literal("contact") }),
  z.object({ type: z.literal("vote"), pollId: z.string(), optionIds: z.array(z.number().int()) }),
  z.object({ type: z.literal("join"), chatId: z.number().int() }),
]);

export interface PlaygroundPeople {
  ownerId: number;
  /** Ids of the users seeded as members before the start. */
  memberIds: number[];
}

/**
 * The page and its JSON: who can be switched to, a chat as drawn, a person's action, and
 * Server-Sent Events naming each chat that changed so the page redraws it.
 */
export function createPlaygroundApp(fake: FakeTelegram, chats: BrowserChats, people: PlaygroundPeople) {
  const app = new Hono();

  for (const [path, file] of Object.entries(pageFiles)) {
    const body = readFileSync(new URL(`page/${file}`, import.meta.url), "utf8");
    const type = contentTypes[file.split(".").at(-1) ?? ""] ?? "text/plain";
    app.get(path, (c) => c.body(body, 200, { "content-type": type, "cache-control": "no-store" }));
  }

  app.get("/api/people", (c) =>
    c.json({
      bot: { name: fake.botInfo.first_name, username: fake.botInfo.username },
      users: chats.users().map((user) => ({
        id: user.id,
        name: [user.first_name, user.last_name].filter(Boolean).join(" "),
        role:
          user.id === people.ownerId ? "owner" : people.memberIds.includes(user.id) ? "member" : "newcomer",
      })),
      chats: chats.chats().map((chat) => ({
        id: chat.id,
        title: chat.title,
        type: chat.type,
        ...(chat.username !== undefined && { username: chat.username }),
      })),
    }),
  );

  app.post("/api/people", async (c) => {
    const body = z
      .object({ name: z.string().trim().min(1).max(64) })
      .safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json({ error: "a name is needed" }, 400);
    const user = chats.addUser(body.data.name);
    return c.json({ id: user.id, name: user.first_name, role: "newcomer" });
  });

  app.get("/api/chats/:userId", (c) => {
    const userId = Number(c.req.param("userId"));
    if (fake.user(userId) === undefined) return c.json({ error: "no such user" }, 404);
    return c.json(chats.view(userId));
  });

  app.post("/api/chats/:userId", async (c) => {
    const userId = Number(c.req.param("userId"));
    if (fake.user(userId) === undefined) return c.json({ error: "no such user" }, 404);
    const action = actionSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!action.success) return c.json({ error: action.error.message }, 400);
    const update = chats.act(userId, action.data);
    return c.json({ ok: true, answer: (await chats.callbackAnswer(update)) ?? null });
  });

  app.get("/api/events", (c) =>
    streamSSE(c, async (stream) => {
      const stop = fake.onChatChange((chatId) => {
        void stream.writeSSE({ event: "chat", data: String(chatId) });
      });
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      stop();
    }),
  );
  return app;
}

/** Serves the page on 127.0.0.1; `close` also cuts open event streams, which never end by themselves. */
export function servePage(app: Hono, port: number): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ("closeAllConnections" in server) server.closeAllConnections();
          }),
      }),
    );
    server.once("error", reject);
  });
}
