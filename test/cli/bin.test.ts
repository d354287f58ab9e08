import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildCompiledUsher } from "../support/compiled-usher.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** `usher` as npx runs it: node on the bin launcher, in its own process. */
function usher(...args: string[]) {
  return usherIn(projectRoot, {}, ...args);
}

function usherIn(cwd: string, env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, ["bin/usher.mjs", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the usher launcher (bin/usher.mjs)", { timeout: 60_000 }, () => {
  it("when asked for help, then it lists every command and exits 0", () => {
    const { code, stdout } = usher("--help");
    expect(code).toBe(0);
    for (const command of [
      "doctor",
      "backup <file>",
      "restore <file>",
      "migrate",
      "export-users [file]",
      "add-admin <id>",
    ])
      expect(stdout).toContain(command);
  });

  it("when a command is misused, then it says why on stderr and exits 2", () => {
    const { code, stderr } = usher("restore");
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'file'");
  });

  it("when only the build is there (as in the image, no sources), then it runs the compiled command line", async () => {
    const compiled = await buildCompiledUsher();
    try {
      expect(existsSync(join(compiled.path, "src"))).toBe(false);
      const database = join(compiled.path, "data", "usher.db");
      const { code, stdout } = usherIn(compiled.path, { DATABASE_PATH: database }, "migrate");
      expect(code).toBe(0);
      expect(stdout).toContain("applied");
      expect(existsSync(database)).toBe(true);
    } finally {
      compiled.remove();
    }
  });
});
