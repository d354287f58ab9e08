import type { Db } from "./client.js";

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

/** A counter that changes whenever another connection has committed (one pragma, no table read). */
export function dataVersionOf(db: Db): () => number {
  const statement = db.$client.prepare("PRAGMA data_version").pluck();
  return () => statement.get() as number;
}
