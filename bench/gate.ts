import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { Bot, InlineKeyboard } from "grammy";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../src/bot/index.js";
import { createServices, type Services } from "../src/bot/services.js";
import { createDatabase, type OpenDatabase } from "../src/db/client.js";
import { captchaCallbackData } from "../src/features/gate/captcha/challenge.js";
import { OutgoingBudget } from "../src/telegram/outgoing/budget.js";
import { ownerId, unpaced } from "../test/support/bot-harness.js";
import { FakeTelegram, type SimUser } from "../test/support/fake-telegram/index.js";
import { defineScenario, formatTable, round } from "./scenario.js";

const target = 3;
const channelId = -100_111;
const deeplinkCode = "promo";
const deeplinkTag = "from-promo";
const parentCount = 10;

/** What one side did in one timed slice. */
interface Tally {
  updates: number;
  /** Wall-clock time handling the updates, and the process's CPU time (user + system) meanwhile. */
  ms: number;
  cpuUs: number;
  /** Time inside the fake Bot API's fetch, and inside SQLite (prepare and execute). */
  fetchMs: number;
  sqlMs: number;
  /** SQL statements executed (run, get, all) and compiled (prepare). */
  statements: number;
  prepares: number;
  /** Bot API calls, by method, and those the fake refused (none are expected). */
  calls: Record<string, number>;
  failedCalls: string[];
}

const emptyTally = (): Tally => ({
  updates: 0,
  ms: 0,
  cpuUs: 0,
  fetchMs: 0,
  sqlMs: 0,
  statements: 0,
  prepares: 0,
  calls: {},
  failedCalls: [],
});

/** Counts into `current` all the time; a timed slice is what happened between begin and end. */
class Meter {
  current = emptyTally();
  readonly slices: Tally[] = [];
  private callsAtBegin = 0;

  begin(fake: FakeTelegram): void {
    this.current = emptyTally();
    this.callsAtBegin = fake.calls.length;
  }

  end(fake: FakeTelegram): void {
    for (const call of fake.calls.slice(this.callsAtBegin)) {
      this.current.calls[call.method] = (this.current.calls[call.method] ?? 0) + 1;
      if (!call.ok) this.current.failedCalls.push(`${call.method}: ${call.error?.description}`);
    }
    this.slices.push(this.current);
    this.current = emptyTally();
    // The fake keeps every call; counted, they are only weight on the heap (and on the timing).
    fake.clearCalls();
  }
}

/** The fake's fetch, with the time spent in it added to the meter (updates run one at a time). */
function meteredFetch(fake: FakeTelegram, meter: Meter): FakeTelegram["fetch"] {
  return async (input, init) => {
    const started = performance.now();
    try {
      return await fake.fetch(input, init);
    } finally {
      meter.current.fetchMs += performance.now() - started;
    }
  };
}

type Execute = (...params: unknown[]) => unknown;

/** Counts and times what this SQLite connection prepares and executes (drizzle prepares per query). */
function meterSqlite(sqlite: Database.Database, meter: Meter): void {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const started = performance.now();
    const statement = prepare(source);
    meter.current.sqlMs += performance.now() - started;
    meter.current.prepares += 1;
    const methods = statement as unknown as Record<"run" | "get" | "all", Execute>;
    for (const name of ["run", "get", "all"] as const) {
      const execute = methods[name].bind(statement);
      methods[name] = (...params) => {
        const begun = performance.now();
        try {
          return execute(...params);
        } finally {
          meter.current.sqlMs += performance.now() - begun;
          meter.current.statements += 1;
        }
      };
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/** What reading the CPU time twice costs, taken off each update's CPU time (≈1 µs, 2% of the baseline's). */
const cpuUsageOverheadUs = (() => {
  const rounds = 20_000;
  const cpu = process.cpuUsage();
  for (let i = 0; i < rounds; i++) process.cpuUsage(process.cpuUsage());
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / rounds;
})();

interface Side {
  fake: FakeTelegram;
  meter: Meter;
  /** Hands one update to the bot and adds the time it took to the meter. */
  send(update: Update): Promise<void>;
}

function sideOf(fake: FakeTelegram, meter: Meter, handle: (update: Update) => Promise<void>): Side {
  return {
    fake,
    meter,
    send: async (update) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      await handle(update);
      meter.current.ms += performance.now() - started;
      const used = process.cpuUsage(cpu);
      meter.current.cpuUs += used.user + used.system - cpuUsageOverheadUs;
      meter.current.updates += 1;
    },
  };
}

interface UsherSide extends Side {
  services: Services;
  database: OpenDatabase;
}

/** Usher as test/support/bot-harness.ts builds it, but over a real SQLite file (WAL) and the real clock. */
function buildUsher(databasePath: string): UsherSide {
  const fake = new FakeTelegram();
  const meter = new Meter();
  const database = createDatabase(databasePath);
  const journal = database.sqlite.pragma("journal_mode", { simple: true });
  if (journal !== "wal") throw new Error(`gate: the database runs in ${String(journal)} mode, not WAL`);
  meterSqlite(database.sqlite, meter);
  const services = createServices(database.db, { ownerIds: [ownerId] });
  services.settings.update("captcha", { enabled: true });
  services.settings.update("joinCheck", { enabled: true });
  services.settings.update("userReferrals", { enabled: true });
  services.settings.update("adminReferrals", { enabled: true });
  services.settings.update("deeplinks", { enabled: true });
  services.settings.update("newUserAlerts", { enabled: true });
  services.settings.update("refLinkOnly", { enabled: false });
  services.settings.update("maintenance", { enabled: false });
  const bot = createBot(fake.token, {
    services,
    logger: pino({ level: "silent" }),
    botInfo: fake.botInfo,
    client: { fetch: meteredFetch(fake, meter), apiRoot: "http://fake.local" },
    // The fake here has no flood limits: the gate's own cost is measured, not Telegram's pace.
    outgoing: new OutgoingBudget({ limits: unpaced }),
  });
  const owner = fake.addUser({ id: ownerId, first_name: "Owner", username: "owner" });

  fake.addChat({ id: channelId, type: "channel", title: "News" });
  services.requiredChats.add(
    { chatId: channelId, title: "News", joinUrl: "https://t.me/news" },
    services.now(),
  );
  fake.setMembership(channelId, owner, "creator");
  // A deeplink whose content is a message the owner sent to the bot, copied as the admin menu stores it.
  const promo = fake.updates.text(owner, "🎁 Your promo code: USHER10");
  services.deeplinks.create(
    {
      code: deeplinkCode,
      content: { type: "copy", fromChatId: ownerId, messageId: promo.message?.message_id as number },
      tags: [deeplinkTag],
      createdBy: ownerId,
    },
    services.now(),
  );
  return { ...sideOf(fake, meter, (u) => bot.handleUpdate(u)), services, database };
}

function buildBaseline(): Side {
  const fake = new FakeTelegram();
  const meter = new Meter();
  const bot = new Bot(fake.token, { botInfo: fake.botInfo, client: { fetch: meteredFetch(fake, meter) } });
  bot.command("start", (ctx) => ctx.reply("Welcome!"));
  return sideOf(fake, meter, (u) => bot.handleUpdate(u));
}

interface MirrorSide extends Side {
  /** Takes a newcomer (who came with a deeplink or not) through /start and the button press. */
  admit(withDeeplink: boolean): Promise<void>;
}

/**
 * A bare grammY bot that makes Usher's Bot API calls for each newcomer, same methods and counts,
 * in Usher's order, with no database and no decisions: what the gate would cost if its logic were free.
 */
function buildMirror(): MirrorSide {
  const fake = new FakeTelegram();
  const meter = new Meter();
  const owner = fake.addUser({ id: ownerId, first_name: "Owner", username: "owner" });
  fake.addChat({ id: channelId, type: "channel", title: "News" });
  const promo = fake.updates.text(owner, "🎁 Your promo code: USHER10");
  const promoId = promo.message?.message_id as number;

  const bot = new Bot(fake.token, { botInfo: fake.botInfo, client: { fetch: meteredFetch(fake, meter) } });
  // The captcha: six buttons, the press says whether the newcomer came with the deeplink.
  bot.command("start", (ctx) => {
    const withDeeplink = ctx.match === deeplinkCode ? 1 : 0;
    const keyboard = new InlineKeyboard();
    ["🍎", "🍌", "🚗", "🐶", "⚽", "🌵"].forEach((emoji, i) => {
      if (i === 3) keyboard.row();
      keyboard.text(emoji, `pass:${withDeeplink}:${i}`);
    });
    return ctx.reply("Tap the 🍎 to show you are not a robot.", { reply_markup: keyboard });
  });
  bot.callbackQuery(/^pass:([01]):/, async (ctx) => {
    const { id, first_name } = ctx.from;
    await ctx.answerCallbackQuery({ text: "✅ Thank you!" });
    await ctx.editMessageText("✅ Thank you!");
    await ctx.api.getChatMember(channelId, id);
    if (ctx.match[1] === "1") await ctx.api.copyMessage(id, ownerId, promoId);
    await ctx.api.sendMessage(ownerId, `🆕 New user: ${first_name}\nid: ${id}`);
    await ctx.api.sendMessage(id, `Welcome, ${first_name}!`);
  });

  const side = sideOf(fake, meter, (u) => bot.handleUpdate(u));
  return {
    ...side,
    async admit(withDeeplink) {
      const user = fake.addUser({ first_name: "Ann" });
      fake.setMembership(channelId, user, "member");
      await side.send(fake.updates.start(user, withDeeplink ? deeplinkCode : undefined));
      const prompt = fake.lastMessageTo(user.id);
      const data = fake.inlineButtons(prompt)[0]?.callback_data;
      if (!prompt || data === undefined) throw new Error(`same calls: no buttons after /start of ${user.id}`);
      await side.send(fake.updates.callback(user, { message_id: prompt.message_id, data }));
    },
  };
}

/** A newcomer: who they are, the /start payload they came with, and the parent it names (if any). */
interface Arrival {
  user: SimUser;
  payload: string | undefined;
  parentId: number | null;
}

function describeChat(side: UsherSide, userId: number): string {
  const record = side.services.users.find(userId);
  const said = side.fake.textsTo(userId).map((t) => JSON.stringify(t.slice(0, 60)));
  return `user ${userId}: status ${record?.status ?? "(no record)"}, the bot said [${said.join(", ")}]`;
}

/** A newcomer joins the channel, presses /start, then the right captcha button: two updates. */
async function admit(side: UsherSide, arrival: Arrival): Promise<void> {
  const { fake, services } = side;
  const { user } = arrival;
  fake.setMembership(channelId, user, "member");
  await side.send(fake.updates.start(user, arrival.payload));
  const state = services.captcha.find(user.id);
  const prompt = fake.lastMessageTo(user.id);
  if (!state || !prompt) throw new Error(`gate: no captcha after /start; ${describeChat(side, user.id)}`);
  await side.send(
    fake.updates.callback(user, {
      message_id: prompt.message_id,
      data: captchaCallbackData(state.nonce, state.correctIndex),
    }),
  );
}

/** Newcomers alternate: `/start r<parent code>` (parents taken in turn), then `/start <deeplink>`. */
function arrivals(side: UsherSide, parents: { id: number; code: string }[], count: number): Arrival[] {
  return Array.from({ length: count }, (_, i) => {
    const user = side.fake.addUser({ first_name: "Ann" });
    if (i % 2 === 1) return { user, payload: deeplinkCode, parentId: null };
    const parent = parents[(i / 2) % parents.length];
    if (!parent) throw new Error("gate: no parents");
    return { user, payload: `r${parent.code}`, parentId: parent.id };
  });
}

/** Everyone who went through the gate must be a bot user, credited or tagged as their link says. */
function verifyUsher(side: UsherSide, all: Arrival[], parents: { id: number }[]): void {
  const problems: string[] = [];
  for (const arrival of all) {
    const id = arrival.user.id;
    const record = side.services.users.find(id);
    if (record?.status !== "active") problems.push(`not active: ${describeChat(side, id)}`);
    else if (arrival.parentId !== null && record.referrerId !== arrival.parentId)
      problems.push(`user ${id}: referrer ${record.referrerId}, expected ${arrival.parentId}`);
    else if (arrival.payload === deeplinkCode && !side.services.users.tagsOf(id).includes(deeplinkTag))
      problems.push(`user ${id}: deeplink tag missing; ${describeChat(side, id)}`);
  }
  const referred = all.filter((a) => a.parentId !== null).length;
  const credited = parents.reduce((sum, p) => sum + (side.services.users.find(p.id)?.referralCount ?? 0), 0);
  if (credited !== referred) problems.push(`parents credited ${credited} referrals, expected ${referred}`);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join("\n  ");
    throw new Error(`gate: ${problems.length} problem(s) after the run:\n  ${shown}`);
  }
}

/** The baseline must have answered every timed /start (its warm-up is not counted here). */
function verifyBaseline(summary: { updates: number; calls: Record<string, number> }): void {
  const replies = summary.calls.sendMessage ?? 0;
  if (replies !== summary.updates)
    throw new Error(`baseline: ${replies} replies to ${summary.updates} /start updates`);
}

/** The same-calls bot must have made exactly Usher's Bot API calls, method by method. */
function verifyMirror(
  usher: { calls: Record<string, number> },
  mirror: { calls: Record<string, number> },
): void {
  const tally = (calls: Record<string, number>) =>
    JSON.stringify(Object.entries(calls).sort(([a], [b]) => a.localeCompare(b)));
  if (tally(usher.calls) !== tally(mirror.calls))
    throw new Error(`same calls: made ${tally(mirror.calls)}, usher made ${tally(usher.calls)}`);
}

/** Per-update figures of one slice. */
function perUpdate(t: Tally) {
  return {
    ups: round(t.updates / (t.cpuUs / 1e6), 0),
    cpuUs: round(t.cpuUs / t.updates),
    wallUs: round((t.ms * 1000) / t.updates),
    fetchUs: round((t.fetchMs * 1000) / t.updates),
    sqlUs: round((t.sqlMs * 1000) / t.updates),
    statements: round(t.statements / t.updates, 2),
    prepares: round(t.prepares / t.updates, 2),
    apiCalls: round(Object.values(t.calls).reduce((a, b) => a + b, 0) / t.updates, 2),
  };
}

/** The median slice (by time per update) stands for the side; every slice's rate is kept too. */
function summarize(side: string, meter: Meter) {
  const failed = meter.slices.flatMap((t) => t.failedCalls);
  if (failed.length > 0)
    throw new Error(
      `${side}: ${failed.length} Bot API call(s) failed, e.g. ${failed.slice(0, 3).join("; ")}`,
    );
  const slices = meter.slices.map(perUpdate);
  const median = [...slices].sort((a, b) => a.cpuUs - b.cpuUs)[Math.floor((slices.length - 1) / 2)];
  if (!median) throw new Error("gate: nothing was timed");
  const calls: Record<string, number> = {};
  for (const slice of meter.slices) {
    for (const [method, n] of Object.entries(slice.calls)) calls[method] = (calls[method] ?? 0) + n;
  }
  const total = (pick: (t: Tally) => number) => meter.slices.reduce((sum, t) => sum + pick(t), 0);
  return {
    ...median,
    updates: total((t) => t.updates),
    totalStatements: total((t) => t.statements),
    totalPrepares: total((t) => t.prepares),
    sliceUps: slices.map((s) => s.ups),
    calls,
  };
}

async function measure(usher: UsherSide, users: number, warmup: number, rounds: number) {
  const baseline = buildBaseline();
  const mirror = buildMirror();

  // Registered parents for the referral links, through the same gate.
  const parents: { id: number; code: string }[] = [];
  for (let i = 0; i < parentCount; i++) {
    const user = usher.fake.addUser({ first_name: "Pat" });
    await admit(usher, { user, payload: undefined, parentId: null });
    const record = usher.services.users.find(user.id);
    if (record?.status !== "active") throw new Error(`gate: parent ${describeChat(usher, user.id)}`);
    parents.push({ id: user.id, code: record.referralCode });
  }

  // Warm-up: the same work on both sides, untimed.
  const warmArrivals = arrivals(usher, parents, Math.ceil(warmup / 2));
  for (const arrival of warmArrivals) await admit(usher, arrival);
  for (let i = 0; i < warmup; i++) await baseline.send(baseline.fake.updates.start(baseline.fake.addUser()));
  for (const arrival of warmArrivals) await mirror.admit(arrival.payload === deeplinkCode);

  // Timed, in interleaved slices: Usher admits its share of newcomers, then the baseline answers as
  // many /start updates from fresh users as Usher handled, then the same-calls bot admits as many
  // newcomers, with and without the deeplink alike.
  const timedArrivals = arrivals(usher, parents, users);
  for (let r = 0; r < rounds; r++) {
    const slice = timedArrivals.slice(
      Math.floor((r * users) / rounds),
      Math.floor(((r + 1) * users) / rounds),
    );
    usher.meter.begin(usher.fake);
    for (const arrival of slice) await admit(usher, arrival);
    usher.meter.end(usher.fake);

    const handled = usher.meter.slices.at(-1)?.updates ?? 0;
    if (handled !== 2 * slice.length) throw new Error(`gate: ${handled} updates for ${slice.length} users`);
    const fresh = Array.from({ length: handled }, () => baseline.fake.addUser());
    baseline.meter.begin(baseline.fake);
    for (const user of fresh) await baseline.send(baseline.fake.updates.start(user));
    baseline.meter.end(baseline.fake);

    mirror.meter.begin(mirror.fake);
    for (const arrival of slice) await mirror.admit(arrival.payload === deeplinkCode);
    mirror.meter.end(mirror.fake);
  }

  verifyUsher(usher, [...warmArrivals, ...timedArrivals], parents);
  const u = summarize("gate", usher.meter);
  const b = summarize("baseline", baseline.meter);
  const m = summarize("same calls", mirror.meter);
  verifyBaseline(b);
  verifyMirror(u, m);
  return { usher: u, baseline: b, sameCalls: m };
}

export const gateScenario = defineScenario({
  name: "gate",
  description:
    "newcomers /start → captcha → registered, every extension on (SQLite file, in-process fake Bot API), " +
    "against a bare grammY bot that only replies to /start, and one that makes the same Bot API calls",
  flags: {
    users: { description: "newcomers in the timed part (2 updates each)", default: 2000 },
    // Below ~1500 updates the first timed slices of either side were still visibly slower (JIT settling).
    warmup: { description: "updates each side handles before timing", default: 2000, min: 0 },
    rounds: {
      description: "timed slices, alternating Usher and the bare bots; the median counts",
      default: 10,
    },
  },
  async run(flags) {
    const { users, warmup } = flags;
    const rounds = Math.min(flags.rounds, users);
    const dir = mkdtempSync(join(tmpdir(), "usher-bench-"));
    let usher: UsherSide;
    try {
      usher = buildUsher(join(dir, "usher.db"));
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    let measured: Awaited<ReturnType<typeof measure>>;
    try {
      measured = await measure(usher, users, warmup, rounds);
    } finally {
      usher.database.close();
      rmSync(dir, { recursive: true, force: true });
    }

    const { usher: u, baseline: b, sameCalls: m } = measured;
    const ratio = round(b.ups / u.ups, 2);
    const passed = ratio <= target;
    const ratioSameCalls = round(m.ups / u.ups, 2);
    const sameCallsToBaseline = round(b.ups / m.ups, 2);
    const row = (name: string, s: typeof u) => [
      name,
      String(s.ups),
      s.cpuUs.toFixed(1),
      s.wallUs.toFixed(1),
      s.apiCalls.toFixed(2),
      s.fetchUs.toFixed(1),
      s.statements.toFixed(2),
      s.sqlUs.toFixed(1),
    ];
    const perNewcomer = Object.entries(u.calls)
      .sort(([, x], [, y]) => y - x)
      .map(([method, n]) => `${method} ${round(n / users, 2)}`)
      .join(", ");
    const sqlPerNewcomer =
      `${round(u.totalStatements / users, 1)} statements, ` +
      `${round(u.totalPrepares / users, 1)} of them compiled anew`;
    return {
      passed,
      lines: [
        `${users} newcomers = ${u.updates} updates (/start, captcha answer) in ${rounds} slices a side, ` +
          `after ${warmup} warm-up updates a side; figures of the median slice`,
        "updates/CPU-s counts this process's CPU time (user + system), which other busy processes do not inflate",
        ...formatTable([
          [
            "per update",
            "updates/CPU-s",
            "CPU µs",
            "wall µs",
            "API calls",
            "wall µs in fake fetch",
            "SQL stmts",
            "wall µs in SQLite",
          ],
          row("usher", u),
          row("baseline", b),
          row("same calls", m),
        ]),
        `usher per newcomer: Bot API ${perNewcomer}; SQL ${sqlPerNewcomer}`,
        `ratio usher/baseline cost per update: ${ratio.toFixed(2)}×  (target ≤ ${target}×)  ${passed ? "PASS" : "FAIL"}`,
        `against a bot making the same API calls: usher/same calls ${ratioSameCalls.toFixed(2)}×  ` +
          `(${ratioSameCalls <= target ? "within" : "over"} ${target}×; that bot alone costs ` +
          `${sameCallsToBaseline.toFixed(2)}× the baseline)`,
      ],
      data: {
        users,
        updates: u.updates,
        warmup,
        rounds,
        usher: u,
        baseline: b,
        sameCalls: m,
        ratio,
        ratioSameCalls,
        sameCallsToBaseline,
        target,
        pass: passed,
      },
    };
  },
});
