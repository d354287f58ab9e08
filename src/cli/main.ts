import { loadEnvironment } from "../config.js";
import { runCli } from "./program.js";

/** The `usher` command line (bin/usher.mjs runs this). */
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: loadEnvironment(),
  now: () => new Date(),
});
