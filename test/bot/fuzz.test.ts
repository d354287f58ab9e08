import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { seedBotUsers } from "../support/mailing-helpers.js";

let h: Harness;
afterEach(() => h?.close());

/** The admin menu's pages, whose buttons carry `page/row/col/payload/h<hash>` (row and col in hex). */
const menuIds = [
  "admin",
  "admin-user",
  "admin-captcha",
  "admin-mailing-ctl",
  "admin-admins-remove",
  "admin-deeplink",
  "admin-campaign",
];

/** Callback data that looks like the bot's own: menu buttons (well formed or not), gate buttons, and junk. */
const callbackData = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc
    .tuple(
      fc.constantFrom(...menuIds, "gate:captcha", "gate:join"),
      fc.array(fc.oneof(fc.nat(20).map(String), fc.string({ maxLength: 8 })), { maxLength: 5 }),
    )
    .map(([id, parts]) => [id, ...parts].join("/").slice(0, 64)),
  fc
    .tuple(
      fc.constantFrom(...menuIds),
      fc.nat(12),
      fc.nat(4),
      fc.oneof(fc.constant(""), fc.nat(100_000).map(String), fc.string({ maxLength: 10 })),
      fc.constantFrom("h", "f"),
      fc.stringMatching(/^[0-9a-z]{0,8}$/),
    )
    .map(([id, row, col, payload, type, hash]) =>
      `${id}/${row.toString(16)}/${col.toString(16)}/${payload}/${type}${hash}`.slice(0, 64),
    ),
);

/** Everything a person outside the admin list could change by pressing buttons. */
const adminState = (harness: Harness) =>
  JSON.stringify({
    settings: harness.services.settings.all(),
    audit: harness.services.audit.count(),
    admins: harness.services.admins.adminIds(),
  });

describe("the bot under random input", () => {
  it("when a non-admin presses buttons with any callback data, then nothing throws and no setting, admin or audit entry changes", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    const mallory = seedBotUsers(h, [{ first_name: "Mallory" }])[0] as SimUser;
    await h.start(mallory);
    // Presses arrive on a message the bot sent, as Telegram sends them.
    const messageId = h.fake.lastMessageTo(mallory)?.message_id as number;
    const before = adminState(h);
    await fc.assert(
      fc.asyncProperty(callbackData, async (data) => {
        await h.send(h.fake.updates.callback(mallory, { message_id: messageId, data }));
      }),
      { numRuns: 300 },
    );
    expect(adminState(h)).toBe(before);
  });

  it("when the owner presses buttons with any callback data, then nothing throws", async () => {
    h = createHarness();
    await h.send(h.fake.updates.command(h.owner, "admin"));
    const messageId = h.fake.lastMessageTo(h.owner)?.message_id as number;
    await fc.assert(
      fc.asyncProperty(callbackData, async (data) => {
        await h.send(h.fake.updates.callback(h.owner, { message_id: messageId, data }));
      }),
      { numRuns: 300 },
    );
  });

  it("when newcomers send /start with any payload or any text up to 5,000 characters, then each is stored and nothing throws", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true }, adminReferrals: { enabled: true } } });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 80 })),
        fc.string({ unit: "grapheme", maxLength: 5000 }),
        async (payload, text) => {
          const user = h.addUser({ first_name: "Newcomer" });
          await h.start(user, payload);
          if (text.trim() !== "") await h.say(user, text);
          expect(h.record(user)?.status).toMatch(/^(pending|active)$/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
