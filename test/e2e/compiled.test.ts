import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { textsIn } from "../../src/texts/locale-texts.js";
import { buildCompiledUsher, type CompiledUsher } from "../support/compiled-usher.js";
import { type FakeServer, FakeTelegram } from "../support/fake-telegram/index.js";
import { processDatabase } from "../support/test-database.js";
import { e2eToken, freePort, temporaryFolder, UsherProcess } from "../support/usher-process.js";
import { waitFor } from "../support/wait-for.js";

const ownerId = 900_001;
let compiled: CompiledUsher;
const cleanups: Array<() => unknown> = [];

// One compile (a few seconds) for the file; the folder holds only what the container's runtime stage does.
beforeAll(async () => {
  compiled = await buildCompiledUsher();
});
afterAll(() => compiled?.remove());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("the compiled bot (npm run build, then npm start)", { timeout: 60_000 }, () => {
  it("when started from dist alone, then it migrates, serves /healthz, answers /start and stops with 0 on SIGTERM", async () => {
    const folder = temporaryFolder();
    cleanups.push(() => folder.remove());
    const fake = new FakeTelegram({ token: e2eToken });
    const server: FakeServer = await fake.listen();
    cleanups.push(() => server.close());
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const usher = new UsherProcess(
      {
        BOT_TOKEN: e2eToken,
        BOT_API_ROOT: server.apiRoot,
        ...processDatabase(join(folder.path, "data", "usher.db")).env,
        ADMIN_IDS: String(ownerId),
        LOG_LEVEL: "info",
        HTTP_PORT: String(port),
      },
      compiled.command,
    );
    cleanups.push(() => usher.kill());
    fake.addUser({ id: ownerId, first_name: "Owner" });
    const ann = fake.addUser({ first_name: "Ann" });
    const ivan = fake.addUser({ first_name: "Иван", language_code: "ru" });

    usher.start();
    const health = await waitFor(
      () => usher.logs().some((l) => l.msg === "Usher is running (long polling)"),
      "the compiled bot to start",
    )
      .catch((error: Error) => {
        throw new Error(`${error.message}\n${usher.output.slice(-20).join("\n")}`);
      })
      .then(() => fetch(`${base}/healthz`));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok", mode: "polling" });

    fake.enqueue(fake.updates.start(ann));
    await waitFor(() => fake.textsTo(ann.id).includes("Welcome, Ann! 👋"), "the welcome");
    expect(fake.textsTo(ownerId).some((t) => t.startsWith("🆕 New user: Ann"))).toBe(true);
    // The locales ship beside dist: a Russian newcomer is welcomed in Russian.
    fake.enqueue(fake.updates.start(ivan));
    const russian = textsIn("bot", "ru").welcome.replace("{first_name}", "Иван");
    await waitFor(() => fake.textsTo(ivan.id).includes(russian), "the Russian welcome");

    usher.signal("SIGTERM");
    expect(await usher.exit()).toBe(0);
    expect(usher.logs().map((l) => l.msg)).toContain("stopped");
  });

  it("when compiled, then dist imports only Node's built-ins, its own files and production dependencies", () => {
    const manifest = JSON.parse(readFileSync(join(compiled.path, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const files = readdirSync(join(compiled.path, "dist"), { recursive: true, encoding: "utf8" });
    expect(files).toContain("main.js");
    const packages = new Set<string>();
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      const code = readFileSync(join(compiled.path, "dist", file), "utf8");
      // tsc writes one import or re-export per line (type-only ones are gone): `import x from "y";`.
      for (const [, specifier] of code.matchAll(
        /^(?:import|export)\s(?:[^;"']*?\sfrom\s)?["']([^"']+)["'];$/gm,
      )) {
        if (specifier === undefined || specifier.startsWith(".") || specifier.startsWith("node:")) continue;
        // "@scope/name/sub" → "@scope/name", "name/sub" → "name".
        packages.add(
          specifier
            .split("/")
            .slice(0, specifier.startsWith("@") ? 2 : 1)
            .join("/"),
        );
      }
    }
    expect([...packages]).toEqual(
      expect.arrayContaining(["grammy", "better-sqlite3", "drizzle-orm", "hono"]),
    );
    // What the image's `npm ci --omit=dev` leaves out would fail there, not here.
    const missing = [...packages].filter((p) => !(p in manifest.dependencies) && !builtinModules.includes(p));
    expect(missing).toEqual([]);
  });
});
