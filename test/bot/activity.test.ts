import { afterEach, describe, expect, it } from "vitest";
import { averageSentiment } from "../../src/features/users/activity.js";
import { createHarness, type Harness } from "../support/bot-harness.js";

let h: Harness;
afterEach(() => h.close());

const minute = 60_000;

describe("user activity", () => {
  it("when a user talks in two bursts, then sessions, time spent, message count and last message follow", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    h.clock.advance(2 * minute);
    await h.say(ann, "hello");
    h.clock.advance(3 * minute);
    await h.say(ann, "thanks, great bot");
    h.clock.advance(45 * minute);
    await h.say(ann, "back again");
    h.clock.advance(90_000);
    await h.say(ann, "bye");

    expect(h.record(ann)).toMatchObject({
      sessionCount: 2,
      timeSpentSeconds: 5 * 60 + 90,
      messageCount: 5,
      clickCount: 0,
      lastMessageText: "bye",
      lastMessageAt: h.clock.now(),
      lastActivityAt: h.clock.now(),
    });
  });

  it("when the session timeout setting is longer, then the same gap stays within one session", async () => {
    h = createHarness({ settings: { users: { sessionTimeoutMinutes: 60 } } });
    const ann = h.addUser();
    await h.start(ann);
    h.clock.advance(45 * minute);
    await h.say(ann, "still here");
    expect(h.record(ann)).toMatchObject({ sessionCount: 1, timeSpentSeconds: 45 * 60 });
  });

  it("when infinite session is on, then a day's silence does not end the session", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    h.services.users.setInfiniteSession(ann.id, true);
    h.clock.advance(24 * 60 * minute);
    await h.say(ann, "hi again");
    expect(h.record(ann)).toMatchObject({ sessionCount: 1, timeSpentSeconds: 24 * 60 * 60 });

    h.services.users.setInfiniteSession(ann.id, false);
    h.clock.advance(11 * minute);
    await h.say(ann, "and again");
    expect(h.record(ann)).toMatchObject({ sessionCount: 2, timeSpentSeconds: 24 * 60 * 60 });
  });

  it("when a user presses buttons, then clicks and the session count, not messages", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    const ann = h.addUser();
    await h.start(ann);
    h.clock.advance(30_000);
    await h.press(ann, /./);
    expect(h.record(ann)).toMatchObject({
      messageCount: 1,
      clickCount: 1,
      sessionCount: 1,
      timeSpentSeconds: 30,
      lastMessageText: "/start",
    });
  });

  it("when a user writes words and emoji, then the average sentiment covers every non-command message", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    await h.say(ann, "hahaha");
    await h.say(ann, "hello");
    await h.say(ann, "so slow!");
    await h.say(ann, "love it😍😍");
    await h.send(h.fake.updates.photo(ann, { caption: "👍" }));

    const record = h.record(ann);
    // hahaha 3, hello 0, so slow! −2, love it😍😍 3+3+3, 👍 2; /start is a command and not scored.
    expect(record).toMatchObject({ sentimentCount: 5, sentimentTotal: 12, messageCount: 6 });
    expect(averageSentiment(record?.sentimentTotal ?? 0, record?.sentimentCount ?? 0)).toBe(2.4);
    expect(record?.lastMessageText).toBe("[photo] 👍");
  });

  it("when a user blocks the bot, then that is not counted as an interaction", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    h.clock.advance(minute);
    await h.send(h.fake.updates.myChatMember(ann, "kicked"));
    expect(h.record(ann)).toMatchObject({
      messageCount: 1,
      lastActivityAt: new Date(h.clock.now().getTime() - minute),
    });
  });
});
