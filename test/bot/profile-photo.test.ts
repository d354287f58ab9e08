import { Api } from "grammy";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { PhotoFetcher } from "../../src/features/users/photo-fetcher.js";
import { replaceUserPhoto } from "../../src/features/users/profile-photo.js";
import { photoRefetchAfterMs } from "../../src/features/users/user-repository.js";
import { OutgoingBudget } from "../../src/telegram/outgoing/budget.js";
import { telegramLimits } from "../../src/telegram/outgoing/pacing.js";
import { texts } from "../../src/texts/bot.js";
import { createHarness, type Harness, type HarnessOptions, ownerId } from "../support/bot-harness.js";
import { ManualTimers } from "../support/clock.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { waitFor } from "../support/wait-for.js";

let h: Harness;
let fetcher: PhotoFetcher | undefined;
afterEach(async () => {
  await fetcher?.stop();
  fetcher = undefined;
  h.close();
});

/** The fetcher as main.ts wires it: its own client, outside the budget (ticked by hand unless started). */
function newFetcher(options: { tickMs?: number; perTick?: number } = {}) {
  fetcher = new PhotoFetcher({
    api: new Api(h.fake.token, { fetch: h.fake.fetch, apiRoot: "http://fake.local" }),
    db: h.services.db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    now: h.services.now,
    ...options,
  });
  return fetcher;
}

const queued = () => Object.values(h.outgoing.snapshot().queued).reduce((a, b) => a + b, 0);
const photoCalls = () => h.fake.callsOf("getUserProfilePhotos");
const photoOf = (user: SimUser) => h.record(user)?.photoFileId;
const dueAt = (user: SimUser) => h.record(user)?.photoDueAt;
/** The largest size of the newest photo Telegram last answered for the user. */
function answeredPhoto(user: SimUser): string | undefined {
  const call = photoCalls().findLast((c) => c.params.user_id === user.id && c.ok);
  const result = call?.result as { photos: Array<Array<{ file_id: string }>> } | undefined;
  return result?.photos[0]?.at(-1)?.file_id;
}

async function registered(name: string, photos: number): Promise<SimUser> {
  const user = h.addUser({ first_name: name });
  h.fake.setProfilePhotos(user, photos);
  await h.start(user);
  return user;
}

describe("profile photos: fetched off the update's path", () => {
  it("when a newcomer registers, then the update makes no photo call; the fetcher then stores their photo's largest size", async () => {
    h = createHarness();
    const ann = await registered("Ann", 2);
    expect(h.fake.textsTo(ann.id)).toEqual([texts.welcome.replace("{first_name}", "Ann")]);
    expect(photoCalls()).toEqual([]);
    expect(dueAt(ann)).toEqual(h.clock.now());

    await newFetcher().tick();
    expect(photoCalls()).toHaveLength(1);
    expect(photoCalls()[0]?.params).toMatchObject({ user_id: ann.id, limit: 1 });
    expect(photoOf(ann)).toMatch(/^fake-photo-/);
    expect(photoOf(ann)).toBe(answeredPhoto(ann));
    expect(dueAt(ann)).toBeNull();

    await fetcher?.tick();
    expect(photoCalls()).toHaveLength(1);
  });

  it("when a user hides their photo (or has none), then none is stored, and a return after a day clears the old one", async () => {
    h = createHarness();
    const ann = await registered("Ann", 0);
    await newFetcher().tick();
    expect(photoOf(ann)).toBeNull();
    expect(dueAt(ann)).toBeNull();

    h.fake.setProfilePhotos(ann, 1);
    await h.say(ann, "hello");
    await fetcher?.tick();
    expect(photoCalls()).toHaveLength(1);

    h.clock.advance(photoRefetchAfterMs);
    await h.say(ann, "I'm back");
    expect(photoCalls()).toHaveLength(1);
    await fetcher?.tick();
    expect(photoOf(ann)).toMatch(/^fake-photo-/);

    // Privacy settings now hide it: Telegram reports no photo, and nothing is kept.
    h.fake.setProfilePhotos(ann, 0);
    h.clock.advance(photoRefetchAfterMs + 1000);
    await h.say(ann, "again");
    await fetcher?.tick();
    expect(photoCalls()).toHaveLength(3);
    expect(photoOf(ann)).toBeNull();
  });

  it("when a user writes again within a day, or was never registered, then no fetch is due", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    const pending = h.addUser({ first_name: "Pat" });
    h.fake.setProfilePhotos(pending, 1);
    await h.start(pending);
    expect(h.record(pending)?.status).toBe("pending");
    h.clock.advance(photoRefetchAfterMs * 2);
    await h.say(pending, "hi");
    expect(dueAt(pending)).toBeNull();
    await newFetcher().tick();
    expect(photoCalls()).toEqual([]);
  });

  it("when an admin replaced the photo, then fetches no longer overwrite it", async () => {
    h = createHarness();
    const ann = await registered("Ann", 1);
    const replaced = h.fake.addFile({ kind: "photo", content: "admin's" }).file_id;
    replaceUserPhoto(h.services, { kind: "admin", id: ownerId }, { userId: ann.id, fileId: replaced });
    await newFetcher().tick();
    expect(photoCalls()).toHaveLength(1);
    expect(photoOf(ann)).toBe(replaced);
    expect(dueAt(ann)).toBeNull();
  });

  it("when Telegram does not know the user, then the fetch is given up; when it asks to wait, then nothing is asked until then", async () => {
    h = createHarness();
    const ann = await registered("Ann", 1);
    const bob = await registered("Bob", 1);
    h.fake.failNext("getUserProfilePhotos", { error_code: 400, description: "Bad Request: user not found" });
    await newFetcher({ perTick: 1 }).tick();
    expect(dueAt(ann)).toBeNull();
    expect(photoOf(ann)).toBeNull();

    h.fake.failNext("getUserProfilePhotos", {
      error_code: 429,
      description: "Too Many Requests: retry after 30",
      parameters: { retry_after: 30 },
    });
    await fetcher?.tick();
    expect(dueAt(bob)).not.toBeNull();
    h.clock.advance(29_000);
    await fetcher?.tick();
    expect(photoCalls()).toHaveLength(2);
    h.clock.advance(1000);
    await fetcher?.tick();
    expect(photoCalls()).toHaveLength(3);
    expect(photoOf(bob)).toMatch(/^fake-photo-/);
  });
});

describe("profile photos: a burst of newcomers", () => {
  it("when 600 newcomers register, then their updates make no photo call and the fetcher asks for 2 a tick, the longest waiting first", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const people: SimUser[] = [];
    for (let i = 0; i < 600; i++) {
      const person = h.addUser({ first_name: `N${i}` });
      h.fake.setProfilePhotos(person, 1);
      await h.start(person);
      h.clock.advance(10);
      people.push(person);
    }
    expect(h.fake.callsOf("sendMessage")).toHaveLength(600);
    expect(photoCalls()).toEqual([]);

    newFetcher();
    await fetcher?.tick();
    expect(photoCalls().map((c) => c.params.user_id)).toEqual([people[0]?.id, people[1]?.id]);
    for (let tick = 1; tick < 300; tick++) await fetcher?.tick();
    expect(photoCalls()).toHaveLength(600);
    expect(people.every((p) => photoOf(p)?.startsWith("fake-photo-"))).toBe(true);
  });

  it("when newcomers press /start at once under Telegram's limits while the fetcher runs, then the photo calls take no turn of the sending limit: the welcomes go as fast as with no fetcher", async () => {
    let timers: ManualTimers | undefined;
    const paced: HarnessOptions = {
      settings: { newUserAlerts: { enabled: false } },
      outgoing: (clock) => {
        timers = new ManualTimers(clock);
        return new OutgoingBudget({ limits: telegramLimits(30), clock: timers });
      },
    };
    h = createHarness(paced);
    h.fake.setFlood({ globalPerSecond: 30, perChatPerSecond: 1 });
    const people = Array.from({ length: 200 }, (_, i) => h.addUser({ first_name: `N${i}` }));
    for (const person of people) h.fake.setProfilePhotos(person, 1);
    newFetcher({ tickMs: 1, perTick: 20 }).start();
    const startedAt = timers?.now() ?? 0;
    let handled = 0;
    for (const person of people) void h.start(person).finally(() => handled++);
    const welcomed = () => h.fake.callsOf("sendMessage").filter((c) => c.ok).length;
    await waitFor(() => queued() + welcomed() === 200, "the welcomes waiting for their turn");

    await timers?.runUntil(() => handled === people.length && photoCalls().length === 200, 60_000);
    const welcomes = h.fake.callsOf("sendMessage").filter((c) => c.ok);
    expect(welcomed()).toBe(200);
    const lastWelcome = Math.max(...welcomes.map((c) => c.at));
    // The photos were fetched while the welcomes still waited: they did not wait for a turn.
    expect(photoCalls().filter((c) => c.at < lastWelcome).length).toBeGreaterThan(0);
    expect(people.every((p) => photoOf(p)?.startsWith("fake-photo-"))).toBe(true);
    // 200 welcomes at the whole limit (30 per 1,025 ms), none of it spent on the photo calls.
    expect(lastWelcome - startedAt).toBeLessThanOrEqual(Math.ceil((199 * 1025) / 30) + 1);
    expect(h.fake.stats.tooManyRequests).toBe(0);
  });
});
