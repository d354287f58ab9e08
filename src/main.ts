import { run } from "@grammyjs/runner";
import { Api } from "grammy";
import { allowedUpdates, createBot } from "./bot/index.js";
import { createServices } from "./bot/services.js";
import { ConfigError, loadConfig } from "./config.js";
import { createDatabase } from "./db/client.js";
import { createMailingReporter } from "./features/admin/mailing/mailing-reporter.js";
import { MailingEngine } from "./features/mailing/mailing-engine.js";
import { createHttpApp } from "./http/app.js";
import { startHttpServer } from "./http/server.js";
import { createLogger } from "./logger.js";

/** Composition root: config → database → bot → long polling, and a graceful shutdown. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = createDatabase(config.databasePath);
  const services = createServices(database.db, { ownerIds: config.ownerIds });
  const bot = createBot(config.botToken, { services, logger, client: { apiRoot: config.botApiRoot } });

  // Status messages are edited and reports sent through the bot's client (with auto-retry).
  const reporter = createMailingReporter({
    api: bot.api,
    repository: services.mailings,
    settings: services.settings,
    now: services.now,
  });
  // The engine gets its own client without auto-retry: it handles 429s itself, once for all senders.
  const engine = new MailingEngine({
    api: new Api(config.botToken, { apiRoot: config.botApiRoot }),
    repository: services.mailings,
    settings: services.settings,
    logger: logger.child({ module: "mailing" }),
    now: services.now,
    wake: services.mailingWake,
    ...reporter,
  });

  await bot.init();
  await bot.api.deleteWebhook();
  const runner = run(bot, { runner: { fetch: { allowed_updates: allowedUpdates }, silent: true } });
  engine.start();
  const http = config.http
    ? await startHttpServer(
        createHttpApp({
          services,
          logger: logger.child({ module: "http" }),
          ...(config.http.apiToken !== undefined && { apiToken: config.http.apiToken }),
          operations: {},
        }),
        config.http,
      )
    : undefined;
  if (http) logger.info({ url: http.url, api: config.http?.apiToken !== undefined }, "HTTP server listening");
  logger.info(
    { bot: bot.botInfo.username, database: config.databasePath },
    "Usher is running (long polling)",
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight updates");
    await runner.stop();
    await http?.close();
    await engine.stop();
    database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  await runner.task();
}

main().catch((error: unknown) => {
  process.stderr.write(`Usher failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
