import { parseArgs } from "node:util";

/** How the playground runs: `npm run playground -- --port 8080 --captcha`. */
export interface PlaygroundConfig {
  /** The page's port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Newcomers meet the captcha (the owner can also switch it in 🛡 Protection). */
  captcha: boolean;
  /** Usher's own LOG_LEVEL. */
  logLevel: string;
}

const usage = "usage: npm run playground -- [--port 8080] [--captcha] [--log-level warn]";

/** Reads the command line; throws the usage on anything unknown. */
export function playgroundConfig(args: string[]): PlaygroundConfig {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${usage}`);
  }
  const port = Number(parsed.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0–65535\n${usage}`);
  return { port, captcha: parsed.values.captcha, logLevel: parsed.values["log-level"] };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      port: { type: "string", default: "8080" },
      captcha: { type: "boolean", default: false },
      "log-level": { type: "string", default: "warn" },
    },
  });
}
