import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import { durableWriter } from "../../src/db/durable-write.js";
import { temporaryFolder } from "../support/usher-process.js";

describe("durable writes", () => {
  it("when a write runs durably, then it commits with synchronous=FULL and the connection goes back to NORMAL, also after a throw", () => {
    const folder = temporaryFolder();
    const { db, sqlite, close } = createDatabase(join(folder.path, "usher.db"));
    const durably = durableWriter(db);
    const level = () => sqlite.pragma("synchronous", { simple: true });
    expect(level()).toBe(1);

    expect(durably(() => level())).toBe(2);
    expect(level()).toBe(1);
    expect(() =>
      durably(() => {
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect(level()).toBe(1);
    close();
    folder.remove();
  });
});
