import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runtimeFiles, startArguments } from "../support/compiled-usher.js";
import { inBuildContext, instructionsOf, parseDockerfile, type Stage } from "../support/dockerfile.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (file: string) => readFileSync(join(root, file), "utf8");
const stages = parseDockerfile(read("Dockerfile"));
const dockerignore = read(".dockerignore");
const runtime = stages.at(-1) as Stage;
const last = (stage: Stage, keyword: string) => instructionsOf(stages, stage, keyword).at(-1);
const workdir = (stage: Stage) => last(stage, "WORKDIR")?.args[0] ?? "/";
const runtimeEnv = (name: string) =>
  instructionsOf(stages, runtime, "ENV")
    .map((env) => env.raw.match(new RegExp(`(?:^|\\s)${name}=(\\S+)`))?.[1])
    .filter(Boolean)
    .at(-1);
const buildOutDir = (JSON.parse(read("tsconfig.build.json")) as { compilerOptions: { outDir: string } })
  .compilerOptions.outDir;

/** What a stage's commands leave in its WORKDIR, for the paths later stages copy from it. */
function producedBy(stage: Stage): string[] {
  const commands = instructionsOf(stages, stage, "RUN").map((run) => run.raw);
  const products: string[] = [];
  if (commands.some((c) => /\bnpm ci\b/.test(c))) products.push("node_modules");
  if (commands.some((c) => /\bnpm run build\b/.test(c))) products.push(buildOutDir);
  return products.map((product) => posix.join(workdir(stage), product));
}

describe("the Dockerfile", () => {
  it("when it copies from the build context, then each path exists and .dockerignore lets it through", () => {
    const copies = stages.flatMap((s) => s.instructions.filter((i) => i.keyword === "COPY" && !i.flags.from));
    const sources = copies.flatMap((copy) => copy.args.slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(join(root, source)), `${source} exists`).toBe(true);
      expect(inBuildContext(dockerignore, source.split("/")[0] as string), `${source} in the context`).toBe(
        true,
      );
    }
    // Secrets and local state never reach the context.
    for (const kept of [".env", "data", "node_modules", ".git", "dist"]) {
      expect(inBuildContext(dockerignore, kept), kept).toBe(false);
    }
  });

  it("when a stage copies from another, then that stage produces the path (npm ci, npm run build)", () => {
    const fromStages = stages.flatMap((s) => s.instructions.filter((i) => i.flags.from !== undefined));
    expect(fromStages.length).toBeGreaterThan(0);
    for (const copy of fromStages) {
      const source = stages.find((s) => s.name === copy.flags.from);
      expect(source, `stage ${copy.flags.from}`).toBeDefined();
      expect(producedBy(source as Stage)).toContain(copy.args[0]);
    }
  });

  it("when the image runs, then it holds what the compiled-bot test runs from: dist, node_modules and the runtime files", () => {
    const app = workdir(runtime);
    // `COPY a b/` puts a into the folder b; `COPY a b` names it b.
    const destinations = instructionsOf(stages, runtime, "COPY").flatMap((copy) => {
      const target = posix.join(app, copy.args.at(-1) as string);
      const sources = copy.args.slice(0, -1);
      return target.endsWith("/") ? sources.map((s) => posix.join(target, posix.basename(s))) : [target];
    });
    for (const needed of ["node_modules", buildOutDir, ...runtimeFiles]) {
      expect(destinations).toContain(posix.join(app, needed));
    }
    // Production dependencies only: the stage that provides node_modules omits the dev ones.
    const modules = instructionsOf(stages, runtime, "COPY").find((c) => c.args[0]?.endsWith("/node_modules"));
    const provider = stages.find((s) => s.name === modules?.flags.from) as Stage;
    expect(instructionsOf(stages, provider, "RUN").some((run) => run.raw.includes("--omit=dev"))).toBe(true);
  });

  it("when the container starts, then it runs the start script's command as a user other than root", () => {
    expect(last(runtime, "CMD")?.args).toEqual(["node", ...startArguments()]);
    const user = last(runtime, "USER")?.args[0];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user?.split(":")[0]);
    expect(runtimeEnv("DATABASE_PATH")).toMatch(/^\/data\//);
    expect(last(runtime, "VOLUME")?.args).toEqual(["/data"]);
  });

  it("when the port is published, then EXPOSE, HTTP_PORT and compose.yaml's container port agree", () => {
    const exposed = last(runtime, "EXPOSE")?.args[0];
    expect(exposed).toBe("8080");
    expect(runtimeEnv("HTTP_PORT")).toBe(exposed);
    expect(runtimeEnv("HTTP_HOST")).toBe("0.0.0.0");
    const compose = read("compose.yaml");
    expect(compose).toMatch(new RegExp(`HTTP_PORT: "${exposed}"`));
    expect(compose).toMatch(new RegExp(`- "127\\.0\\.0\\.1:\\d+:${exposed}"`));
    expect(compose).toMatch(/DATABASE_PATH: \/data\//);
  });

  it("when the HEALTHCHECK runs, then it exits 0 on a 200 from /healthz and 1 on a 503 or no answer", async () => {
    const check = last(runtime, "HEALTHCHECK");
    const [program, ...args] = check?.args ?? [];
    expect(program).toBe("node");
    const paths: string[] = [];
    let status = 200;
    const server = createServer((request, response) => {
      paths.push(request.url ?? "");
      response.writeHead(status).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = String((server.address() as AddressInfo).port);
    const run = (env: Record<string, string>) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? "", ...env } });
        child.on("exit", resolve);
      });
    try {
      expect(await run({ HTTP_PORT: port })).toBe(0);
      status = 503;
      expect(await run({ HTTP_PORT: port })).toBe(1);
      expect(paths).toEqual(["/healthz", "/healthz"]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await run({ HTTP_PORT: port })).toBe(1);
  });
});

const daemon = spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0;

// Building pulls the base image and installs packages: minutes, and only where a daemon runs.
describe.skipIf(!daemon)("the image (skipped without a container daemon: `docker info` fails)", () => {
  it("when built, then better-sqlite3 loads in the runtime stage and dist/main.js is there", () => {
    const tag = "usher-test:build";
    execFileSync("docker", ["build", "--tag", tag, root], { stdio: "inherit", timeout: 900_000 });
    const probe = "require('better-sqlite3')(':memory:'); require('node:fs').accessSync('dist/main.js')";
    const output = execFileSync("docker", ["run", "--rm", tag, "node", "-e", `${probe}; console.log('ok')`]);
    expect(output.toString().trim()).toBe("ok");
  }, 900_000);
});
