import { Api, GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { interactiveRetry } from "../../src/telegram/interactive-retry.js";
import { OutgoingBudget } from "../../src/telegram/outgoing/budget.js";
import { outgoingFetch } from "../../src/telegram/outgoing/outgoing-fetch.js";
import { telegramLimits } from "../../src/telegram/outgoing/pacing.js";

/** An Api over outgoing-fetch whose sends are noted, with a commit the test settles by hand. */
function apiWaitingFor(commit: Promise<void> | undefined) {
  const sent: string[] = [];
  const fetch = (async (url: string) => {
    sent.push(url.slice(url.lastIndexOf("/") + 1));
    return new Response(JSON.stringify({ ok: true, result: true }));
  }) as never;
  const budget = new OutgoingBudget({ limits: telegramLimits(100_000) });
  const api = new Api("1:token", { fetch: outgoingFetch(budget, { fetch, committed: () => commit }) });
  api.config.use(interactiveRetry());
  return { api, sent };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

const turns = (n = 5) => new Promise((r) => setTimeout(r, n));

describe("outgoing fetch and the shared commit", () => {
  it("when the writes a message follows are not committed yet, then it is sent only after the commit", async () => {
    const commit = deferred();
    const { api, sent } = apiWaitingFor(commit.promise);
    const sending = api.sendMessage(7, "welcome");
    await turns();
    expect(sent).toEqual([]);
    commit.resolve();
    await sending;
    expect(sent).toEqual(["sendMessage"]);
  });

  it("when the commit fails, then the message is refused with a Bot API error, never sent, not even by a retry", async () => {
    const commit = deferred();
    const { api, sent } = apiWaitingFor(commit.promise);
    const sending = api.sendMessage(7, "welcome");
    commit.reject(new Error("database or disk is full"));
    const error = await sending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).description).toMatch(/not sent.*disk is full/);
    await turns(20);
    expect(sent).toEqual([]);
  });

  it("when a call only reads, then it does not wait for the commit", async () => {
    const commit = deferred();
    const { api, sent } = apiWaitingFor(commit.promise);
    await api.getChatMember(-100, 7);
    expect(sent).toEqual(["getChatMember"]);
  });
});
