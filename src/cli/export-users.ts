import { createWriteStream, renameSync, rmSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { exportUsersCsv } from "../features/users/csv/export-users.js";
import { type CliIo, exitCode } from "./io.js";
import { openStorage } from "./storage.js";

/** `usher export-users [file]`: every user as the same CSV the menu and the API export; stdout without a file. */
export async function exportUsersCommand(io: CliIo, file: string | undefined): Promise<number> {
  const { database } = openStorage(io);
  try {
    const csv = exportUsersCsv(database.db);
    if (file === undefined) {
      await into(csv, io.stdout);
    } else {
      // Written beside the file and renamed, so a failed export never leaves half a CSV under its name.
      const temporary = `${file}.partial-${process.pid}`;
      try {
        await pipeline(csv, createWriteStream(temporary));
        renameSync(temporary, file);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
      io.stderr.write(`Exported users to ${file}\n`);
    }
  } finally {
    database.close();
  }
  return exitCode.ok;
}

/** Pipes without ending the destination (process.stdout must stay open). */
function into(source: Readable, destination: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    source.once("error", reject);
    source.once("end", resolve);
    source.pipe(destination, { end: false });
  });
}
