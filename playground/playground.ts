import { BrowserChats } from "../test/support/fake-telegram/browser.js";
import { FakeTelegram } from "../test/support/fake-telegram/index.js";
import { waitFor } from "../test/support/wait-for.js";
import type { PlaygroundConfig } from "./config.js";
import { launchUsher, playgroundToken } from "./usher.js";
import { createPlaygroundApp, servePage } from "./web.js";

export const ownerId = 900_001;

/** The people already in the playground: the owner, and three users who started the bot before. */
const presetMembers = [
  { first_name: "Alice", last_name: "Archer", username: "alice" },
  { first_name: "Bob", username: "bob" },
  { first_name: "Chloé", last_name: "Dubois", language_code: "fr" },
];

export interface RunningPlayground {
  /** The page, e.g. http://127.0.0.1:8080 */
  url: string;
  fake: FakeTelegram;
  /** Usher's output so far (pino JSON lines). */
  usherOutput: readonly string[];
  close(): Promise<void>;
}

/** Starts the double over HTTP, Usher as in production against it, and the page; resolves once Usher polls. */
export async function startPlayground(config: PlaygroundConfig): Promise<RunningPlayground> {
  const fake = new FakeTelegram({ token: playgroundToken });
  fake.addUser({ id: ownerId, first_name: "Owner", username: "owner", language_code: "en" });
  const members = presetMembers.map((input) => fake.addUser({ language_code: "en", ...input }));
  fake.addChat({ id: -1_001_000_000_001, type: "channel", title: "Usher News", username: "usher_news" });
  const api = await fake.listen();
  const chats = new BrowserChats(fake);
  const app = createPlaygroundApp(fake, chats, { ownerId, memberIds: members.map((m) => m.id) });
  // The page first: a port already taken fails the start before Usher is spawned.
  const web = await servePage(app, config.port).catch(async (error: unknown) => {
    chats.close();
    await api.close();
    throw error;
  });
  const usher = launchUsher({
    apiRoot: api.apiRoot,
    ownerId,
    members,
    captcha: config.captcha,
    logLevel: config.logLevel,
  });
  const close = async () => {
    await web.close();
    await usher.stop();
    chats.close();
    await api.close();
  };
  try {
    // A long poll is recorded when it is answered; the allowed updates are known when it arrives.
    await waitFor(() => fake.allowedUpdates.length > 0, "Usher to start polling", 60_000);
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}\n${usher.process.output.join("\n")}`);
  }
  return { url: web.url, fake, usherOutput: usher.process.output, close };
}
