import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimUser } from "../support/fake-telegram/index.js";
import { screenshot } from "./chromium.js";
import { startUsherApp, type UsherApp } from "./usher-app.js";

const owner = { id: 900_001, first_name: "Owner", username: "owner", language_code: "en" };
const russianAdmin = { id: 900_002, first_name: "Иван", username: "ivan", language_code: "ru" };

/** Telegram's light theme, for the English admin. */
const lightTheme = { bg_color: "#ffffff", text_color: "#000000", secondary_bg_color: "#f1f1f4" };
/** A dark theme unlike the other browser test's, so the colours checked can only come from it. */
const darkTheme = {
  bg_color: "#1c1c1d",
  text_color: "#e9e9ea",
  hint_color: "#8d8e93",
  link_color: "#3e88f7",
  button_color: "#3e88f7",
  button_text_color: "#ffffff",
  secondary_bg_color: "#2c2c2e",
};

/**
 * More people than one page (50) holds: usernames out of step with the ids, differing in case,
 * and every seventh person without one, so the server's order is neither id order nor the first page's.
 */
const people = Array.from({ length: 61 }, (_, n) => ({
  first_name: `Person${n}`,
  ...(n % 7 !== 3 && { username: `${n % 2 === 0 ? "u" : "U"}${String((n * 37) % 61).padStart(2, "0")}` }),
}));

let usher: UsherApp;
let everyone: SimUser[];

beforeAll(async () => {
  usher = await startUsherApp([owner, russianAdmin], people);
  everyone = usher.fake.users();
});

afterAll(() => usher?.close());

/** Ids in the API's documented username order: ignoring case, ties by id, no username last; one way. */
function byUsername(users: readonly SimUser[], descending: boolean): number[] {
  const sign = descending ? -1 : 1;
  const named = users.filter((user) => user.username !== undefined);
  const key = (user: SimUser) => user.username?.toLowerCase() ?? "";
  named.sort((a, b) => sign * (key(a) === key(b) ? a.id - b.id : key(a) < key(b) ? -1 : 1));
  const unnamed = users.filter((user) => user.username === undefined).sort((a, b) => sign * (a.id - b.id));
  return [...named, ...unnamed].map((user) => user.id);
}

const shownIds = (page: Page) =>
  page
    .locator("table.users tbody tr")
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-user-id"))));

describe("the users table sorted by the server, in a real browser", () => {
  it("when the owner sorts by username and loads more, then the rows follow the server's order past the first page, both ways", async () => {
    const page = await usher.open(owner, lightTheme);
    await page.locator("table.users tbody tr").first().waitFor();
    expect(await shownIds(page)).toHaveLength(50);

    await page.getByRole("button", { name: "Username", exact: true }).click();
    await page.getByRole("button", { name: "Username ▲" }).waitFor();
    const ascending = byUsername(everyone, false);
    await expect.poll(() => shownIds(page)).toEqual(ascending.slice(0, 50));
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => shownIds(page)).toEqual(ascending);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(await page.getByTestId("total").textContent()).toContain(`${everyone.length} users match`);

    await page.getByRole("button", { name: "Username ▲" }).click();
    await page.getByRole("button", { name: "Username ▼" }).waitFor();
    const descending = byUsername(everyone, true);
    await expect.poll(() => shownIds(page)).toEqual(descending.slice(0, 50));
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => shownIds(page)).toEqual(descending);
    await screenshot(page, "miniapp-sort");
    await page.close();
  });

  it("when a Russian-speaking admin opens the app in a dark theme, then it speaks Russian and takes the theme's colours", async () => {
    const page = await usher.open(russianAdmin, darkTheme);
    await page.locator("table.users tbody tr").first().waitFor();
    await page.getByRole("button", { name: "Пользователи", exact: true }).waitFor();
    await page.getByRole("button", { name: "Имя", exact: true }).waitFor();
    await expect.poll(() => page.getByTestId("total").textContent()).toContain(`Найдено: ${everyone.length}`);
    await page.getByRole("button", { name: "Показать ещё" }).waitFor();
    expect(await page.evaluate("document.documentElement.lang")).toBe("ru");
    // The page is the theme's secondary background, its text the theme's text colour.
    expect(await page.evaluate("getComputedStyle(document.body).backgroundColor")).toBe("rgb(44, 44, 46)");
    expect(await page.evaluate("getComputedStyle(document.body).color")).toBe("rgb(233, 233, 234)");
    await screenshot(page, "miniapp-ru-dark");
    await page.close();
  });
});
