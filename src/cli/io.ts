import type { Writable } from "node:stream";
import type { Environment } from "../config.js";

/** What a command reads and writes: injected, so tests run commands in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: Environment;
  now: () => Date;
}

/** 0 all well, 1 problems found or the command failed, 2 the command line itself was wrong. */
export const exitCode = { ok: 0, failed: 1, usage: 2 } as const;

/** Writes lines to stdout. */
export function say(io: CliIo, ...lines: string[]): void {
  io.stdout.write(`${lines.join("\n")}\n`);
}

/** A size for people: bytes, KB or MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
