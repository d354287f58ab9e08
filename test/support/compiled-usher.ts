import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { UsherCommand } from "./usher-process.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * What the container's runtime stage holds beside `dist/` and `node_modules/` (`bin/` is the command
 * line's launcher): the compiled bot must need nothing else (no `src/`, no tsx). The Dockerfile test checks the image copies the same.
 */
export const runtimeFiles = ["package.json", "migrations", "migrations-pg", "locales", "bin"] as const;

/** A folder laid out as the runtime image (`dist/`, `node_modules/`, runtimeFiles) and how to start it. */
export interface CompiledUsher {
  path: string;
  command: UsherCommand;
  remove(): void;
}

/**
 * Compiles `src/` with tsconfig.build.json (as `npm run build` does, minus the type check that
 * `npm run typecheck` owns) into a temporary folder beside copies of the runtime files, so the
 * compiled code resolves `migrations/`, `migrations-pg/` and its packages exactly as it does in the image.
 */
export async function buildCompiledUsher(): Promise<CompiledUsher> {
  const path = mkdtempSync(join(tmpdir(), "usher-build-"));
  const remove = () => rmSync(path, { recursive: true, force: true });
  try {
    const tsc = join(projectRoot, "node_modules", "typescript", "bin", "tsc");
    await promisify(execFile)(
      process.execPath,
      [tsc, "-p", "tsconfig.build.json", "--noCheck", "--outDir", join(path, "dist")],
      { cwd: projectRoot },
    );
    for (const file of runtimeFiles) cpSync(join(projectRoot, file), join(path, file), { recursive: true });
    symlinkSync(join(projectRoot, "node_modules"), join(path, "node_modules"), "dir");
  } catch (error) {
    remove();
    throw error;
  }
  return { path, command: { args: startArguments(), cwd: path }, remove };
}

/** node's arguments in the `start` script (`node dist/main.js` → ["dist/main.js"]), what the image runs too. */
export function startArguments(): string[] {
  const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [program, ...args] = (manifest.scripts.start ?? "").split(/\s+/);
  if (program !== "node") throw new Error(`the start script should run node, not ${program}`);
  return args;
}
