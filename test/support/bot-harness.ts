import type { Update } from "grammy/types";
import { pino } from "pino";
import { type BotDependencies, createBot } from "../../src/bot/index.js";
import { createServices, type ServiceOptions, type Services } from "../../src/bot/services.js";
import type { OpenDatabase } from "../../src/db/client.js";
import type { SettingInput, SettingKey } from "../../src/features/settings/settings.js";
import { OutgoingBudget } from "../../src/telegram/outgoing/budget.js";
import type { PacingLimits } from "../../src/telegram/outgoing/pacing.js";
import { TestClock } from "./clock.js";
import { FakeTelegram, type SimUser, type SimUserInput } from "./fake-telegram/index.js";
import { createTestDatabase } from "./test-database.js";

export const ownerId = 900_001;

/** Limits that never make a call wait for its turn (a 429 still holds everyone back). */
export const unpaced: PacingLimits = {
  perSecond: Number.POSITIVE_INFINITY,
  privateChatMs: 0,
  groupChatMs: 0,
};

export interface HarnessOptions {
  ownerIds?: number[];
  /** PUBLIC_URL: click tracking on; the admin Mini App's buttons too when it is https. */
  publicUrl?: string;
  random?: ServiceOptions["random"];
  settings?: { [K in SettingKey]?: Partial<SettingInput<K>> };
  /** The fake's flood model on wall-clock time instead of the test clock (for real waits). */
  realTimeFake?: boolean;
  metrics?: BotDependencies["metrics"];
  lanes?: BotDependencies["lanes"];
  /** Builds the outgoing budget on the harness's clock; by default one without pacing (no waits). */
  outgoing?: (clock: TestClock) => OutgoingBudget;
}

/**
 * A bot wired as in production but over an in-memory database and the in-process fake Bot API,
 * with a hand-moved clock. Tests send updates in and read the fake's transcripts and the database.
 */
export function createHarness(options: HarnessOptions = {}) {
  const clock = new TestClock();
  const fake = new FakeTelegram(options.realTimeFake ? {} : { now: () => clock.now().getTime() });
  const database: OpenDatabase = createTestDatabase();
  let services: Services = createServices(database.db, {
    ownerIds: options.ownerIds ?? [ownerId],
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
    now: clock.now,
    ...(options.random ? { random: options.random } : {}),
  });
  for (const [key, patch] of Object.entries(options.settings ?? {})) {
    services.settings.update(key as SettingKey, patch as never);
  }
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const outgoing = options.outgoing?.(clock) ?? new OutgoingBudget({ limits: unpaced });
  const build = (withServices: Services) =>
    createBot(fake.token, {
      services: withServices,
      logger,
      botInfo: fake.botInfo,
      client: { fetch: fake.fetch, apiRoot: "http://fake.local" },
      ...(options.metrics && { metrics: options.metrics }),
      ...(options.lanes && { lanes: options.lanes }),
      outgoing,
    });
  let bot = build(services);
  const owner = fake.addUser({ id: ownerId, first_name: "Owner", username: "owner" });

  const send = (update: Update) => bot.handleUpdate(update);

  return {
    get bot() {
      return bot;
    },
    fake,
    outgoing,
    get services() {
      return services;
    },
    /** A new process over the same database: nothing kept in memory survives. */
    restart() {
      services = createServices(database.db, {
        ownerIds: options.ownerIds ?? [ownerId],
        ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
        now: clock.now,
        ...(options.random ? { random: options.random } : {}),
      });
      bot = build(services);
    },
    database,
    clock,
    owner,
    send,
    addUser: (input: SimUserInput = {}) => fake.addUser({ first_name: "Ann", ...input }),
    start: (user: SimUser, payload?: string) => send(fake.updates.start(user, payload)),
    say: (user: SimUser, text: string) => send(fake.updates.text(user, text)),
    /** Presses the newest inline button whose label matches, as Telegram would send it. */
    press: async (user: SimUser, label: string | RegExp) => {
      const found = fake.findButton(user.id, label);
      if (!found?.button.callback_data) throw new Error(`no button ${String(label)} in chat ${user.id}`);
      await send(
        fake.updates.callback(user, { message_id: found.message_id, data: found.button.callback_data }),
      );
    },
    record: (user: SimUser | number) => services.users.find(typeof user === "number" ? user : user.id),
    close: () => database.close(),
  };
}

export type Harness = ReturnType<typeof createHarness>;
