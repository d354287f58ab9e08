import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); playwright-core downloads no browser of its own. */
const executablePath = "/usr/bin/chromium";

// Chromium phones home at start (updates, sync, QUIC probes): refused on a closed network, so switched off.
const quietArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless Chromium; playwright gives each launch a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: quietArgs });
}

const artifacts = fileURLToPath(new URL("../../test-artifacts/browser/", import.meta.url));

/** Saves a full-page screenshot as a test artifact (test-artifacts/browser/<name>.png, git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}
