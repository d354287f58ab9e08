import { readFileSync } from "node:fs";
import { join } from "node:path";
import { migrationsFolder } from "../../src/db/client.js";

/** The newest migration's tag (`0015_sequences`), so tests about "the last migration" follow new ones. */
export function lastMigrationTag(): string {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  const tag = journal.entries.at(-1)?.tag;
  if (!tag) throw new Error("no migrations in the journal");
  return tag;
}
