import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** `usher` as npx runs it: node on the bin launcher, in its own process. */
function usher(...args: string[]) {
  const run = spawnSync(process.execPath, ["bin/usher.mjs", ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
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
});
