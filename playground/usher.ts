import { join } from "node:path";
import { createServices } from "../src/bot/services.js";
import { createDatabase } from "../src/db/client.js";
import type { SimUser } from "../test/support/fake-telegram/index.js";
import { e2eToken, temporaryFolder, UsherProcess } from "../test/support/usher-process.js";

export interface UsherLaunch {
  apiRoot: string;
  ownerId: number;
  /** Users who "joined before the playground started": registered, so mailings reach them. */
  members: SimUser[];
  captcha: boolean;
  logLevel: string;
}

export const playgroundToken = e2eToken;

/** A fresh database in a temporary folder, seeded with the earlier members and the chosen settings. */
function seedDatabase(path: string, launch: UsherLaunch): void {
  const database = createDatabase(path);
  try {
    const services = createServices(database.db, { ownerIds: [launch.ownerId] });
    const now = new Date();
    for (const { id, first_name, last_name, username, language_code } of launch.members) {
      services.users.touch({ id, is_bot: false, first_name, last_name, username, language_code }, now);
      services.users.register(id, { referrerId: null, campaignId: null }, now);
    }
    if (launch.captcha) services.settings.update("captcha", { enabled: true });
  } finally {
    database.close();
  }
}

/** Usher as `npm start` runs it (`src/main.ts`, long polling), pointed at the double; `stop` also removes its files. */
export function launchUsher(launch: UsherLaunch): { process: UsherProcess; stop(): Promise<void> } {
  const folder = temporaryFolder();
  const databasePath = join(folder.path, "usher.db");
  seedDatabase(databasePath, launch);
  const usher = new UsherProcess({
    BOT_TOKEN: playgroundToken,
    BOT_API_ROOT: launch.apiRoot,
    DATABASE_PATH: databasePath,
    ADMIN_IDS: String(launch.ownerId),
    LOG_LEVEL: launch.logLevel,
  });
  usher.start();
  return {
    process: usher,
    async stop() {
      usher.signal("SIGTERM");
      await usher.exit().catch(() => usher.kill());
      folder.remove();
    },
  };
}
