import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram, SimUser } from "../support/fake-telegram/index.js";
import { screenshot } from "./chromium.js";
import { darkTheme, startUsherApp, type UsherApp } from "./usher-app.js";

const ownerId = 900_001;
const owner = { id: ownerId, first_name: "Owner", username: "owner" };

/** The people of the bot: two VIPs, two others; all registered, so a mailing reaches them. */
const people = [
  { first_name: "Alice", last_name: "Archer", username: "alice", tags: ["vip"] },
  { first_name: "Bob", username: "bob", tags: ["vip", "beta"] },
  { first_name: "Chloé", last_name: "Dubois", language_code: "fr", tags: [] },
  { first_name: "Dan", username: "dan", tags: ["beta"] },
];

let usher: UsherApp;
let fake: FakeTelegram;
let members: SimUser[];

beforeAll(async () => {
  usher = await startUsherApp([owner], people);
  ({ fake, members } = usher);
});

afterAll(() => usher?.close());

/** The app as Telegram opens it, in Telegram's dark theme. */
const openApp = (user: { id: number; first_name: string } = owner): Promise<Page> =>
  usher.open(user, darkTheme);

const shownNames = (page: Page) => page.locator("table.users tbody td:nth-child(2) button").allTextContents();

describe("the admin Mini App in a real browser", () => {
  it("when the owner filters users by a segment, tags and exports them, opens a card, mails the segment and deletes a user, then the app shows each step and the mailing finishes", async () => {
    const page = await openApp();
    await page.locator("table.users tbody tr").first().waitFor();
    // The page takes Telegram's colours: its background is the theme's secondary_bg_color.
    expect(await page.evaluate("getComputedStyle(document.body).backgroundColor")).toBe("rgb(35, 46, 60)");
    expect((await shownNames(page)).sort()).toEqual(["Alice Archer", "Bob", "Chloé Dubois", "Dan", "Owner"]);

    await page.getByLabel("Segment").fill("tag:vip");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect.poll(async () => (await shownNames(page)).sort()).toEqual(["Alice Archer", "Bob"]);
    await expect.poll(() => page.getByTestId("total").textContent()).toContain("2 users match");
    // Sorting by a column, then the other way round.
    await page.getByRole("button", { name: "Name", exact: true }).click();
    await page.getByRole("button", { name: "Name ▲" }).waitFor();
    await expect.poll(() => shownNames(page)).toEqual(["Alice Archer", "Bob"]);
    await page.getByRole("button", { name: "Name ▲" }).click();
    await page.getByRole("button", { name: "Name ▼" }).waitFor();
    await expect.poll(() => shownNames(page)).toEqual(["Bob", "Alice Archer"]);

    // Bulk: the selected row gets a tag, and the table shows it.
    const aliceRow = page.locator("table.users tbody tr", { hasText: "Alice Archer" });
    expect(await aliceRow.locator(".tag").allTextContents()).toEqual(["vip"]);
    await page.getByRole("checkbox", { name: "Alice Archer" }).check();
    await page.getByLabel("Tag", { exact: true }).fill("gold");
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("status").filter({ hasText: "Done: 1 user changed." }).waitFor();
    await expect.poll(() => aliceRow.locator(".tag").allTextContents()).toEqual(["gold", "vip"]);
    await screenshot(page, "miniapp-users");

    // The segment as CSV, downloaded as the browser saves a file.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const csv = readFileSync((await (await download).path()) ?? "", "utf8");
    expect(csv).toContain("Alice");
    expect(csv).toContain("Bob");
    expect(csv).not.toContain("Chloé");

    // A segment the language refuses: the API's own words, and the table left as it was.
    await page.getByLabel("Segment").fill("tag:");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("Segment").fill("tag:vip");
    await page.getByRole("button", { name: "Filter", exact: true }).click();

    await page.getByRole("button", { name: "Alice Archer" }).click();
    await page.getByRole("heading", { name: "Alice Archer" }).waitFor();
    await page.getByLabel("Add note").fill("Prefers mornings");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator(".notes li", { hasText: "Prefers mornings" }).waitFor();
    await page.getByRole("button", { name: "Pause bot" }).click();
    await expect.poll(() => page.getByTestId("pause-state").textContent()).toMatch(/^Paused/);
    await screenshot(page, "miniapp-card");
    await page.getByRole("button", { name: "Resume bot" }).click();
    await expect.poll(() => page.getByTestId("pause-state").textContent()).toBe("Answering");

    await page.getByRole("button", { name: "Mailings", exact: true }).click();
    await page.getByLabel("Message").fill("Hello {first_name}, the VIP news is out!");
    // A segment the language refuses: the refusal inline, as Start would meet it.
    await page.getByLabel("Audience (segment)").fill("tag:");
    await page.getByRole("alert").waitFor();
    await page.getByLabel("Audience (segment)").fill("tag:vip");
    await expect
      .poll(() => page.getByTestId("audience-count").textContent())
      .toBe("2 recipients if it starts now");
    const preview = page.getByTestId("draft-preview");
    await expect.poll(() => preview.textContent()).toContain("As Alice Archer gets it");
    expect(await preview.locator(".bubble").textContent()).toBe("Hello Alice, the VIP news is out!");
    await screenshot(page, "miniapp-compose");
    await page.getByRole("button", { name: "Start mailing" }).click();
    await expect
      .poll(() => page.getByTestId("mailing-status").textContent(), { timeout: 30_000 })
      .toBe("completed");
    await expect.poll(() => page.getByTestId("mailing-counts").textContent()).toContain("Recipients: 2");
    await screenshot(page, "miniapp-mailing");
    const [alice, bob, chloe, dan] = members;
    expect(fake.textsTo(alice?.id ?? 0)).toContain("Hello Alice, the VIP news is out!");
    expect(fake.textsTo(bob?.id ?? 0)).toContain("Hello Bob, the VIP news is out!");
    expect(fake.textsTo(chloe?.id ?? 0)).toEqual([]);
    expect(fake.textsTo(dan?.id ?? 0)).toEqual([]);
    await page.getByRole("button", { name: "‹ Back" }).click();
    await page.locator(".history li", { hasText: "#1 Mailing" }).filter({ hasText: "completed" }).waitFor();

    await page.getByRole("button", { name: "Statistics", exact: true }).click();
    await expect.poll(() => page.getByTestId("users-total").textContent()).toBe("5");
    // A tap on a bar gives its figure and share.
    await page.getByRole("button", { name: "Active: 5" }).click();
    await page.locator("figcaption", { hasText: "Active: 5 (100%)" }).waitFor();
    await screenshot(page, "miniapp-stats");

    // GDPR: Dan is deleted from his card, after the question, and is gone from the table.
    await page.getByRole("button", { name: "Users", exact: true }).click();
    await page.getByRole("button", { name: "Dan" }).click();
    await page.getByRole("button", { name: "Delete user" }).click();
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect
      .poll(async () => (await shownNames(page)).sort())
      .toEqual(["Alice Archer", "Bob", "Chloé Dubois", "Owner"]);
    await page.close();
  });

  it("when someone who is not an admin opens the app, then it says so and shows no data", async () => {
    const page = await openApp({ id: members[0]?.id ?? 0, first_name: "Alice" });
    await page.getByRole("alert").filter({ hasText: "You are not an admin of this bot." }).waitFor();
    expect(await page.locator("table").count()).toBe(0);
    await page.close();
  });

  it("when the owner schedules a mailing for later, then it waits with the owner's preview, and cancelling it ends it unsent", async () => {
    const page = await openApp();
    await page.getByRole("button", { name: "Mailings", exact: true }).click();
    await page.getByLabel("Message").fill("Tomorrow, {first_name}!");
    await page.getByLabel("Audience (segment)").fill("tag:beta");
    await page.getByRole("radio", { name: "At" }).check();
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    await page.getByLabel("Scheduled for").fill(local);
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect.poll(() => page.getByTestId("mailing-status").textContent()).toBe("scheduled");
    await page.locator(".bubble", { hasText: "Tomorrow, Owner!" }).waitFor();
    await screenshot(page, "miniapp-scheduled");

    await page.getByRole("button", { name: "Cancel mailing" }).click();
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => page.getByTestId("mailing-status").textContent()).toBe("cancelled");
    expect(fake.textsTo(members[1]?.id ?? 0).filter((text) => text.startsWith("Tomorrow"))).toEqual([]);
    await page.close();
  });
});
