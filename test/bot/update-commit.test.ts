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

describe("one commit per synchronous stretch", () => {
  it("when a stretch writes twice, then another connection sees both at once, before the stretch gives the thread back", async () => {
    const { ctx, write, seenElsewhere } = open();
    const during: unknown[][] = [];
    const handled = inOneCommit(ctx, async () => {
      write("a");
      during.push(seenElsewhere());
      write("b");
      await Promise.resolve();
      write("c");
    });
    expect(during).toEqual([[]]);
    expect(seenElsewhere()).toEqual(["a", "b"]);
    await handled;
    // After the first wait, writes commit on their own as before.
    expect(seenElsewhere()).toEqual(["a", "b", "c"]);
    expect(bot.inTransaction).toBe(false);
  });

  it("when the handler fails after writing, then its writes are kept and the failure reaches the caller", async () => {
    const { ctx, write, seenElsewhere } = open();
    const handled = inOneCommit(ctx, async () => {
      write("a");
      throw new Error("boom");
    });
    await expect(handled).rejects.toThrow("boom");
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
});
