import { join } from "node:path";
import { createServices } from "../../src/bot/services.js";
import { createDatabase } from "../../src/db/client.js";
import { FakeTelegram } from "./fake-telegram/index.js";
import { processDatabase } from "./test-database.js";
import { e2eToken, temporaryFolder } from "./usher-process.js";

/**
 * What a test of real Usher processes arranges first: a database (a file in a fresh folder, or a
 * PostgreSQL schema under test:pg:suite), opened here too to seed it and read it back, whose location
 * `databaseEnv` hands to a process; and the Bot API double over HTTP. Each is undone by `cleanups`.
 */
export async function processWorld(cleanups: Array<() => unknown>, { latencyMs }: { latencyMs: number }) {
  const folder = temporaryFolder();
  cleanups.push(() => folder.remove());
  const { location: databasePath, env: databaseEnv } = processDatabase(join(folder.path, "usher.db"));
  const fake = new FakeTelegram({ token: e2eToken, latencyMs });
  const server = await fake.listen();
  cleanups.push(() => server.close());
  const database = createDatabase(databasePath);
  cleanups.push(() => database.close());
  const services = createServices(database.db, { ownerIds: [] });
  return { folder, databasePath, databaseEnv, fake, server, database, services };
}
