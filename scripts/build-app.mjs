/**
 * Bundles the admin Mini App (app/) into dist/app: index.html plus hashed, minified assets under
 * dist/app/assets/, everything the server needs to serve it without any CDN.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "dist", "app");
const assets = join(out, "assets");

rmSync(out, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });
const result = await build({
  entryPoints: [join(root, "app", "main.tsx")],
  outdir: assets,
  entryNames: "[name]-[hash]",
  assetNames: "[name]-[hash]",
  bundle: true,
  minify: true,
  format: "esm",
  // The WebViews of Telegram's clients: Android System WebView and iOS Safari of the last few years.
  target: ["es2020", "chrome90", "safari15"],
  jsx: "automatic",
  jsxImportSource: "preact",
  tsconfig: join(root, "app", "tsconfig.json"),
  // The chart runtime (vega) is imported dynamically: its own chunk, loaded with the first chart.
  splitting: true,
  chunkNames: "[name]-[hash]",
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
});
const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const script = outputs.find((name) => name.startsWith("main-") && name.endsWith(".js"));
const style = outputs.find((name) => name.endsWith(".css"));
if (script === undefined) throw new Error("esbuild wrote no script");
// Relative asset paths: the page works under /app/ whatever host or prefix serves it.
const html = readFileSync(join(root, "app", "index.html"), "utf8")
  .replace("<!-- style -->", style ? `<link rel="stylesheet" href="assets/${style}">` : "")
  .replace("<!-- script -->", `<script type="module" src="assets/${script}"></script>`);
writeFileSync(join(out, "index.html"), html);
const sizeOf = (name) => {
  const body = readFileSync(join(assets, name));
  return `${(body.length / 1024).toFixed(1)} kB, gzip ${(gzipSync(body).length / 1024).toFixed(1)} kB`;
};
console.log(`dist/app: index.html, ${outputs.map((name) => `assets/${name} (${sizeOf(name)})`).join(", ")}`);
