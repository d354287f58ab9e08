import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { instructionsOf, parseDockerfile } from "../support/dockerfile.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (file: string) => readFileSync(join(root, file), "utf8");

interface Service {
  image?: string;
  build?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: unknown;
}

const composeText = read("compose.postgres.yaml");
// `merge`: the two instances are one `x-usher` block merged into each.
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const ushers = services.filter(([, s]) => s.image === "usher:latest");
const stages = parseDockerfile(read("Dockerfile"));
const exposed = instructionsOf(stages, stages.at(-1) as (typeof stages)[number], "EXPOSE").at(-1)?.args[0];
const dependsOn = (s: Service) =>
  Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});

describe("compose.postgres.yaml: two instances on PostgreSQL behind a reverse proxy", () => {
  it("when it starts, then two Usher services share one DATABASE_URL naming its PostgreSQL service, started once that is healthy", () => {
    expect(ushers.map(([name]) => name)).toHaveLength(2);
    const urls = ushers.map(([, s]) => s.environment?.DATABASE_URL);
    expect(new Set(urls).size).toBe(1);
    const url = new URL((urls[0] as string).replace(/\$\{(\w+)[^}]*\}/g, "$1"));
    expect(url.protocol).toBe("postgres:");
    const database = compose.services[url.hostname];
    expect(database?.image).toMatch(/^postgres:/);
    expect(database?.environment).toMatchObject({
      POSTGRES_USER: url.username,
      POSTGRES_DB: url.pathname.slice(1),
      POSTGRES_PASSWORD: expect.stringContaining(`\${${url.password}`),
    });
    expect(database?.healthcheck).toBeDefined();
    expect(database?.volumes?.some((v) => v.endsWith(":/var/lib/postgresql/data"))).toBe(true);
    for (const [, usher] of ushers) {
      expect(usher.depends_on).toMatchObject({ [url.hostname]: { condition: "service_healthy" } });
    }
  });

  it("when it starts, then both take updates by webhook, with their settings from .env and the required ones demanded", () => {
    for (const [name, usher] of ushers) {
      expect(usher.env_file, name).toBe(".env");
      expect(usher.environment?.WEBHOOK_URL, name).toMatch(/^\$\{WEBHOOK_URL:\?.+\}$/);
      expect(usher.environment?.WEBHOOK_SECRET, name).toMatch(/^\$\{WEBHOOK_SECRET:\?.+\}$/);
      expect(usher.environment?.HTTP_HOST, name).toBe("0.0.0.0");
      expect(usher.environment?.HTTP_PORT, name).toBe(exposed);
      // Reached through the proxy only.
      expect(usher.ports, name).toBeUndefined();
    }
  });

  it("when Telegram posts, then the proxy publishes HTTPS and its Caddyfile spreads requests over both instances", () => {
    const proxies = services.filter(([, s]) => s.ports?.some((p) => p.endsWith(":443")));
    expect(proxies).toHaveLength(1);
    const [proxyName, proxy] = proxies[0] as [string, Service];
    expect(proxy.image, proxyName).toMatch(/^caddy:/);
    expect(dependsOn(proxy).sort()).toEqual(ushers.map(([name]) => name).sort());
    const mount = proxy.volumes?.find((v) => v.endsWith(":/etc/caddy/Caddyfile:ro"));
    const caddyfile = mount?.split(":")[0] as string;
    expect(existsSync(join(root, caddyfile)), caddyfile).toBe(true);
    const config = read(caddyfile)
      .split("\n")
      .filter((line) => !line.trim().startsWith("#"))
      .join("\n");
    const upstreams = /reverse_proxy\s+([^{\n]+)/.exec(config)?.[1]?.trim().split(/\s+/);
    expect(upstreams?.sort()).toEqual(ushers.map(([name]) => `${name}:${exposed}`).sort());
    expect(config).toMatch(/lb_policy round_robin/);
    expect(config).toMatch(/^\{\$USHER_DOMAIN\} \{/m);
    // The webhook path of the example WEBHOOK_URL reaches the instances; /healthz and /metrics do not.
    expect(config).toMatch(/handle \/telegram \{\s*import instances\s*\}/);
    expect(config).not.toMatch(/handle \/(healthz|metrics)/);
    expect(proxy.environment?.USHER_DOMAIN).toMatch(/^\$\{USHER_DOMAIN:\?.+\}$/);
  });

  it("when .env is made from .env.example, then every variable the file interpolates is listed there", () => {
    const interpolated = new Set([...composeText.matchAll(/\$\{(\w+)/g)].map((m) => m[1] as string));
    const listed = new Set([...read(".env.example").matchAll(/^(\w+)=/gm)].map((m) => m[1] as string));
    expect(interpolated.size).toBeGreaterThan(0);
    expect([...interpolated].filter((name) => !listed.has(name))).toEqual([]);
  });
});
