import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./chromium.js";
import { darkTheme, type Person, problemsOf, startUsherApp, type UsherApp } from "./usher-app.js";

const people: Person[] = [
  { first_name: "Ana", language_code: "es", tags: [] },
  { first_name: "Boris", language_code: "ru", tags: [] },
  { first_name: "Cleo", language_code: "en", tags: [] },
];

const owner = { id: 900_001, first_name: "Owner", username: "owner" };

let usher: UsherApp;
beforeAll(async () => {
  usher = await startUsherApp([owner], people);
});
afterAll(() => usher?.close());

const chartOf = (page: Page) => page.getByTestId("chart").locator("svg");
const tooltipOf = (page: Page) => page.getByRole("tooltip");

/** Moves the pointer to the middle of a mark, as a finger or a mouse would rest on it. */
async function hover(page: Page, mark: Locator): Promise<void> {
  const box = await mark.boundingBox();
  if (!box) throw new Error("the mark is not drawn");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

/** The marks of a Vega mark group that are drawn with some height (a bar of 0 has none). */
async function visibleMarks(group: Locator): Promise<Locator[]> {
  const marks = await group.locator("path").all();
  const shown: Locator[] = [];
  for (const mark of marks) if (((await mark.boundingBox())?.height ?? 0) > 0.5) shown.push(mark);
  return shown;
}

describe("the Mini App's charts in a real browser", () => {
  it("when the owner opens Statistics, then the bot's charts are drawn in the theme, a bar's tooltip gives its figure, and a legend entry picks its series, without eval or errors", async () => {
    const page = await usher.open(owner, darkTheme);
    await page.getByRole("button", { name: "Statistics", exact: true }).click();
    const charts = chartOf(page);
    await charts.nth(3).locator(".role-mark").first().waitFor();
    // The same four charts as the bot's picture, titled in the admin's language (English).
    expect(await charts.locator(".role-title-text").allTextContents()).toEqual([
      "New bot users per day (UTC, last 30 days)",
      "Active users alive and dead (UTC days)",
      "Where active users came from",
      "Active users by language",
    ]);
    // Laid out for the phone's width, not a picture's shrunk to fit: drawn at the size Vega gave them.
    for (const chart of await charts.all()) {
      const drawn = (await chart.boundingBox())?.width ?? 0;
      expect(drawn).toBeLessThanOrEqual(390);
      expect(Number(await chart.getAttribute("width"))).toBeCloseTo(drawn, 0);
    }
    // Axis labels in the theme's text colour (#f5f5f5), not Vega's default grey on white.
    expect(await charts.locator(".role-axis-label text").first().getAttribute("fill")).toBe("#f5f5f5");

    // Today's bar of new users: the owner and three people registered today.
    const newUserBars = charts.nth(0).locator("g.mark-rect.role-mark");
    const today = (await visibleMarks(newUserBars)).at(-1);
    if (!today) throw new Error("no bar of new users is drawn");
    await hover(page, today);
    const now = new Date();
    const day = `${String(now.getUTCDate()).padStart(2, "0")}.${String(now.getUTCMonth() + 1).padStart(2, "0")}.${now.getUTCFullYear()}`;
    await expect.poll(() => tooltipOf(page).textContent()).toContain(`day: ${day}`);
    expect(await tooltipOf(page).textContent()).toContain("users: 4");
    await screenshot(page, "miniapp-charts-stats-tooltip");

    // A click on the legend's "dead" shows that series alone: the alive line and points fade.
    const liveness = charts.nth(1).locator("g.mark-symbol.role-mark");
    const faded = () => liveness.locator('path[opacity="0.15"]').count();
    expect(await faded()).toBe(0);
    await charts.nth(1).locator(".role-legend-label text", { hasText: "dead" }).click();
    await expect.poll(faded).toBe(30);
    await charts.nth(1).locator(".role-legend-label text", { hasText: "alive" }).click();
    await expect.poll(faded).toBe(30);
    await screenshot(page, "miniapp-charts-stats");

    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it("when the owner mails everyone and opens the finished mailing, then its deliveries chart shows the delivered count on hover", async () => {
    const page = await usher.open(owner, darkTheme);
    await page.getByRole("button", { name: "Mailings", exact: true }).click();
    await page.getByLabel("Message").fill("Charts are here, {first_name}!");
    await page.getByRole("button", { name: "Start mailing" }).click();
    await expect
      .poll(() => page.getByTestId("mailing-status").textContent(), { timeout: 30_000 })
      .toBe("completed");
    const recipients = Number(
      /\d+/.exec((await page.getByTestId("mailing-counts").textContent()) ?? "")?.[0],
    );
    expect(recipients).toBe(4);

    const chart = chartOf(page);
    await chart.locator(".role-mark").first().waitFor();
    expect(await chart.locator(".role-title-text").textContent()).toContain("Deliveries by outcome");
    const [bar] = await visibleMarks(chart.locator("g.mark-rect.role-mark").first());
    if (!bar) throw new Error("no delivery bar is drawn");
    await hover(page, bar);
    await expect.poll(() => tooltipOf(page).textContent()).toContain("outcome: delivered");
    expect(await tooltipOf(page).textContent()).toContain(`deliveries: ${recipients}`);
    await screenshot(page, "miniapp-charts-mailing");

    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });
});
