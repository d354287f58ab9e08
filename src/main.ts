import { setTimeout as delay } from "node:timers/promises";
import type { RunnerHandle } from "@grammyjs/runner";
import { Api } from "grammy";
import { InFlightUpdates } from "./bot/in-flight.js";
import { allowedUpdates, createBot } from "./bot/index.js";
import { startPolling } from "./bot/polling.js";
import { createServices } from "./bot/services.js";
import { ConfigError, databaseLocation, loadConfig, printableLocation } from "./config.js";
import { createDatabase } from "./db/client.js";
import { syncAdminMenuButtons } from "./features/app/app-menu-button.js";
import { createAppKeys } from "./features/app/open-session.js";
import { BudgetRepository } from "./features/budget/budget-repository.js";
import { SharedBudget } from "./features/budget/shared-budget.js";
import { NewUserDigests } from "./features/gate/alerts/new-user-digests.js";
import { InstanceLease } from "./features/lease/instance-lease.js";
import { LeaseRepository } from "./features/lease/lease-repository.js";
import { MailingEngine } from "./features/mailing/mailing-engine.js";
import { createMailingReporter, statusSourcesOf } from "./features/menu/mailing/mailing-reporter.js";
import { formStartLinks } from "./features/sequences/form-button.js";
import { SequenceSender } from "./features/sequences/sequence-sender.js";
import { ImportRecovery } from "./features/users/csv/import-recovery.js";
import { PhotoFetcher } from "./features/users/photo-fetcher.js";
import { createHttpApp } from "./http/app.js";
import type { UpdateSource } from "./http/operations.js";
import { startHttpServer } from "./http/server.js";
import { createLogger } from "./logger.js";
import { createMetrics } from "./metrics/metrics.js";
import { OutgoingBudget } from "./telegram/outgoing/budget.js";
import { telegramLimits } from "./telegram/outgoing/pacing.js";

/**
 * Composition root: config → database → bot → the instance lease and the shared outgoing budget →
 * HTTP server → updates (a webhook
 * when WEBHOOK_URL is set, long polling otherwise), the mailing engine, the profile photo fetcher, the
 * recovery of interrupted imports, the sequences' sender, and a graceful shutdown.
 */
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
  const database = createDatabase(databaseLocation(config));
  const publicUrl = config.http?.publicUrl;
  const services = createServices(database.db, {
    ownerIds: config.ownerIds,
    ...(publicUrl !== undefined && { publicUrl }),
  });
  const metrics = createMetrics({ db: database.db });
  const inFlight = new InFlightUpdates();
  // One budget for everything the bot sends: replies, alerts, relays, mailings and Check Users.
  const outgoing = new OutgoingBudget({ limits: telegramLimits(config.botApiRate), metrics });
  const bot = createBot(config.botToken, {
    services,
    logger,
    client: { apiRoot: config.botApiRoot },
    outgoing,
    metrics,
    inFlight,
  });

  // Status messages are edited and reports sent through the bot's client (through the budget).
  const reporter = createMailingReporter({
    ...statusSourcesOf(services),
    api: bot.api,
    users: services.users,
    deliveryTimeline: services.deliveryTimeline,
  });
  // One active instance per database: a second process (a rolling deploy) waits for the lease.
  const lease = new InstanceLease({
    repository: new LeaseRepository(database.db),
    logger: logger.child({ module: "lease" }),
    now: services.now,
  });
  // Every instance on the database draws from the one limit (webhook replies come to each): while
  // others send, each turn comes from one clock in the database. Alone, this one paces itself.
  const sharing = new SharedBudget({
    budget: outgoing,
    repository: new BudgetRepository(database.db),
    instance: lease.self.id,
    logger: logger.child({ module: "budget" }),
  });
  sharing.start();
  // The engine takes its turns from the budget itself and sends through a client of its own, outside it.
  const engine = new MailingEngine({
    leaseHolder: lease.self.id,
    api: new Api(config.botToken, { apiRoot: config.botApiRoot }),
    budget: outgoing,
    repository: services.mailings,
    mailingVariants: services.mailingVariants,
    personalization: services.personalization,
    topics: services.topics,
    settings: services.settings,
    variants: services.variants,
    logger: logger.child({ module: "mailing" }),
    now: services.now,
    wake: services.mailingWake,
    metrics,
    ...(services.links && { links: services.links }),
    ...reporter,
  });
  // CSV imports a stopped process left part way are finished by the active instance.
  const importRecovery = new ImportRecovery({ db: database.db, logger: logger.child({ module: "import" }) });

  // Digests of busy minutes are sent by the lease holder alone, taking alerts' turns from the one budget.
  const digests = new NewUserDigests({
    api: new Api(config.botToken, { apiRoot: config.botApiRoot }),
    budget: outgoing,
    services,
    logger: logger.child({ module: "new-user-digests" }),
  });

  // Profile photos of newcomers and returning users, fetched by the lease holder (reads: outside the budget).
  const photos = new PhotoFetcher({
    api: new Api(config.botToken, { apiRoot: config.botApiRoot }),
    db: database.db,
    logger: logger.child({ module: "photos" }),
    now: services.now,
  });

  // Sequences' due steps, sent by the lease holder as broadcasts: they share the budget with mailings.
  const sequenceSender = new SequenceSender({
    leaseHolder: lease.self.id,
    db: database.db,
    api: new Api(config.botToken, { apiRoot: config.botApiRoot }),
    budget: outgoing,
    sequences: services.sequences,
    users: services.users,
    settings: services.settings,
    variants: services.variants,
    audit: services.audit,
    logger: logger.child({ module: "sequences" }),
    now: services.now,
    ...(services.links && { links: services.links }),
    // Read at send time: the sender runs only after bot.init() has fetched the bot's username.
    formLink: formStartLinks(services.forms, () => bot.botInfo.username),
  });

  const webhook = config.http?.webhook;
  let runner: RunnerHandle | undefined;
  let lastUpdateAt: Date | null = null;
  const updates: UpdateSource = webhook
    ? { mode: "webhook", url: webhook.url, lastUpdateAt: () => lastUpdateAt }
    : { mode: "polling", isRunning: () => runner?.isRunning() ?? false };

  // The server comes first: in webhook mode Telegram may post an update as soon as setWebhook returns.
  const http = config.http
    ? await startHttpServer(
        createHttpApp({
          services,
          telegram: bot.api,
          logger: logger.child({ module: "http" }),
          ...(config.http.apiToken !== undefined && { apiToken: config.http.apiToken }),
          operations: {
            db: database.db,
            updates,
            instance: () => lease.status(),
            metrics,
            ...(config.http.metricsToken !== undefined && { metricsToken: config.http.metricsToken }),
          },
          ...(webhook && {
            webhook: {
              bot,
              path: webhook.path,
              secret: webhook.secret,
              logger: logger.child({ module: "webhook" }),
              onUpdate: () => {
                lastUpdateAt = services.now();
              },
            },
          }),
          ...(services.links && { clicks: { links: services.links } }),
          app: createAppKeys(config.botToken, services.now),
        }),
        config.http,
      )
    : undefined;
  if (http) logger.info({ url: http.url, api: config.http?.apiToken !== undefined }, "HTTP server listening");

  await bot.init();
  // In the background, through the budget: a refusal is logged and never holds up the start.
  void syncAdminMenuButtons({ api: bot.api, services, logger: logger.child({ module: "app" }) }).catch(
    (err: unknown) => logger.warn({ err }, "could not set the admins' menu buttons"),
  );
  if (webhook) {
    // Both instances of a rolling deploy take webhook updates; only the lease holder sends mailings.
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: allowedUpdates });
  } else {
    await bot.api.deleteWebhook();
  }
  logger.info(
    {
      bot: bot.botInfo.username,
      database: printableLocation(databaseLocation(config)),
      ...(webhook && { webhook: webhook.url }),
    },
    webhook ? "Usher is running (webhook)" : "Usher is running (long polling)",
  );

  const stopped = new AbortController();
  /** Polling (one poller per token), the engine and the digests run only while this process holds the lease. */
  const serveWhileActive = async () => {
    while (!stopped.signal.aborted) {
      const held = await lease.acquire(stopped.signal);
      if (!held) return;
      importRecovery.start();
      // Polling at once: /healthz says "active" from here, and newcomers should not wait.
      if (!webhook) runner = startPolling(bot);
      // The budget is per second across processes: the previous holder may have sent a moment ago.
      const handover = await Promise.race([
        delay(1000, "sending" as const, { signal: stopped.signal }).catch(() => "stopped" as const),
        held.lost.then(() => "lost" as const),
      ]);
      if (handover === "stopped") return;
      if (handover === "sending") {
        engine.start();
        digests.start();
        photos.start();
        sequenceSender.start();
      }
      const reason = await held.lost;
      if (stopped.signal.aborted) return;
      logger.warn({ reason }, "standing down: stopping polling and mailings");
      await runner?.stop();
      runner = undefined;
      await Promise.all([
        engine.stop(),
        digests.stop(),
        photos.stop(),
        sequenceSender.stop(),
        importRecovery.stop(),
      ]);
      lease.release();
    }
  };

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight updates");
    stopped.abort();
    // The webhook stays registered: Telegram keeps the updates that arrive meanwhile for the next start.
    await runner?.stop();
    await http?.close();
    // Updates can outlive their webhook request (answered early so Telegram does not resend them).
    await inFlight.idle();
    await Promise.all([
      engine.stop(),
      digests.stop(),
      photos.stop(),
      sequenceSender.stop(),
      importRecovery.stop(),
    ]);
    // Nothing more is sent from here: the other instances may take this one's share.
    sharing.stop();
    // Last, so a waiting instance takes over only once nothing of ours is in flight.
    lease.release();
    database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  await serveWhileActive();
}

main().catch((error: unknown) => {
  process.stderr.write(`Usher failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
