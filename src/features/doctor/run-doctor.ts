import { Api } from "grammy";
import { pino } from "pino";
import {
  ConfigError,
  createConfig,
  createStorageConfig,
  databaseLocation,
  type Environment,
} from "../../config.js";
import { type CheckResult, ok, problem, skipped } from "./check.js";
import { checkDatabase } from "./database-checks.js";
import { checkAdmins, checkRequiredChats } from "./reach-checks.js";
import { checkToken, checkWebhook } from "./telegram-checks.js";

export interface DoctorDependencies {
  env: Environment;
  now: () => Date;
  /** Seconds each Bot API call may take. */
  timeoutSeconds?: number;
}

/**
 * Every check of `usher doctor`, in order: configuration, token, webhook, database (migrations,
 * integrity), admins reachable, required chats readable. A check whose ground failed is skipped.
 */
export async function runDoctor(deps: DoctorDependencies): Promise<CheckResult[]> {
  let config: ReturnType<typeof createConfig> | undefined;
  const results: CheckResult[] = [];
  try {
    config = createConfig(deps.env);
    results.push(ok("config", config.http?.webhook ? "webhook mode" : "long polling mode"));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    results.push(
      problem(
        "config",
        error.message.replace(/\n\s*/g, " "),
        "set these variables in .env or the environment",
      ),
    );
  }

  let storage: ReturnType<typeof createStorageConfig> | undefined;
  try {
    storage = config ?? createStorageConfig(deps.env);
  } catch {
    storage = undefined;
  }
  const database = storage ? checkDatabase(databaseLocation(storage), storage.ownerIds) : undefined;
  const telegram = config
    ? await checkTelegram(config, deps, database?.addedAdminIds, database?.requiredChats)
    : [];
  if (!config) results.push(skipped("token", "configuration invalid"));
  results.push(...telegram.slice(0, 2));
  results.push(...(database?.results ?? [skipped("database", "configuration invalid")]));
  results.push(...telegram.slice(2));
  return results;
}

/** Token and webhook first, then admins and required chats (which need the bot's identity). */
async function checkTelegram(
  config: ReturnType<typeof createConfig>,
  deps: DoctorDependencies,
  addedAdminIds: number[] | undefined,
  requiredChats: Parameters<typeof checkRequiredChats>[1] | undefined,
): Promise<CheckResult[]> {
  const api = new Api(config.botToken, {
    apiRoot: config.botApiRoot,
    timeoutSeconds: deps.timeoutSeconds ?? 15,
  });
  const token = await checkToken(api, config.botApiRoot);
  if (!token.bot) {
    return [token.result, skipped("webhook", "no working token"), skipped("admins", "no working token")];
  }
  const bot = token.bot.username;
  const admins = [
    ...config.ownerIds.map((id) => ({ id, role: "owner" as const })),
    ...(addedAdminIds ?? []).map((id) => ({ id, role: "admin" as const })),
  ];
  return [
    token.result,
    await checkWebhook(api, config.http?.webhook?.url, deps.now()),
    ...(await checkAdmins(api, bot, admins)),
    ...(requiredChats
      ? await checkRequiredChats(
          { api, botId: token.bot.id, bot, log: pino({ level: "silent" }) },
          requiredChats,
        )
      : [skipped("required chats", "the database has problems (above)")]),
  ];
}
