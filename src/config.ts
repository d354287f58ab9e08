import { existsSync } from "node:fs";
import { z } from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const telegramIdList = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const ids: number[] = [];
    for (const part of raw.split(",").map((p) => p.trim())) {
      if (part === "") continue;
      if (!/^\d{1,15}$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a numeric Telegram user id` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

const environmentSchema = z.object({
  BOT_TOKEN: z
    .string({ error: "is required: the token @BotFather gave you" })
    .regex(
      /^\d+:[A-Za-z0-9_-]{20,}$/,
      "does not look like a bot token (digits, a colon, then 20+ characters)",
    ),
  ADMIN_IDS: telegramIdList,
  DATABASE_PATH: z.string().min(1).default("./data/usher.db"),
  BOT_API_ROOT: z
    .url({ error: "must be a URL such as https://api.telegram.org" })
    .default("https://api.telegram.org"),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
});

/** Everything Usher reads from its environment, validated. */
export interface Config {
  botToken: string;
  ownerIds: number[];
  databasePath: string;
  botApiRoot: string;
  logLevel: (typeof logLevels)[number];
}

/** Raised when the environment cannot run Usher; the message names each bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates an environment (process.env or a test's own object) into a Config. */
export function createConfig(env: Record<string, string | undefined>): Config {
  const blankAsMissing = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = environmentSchema.safeParse(blankAsMissing);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    botToken: e.BOT_TOKEN,
    ownerIds: e.ADMIN_IDS,
    databasePath: e.DATABASE_PATH,
    botApiRoot: e.BOT_API_ROOT.replace(/\/+$/, ""),
    logLevel: e.LOG_LEVEL,
  };
}

/** Reads `.env` when present (real environment variables win), then validates process.env. */
export function loadConfig(envFile = ".env"): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return createConfig(process.env);
}
