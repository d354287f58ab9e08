import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { getMimeType } from "hono/utils/mime";
import { ApiError, errorJson } from "../errors.js";

/** Where `npm run build` writes the Mini App: dist/app at the package's root, from src/ or dist/ alike. */
export const builtAppDir = fileURLToPath(new URL("../../../dist/app", import.meta.url));

/**
 * What a Telegram Mini App page may do: its own scripts, styles and API only, shown inside Telegram's
 * webview or in an iframe on web.telegram.org (so no X-Frame-Options, which would forbid that).
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Telegram's theme arrives as CSS variables set from script; inline style attributes carry them.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors https://web.telegram.org https://*.telegram.org",
].join("; ");

/** The headers of everything under /app: the page, its assets and its API. */
const securityHeaders = {
  "Content-Security-Policy": contentSecurityPolicy,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

/** esbuild's `[name]-[hash]`: such a file never changes under its name, so browsers may keep it a year. */
const hashedName = /-[A-Z0-9]{8,}\.[a-z0-9]+$/;
/**
 * The names a built asset may have: no part starts with a dot, so `..` (however encoded), a
 * backslash or a NUL is refused before the disk is asked.
 */
const assetName = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
const assetsPrefix = "/app/assets/";

const notBuilt = () =>
  new ApiError(
    404,
    "app_not_built",
    "The Mini App is not built on this server: run npm run build (it writes dist/app/)",
  );

/** The file at `path` with a type, a validator and a cache policy; 304 when the browser's copy is current. */
async function sendFile(c: Context, path: string, cacheControl: string): Promise<Response> {
  const body = await readFile(path);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "Content-Type": getMimeType(path) ?? "application/octet-stream",
    "Cache-Control": cacheControl,
    ETag: etag,
  };
  if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
}

/** Whether `path` is a regular file, and not outside `root` through a symbolic link. */
async function isFileInside(root: string, path: string): Promise<boolean> {
  try {
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
    return realPath.startsWith(realRoot + sep) && (await stat(realPath)).isFile();
  } catch {
    return false;
  }
}

/**
 * The admin Mini App's static files from `dir` (what `npm run build` writes to dist/app): `/app/`
 * is its index.html, never cached so a new build shows at once; `/app/assets/*` its hashed scripts
 * and styles, cached for a year.
 */
export function registerStaticApp(app: Hono, dir: string): void {
  const index = join(dir, "index.html");
  const assets = join(dir, "assets");
  const secured: MiddlewareHandler = async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.res.headers.set(name, value);
  };
  app.use("/app", secured);
  app.use("/app/*", secured);

  // The page loads its assets by relative paths, which resolve under /app/ only.
  app.get("/app", (c) => c.redirect(`/app/${new URL(c.req.url).search}`, 308));
  app.get("/app/", async (c) => {
    if (!(await isFileInside(dir, index))) throw notBuilt();
    return sendFile(c, index, "no-cache");
  });
  app.get("/app/assets/*", async (c) => {
    // The raw path, decoded once here: the router's copy is decoded already, and twice is a trap.
    const { pathname } = new URL(c.req.url);
    let name = "";
    try {
      if (pathname.startsWith(assetsPrefix)) name = decodeURIComponent(pathname.slice(assetsPrefix.length));
    } catch {
      // A broken escape (`%zz`, a lone surrogate) names no file: the empty name is refused below.
    }
    const missing = new ApiError(404, "not_found", `No such file in the Mini App: ${pathname}`);
    if (!assetName.test(name)) return errorJson(c, missing);
    const path = join(assets, name);
    if (!(await isFileInside(assets, path))) {
      if (!(await isFileInside(dir, index))) throw notBuilt();
      return errorJson(c, missing);
    }
    return sendFile(c, path, hashedName.test(name) ? "public, max-age=31536000, immutable" : "no-cache");
  });
}
