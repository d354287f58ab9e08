import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { createServices } from "../../src/bot/services.js";
import { createDatabase } from "../../src/db/client.js";
import { FakeTelegram, type SimUser, type SimUserInput } from "../support/fake-telegram/index.js";
import { type InitDataUserJson, signedInitData } from "../support/init-data.js";
import { e2eToken, freePort, temporaryFolder, UsherProcess } from "../support/usher-process.js";
import { launchChromium } from "./chromium.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Telegram's dark theme, as its desktop client passes it: the app must take these colours. */
export const darkTheme = {
  bg_color: "#17212b",
  text_color: "#f5f5f5",
  hint_color: "#708499",
  link_color: "#6ab3f3",
  button_color: "#5288c1",
  button_text_color: "#ffffff",
  secondary_bg_color: "#232e3c",
};

const problems = new WeakMap<Page, string[]>();

/** What went wrong in a page opened by `openApp`: console errors, uncaught exceptions, CSP violations. */
export function problemsOf(page: Page): string[] {
  return problems.get(page) ?? [];
}

/** Records a page's problems from before its first script runs. */
async function watchProblems(page: Page): Promise<void> {
  const seen: string[] = [];
  problems.set(page, seen);
  page.on("console", (message) => {
    const url = message.location().url;
    // Chromium asks for /favicon.ico by itself; the app has none, and that is no fault of the page.
    if (message.type() === "error" && !url.endsWith("/favicon.ico"))
      seen.push(`console: ${message.text()} ${url}`);
  });
  page.on("pageerror", (error) => seen.push(`exception: ${error.message}`));
  await page.exposeFunction("reportCspViolation", (directive: string) => seen.push(`CSP: ${directive}`));
  // A string: the script runs in the page, whose DOM types the tests' tsconfig does not load.
  await page.addInitScript(
    'document.addEventListener("securitypolicyviolation", (event) => window.reportCspViolation(event.violatedDirective))',
  );
}

/** A Telegram user of the test: an admin, or one of the bot's people with the tags they carry. */
export type Person = SimUserInput & { id?: number; tags?: readonly string[] };

/** Usher as a real process on the fake Bot API, its built Mini App, and a Chromium to open it in. */
export interface UsherApp {
  fake: FakeTelegram;
  /** The SQLite file the running Usher uses; another connection sees what it writes and the reverse. */
  databasePath: string;
  /** The people, in the order given, as the fake Bot API knows them. */
  members: SimUser[];
  /**
   * The app as Telegram opens it for `user`: initData their client signed, and `theme`, in the
   * fragment; what goes wrong in the page is kept for `problemsOf`. `signedAt` (now by default) is
   * when Telegram signed the initData; `width` the phone's (390 px by default).
   */
  open(user: InitDataUserJson, theme: Record<string, string>, launch?: LaunchOptions): Promise<Page>;
  close(): Promise<void>;
}

/** How Telegram opens the app: when it signed the initData, how wide the phone is, which client (tdesktop by default). */
export interface LaunchOptions {
  signedAt?: Date;
  width?: number;
  platform?: string;
  /** A script run in the page before the app's (a native client's `TelegramWebviewProxy`). */
  initScript?: string;
}

/** Stores every admin and person as a registered bot user, with the person's tags. */
function seedDatabase(
  path: string,
  admins: readonly SimUser[],
  members: readonly SimUser[],
  people: readonly Person[],
) {
  const database = createDatabase(path);
  try {
    const services = createServices(database.db, { ownerIds: admins.map((admin) => admin.id) });
    const now = new Date();
    for (const [index, user] of [...admins, ...members].entries()) {
      const { id, first_name, last_name, username, language_code } = user;
      services.users.touch({ id, is_bot: false, first_name, last_name, username, language_code }, now);
      services.users.register(id, { referrerId: null, campaignId: null }, now);
      services.users.addTags(id, [...(people[index - admins.length]?.tags ?? [])], now);
    }
  } finally {
    database.close();
  }
}

/** Waits until Usher answers for the built app (it starts the HTTP server once migrations ran). */
async function appServed(appUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await fetch(appUrl).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${appUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Builds the app as `npm run build` bundles it, seeds a database with `admins` (ADMIN_IDS) and
 * `people`, and starts Usher on it against a fake Bot API, bound to 127.0.0.1.
 */
export async function startUsherApp(admins: readonly Person[], people: readonly Person[]): Promise<UsherApp> {
  execFileSync(process.execPath, [join(projectRoot, "scripts", "build-app.mjs")], { cwd: projectRoot });
  const cleanups: Array<() => unknown> = [];
  const close = async () => {
    for (const cleanup of cleanups) await cleanup();
  };
  try {
    const fake = new FakeTelegram({ token: e2eToken });
    const adminUsers = admins.map(({ tags: _, ...admin }) => fake.addUser({ language_code: "en", ...admin }));
    const members = people.map(({ tags: _, ...person }) => fake.addUser({ language_code: "en", ...person }));
    const api = await fake.listen();
    cleanups.push(() => api.close());
    const folder = temporaryFolder();
    cleanups.push(() => folder.remove());
    const databasePath = join(folder.path, "usher.db");
    seedDatabase(databasePath, adminUsers, members, people);
    const port = await freePort();
    const usher = new UsherProcess({
      BOT_TOKEN: e2eToken,
      BOT_API_ROOT: api.apiRoot,
      DATABASE_PATH: databasePath,
      ADMIN_IDS: adminUsers.map((admin) => admin.id).join(","),
      HTTP_PORT: String(port),
      HTTP_HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    });
    usher.start();
    cleanups.unshift(async () => {
      usher.signal("SIGTERM");
      await usher.exit().catch(() => usher.kill());
    });
    const appUrl = `http://127.0.0.1:${port}/app/`;
    await appServed(appUrl).catch((error: Error) => {
      throw new Error(`${error.message}\n${usher.output.join("\n")}`);
    });
    const browser: Browser = await launchChromium();
    cleanups.unshift(() => browser.close());
    const open = async (
      user: InitDataUserJson,
      theme: Record<string, string>,
      options: LaunchOptions = {},
    ) => {
      const page = await browser.newPage({ viewport: { width: options.width ?? 390, height: 844 } });
      await watchProblems(page);
      if (options.initScript !== undefined) await page.addInitScript(options.initScript);
      const launch = new URLSearchParams({
        tgWebAppData: signedInitData(e2eToken, user, options.signedAt ?? new Date()),
        tgWebAppVersion: "8.0",
        tgWebAppPlatform: options.platform ?? "tdesktop",
        tgWebAppThemeParams: JSON.stringify(theme),
      });
      await page.goto(`${appUrl}#${launch}`);
      return page;
    };
    return { fake, databasePath, members, open, close };
  } catch (error) {
    await close();
    throw error;
  }
}
