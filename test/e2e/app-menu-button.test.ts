import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../support/fake-telegram/index.js";
import { processDatabase } from "../support/test-database.js";
import { e2eToken, freePort, temporaryFolder, UsherProcess } from "../support/usher-process.js";
import { waitFor } from "../support/wait-for.js";

const ownerId = 900_001;
const absentOwnerId = 900_002;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// A real process: start-up (tsx) and each step take longer on a busy CI machine.
describe("the real process with an https PUBLIC_URL", { timeout: 60_000 }, () => {
  it("when it starts, then each admin's menu button opens the Mini App; an owner Telegram refuses is logged and the bot runs on", async () => {
    const folder = temporaryFolder();
    cleanups.push(() => folder.remove());
    const fake = new FakeTelegram({ token: e2eToken });
    const server = await fake.listen();
    cleanups.push(() => server.close());
    fake.addUser({ id: ownerId, first_name: "Owner" });
    const usher = new UsherProcess({
      BOT_TOKEN: e2eToken,
      BOT_API_ROOT: server.apiRoot,
      ...processDatabase(join(folder.path, "usher.db")).env,
      // The second owner never opened a chat with the bot.
      ADMIN_IDS: `${ownerId},${absentOwnerId}`,
      LOG_LEVEL: "info",
      HTTP_PORT: String(await freePort()),
      PUBLIC_URL: "https://bot.example.com",
    });
    cleanups.push(() => usher.kill());
    usher.start();

    await waitFor(() => fake.callsOf("setChatMenuButton").length === 2, "both menu buttons");
    expect(fake.callsOf("setChatMenuButton").map((c) => [c.params.chat_id, c.ok])).toEqual([
      [ownerId, true],
      [absentOwnerId, false],
    ]);
    expect(fake.callsOf("setChatMenuButton")[0]?.params.menu_button).toEqual({
      type: "web_app",
      text: "📱 App",
      web_app: { url: "https://bot.example.com/app/" },
    });
    await waitFor(
      () =>
        usher
          .logs()
          .some((l) => l.msg === "could not set an admin's menu button" && l.adminId === absentOwnerId),
      "the refusal logged",
    );
    await waitFor(() => fake.allowedUpdates.length > 0, "polling to start all the same");

    usher.signal("SIGTERM");
    expect(await usher.exit()).toBe(0);
  });
});
