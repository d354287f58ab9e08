import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createServices, type Services } from "../src/bot/services.js";
import { createDatabase, type OpenDatabase } from "../src/db/client.js";
import { captchaCallbackData } from "../src/features/gate/captcha/challenge.js";
import { ownerId } from "../test/support/bot-harness.js";
import { buildCompiledUsher, type CompiledUsher } from "../test/support/compiled-usher.js";
import {
  type CallRecord,
  type FakeServer,
  FakeTelegram,
  type SimUser,
} from "../test/support/fake-telegram/index.js";
import { type BenchDatabase, createBenchDatabase, type Engine, engineNames } from "./database.js";
import type { ProbeTally } from "./gate-probe.js";
import { type GateScript, type NewcomerKind, placeholders, type ScriptedCall } from "./gate-script.js";
import { defineScenario, formatTable, round } from "./scenario.js";
import { cpuOfProcesses, serverProcessesOf } from "./server-cpu.js";

const target = 2;
const channelId = -100_111;
const deeplinkCode = "promo";
const deeplinkTag = "from-promo";
/**
 * As many parents as referred newcomers in a burst of 200: each parent hears of one referral per
 * burst, so Telegram's per-chat pace (about one message a second, kept by the outgoing budget)
 * never carries one burst's notifications into the next.
 */
const parentCount = 100;
const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const usherToken = "123456:AAGATE_BENCH_USHER_0123456789abcdef";
const bareToken = "654321:AAGATE_BENCH_BARE_0123456789abcdef";

/**
 * Usher compiled as `npm start` runs it (node dist/main.js, no tsx), with the bench's bare bot and
 * probe compiled by the same tsc beside it: tsx's transform wraps every function it creates in a
 * naming helper (`__name`), which weighed on Usher's many closures and not on the bare bot's few.
 */
async function compileBots(): Promise<CompiledUsher> {
  const compiled = await buildCompiledUsher();
  try {
    const tsc = join(projectRoot, "node_modules", "typescript", "bin", "tsc");
    const options = [
      "--ignoreConfig",
      "--module",
      "nodenext",
      "--target",
      "es2022",
      "--noCheck",
      "--skipLibCheck",
    ];
    const files = ["bench/gate-probe.ts", "bench/gate-bare-bot.ts"];
    const outDir = join(compiled.path, "bench");
    await promisify(execFile)(process.execPath, [tsc, ...options, "--outDir", outDir, ...files], {
      cwd: projectRoot,
    });
  } catch (error) {
    compiled.remove();
    throw error;
  }
  return compiled;
}

/**
 * Rewrites the compiled locale scope so that `inLocale` only calls its work: the bot then speaks
 * English to everyone, and no AsyncLocalStorage runs (on Node 20 its promise hooks tax every await).
 */
function withoutLocaleScope(path: string): void {
  const file = join(path, "dist", "texts", "locale-scope.js");
  const compiled = readFileSync(file, "utf8");
  const stubbed = compiled.replace(/scope\.run\(locale, work\)/, "work()");
  if (stubbed === compiled) throw new Error(`gate: no scope.run in ${file} to take out`);
  writeFileSync(file, stubbed);
}

/** A bot running in its own process, with the probe that reports its CPU and SQLite time. */
class BotProcess {
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    cwd: string,
    script: string,
    env: Record<string, string>,
  ) {
    // GATE_CPU_PROF=<folder> writes a V8 CPU profile of each bot process there, for finding the cost.
    const profile = process.env.GATE_CPU_PROF
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.GATE_CPU_PROF}`]
      : [];
    const args = [...profile, "--import", "./bench/gate-probe.js", script];
    this.child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    // Usher logs at its default level, as in production; only the last lines are kept, for errors.
    const keep = (chunk: Buffer) => {
      this.tail.push(...chunk.toString().split("\n").filter(Boolean));
      this.tail.splice(0, Math.max(0, this.tail.length - 40));
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
  }

  /** The process's CPU time and SQLite counters so far. */
  tally(): Promise<ProbeTally> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no tally\n${this.output()}`)), 10_000);
      this.child.once("message", (message) => {
        clearTimeout(timer);
        resolve(message as ProbeTally);
      });
      this.child.send("tally");
    });
  }

  /** From now on the probe times SQLite on this process's CPU clock instead of the wall clock. */
  meterSqlCpu(): void {
    this.child.send("clock:cpu");
  }

  get pid(): number {
    return this.child.pid as number;
  }

  output(): string {
    return this.tail.join("\n");
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill("SIGTERM");
    const timeout = delay(10_000).then(() => this.child.kill("SIGKILL"));
    await Promise.race([this.exited, timeout]);
  }
}

/** One newcomer: who, the /start payload, and the parent it names (if any). */
interface Newcomer {
  user: SimUser;
  kind: NewcomerKind;
  payload: string;
  parentId: number | null;
}

/** One bot under test, the fake it talks to, and how a newcomer answers its prompt. */
interface Side {
  name: string;
  fake: FakeTelegram;
  server: FakeServer;
  bot: BotProcess;
  newcomer(index: number): Newcomer;
  /** The callback data a newcomer presses on the prompt the bot sent. */
  press(newcomer: Newcomer): string;
  /** CPU µs so far of the database server's processes serving the bot (PostgreSQL); none for SQLite. */
  serverCpuUs?: () => number;
}

const isUpdateFetch = (call: CallRecord) => call.method === "getUpdates";
/**
 * Calls that are not an update's: fetching updates, and Usher's profile photo worker (a couple a
 * second in the background, not per update; its CPU is still in Usher's figures).
 */
const isBackground = (call: CallRecord) => isUpdateFetch(call) || call.method === "getUserProfilePhotos";

function apiCalls(fake: FakeTelegram): CallRecord[] {
  return fake.calls.filter((call) => !isBackground(call));
}

/** Counts the calls other than getUpdates as they arrive, scanning each record once. */
function apiCallCounter(fake: FakeTelegram): () => number {
  let scanned = 0;
  let count = 0;
  return () => {
    for (; scanned < fake.calls.length; scanned++) {
      if (!isBackground(fake.calls[scanned] as CallRecord)) count += 1;
    }
    return count;
  };
}

async function until(condition: () => boolean, what: string, side: Side, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`${side.name}: timed out waiting for ${what}\n${side.bot.output()}`);
    await delay(10);
  }
}

/**
 * Waits until the bot has made `expected` calls, or (when unknown) made none for 1.5 s: longer than
 * the outgoing budget's per-chat pace, which spaces a welcome and a deeplink in one chat by a second.
 */
async function settle(side: Side, expected: number | undefined, what: string): Promise<void> {
  if (expected !== undefined) {
    const counted = apiCallCounter(side.fake);
    await until(() => counted() >= expected, what, side);
    return;
  }
  const counted = apiCallCounter(side.fake);
  let seen = -1;
  while (seen !== counted()) {
    seen = counted();
    await delay(1500);
  }
}

/**
 * Newcomers at once: they join the channel and all press /start; once every prompt is there, they all
 * press the right button. `expectedCalls` (per phase) lets a timed burst end on its last call.
 */
async function burst(side: Side, newcomers: Newcomer[], expectedCalls?: [number, number]): Promise<void> {
  const { fake } = side;
  for (const n of newcomers) fake.setMembership(channelId, n.user, "member");
  fake.enqueue(...newcomers.map((n) => fake.updates.start(n.user, n.payload)));
  let waiting = newcomers;
  const prompted = () => {
    waiting = waiting.filter((n) => fake.inlineButtons(fake.lastMessageTo(n.user.id)).length === 0);
    return waiting.length === 0;
  };
  await until(prompted, "the prompts", side);
  await settle(side, expectedCalls?.[0], "the /start answers");
  const presses = newcomers.map((n) => {
    const prompt = fake.lastMessageTo(n.user.id);
    if (!prompt) throw new Error(`${side.name}: no prompt for ${n.user.id}`);
    return fake.updates.callback(n.user, { message_id: prompt.message_id, data: side.press(n) });
  });
  fake.enqueue(...presses);
  await settle(side, expectedCalls && expectedCalls[0] + expectedCalls[1], "the answers to the presses");
}

/** The bot process's CPU time per second over a few quiet seconds, in µs. */
async function idleCpuPerSecond(side: Side, seconds = 3): Promise<number> {
  const before = await side.bot.tally();
  const started = performance.now();
  await delay(seconds * 1000);
  const after = await side.bot.tally();
  return ((after.cpuUs - before.cpuUs) * 1000) / (performance.now() - started);
}

/** What one side did in one timed burst. */
interface Slice {
  updates: number;
  wallMs: number;
  cpuUs: number;
  systemUs: number;
  /** CPU of the PostgreSQL server processes serving the bot (0 with SQLite, which runs inside it). */
  serverUs: number;
  sqlUs: number;
  statements: number;
  prepares: number;
  calls: Record<string, number>;
  /** getUpdates calls the runner made meanwhile (not in `calls`). */
  updateFetches: number;
  requestBytes: number;
  bySql: ProbeTally["bySql"];
}

function sqlDifference(after: ProbeTally["bySql"], before: ProbeTally["bySql"]): ProbeTally["bySql"] {
  const difference: ProbeTally["bySql"] = {};
  for (const [source, { count, us }] of Object.entries(after)) {
    const earlier = before[source] ?? { count: 0, us: 0 };
    if (count > earlier.count) difference[source] = { count: count - earlier.count, us: us - earlier.us };
  }
  return difference;
}

async function timedBurst(side: Side, newcomers: Newcomer[], expected: [number, number]): Promise<Slice> {
  side.fake.clearCalls();
  const serverBefore = side.serverCpuUs?.() ?? 0;
  const before = await side.bot.tally();
  const started = performance.now();
  await burst(side, newcomers, expected);
  const wallMs = performance.now() - started;
  // The last answer arrived at the fake; give the bot the moment to finish with it.
  await delay(50);
  const after = await side.bot.tally();
  const serverUs = (side.serverCpuUs?.() ?? 0) - serverBefore;
  const calls: Record<string, number> = {};
  let requestBytes = 0;
  const failed: string[] = [];
  for (const call of apiCalls(side.fake)) {
    calls[call.method] = (calls[call.method] ?? 0) + 1;
    requestBytes += JSON.stringify(call.params).length;
    if (!call.ok) failed.push(`${call.method}: ${call.error?.description}`);
  }
  if (failed.length > 0)
    throw new Error(`${side.name}: ${failed.length} call(s) failed: ${failed.slice(0, 3)}`);
  const updateFetches = side.fake.calls.filter(isUpdateFetch).length;
  side.fake.clearCalls();
  return {
    updates: newcomers.length * 2,
    wallMs,
    updateFetches,
    cpuUs: after.cpuUs - before.cpuUs,
    systemUs: after.systemUs - before.systemUs,
    serverUs,
    sqlUs: after.sqlUs - before.sqlUs,
    statements: after.statements - before.statements,
    prepares: after.prepares - before.prepares,
    calls,
    requestBytes,
    bySql: sqlDifference(after.bySql, before.bySql),
  };
}

interface UsherSide extends Side {
  services: Services;
  database: OpenDatabase;
  parents: { id: number; code: string }[];
}

/**
 * Usher as `npm start` runs it (dist/main.js, long polling), every gate extension on, on a SQLite file
 * or a PostgreSQL schema of its own.
 */
async function startUsher(
  place: BenchDatabase,
  bots: CompiledUsher,
  languageCode?: string,
): Promise<UsherSide> {
  const fake = new FakeTelegram({ token: usherToken });
  const server = await fake.listen();
  const database = createDatabase(place.location);
  const services = createServices(database.db, { ownerIds: [ownerId] });
  services.settings.update("captcha", { enabled: true });
  services.settings.update("joinCheck", { enabled: true });
  services.settings.update("userReferrals", { enabled: true });
  services.settings.update("adminReferrals", { enabled: true });
  services.settings.update("deeplinks", { enabled: true });
  // Off: the one admin's chat takes about one message a second (Telegram's per-chat pace, which the
  // outgoing budget keeps), so alerts would make a burst measure waiting instead of CPU.
  services.settings.update("newUserAlerts", { enabled: false });
  services.settings.update("refLinkOnly", { enabled: false });
  services.settings.update("maintenance", { enabled: false });
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
  const bot = new BotProcess("usher", bots.path, "dist/main.js", {
    BOT_TOKEN: usherToken,
    BOT_API_ROOT: server.apiRoot,
    ...place.environment,
    ADMIN_IDS: String(ownerId),
    // The double has no flood limits: the gate's own cost is measured, not Telegram's pace.
    BOT_API_RATE: "100000",
  });
  const parents: { id: number; code: string }[] = [];
  const side: UsherSide = {
    name: "usher",
    fake,
    server,
    bot,
    services,
    database,
    parents,
    newcomer(index) {
      const user = fake.addUser({ first_name: "Ann", ...(languageCode && { language_code: languageCode }) });
      const parent = parents[Math.floor(index / 2) % Math.max(1, parents.length)];
      if (index % 2 === 1 || !parent)
        return { user, kind: "deeplink", payload: deeplinkCode, parentId: null };
      return { user, kind: "referral", payload: `r${parent.code}`, parentId: parent.id };
    },
    press(newcomer) {
      const state = services.captcha.find(newcomer.user.id);
      if (!state) throw new Error(`usher: no captcha for ${describe(side, newcomer.user.id)}`);
      return captchaCallbackData(state.nonce, state.correctIndex);
    },
  };
  await until(() => fake.callsOf("getUpdates").length > 0, "polling to start", side);
  if (place.engine === "postgres") {
    const servers = serverProcessesOf(database, bot.pid, Number(new URL(place.location).port || 5432));
    if (servers.length === 0) throw new Error("usher: no PostgreSQL server process serves it");
    side.serverCpuUs = () => cpuOfProcesses(servers);
  }

  // Registered parents for the referral links, through the same gate.
  const first = Array.from({ length: parentCount }, () => fake.addUser({ first_name: "Pat" }));
  await burst(
    side,
    first.map((user) => ({ user, kind: "deeplink", payload: "", parentId: null })),
  );
  for (const user of first) {
    const record = services.users.find(user.id);
    if (record?.status !== "active") throw new Error(`usher: parent ${describe(side, user.id)}`);
    parents.push({ id: user.id, code: record.referralCode });
  }
  fake.clearCalls();
  return side;
}

function describe(side: UsherSide, userId: number): string {
  const record = side.services.users.find(userId);
  const said = side.fake.textsTo(userId).map((t) => JSON.stringify(t.slice(0, 60)));
  return `user ${userId}: status ${record?.status ?? "(no record)"}, the bot said [${said.join(", ")}]`;
}

/** The calls Usher makes for one newcomer of each kind, taken one at a time, as templates. */
async function recordScript(usher: UsherSide): Promise<GateScript> {
  const script: GateScript = {
    deeplinkCode,
    start: { deeplink: [], referral: [] },
    press: { deeplink: [], referral: [] },
  };
  for (const index of [0, 1]) {
    const newcomer = usher.newcomer(index);
    const { fake } = usher;
    fake.clearCalls();
    fake.setMembership(channelId, newcomer.user, "member");
    fake.enqueue(fake.updates.start(newcomer.user, newcomer.payload));
    await settle(usher, undefined, "the recorded /start");
    const prompt = fake.lastMessageTo(newcomer.user.id);
    if (!prompt) throw new Error(`usher: no prompt; ${describe(usher, newcomer.user.id)}`);
    const onStart = apiCalls(fake);
    fake.clearCalls();
    const press = fake.updates.callback(newcomer.user, {
      message_id: prompt.message_id,
      data: usher.press(newcomer),
    });
    fake.enqueue(press);
    await settle(usher, undefined, "the recorded press");
    const onPress = apiCalls(fake);
    fake.clearCalls();
    const template = (call: CallRecord): ScriptedCall => ({
      method: call.method,
      params: JSON.stringify(call.params)
        .replaceAll(
          `"callback_query_id":"${press.callback_query?.id}"`,
          `"callback_query_id":"${placeholders.press}"`,
        )
        .replaceAll(`"message_id":${prompt.message_id}`, `"message_id":${placeholders.message}`)
        .replaceAll(String(newcomer.user.id), placeholders.user),
    });
    script.start[newcomer.kind] = onStart.map(template);
    script.press[newcomer.kind] = onPress.map(template);
  }
  return script;
}

/** The bare grammY + runner bot replaying Usher's calls, against its own fake in this process. */
async function startBare(usher: UsherSide, script: GateScript, bots: CompiledUsher): Promise<Side> {
  const fake = new FakeTelegram({ token: bareToken });
  const server = await fake.listen();
  // The same world as Usher's fake: the owner with the promo message, the channel, the parents.
  const owner = fake.addUser({ id: ownerId, first_name: "Owner", username: "owner" });
  fake.addChat({ id: channelId, type: "channel", title: "News" });
  fake.setMembership(channelId, owner, "creator");
  fake.updates.text(owner, "🎁 Your promo code: USHER10");
  for (const parent of usher.parents) fake.addUser({ id: parent.id, first_name: "Pat" });
  const bot = new BotProcess("bare", bots.path, "bench/gate-bare-bot.js", {
    BOT_TOKEN: bareToken,
    BOT_API_ROOT: server.apiRoot,
    GATE_SCRIPT: JSON.stringify(script),
  });
  const side: Side = {
    name: "bare",
    fake,
    server,
    bot,
    newcomer(index) {
      const user = fake.addUser({ first_name: "Ann" });
      if (index % 2 === 1) return { user, kind: "deeplink", payload: deeplinkCode, parentId: null };
      const parent = usher.parents[Math.floor(index / 2) % usher.parents.length];
      return { user, kind: "referral", payload: `r${parent?.code}`, parentId: parent?.id ?? null };
    },
    press: (newcomer) => newcomer.kind,
  };
  await until(() => fake.callsOf("getUpdates").length > 0, "polling to start", side);
  return side;
}

/** Everyone Usher let through must be active, credited or tagged as their link says. */
function verifyUsher(usher: UsherSide, all: Newcomer[]): void {
  const problems: string[] = [];
  const { users } = usher.services;
  for (const n of all) {
    const record = users.find(n.user.id);
    if (record?.status !== "active") problems.push(`not active: ${describe(usher, n.user.id)}`);
    else if (n.parentId !== null && record.referrerId !== n.parentId)
      problems.push(`user ${n.user.id}: referrer ${record.referrerId}, expected ${n.parentId}`);
    else if (n.kind === "deeplink" && !users.tagsOf(n.user.id).includes(deeplinkTag))
      problems.push(`user ${n.user.id}: deeplink tag missing; ${describe(usher, n.user.id)}`);
  }
  const referred = all.filter((n) => n.parentId !== null).length + 1; // the recorded referral
  const credited = usher.parents.reduce((sum, p) => sum + (users.find(p.id)?.referralCount ?? 0), 0);
  if (credited !== referred) problems.push(`parents credited ${credited} referrals, expected ${referred}`);
  if (problems.length > 0)
    throw new Error(
      `gate: ${problems.length} problem(s):\n  ${problems.slice(0, 5).join("\n  ")}\n${usher.bot.output()}`,
    );
}

function expectedCalls(script: GateScript, newcomers: Newcomer[]): [number, number] {
  const count = (phase: GateScript["start"]) => newcomers.reduce((sum, n) => sum + phase[n.kind].length, 0);
  return [count(script.start), count(script.press)];
}

function total(slices: Slice[]) {
  const sum = (pick: (s: Slice) => number) => slices.reduce((acc, s) => acc + pick(s), 0);
  const calls: Record<string, number> = {};
  for (const s of slices) for (const [m, n] of Object.entries(s.calls)) calls[m] = (calls[m] ?? 0) + n;
  const updates = sum((s) => s.updates);
  const apiCount = Object.values(calls).reduce((a, b) => a + b, 0);
  const bySql: ProbeTally["bySql"] = {};
  for (const s of slices) {
    for (const [source, { count, us }] of Object.entries(s.bySql)) {
      const entry = bySql[source] ?? { count: 0, us: 0 };
      bySql[source] = { count: entry.count + count, us: entry.us + us };
    }
  }
  const topSql = Object.entries(bySql)
    .sort(([, x], [, y]) => y.us - x.us)
    .slice(0, 12)
    .map(([source, { count, us }]) => ({
      source,
      perUpdate: round(count / updates, 2),
      usPerUpdate: round(us / updates, 1),
    }));
  return {
    updates,
    topSql,
    cpuUs: round(sum((s) => s.cpuUs) / updates),
    serverUs: round(sum((s) => s.serverUs) / updates),
    systemUs: round(sum((s) => s.systemUs) / updates),
    wallUs: round((sum((s) => s.wallMs) * 1000) / updates),
    sqlUs: round(sum((s) => s.sqlUs) / updates),
    statements: round(sum((s) => s.statements) / updates, 2),
    prepares: round(sum((s) => s.prepares) / updates, 2),
    apiCalls: round(apiCount / updates, 2),
    updateFetches: round(sum((s) => s.updateFetches) / updates, 3),
    wallMs: sum((s) => s.wallMs),
    bytesPerCall: round(sum((s) => s.requestBytes) / Math.max(1, apiCount), 0),
    calls,
  };
}

export const gateScenario = defineScenario({
  name: "gate",
  description:
    "newcomers in bursts /start → captcha → registered, every extension on: Usher (compiled, as npm start runs it; SQLite file or PostgreSQL) " +
    "against a bare grammY + runner bot making the same Bot API calls, each its own process, " +
    "the fake Bot API over HTTP in the bench's process; CPU time per update in the bot process",
  flags: {
    users: { description: "newcomers in the timed part (2 updates each)", default: 2000 },
    warmup: { description: "newcomers each side admits before timing", default: 1000, min: 0 },
    rounds: { description: "timed bursts a side, alternating Usher and the bare bot", default: 10 },
    russian: {
      description: "1: the newcomers' Telegram speaks Russian (the gate answers in it); 0: English",
      default: 0,
      min: 0,
    },
    scope: {
      description:
        "0: the same build with the locale scope (AsyncLocalStorage) taken out, to measure what it costs",
      default: 1,
      min: 0,
    },
  },
  databases: true,
  async run(flags, engine: Engine) {
    const { users, warmup } = flags;
    const rounds = Math.min(flags.rounds, users);
    const place = createBenchDatabase(engine);
    const sides: Side[] = [];
    let usher: UsherSide | undefined;
    const bots = await compileBots();
    if (flags.scope === 0) withoutLocaleScope(bots.path);
    try {
      usher = await startUsher(place, bots, flags.russian === 1 ? "ru" : undefined);
      sides.push(usher);
      const script = await recordScript(usher);
      const bare = await startBare(usher, script, bots);
      sides.push(bare);

      const usherNewcomers: Newcomer[] = [];
      const wave = (side: Side, count: number, from: number) =>
        Array.from({ length: count }, (_, i) => side.newcomer(from + i));
      // Warm-up in bursts of the timed size, untimed.
      const burstSize = Math.max(1, Math.floor(users / rounds));
      for (let done = 0; done < warmup; done += burstSize) {
        const size = Math.min(burstSize, warmup - done);
        const u = wave(usher, size, done);
        usherNewcomers.push(...u);
        await burst(usher, u, expectedCalls(script, u));
        // Paced calls still on their way belong to this burst, not to the next.
        await settle(usher, undefined, "the last paced calls");
        usher.fake.clearCalls();
        const b = wave(bare, size, done);
        await burst(bare, b, expectedCalls(script, b));
        bare.fake.clearCalls();
      }
      // What each process burns doing nothing (Usher: lease renewals, the mailing engine's ticks;
      // both: a long poll), to tell that apart from the cost of updates.
      const idle = { usher: await idleCpuPerSecond(usher), bare: await idleCpuPerSecond(bare) };
      const usherSlices: Slice[] = [];
      const bareSlices: Slice[] = [];
      for (let r = 0; r < rounds; r++) {
        const from = Math.floor((r * users) / rounds);
        const size = Math.floor(((r + 1) * users) / rounds) - from;
        const u = wave(usher, size, warmup + from);
        usherNewcomers.push(...u);
        usherSlices.push(await timedBurst(usher, u, expectedCalls(script, u)));
        await settle(usher, undefined, "the last paced calls");
        const b = wave(bare, size, warmup + from);
        bareSlices.push(await timedBurst(bare, b, expectedCalls(script, b)));
      }
      // Then one more burst on Usher alone, with SQLite timed on the CPU clock (dearer to take, so
      // not in the comparison): how much of Usher's CPU the database is.
      usher.bot.meterSqlCpu();
      const metered = wave(usher, Math.floor(users / rounds), warmup + users);
      usherNewcomers.push(...metered);
      const sqlCpu = total([await timedBurst(usher, metered, expectedCalls(script, metered))]);
      // Paced calls (a deeplink a second after the welcome in the same chat) may still be on their way.
      await settle(usher, undefined, "the last paced calls");
      verifyUsher(usher, usherNewcomers);
      const u = total(usherSlices);
      const b = total(bareSlices);
      const tallied = (calls: Record<string, number>) =>
        JSON.stringify(Object.entries(calls).sort(([x], [y]) => x.localeCompare(y)));
      if (tallied(u.calls) !== tallied(b.calls))
        throw new Error(`gate: the bare bot made ${tallied(b.calls)}, usher ${tallied(u.calls)}`);
      return report({ engine, users, warmup, rounds, u, b, sqlCpu, idle, usherSlices, bareSlices });
    } finally {
      for (const side of sides) await side.bot.stop();
      if (usher && !sides.includes(usher)) await usher.bot.stop();
      for (const side of sides) await side.server.close();
      usher?.database.close();
      place.remove();
      bots.remove();
    }
  },
});

function report(r: {
  engine: Engine;
  users: number;
  warmup: number;
  rounds: number;
  u: ReturnType<typeof total>;
  b: ReturnType<typeof total>;
  sqlCpu: ReturnType<typeof total>;
  idle: { usher: number; bare: number };
  usherSlices: Slice[];
  bareSlices: Slice[];
}) {
  const { engine, users, warmup, rounds, u, b, sqlCpu, idle } = r;
  // The same figures with each process's idle CPU over its bursts' wall time taken off.
  const busyUs = (s: typeof u, idlePerSecond: number) =>
    round(s.cpuUs - (idlePerSecond * s.wallMs) / 1000 / s.updates);
  const usherBusy = busyUs(u, idle.usher);
  const bareBusy = busyUs(b, idle.bare);
  // On PostgreSQL the database's work runs in the server's processes: counted with Usher's.
  const usherTotalUs = round(u.cpuUs + u.serverUs);
  const ratio = round(usherTotalUs / b.cpuUs, 2);
  const processRatio = round(u.cpuUs / b.cpuUs, 2);
  const passed = ratio <= target;
  const sliceRatios = r.usherSlices.map((s, i) => {
    const bare = r.bareSlices[i] as Slice;
    return round((s.cpuUs + s.serverUs) / s.updates / (bare.cpuUs / bare.updates), 2);
  });
  const row = (name: string, s: typeof u) => [
    name,
    s.cpuUs.toFixed(1),
    s.systemUs.toFixed(1),
    String(round(1e6 / s.cpuUs, 0)),
    s.wallUs.toFixed(1),
    s.apiCalls.toFixed(2),
    String(s.bytesPerCall),
    s.statements.toFixed(2),
    s.prepares.toFixed(2),
    s.sqlUs.toFixed(1),
  ];
  const perNewcomer = Object.entries(u.calls)
    .sort(([, x], [, y]) => y - x)
    .map(([method, n]) => `${method} ${round(n / users, 2)}`)
    .join(", ");
  return {
    passed,
    lines: [
      `${engineNames[engine]}: ${users} newcomers = ${u.updates} updates a side (/start, captcha press) in ${rounds} bursts a side, ` +
        `alternating, after ${warmup} warm-up newcomers a side; CPU = the bot process's user + system time`,
      ...(engine === "postgres"
        ? [
            `PostgreSQL's server processes serving usher: ${u.serverUs.toFixed(1)} µs CPU per update; ` +
              `usher with them ${usherTotalUs.toFixed(1)} µs (the process alone ${processRatio.toFixed(2)}× the bare bot)`,
          ]
        : []),
      ...formatTable([
        [
          "per update",
          "CPU µs",
          "of it system",
          "updates/CPU-s",
          "burst wall µs",
          "API calls",
          "bytes/call",
          "SQL stmts",
          "prepares",
          `wall µs in ${engineNames[engine]}`,
        ],
        row("usher", u),
        row("bare grammY", b),
      ]),
      `Bot API calls per newcomer (both sides): ${perNewcomer}`,
      `usher's CPU in ${engineNames[engine]} (an extra burst, statements timed on the process's CPU clock): ${sqlCpu.sqlUs.toFixed(1)} µs ` +
        `per update of ${sqlCpu.cpuUs.toFixed(1)} (${Math.round((100 * sqlCpu.sqlUs) / sqlCpu.cpuUs)} %, timing included); ` +
        "the costliest statements (per update: executions, CPU µs):",
      ...sqlCpu.topSql.map(
        (q) =>
          `  ${q.perUpdate.toFixed(2)}  ${q.usPerUpdate.toFixed(1).padStart(6)}  ${q.source.replace(/\s+/g, " ").trim()}`,
      ),
      `idle CPU: usher ${Math.round(idle.usher)} µs/s, bare ${Math.round(idle.bare)} µs/s; getUpdates per update: ` +
        `usher ${u.updateFetches}, bare ${b.updateFetches}; without the idle CPU over the bursts' time: ` +
        `usher ${usherBusy} µs, bare ${bareBusy} µs per update, ${round(usherBusy / bareBusy, 2).toFixed(2)}×`,
      `ratio per burst: ${sliceRatios.map((x) => x.toFixed(2)).join(" ")}`,
      `ratio usher/bare CPU per update${engine === "postgres" ? " (the server's included)" : ""}: ${ratio.toFixed(2)}×  (target ≤ ${target}×)  ${passed ? "PASS" : "FAIL"}`,
    ],
    data: {
      users,
      warmup,
      rounds,
      usher: u,
      bare: b,
      idleCpuPerSecond: idle,
      busyRatio: round(usherBusy / bareBusy, 2),
      usherSqlCpu: {
        updates: sqlCpu.updates,
        cpuUs: sqlCpu.cpuUs,
        sqlUs: sqlCpu.sqlUs,
        topSql: sqlCpu.topSql,
      },
      sliceRatios,
      ratio,
      processRatio,
      target,
      pass: passed,
    },
    figures: [
      { metric: "gate: usher process CPU µs/update", value: u.cpuUs },
      { metric: "gate: database server CPU µs/update", value: u.serverUs },
      { metric: "gate: usher + server CPU µs/update", value: usherTotalUs },
      { metric: "gate: bare grammY CPU µs/update", value: b.cpuUs },
      { metric: "gate: ratio usher (+ server) / bare", value: ratio, digits: 2 },
    ],
  };
}
