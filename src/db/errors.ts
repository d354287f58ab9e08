/** SQLite result codes that say the database cannot take the write now, not that the request was wrong. */
const unavailableCodes = new Set([
  "SQLITE_FULL",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_IOERR",
  "SQLITE_READONLY",
]);

/** Whether `error` is SQLite refusing a write for want of disk, lock or I/O (the extended codes included). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return unavailableCodes.has(code) || [...unavailableCodes].some((base) => code.startsWith(`${base}_`));
}
