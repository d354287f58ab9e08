import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { createTestSender, minute } from "../support/sequence-helpers.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

describe("/api/sequences triggers", () => {
  it("when a sequence names a campaign, then it reads back, the campaign's newcomers are subscribed, and every change is audited", async () => {
    h = createApiHarness({ settings: { adminReferrals: { enabled: true } } });
    const campaign = (await h.post("/api/campaigns", { body: { name: "Spring ads", code: "spring" } }))
      .json as { id: number };
    const created = await h.post("/api/sequences", {
      body: { name: "Spring welcome", enabled: true, trigger_campaign_id: campaign.id },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const sequence = created.json as { id: number; trigger_campaign_id: number | null };
    expect(sequence.trigger_campaign_id).toBe(campaign.id);
    await h.post(`/api/sequences/${sequence.id}/steps`, {
      body: { text: "Welcome from spring", delay_minutes: 0 },
    });

    h.clock.advance(minute);
    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann, "aspring");
    await createTestSender(h).pass();
    expect((await h.get(`/api/users/${ann.id}/sequences`)).json).toMatchObject({
      subscriptions: [{ sequence_id: sequence.id, source: "campaign", status: "completed" }],
    });
    expect(h.fake.textsTo(ann.id)).toContain("Welcome from spring");

    const cleared = await h.patch(`/api/sequences/${sequence.id}`, { body: { trigger_campaign_id: null } });
    expect(cleared.json).toMatchObject({ trigger_campaign_id: null });
    const edits = h.services.audit.recent().filter((e) => e.action === "sequences.edit");
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ actorLabel: "api" });
  });

  it("when a sequence names a campaign that does not exist, then it is refused with unknown_campaign and nothing changes", async () => {
    h = createApiHarness();
    const refused = await h.post("/api/sequences", { body: { name: "Ghost", trigger_campaign_id: 404 } });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      error: { code: "unknown_campaign", details: [{ path: "body.trigger_campaign_id" }] },
    });
    expect(h.services.sequences.list()).toHaveLength(0);

    const sequence = (await h.post("/api/sequences", { body: { name: "Real" } })).json as { id: number };
    const patched = await h.patch(`/api/sequences/${sequence.id}`, { body: { trigger_campaign_id: 404 } });
    expect(patched.status).toBe(400);
    expect(patched.json).toMatchObject({ error: { code: "unknown_campaign" } });
    expect(h.services.sequences.find(sequence.id)?.triggerCampaignId).toBeNull();
    expect(h.services.audit.recent().filter((e) => e.action === "sequences.edit")).toHaveLength(0);
  });

  it("when a deeplink trigger is a code no deeplink could have, then it is refused with invalid_deeplink; a code not made yet is taken", async () => {
    h = createApiHarness();
    const sequence = (await h.post("/api/sequences", { body: { name: "Promo" } })).json as { id: number };
    for (const code of ["summer sale", "apromo"]) {
      const refused = await h.patch(`/api/sequences/${sequence.id}`, { body: { trigger_deeplink: code } });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({
        error: { code: "invalid_deeplink", details: [{ path: "body.trigger_deeplink" }] },
      });
    }
    const taken = await h.patch(`/api/sequences/${sequence.id}`, { body: { trigger_deeplink: " later " } });
    expect(taken.json).toMatchObject({ trigger_deeplink: "later" });
  });
});
