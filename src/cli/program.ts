import { Command, CommanderError, InvalidArgumentError } from "commander";
import { addAdminCommand } from "./add-admin.js";
import { backupCommand } from "./backup.js";
import { doctorCommand } from "./doctor.js";
import { exportUsersCommand } from "./export-users.js";
import { type CliIo, exitCode } from "./io.js";
import { migrateCommand } from "./migrate.js";
import { restoreCommand } from "./restore.js";

/** A Telegram user id as typed: digits only (commander reports the refusal as a usage error). */
function telegramId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new InvalidArgumentError("must be a numeric Telegram user id");
  return Number(raw);
}

/** The `usher` program; each action stores its exit code in `done`. */
export function createProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command("usher")
    .description("Operate an Usher bot: check its setup, back up and restore its database, and more.")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError("(see usher --help)");

  program
    .command("doctor")
    .description("check the token, webhook, database, admins and required chats, and say what to fix")
    .option("--json", "print the checks as JSON")
    .action(async (options: { json?: boolean }) => done(await doctorCommand(io, options)));
  program
    .command("backup")
    .description("copy the database to <file>, consistently, even while Usher runs")
    .argument("<file>", "where to write the copy (replaced if it exists)")
    .action(async (file: string) => done(await backupCommand(io, file)));
  program
    .command("restore")
    .description("put a backup in place of the database (stop Usher first); the old one is kept beside it")
    .argument("<file>", "a backup made by usher backup")
    .action(async (file: string) => done(await restoreCommand(io, file)));
  program
    .command("migrate")
    .description("apply pending database migrations (Usher also applies them when it starts)")
    .action(() => done(migrateCommand(io)));
  program
    .command("export-users")
    .description("write every user as CSV, the same file the menu and the API export")
    .argument("[file]", "where to write it (standard output when omitted)")
    .action(async (file: string | undefined) => done(await exportUsersCommand(io, file)));
  program
    .command("add-admin")
    .description("give a Telegram user admin rights (audited as done from the command line)")
    .argument("<id>", "their numeric Telegram user id", telegramId)
    .action((id: number) => done(addAdminCommand(io, id)));
  return program;
}

/** Runs `usher <argv>` and returns the exit code; refusals become a message on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = exitCode.ok;
  const program = createProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    // Help and --version end with 0; everything else commander throws is a wrong command line.
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCode.ok : exitCode.usage;
    // Refusals (ConfigError, BackupError, UsherError) and failures alike: their message, no stack.
    if (error instanceof Error) {
      io.stderr.write(`usher: ${error.message}\n`);
      return exitCode.failed;
    }
    throw error;
  }
}
