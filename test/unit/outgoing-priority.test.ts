import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import {
  atPriority,
  currentCallScope,
  type Priority,
  priorityOf,
  restoreCallScope,
  scopeCalls,
} from "../../src/telegram/outgoing/priority.js";

/** An Api whose fetch notes the priority each call would get, as outgoing-fetch reads it. */
function recordingApi(failFirst = false) {
  const seen: Priority[] = [];
  let calls = 0;
  const api = new Api("1:token", {
    fetch: (async (_url: string, init: { body: string }) => {
      seen.push(priorityOf(currentCallScope(), JSON.parse(init.body).chat_id));
      calls += 1;
      // A network error the first time: a retry comes back after an await.
      if (failFirst && calls === 1) throw new Error("socket hang up");
      return new Response(JSON.stringify({ ok: true, result: true }));
    }) as never,
  });
  return { api, seen };
}

describe("outgoing priority", () => {
  it("when an update's Api calls its own chat, then it is a reply; another chat, an alert; atPriority wins", async () => {
    const { api, seen } = recordingApi();
    api.config.use(scopeCalls(7));
    await api.sendMessage(7, "to the person who wrote");
    await api.sendMessage(8, "to someone else");
    await api.sendMessage(7, "marked", atPriority("alert"));
    expect(seen).toEqual(["reply", "alert", "alert"]);
  });

  it("when a call is made outside any update, then it is an alert, and the scope is gone after the call", async () => {
    const { api, seen } = recordingApi();
    await api.sendMessage(7, "from a timer");
    const scoped = recordingApi();
    scoped.api.config.use(scopeCalls(7));
    const sending = scoped.api.sendMessage(7, "reply");
    expect(currentCallScope()).toBeUndefined();
    await sending;
    expect([...seen, ...scoped.seen]).toEqual(["alert", "reply"]);
  });

  it("when a retry comes back after an await, then the bot's innermost transformer restores its scope", async () => {
    const { api, seen } = recordingApi(true);
    const retryOnce: Parameters<Api["config"]["use"]>[0] = async (prev, method, payload, signal) => {
      try {
        return await prev(method, payload, signal);
      } catch {
        await new Promise((r) => setTimeout(r, 1));
        return prev(method, payload, signal);
      }
    };
    api.config.use(restoreCallScope, retryOnce, scopeCalls(7));
    await api.sendMessage(7, "retried");
    expect(seen).toEqual(["reply", "reply"]);
  });

  it("when the scope rides on the payload, then it is not sent to Telegram", async () => {
    let body = "";
    const api = new Api("1:token", {
      fetch: (async (_url: string, init: { body: string }) => {
        body = init.body;
        return new Response(JSON.stringify({ ok: true, result: true }));
      }) as never,
    });
    api.config.use(scopeCalls(7));
    await api.sendMessage(7, "hi", atPriority("alert"));
    expect(JSON.parse(body)).toEqual({ chat_id: 7, text: "hi" });
  });
});
