import { type Logger, pino } from "pino";
import type { Config } from "./config.js";

/** Structured JSON logs; the bot token never appears in them. */
export function createLogger(level: Config["logLevel"]): Logger {
  return pino({ level, redact: { paths: ["token", "*.token", "config.botToken"], remove: true } });
}
