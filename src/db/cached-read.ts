import { setImmediate } from "node:timers";
import type { Db } from "./client.js";
import { PostgresDatabase } from "./postgres/postgres-database.js";

/**
 * A read kept in memory until this process changes what it read (`forget`) or another process
 * commits to the database: SQLite's `data_version` moves only for other connections' commits, so
 * two instances on one file never act on each other's stale admins, settings or chats.
 */
export class CachedRead<T> {
  private readonly dataVersion: () => number;
  private value: { data: T; version: number } | undefined;

  constructor(
    db: Db,
    private readonly load: () => T,
  ) {
    this.dataVersion = dataVersionOf(db);
  }

  get(): T {
    const version = this.dataVersion();
    if (this.value?.version !== version) this.value = { data: this.load(), version };
    return this.value.data;
  }

  forget(): void {
    this.value = undefined;
  }
}

const versionReaders = new WeakMap<Db["$client"], () => number>();

/**
 * A counter that changes whenever another connection has committed (one pragma, no table read),
 * read once per turn of the event loop and shared by every cache on the connection: an update's
 * synchronous stretch reads several caches, and another process's commit in the middle of it would be
 * a race either way. Node's own setImmediate, so a test's fake timers cannot freeze it.
 */
export function dataVersionOf(db: Db): () => number {
  const known = versionReaders.get(db.$client);
  if (known) return known;
  if (db.$client instanceof PostgresDatabase) {
    // PostgreSQL has no such counter: another instance's change is seen within a second.
    const bySecond = () => Math.floor(Date.now() / 1000);
    versionReaders.set(db.$client, bySecond);
    return bySecond;
  }
  const statement = db.$client.prepare("PRAGMA data_version").pluck();
  let version: number | undefined;
  const forget = () => {
    version = undefined;
  };
  const read = () => {
    if (version === undefined) {
      version = statement.get() as number;
      setImmediate(forget);
    }
    return version;
  };
  versionReaders.set(db.$client, read);
  return read;
}
