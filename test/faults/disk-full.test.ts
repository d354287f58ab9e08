import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { deliveries, users } from "../../src/db/schema/index.js";
import { HealthProbe } from "../support/health-probe.js";
import { textMailing } from "../support/mailing-helpers.js";
import { createFleet, type Fleet, fleetApiToken, seedRecipients } from "../support/usher-fleet.js";
import { waitFor } from "../support/wait-for.js";

/** A real small filesystem (tmpfs), so the database meets a genuinely full disk; undefined where mounting is not allowed. */
function mountSmallDisk(megabytes: number): { path: string; unmount(): void } | undefined {
  const path = mkdtempSync(join(tmpdir(), "usher-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", path], { stdio: "ignore" });
  } catch {
    rmSync(path, { recursive: true, force: true });
    return undefined;
  }
  return {
    path,
    unmount: () => {
      execFileSync("umount", ["-l", path], { stdio: "ignore" });
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Fills what is left of the disk; returns the filler's path (delete it to free the disk). */
function fillDisk(folder: string): string {
  const filler = join(folder, "filler");
  const fd = openSync(filler, "w");
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

function importCsv(firstId: number, rows: number): string {
  const lines = ["Telegram ID,First Name,Last Name,Tags"];
  for (let i = 0; i < rows; i++) lines.push(`${firstId + i},Full${i},Disk${i},"crowded, disk"`);
  return lines.join("\n");
}

const disk = mountSmallDisk(24);
let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

describe.skipIf(disk === undefined)("a full disk under the running process", { timeout: 300_000 }, () => {
  afterEach(() => disk?.unmount());

  it("when the disk fills mid-mailing, then writes are refused clearly, nothing is torn, and all resumes once there is room", async () => {
    fleet = await createFleet(
      { latencyMs: 15, flood: { globalPerSecond: 30, perChatPerSecond: 1 } },
      disk && { folder: disk.path },
    );
    const f = fleet;
    const ids = seedRecipients(f, 600, 30);
    const mailing = f.services.mailings.create(
      textMailing("Room {first_name}", { ratePerSecond: 30 }),
      new Date(),
    );
    const member = await f.start();
    await f.active(member);
    const probe = new HealthProbe(`${member.base}/healthz`);
    await waitFor(
      () => (f.services.mailings.find(mailing.id)?.sent ?? 0) >= 30,
      "the mailing to be under way",
    );

    // An emptied write-ahead log must grow for every next write: the engine's writes meet the full disk too.
    f.database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const filler = fillDisk(disk?.path as string);
    const auth = { authorization: `Bearer ${fleetApiToken}` };
    const refused = await fetch(`${member.base}/api/users/import`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: importCsv(9_000_000, 20_000),
    });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("database_unavailable");
    expect(
      f.database.db.select({ id: users.id }).from(users).where(eq(users.firstName, "Full0")).all(),
    ).toEqual([]);
    await new Promise((r) => setTimeout(r, 2000));

    rmSync(filler);
    const accepted = await fetch(`${member.base}/api/users/import`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: importCsv(9_100_000, 500),
    });
    expect(accepted.status).toBe(200);
    await waitFor(
      () => f.services.mailings.find(mailing.id)?.status === "completed",
      "the mailing to complete",
      120_000,
    );
    await probe.stop();

    const done = f.services.mailings.find(mailing.id);
    expect((done?.sent ?? 0) + (done?.failed ?? 0)).toBe(ids.length);
    // The process never died: nothing was left in flight to become unknown.
    expect(done?.unknown).toBe(0);
    expect(ids.map((id) => f.fake.textsTo(id).length).every((n) => n <= 1)).toBe(true);
    const stuck = f.database.db.select().from(deliveries).where(eq(deliveries.state, "sending")).all();
    expect(stuck).toEqual([]);
    expect(probe.failures).toEqual([]);
    expect(probe.maxLatencyMs).toBeLessThan(1000);
    expect(member.usher.logs().some((l) => l.level === 60)).toBe(false);
  });
});
