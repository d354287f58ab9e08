import { afterEach, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/metrics/metrics.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";

let h: Harness;
afterEach(() => h?.close());

const welcomes = (id: number) => h.fake.textsTo(id).filter((t) => t.startsWith("Welcome, ")).length;
const alerts = () => h.fake.textsTo(ownerId).filter((t) => t.startsWith("🆕 New user:")).length;

describe("an update Telegram sends again", () => {
  it("when the same /start arrives twice, at once or later, then the newcomer is registered, credited, welcomed and announced once", async () => {
    const metrics = createMetrics({ processMetrics: false });
    h = createHarness({ metrics, settings: { userReferrals: { enabled: true } } });
    const parent = h.addUser({ first_name: "Pat" });
    await h.start(parent);
    const code = h.record(parent)?.referralCode;
    const ann = h.addUser({ first_name: "Ann" });
    const update = h.fake.updates.start(ann, `r${code}`);

    await Promise.all([h.send(update), h.send(structuredClone(update))]);
    await h.send(structuredClone(update));

    expect(h.record(ann)).toMatchObject({ status: "active", referrerId: parent.id });
    expect(h.record(parent)?.referralCount).toBe(1);
    expect(welcomes(ann.id)).toBe(1);
    expect(alerts()).toBe(2);
    expect(await metrics.render()).toMatch(/^usher_updates_dropped_total\{reason="duplicate"\} 2$/m);
  });

  it("when it arrives again after a restart, then the new process drops it too (the claim is in the database)", async () => {
    h = createHarness();
    const ann = h.addUser({ first_name: "Ann" });
    const update = h.fake.updates.start(ann);
    await h.send(update);

    h.restart();
    await h.send(structuredClone(update));
    await h.start(ann);

    expect(welcomes(ann.id)).toBe(2);
  });
});
