import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export const e2eToken = "123456:AAE2E_TEST_TOKEN_0123456789abcdef";

/** How to start the process: node's arguments and the folder it runs in. */
export interface UsherCommand {
  args: string[];
  cwd: string;
}

/** `src/main.ts` through tsx, as `npm run dev` runs it (no build needed). */
export const sourceCommand: UsherCommand = { args: ["--import", "tsx", "src/main.ts"], cwd: projectRoot };

/** The real Usher process (from source unless told otherwise), with its output collected. */
export class UsherProcess {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;

  constructor(
    private readonly env: Record<string, string>,
    private readonly command: UsherCommand = sourceCommand,
  ) {}

  start(): void {
    const child = spawn(process.execPath, this.command.args, {
      cwd: this.command.cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString().split("\n").filter(Boolean));
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    this.child = child;
  }

  /** Log lines parsed as pino JSON (other lines skipped). */
  logs(): Array<Record<string, unknown>> {
    return this.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Waits for exit; the exit code, or throws with the output when it takes too long. */
  async exit(timeoutMs = 10_000): Promise<number | null> {
    const timer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`process did not exit:\n${this.output.join("\n")}`)), timeoutMs),
    );
    return Promise.race([this.exited as Promise<number | null>, timer]);
  }

  kill(): void {
    if (this.child && this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

/** A temporary folder for a test's database, removed by the returned function. */
export function temporaryFolder(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), "usher-e2e-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A port free right now on 127.0.0.1 (listen on 0, read it, close), for a process told to use it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
