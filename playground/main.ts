import { playgroundConfig } from "./config.js";
import { startPlayground } from "./playground.js";

/** `npm run playground`: Usher against the built-in Telegram double, with a chat page to drive it. */
async function main(): Promise<void> {
  let config: ReturnType<typeof playgroundConfig>;
  try {
    config = playgroundConfig(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  process.stdout.write("Starting Usher against the Telegram double (no token, no network)…\n");
  const playground = await startPlayground(config);
  process.stdout.write(`\nUsher playground: ${playground.url}\n`);
  process.stdout.write("Open it in a browser; Ctrl-C stops everything and removes the temporary database.\n");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write("\nStopping…\n");
    await playground.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The playground failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
