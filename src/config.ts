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

const environmentSchema = z
  .object({
    BOT_TOKEN: z
      .string({ error: "is required: the token @BotFather gave you" })
      .regex(
        /^\d+:[A-Za-z0-9_-]{20,}$/,
        "does not look like a bot token (digits, a colon, then 20+ characters)",
      ),
    ADMIN_IDS: telegramIdList,
    DATABASE_PATH: z.string().min(1).default("./data/usher.db"),
    DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\/\S+$/i,
        "must be a PostgreSQL URL such as postgres://user:password@host:5432/usher",
      )
      .optional(),
    BOT_API_ROOT: z
      .url({ error: "must be a URL such as https://api.telegram.org" })
      .default("https://api.telegram.org"),
    BOT_API_RATE: z.coerce
      .number({ error: "must be a number of messages per second" })
      .positive("must be more than 0 messages per second")
      .default(30),
    LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
    HTTP_PORT: z.coerce
      .number({ error: "must be a port number" })
      .int("must be a whole port number")
      .min(0, "must be 0–65535 (0 picks a free port)")
      .max(65_535, "must be 0–65535 (0 picks a free port)")
      .optional(),
    HTTP_HOST: z.string().min(1).default("127.0.0.1"),
    API_TOKEN: z.string().min(16, "must be at least 16 characters: it guards the whole API").optional(),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    WEBHOOK_URL: z.url({ error: "must be the public URL Telegram posts updates to" }).optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A-Z, a-z, 0-9, _ and -")
      .optional(),
    PUBLIC_URL: z
      .url({ error: "must be the public base URL of this server, e.g. https://bot.example.com" })
      .optional(),
  })
  .superRefine((e, ctx) => {
    if (e.WEBHOOK_URL !== undefined && e.WEBHOOK_SECRET === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: "is required when WEBHOOK_URL is set",
      });
    }
    for (const name of ["WEBHOOK_URL", "PUBLIC_URL"] as const) {
      if (e[name] !== undefined && e.HTTP_PORT === undefined) {
        ctx.addIssue({ code: "custom", path: ["HTTP_PORT"], message: `is required when ${name} is set` });
      }
    }
    if (e.WEBHOOK_URL !== undefined && reservedPath(new URL(e.WEBHOOK_URL).pathname)) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_URL"],
        message:
          "must have a path of its own, e.g. https://bot.example.com/telegram (not /, /api, /healthz, /metrics or /c)",
      });
    }
  });

/** Paths the HTTP server serves itself; the webhook path must not shadow them. */
function reservedPath(path: string): boolean {
  return path === "/" || /^\/(api|healthz|metrics|c)(\/|$)/.test(path);
}

/** Everything Usher reads from its environment, validated. */
export interface Config {
  botToken: string;
  ownerIds: number[];
  databasePath: string;
  /** PostgreSQL instead of the SQLite file, for several instances on one database. */
  databaseUrl?: string;
  botApiRoot: string;
  /** Messages per second the bot sends at most, everything together (Telegram allows about 30). */
  botApiRate: number;
  logLevel: (typeof logLevels)[number];
  /** The HTTP server (API, webhook, health, metrics, click redirect); off without a port. */
  http?: {
    port: number;
    host: string;
    /** Bearer token for /api; the API is off without it. */
    apiToken?: string;
    /** Bearer token for /metrics; open without it (aggregate counts only). */
    metricsToken?: string;
    /** Webhook mode when set; long polling otherwise. */
    webhook?: { url: string; path: string; secret: string };
    /** Base URL of this server as the world sees it; enables click-tracking links. */
    publicUrl?: string;
  };
}

/** Raised when the environment cannot run Usher; the message names each bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** An environment as read: process.env, or a test's own object. */
export type Environment = Record<string, string | undefined>;

function parse<T>(schema: z.ZodType<T>, env: Environment): T {
  const blankAsMissing = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(blankAsMissing);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Validates an environment (process.env or a test's own object) into a Config. */
export function createConfig(env: Environment): Config {
  const e = parse(environmentSchema, env);
  return {
    botToken: e.BOT_TOKEN,
    ownerIds: e.ADMIN_IDS,
    databasePath: e.DATABASE_PATH,
    ...(e.DATABASE_URL !== undefined && { databaseUrl: e.DATABASE_URL }),
    botApiRoot: e.BOT_API_ROOT.replace(/\/+$/, ""),
    botApiRate: e.BOT_API_RATE,
    logLevel: e.LOG_LEVEL,
    ...(e.HTTP_PORT !== undefined && {
      http: {
        port: e.HTTP_PORT,
        host: e.HTTP_HOST,
        ...(e.API_TOKEN !== undefined && { apiToken: e.API_TOKEN }),
        ...(e.METRICS_TOKEN !== undefined && { metricsToken: e.METRICS_TOKEN }),
        ...(e.WEBHOOK_URL !== undefined &&
          e.WEBHOOK_SECRET !== undefined && {
            webhook: { url: e.WEBHOOK_URL, path: new URL(e.WEBHOOK_URL).pathname, secret: e.WEBHOOK_SECRET },
          }),
        ...(e.PUBLIC_URL !== undefined && { publicUrl: e.PUBLIC_URL.replace(/\/+$/, "") }),
      },
    }),
  };
}

/** What commands that only touch the database need (no token): the file or server, and the owners. */
export interface StorageConfig {
  databasePath: string;
  databaseUrl?: string;
  ownerIds: number[];
}

/** Validates only the database variables and ADMIN_IDS, for backup, restore, migrate and the like. */
export function createStorageConfig(env: Environment): StorageConfig {
  const { DATABASE_PATH, DATABASE_URL, ADMIN_IDS } = environmentSchema.shape;
  const e = parse(z.object({ DATABASE_PATH, DATABASE_URL, ADMIN_IDS }), env);
  return {
    databasePath: e.DATABASE_PATH,
    ...(e.DATABASE_URL !== undefined && { databaseUrl: e.DATABASE_URL }),
    ownerIds: e.ADMIN_IDS,
  };
}

/** Where the database is: DATABASE_URL's server when set, else the SQLite file. */
export function databaseLocation(config: Pick<StorageConfig, "databasePath" | "databaseUrl">): string {
  return config.databaseUrl ?? config.databasePath;
}

/** A database location fit for a log line: a URL's password left out. */
export function printableLocation(location: string): string {
  return location.replace(/(\/\/[^:/@]+):[^@/]*@/, "$1:***@");
}

/** The process environment, after reading `.env` when present (real environment variables win). */
export function loadEnvironment(envFile = ".env"): Environment {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}

/** Reads `.env` when present (real environment variables win), then validates process.env. */
export function loadConfig(envFile = ".env"): Config {
  return createConfig(loadEnvironment(envFile));
}
