import type Database from "better-sqlite3";
import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "./context.js";

interface Statements {
  begin: Database.Statement;
  commit: Database.Statement;
  rollback: Database.Statement;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statementsOf(sqlite: Database.Database): Statements {
  let statements = prepared.get(sqlite);
  if (!statements) {
    statements = {
      begin: sqlite.prepare("BEGIN IMMEDIATE"),
      commit: sqlite.prepare("COMMIT"),
      rollback: sqlite.prepare("ROLLBACK"),
    };
    prepared.set(sqlite, statements);
  }
  return statements;
}

/**
 * Runs the synchronous stretch that starts here (up to the first `await` that gives the thread back)
 * in one SQLite transaction: a newcomer's tracking, /start payload and captcha become one commit
 * instead of three, and a commit is most of a write's cost. It commits before the thread is given
 * back, so before any call made in the stretch reaches Telegram, and keeps what each write did: a
 * handler that fails does not undo its earlier writes. Inner transactions become savepoints; inside
 * a transaction already open it adds nothing. IMMEDIATE, so a read followed by a write can never
 * meet another process's newer commit.
 */
export const inOneCommit: MiddlewareFn<UsherContext> = (ctx, next) => {
  const sqlite = ctx.services.db.$client;
  if (sqlite.inTransaction) return next();
  const { begin, commit, rollback } = statementsOf(sqlite);
  begin.run();
  let handled: Promise<void>;
  try {
    handled = next();
  } catch (error) {
    handled = Promise.reject(error);
  }
  try {
    if (sqlite.inTransaction) commit.run();
  } catch (error) {
    // A failed commit leaves the transaction open: close it, or every later write would join it.
    if (sqlite.inTransaction) rollback.run();
    return handled.then(() => Promise.reject(error));
  }
  return handled;
};
