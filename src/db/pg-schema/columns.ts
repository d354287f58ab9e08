import { bigint, customType, integer } from "drizzle-orm/pg-core";

/** A Telegram user or chat id: past 2^31 (and surrogates below 0), so bigint, read back as a JS number. */
export const telegramId = (name: string) => bigint(name, { mode: "number" });

/**
 * A time as epoch milliseconds in a bigint, read back as a Date: stored as SQLite's `timestamp_ms`
 * columns store it, so the repositories' SQL (comparisons with `Date.getTime()`, arithmetic in
 * milliseconds) means the same on both databases.
 */
export const timestampMs = customType<{ data: Date; driverData: number | string }>({
  dataType: () => "bigint",
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});

/** An id the database numbers (SQLite's `integer primary key autoincrement`); an explicit one is still accepted. */
export const serialId = (name: string) => integer(name).primaryKey().generatedByDefaultAsIdentity();

/** Bytes as a Buffer, as SQLite's `blob({ mode: "buffer" })` gives them (drizzle's pg-core has no bytea). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
