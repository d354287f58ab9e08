import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { UsherContext } from "../../src/bot/context.js";
import { inOneCommit } from "../../src/bot/update-commit.js";

let dir: string;
let bot: Database.Database;
let other: Database.Database;
afterEach(() => {
  bot?.close();
  other?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The bot's connection and a second process's, on one WAL file. */
function open() {
  dir = mkdtempSync(join(tmpdir(), "usher-commit-"));
  const path = join(dir, "db.sqlite");
  bot = new Database(path);
  bot.pragma("journal_mode = WAL");
  bot.exec("create table t (v text)");
  other = new Database(path);
  const ctx = { services: { db: { $client: bot } } } as unknown as UsherContext;
  const write = (v: string) => bot.prepare("insert into t (v) values (?)").run(v);
  const seenElsewhere = () => other.prepare("select v from t order by rowid").pluck().all();
  return { ctx, write, seenElsewhere };
}

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("one commit for the updates of a turn", () => {
  it("when two updates write in one turn, then another connection sees nothing until the turn ends, then all at once", async () => {
    const { ctx, write, seenElsewhere } = open();
    const during: unknown[][] = [];
    const first = inOneCommit(ctx, async () => {
      write("a");
      await Promise.resolve();
      write("b");
      during.push(seenElsewhere());
    });
    const second = inOneCommit(ctx, async () => {
      write("c");
    });
    expect(seenElsewhere()).toEqual([]);
    await endOfTurn();
    expect(during).toEqual([[]]);
    expect(seenElsewhere()).toEqual(["a", "c", "b"]);
    await Promise.all([first, second]);
    expect(bot.inTransaction).toBe(false);
  });

  it("when an update's handling resolves, then its writes are committed", async () => {
    const { ctx, write, seenElsewhere } = open();
    await inOneCommit(ctx, async () => {
      write("a");
    });
    expect(seenElsewhere()).toEqual(["a"]);
  });

  it("when the handler fails after writing, then its writes are kept and the failure reaches the caller", async () => {
    const { ctx, write, seenElsewhere } = open();
    const handled = inOneCommit(ctx, async () => {
      write("a");
      throw new Error("boom");
    });
    await expect(handled).rejects.toThrow("boom");
    await endOfTurn();
    expect(seenElsewhere()).toEqual(["a"]);
    expect(bot.inTransaction).toBe(false);
  });

  it("when an inner transaction fails, then only its own writes are undone", async () => {
    const { ctx, write, seenElsewhere } = open();
    await inOneCommit(ctx, async () => {
      write("a");
      try {
        bot.transaction(() => {
          write("b");
          throw new Error("rule broken");
        })();
      } catch {}
      write("c");
    });
    expect(seenElsewhere()).toEqual(["a", "c"]);
  });

  it("when the commit fails, then every update of the turn fails, nothing of the turn is kept, and the next turn commits again", async () => {
    const { ctx, write, seenElsewhere } = open();
    // A deferred foreign key is checked at COMMIT: the way to make a commit itself fail.
    bot.pragma("foreign_keys = ON");
    bot.exec(
      "create table parent (id integer primary key); create table child (p integer references parent(id) deferrable initially deferred)",
    );
    const first = inOneCommit(ctx, async () => {
      write("a");
    });
    const second = inOneCommit(ctx, async () => {
      bot.prepare("insert into child (p) values (42)").run();
    });
    await expect(first).rejects.toThrow(/FOREIGN KEY/);
    await expect(second).rejects.toThrow(/FOREIGN KEY/);
    expect(seenElsewhere()).toEqual([]);
    expect(bot.inTransaction).toBe(false);
    await inOneCommit(ctx, async () => {
      write("b");
    });
    expect(seenElsewhere()).toEqual(["b"]);
  });
});
