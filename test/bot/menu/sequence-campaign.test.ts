import { afterEach, describe, expect, it } from "vitest";
import { createCampaign } from "../../../src/features/gate/referrals/referral-commands.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness } from "../../support/bot-harness.js";
import { admin, textSequence } from "../../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

describe("admin menu: a sequence's campaign trigger", () => {
  it("when the owner picks a campaign link on a sequence's page, then the sequence names it, the page says so, and the change is audited", async () => {
    h = createHarness();
    const spring = createCampaign(h.services, admin, { name: "Spring ads", code: "spring" });
    createCampaign(h.services, admin, { name: "Autumn ads", code: "autumn" });
    const { sequence } = textSequence(h, [0]);
    await openAdmin(h, ["📬 Sequences", "📬 Welcome"]);
    expect(currentMenu(h).text).toContain("Campaign trigger: —");

    await h.press(h.owner, "📣 Campaign: —");
    expect(currentMenu(h).buttons).toEqual(
      expect.arrayContaining(["✖️ No campaign", "📣 Spring ads", "📣 Autumn ads"]),
    );
    await h.press(h.owner, "📣 Spring ads");
    expect(h.services.sequences.find(sequence.id)?.triggerCampaignId).toBe(spring.id);
    expect(currentMenu(h).text).toContain("Campaign trigger: Spring ads");
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "sequences.edit" });

    await h.press(h.owner, "📣 Campaign: Spring ads");
    expect(currentMenu(h).buttons).toContain("✅ Spring ads");
    await h.press(h.owner, "✖️ No campaign");
    expect(h.services.sequences.find(sequence.id)?.triggerCampaignId).toBeNull();
    expect(currentMenu(h).text).toContain("Campaign trigger: —");
  });
});
