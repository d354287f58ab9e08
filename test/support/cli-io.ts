import { Writable } from "node:stream";
import type { CliIo } from "../../src/cli/io.js";

/** Writable that keeps what was written, as text. */
class Collected extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Streams and an environment for running `usher` commands in-process, with what they printed. */
export function cliIo(
  env: Record<string, string>,
  now = () => new Date(),
): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  const stdout = new Collected();
  const stderr = new Collected();
  return { io: { stdout, stderr, env, now }, stdout: () => stdout.text, stderr: () => stderr.text };
}
