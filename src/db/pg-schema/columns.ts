import { bigint, customType, integer, timestamp } from "drizzle-orm/pg-core";

/** A Telegram user or chat id: past 2^31 (and surrogates below 0), so bigint, read back as a JS number. */
export const telegramId = (name: string) => bigint(name, { mode: "number" });

/** A time to the millisecond, read back as a Date: what SQLite's `timestamp_ms` columns give. */
export const timestampMs = (name: string) => bigint(name, { mode: "number" });

/** An id the database numbers (SQLite's `integer primary key autoincrement`); an explicit one is still accepted. */
export const serialId = (name: string) =>
  bigint(name, { mode: "number" }).primaryKey().generatedByDefaultAsIdentity();

/** Bytes as a Buffer, as SQLite's `blob({ mode: "buffer" })` gives them (drizzle's pg-core has no bytea). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
