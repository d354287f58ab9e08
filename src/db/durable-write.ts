import type { Db } from "./client.js";
import { groupCommitOf } from "./group-commit.js";

/**
 * A write that is on disk when it returns, even through a power loss: the connection runs WAL with
 * synchronous=NORMAL, where the last commits before a power cut can roll back. Costs one fsync
 * (see `npm run bench -- --only durability`), so it is kept for the writes a loss would turn into
 * a broken promise: a delivery's "sending" mark, without which a restart would send it again.
 */
export function durableWriter(db: Db): <T>(write: () => T) => T {
  // Not prepared once: SQLite applies this pragma when it compiles the statement, not when it runs.
  const setSynchronous = (level: "FULL" | "NORMAL") => db.$client.exec(`PRAGMA synchronous = ${level}`);
  const group = groupCommitOf(db.$client);
  return (write) => {
    // The shared transaction first: the pragma cannot apply inside it, and this write must not wait on it.
    group.commitNow();
    setSynchronous("FULL");
    try {
      return write();
    } finally {
      setSynchronous("NORMAL");
    }
  };
}
