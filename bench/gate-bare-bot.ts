/**
 * The gate benchmark's yardstick, run as its own process: a bare grammY bot on @grammyjs/runner that
 * replays, for each newcomer's update, the Bot API calls Usher made for such an update (recorded by the
 * bench: same methods, same payloads), reading and writing nothing. What the gate would cost if its
 * logic, its database and its logging were free.
 */
import { run } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import { type GateScript, placeholders, type ScriptedCall } from "./gate-script.js";

function fill(params: string, user: number, message: number, press: string): Record<string, unknown> {
  return JSON.parse(
    params
      .replaceAll(placeholders.user, String(user))
      .replaceAll(placeholders.message, String(message))
      .replaceAll(placeholders.press, press),
  ) as Record<string, unknown>;
}

async function replay(ctx: Context, calls: ScriptedCall[], message: number, press: string): Promise<void> {
  const user = ctx.from?.id ?? 0;
  const raw = ctx.api.raw as unknown as Record<string, (p: Record<string, unknown>) => Promise<unknown>>;
  for (const call of calls) {
    const send = raw[call.method];
    if (!send) throw new Error(`bare bot: no method ${call.method}`);
    await send(fill(call.params, user, message, press));
  }
}

const { BOT_TOKEN, BOT_API_ROOT, GATE_SCRIPT } = process.env;
if (!BOT_TOKEN || !BOT_API_ROOT || !GATE_SCRIPT)
  throw new Error("bare bot: BOT_TOKEN, BOT_API_ROOT, GATE_SCRIPT");
const script = JSON.parse(GATE_SCRIPT) as GateScript;

const bot = new Bot(BOT_TOKEN, { client: { apiRoot: BOT_API_ROOT } });
bot.command("start", (ctx) =>
  replay(ctx, script.start[ctx.match === script.deeplinkCode ? "deeplink" : "referral"], 0, ""),
);
// The bench presses with data "deeplink" or "referral": the kind, which the bare bot does not store.
bot.on("callback_query:data", (ctx) =>
  replay(
    ctx,
    script.press[ctx.callbackQuery.data === "deeplink" ? "deeplink" : "referral"],
    ctx.callbackQuery.message?.message_id ?? 0,
    ctx.callbackQuery.id,
  ),
);

// As src/main.ts runs Usher's bot.
const runner = run(bot, {
  runner: {
    fetch: {
      allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member", "chat_member"],
    },
    silent: true,
  },
});
const stop = () => {
  if (runner.isRunning()) void runner.stop();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
