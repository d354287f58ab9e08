import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../src/bot/services.js";
import { createDatabase } from "../../src/db/client.js";
import { users } from "../../src/db/schema/index.js";
import { deleteUserData } from "../../src/features/users/gdpr.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { darkTheme, problemsOf, startUsherApp, type UsherApp } from "./usher-app.js";

const ownerId = 900_101;
const owner = { id: ownerId, first_name: "Owner", username: "owner" };

const longFirst = "Bartholomew".repeat(6).slice(0, 64);
const longLast = "Featherstonehaugh".repeat(4).slice(0, 64);
/** As long as a tag may be (32). */
const longTag = "subscribed_to_the_weekly_digests";
const htmlName = '<img src=x onerror="window.pwned=1">';

/** People whose data tries the layout and the escaping; one to delete, one to become an admin. */
const people = [
  {
    first_name: longFirst,
    last_name: longLast,
    username: "a_very_long_username_here",
    tags: [longTag, "vip"],
  },
  { first_name: htmlName, last_name: "<b>bold</b>", tags: [] },
  { first_name: "\u3164", tags: [] },
  { first_name: "Gone", tags: [] },
  { first_name: "Erin", username: "erin", tags: [] },
  { first_name: "Fred", tags: [] },
  { first_name: "Olga", language_code: "ru", tags: [] },
  { first_name: "Pablo", language_code: "es", tags: [] },
];

let usher: UsherApp;
let members: SimUser[];

beforeAll(async () => {
  usher = await startUsherApp([owner], people);
  ({ members } = usher);
  // The long-named user tops the referrers, so Statistics shows that name too.
  withServices((services) =>
    services.db
      .update(users)
      .set({ referralCount: 3 })
      .where(eq(users.id, memberId(0)))
      .run(),
  );
});

afterAll(() => usher?.close());

const memberId = (index: number) => members[index]?.id ?? 0;

/** A second connection to the running Usher's database, as `usher` commands on the host would open. */
function withServices<T>(act: (services: ReturnType<typeof createServices>) => T): T {
  const database = createDatabase(usher.databasePath);
  try {
    return act(createServices(database.db, { ownerIds: [ownerId] }));
  } finally {
    database.close();
  }
}

/** How far the page itself scrolls sideways (0 when everything fits the phone's width). */
const pageOverflow = (page: Page) =>
  page.evaluate(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  ) as Promise<number>;

const rows = (page: Page) => page.locator("table.users tbody tr");

describe("the admin Mini App at its edges, in a real browser", () => {
  for (const width of [320, 390]) {
    it(`when the app is ${width} px wide and holds long names, tags and a 4096-character message, then only the users table scrolls sideways`, async () => {
      const page = await usher.open(owner, darkTheme, { width });
      await rows(page).first().waitFor();
      expect(await pageOverflow(page)).toBe(0);
      await page.getByRole("checkbox", { name: `${longFirst} ${longLast}` }).check();
      await page.getByRole("button", { name: "Add tag" }).waitFor();
      expect(await pageOverflow(page)).toBe(0);
      // The sticky name column wraps a long name instead of covering the columns that scroll under it.
      const nameCell = await rows(page).filter({ hasText: longTag }).locator("td").nth(1).boundingBox();
      expect(nameCell?.width ?? width).toBeLessThan(width * 0.6);

      await page.getByRole("button", { name: `${longFirst} ${longLast}` }).click();
      await page.getByRole("heading", { name: `${longFirst} ${longLast}` }).waitFor();
      await page.getByLabel("Add note").fill("N".repeat(4096));
      await page.getByRole("button", { name: "Add note" }).click();
      await page.locator(".notes li").first().waitFor();
      expect(await pageOverflow(page)).toBe(0);

      await page.getByRole("button", { name: "Mailings", exact: true }).click();
      await page.getByLabel("Message").fill("W".repeat(4096));
      await page.getByLabel("Audience (segment)").fill(`tag:${longTag}`);
      await page.getByTestId("draft-preview").locator(".bubble").waitFor();
      expect(await pageOverflow(page)).toBe(0);
      await page.getByRole("button", { name: "Start mailing" }).click();
      await expect
        .poll(() => page.getByTestId("mailing-status").textContent(), { timeout: 30_000 })
        .toBe("completed");
      expect(await pageOverflow(page)).toBe(0);
      await page.getByRole("button", { name: "‹ Back" }).click();
      await page.locator(".history li").first().waitFor();
      expect(await pageOverflow(page)).toBe(0);

      await page.getByRole("button", { name: "Statistics", exact: true }).click();
      await page.getByTestId("users-total").waitFor();
      expect(await pageOverflow(page)).toBe(0);
      // A tap on the referrer's bar writes their whole name under the chart.
      await page.getByRole("button", { name: `${longFirst} ${longLast}: 3` }).click();
      await page.locator("figcaption", { hasText: longFirst }).waitFor();
      expect(await pageOverflow(page)).toBe(0);
      expect(problemsOf(page)).toEqual([]);
      await page.close();
    });
  }

  for (const [index, language] of [
    [6, "ru"],
    [7, "es"],
  ] as const) {
    it(`when an admin who speaks ${language} opens the app 320 px wide, then no screen is wider than the phone`, async () => {
      const id = memberId(index);
      withServices((services) => services.admins.add(id, ownerId, new Date()));
      const page = await usher.open({ id, first_name: "Admin", language_code: language }, darkTheme, {
        width: 320,
      });
      await rows(page).first().waitFor();
      expect(await page.evaluate("document.documentElement.lang")).toBe(language);
      expect(await pageOverflow(page)).toBe(0);
      await page.getByRole("button", { name: `${longFirst} ${longLast}` }).click();
      await page.getByRole("heading", { name: `${longFirst} ${longLast}` }).waitFor();
      expect(await pageOverflow(page)).toBe(0);
      for (const tab of [1, 2]) {
        await page.locator("nav.tabs button").nth(tab).click();
        await page.locator("main .card").first().waitFor();
        expect(await pageOverflow(page)).toBe(0);
      }
      await page.close();
    });
  }

  it("when the owner opens a user's card, then it shows what the bot's card shows: premium, contact origin, local time, referrer, topics, time spent, sentiment", async () => {
    const erinId = memberId(4);
    const fredId = memberId(5);
    withServices((services) => {
      services.db
        .update(users)
        .set({
          isPremium: true,
          email: "fred@example.com",
          emailSource: "self_reported",
          gender: "male",
          timezone: "Asia/Tokyo",
          referrerId: erinId,
          timeSpentSeconds: 3 * 3600 + 25 * 60,
          sentimentTotal: 1.5,
          sentimentCount: 2,
          infiniteSession: true,
        })
        .where(eq(users.id, fredId))
        .run();
      const topic = services.topics.createUnlessTaken({ name: "News", description: "" }, new Date());
      services.topics.subscribe(topic?.id ?? 0, fredId, "admin", new Date());
    });
    const page = await usher.open(owner, darkTheme);
    await page.getByRole("button", { name: "Fred" }).click();
    await page.getByRole("heading", { name: "Fred" }).waitFor();
    const fact = (label: string) =>
      page.locator(".facts > div", { has: page.locator("dt", { hasText: label }) }).locator("dd");
    await expect.poll(() => fact("Referred by").textContent()).toBe(`Erin (${erinId})`);
    expect(await fact("Telegram Premium").textContent()).toBe("yes");
    expect(await fact("Email").textContent()).toBe("fred@example.com (typed by the user, unverified)");
    expect(await fact("Gender").textContent()).toBe("male");
    const tokyo = new Date().toLocaleTimeString("en-GB", {
      timeZone: "Asia/Tokyo",
      hour: "2-digit",
      minute: "2-digit",
    });
    expect(await fact("Local time").textContent()).toBe(tokyo);
    expect(await fact("Time spent").textContent()).toBe("3h 25m");
    expect(await fact("Sentiment").textContent()).toBe("0.75");
    expect(await fact("Infinite session").textContent()).toBe("yes");
    await page.locator("section", { hasText: "Topics" }).locator(".tag", { hasText: "News" }).waitFor();

    // GDPR: the download is this user's data, as a JSON file.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download data" }).click();
    const file = await download;
    const data = JSON.parse(readFileSync((await file.path()) ?? "", "utf8"));
    expect(JSON.stringify(data)).toContain("fred@example.com");
    expect(file.suggestedFilename()).toMatch(/\.json$/);
    await page.close();
  });

  it("when Telegram switches from night to day with the app open, then the app takes the new colours, and a value that is no colour is left out", async () => {
    const page = await usher.open(owner, darkTheme);
    await rows(page).first().waitFor();
    const background = () => page.evaluate("getComputedStyle(document.body).backgroundColor");
    expect(await background()).toBe("rgb(35, 46, 60)");
    // As Telegram's native clients deliver an event to a Mini App.
    await page.evaluate(
      `window.Telegram.WebView.receiveEvent("theme_changed", { theme_params: { secondary_bg_color: "#efeff3", bg_color: "#ffffff", text_color: "red;background:url(//evil)" } })`,
    );
    expect(await background()).toBe("rgb(239, 239, 243)");
    expect(await page.evaluate("getComputedStyle(document.body).color")).toBe("rgb(245, 245, 245)");
    await page.close();
  });

  it("when the network fails under a call, then the app says the server could not be reached, in words, not the browser's error", async () => {
    const page = await usher.open(owner, darkTheme);
    await rows(page).first().waitFor();
    await page.route("**/app/api/stats", (route) => route.abort("internetdisconnected"));
    await page.getByRole("button", { name: "Statistics", exact: true }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "The bot's server could not be reached. Check the connection and try again." })
      .waitFor();
    await page.close();
  });

  it("when a user's name is HTML, then it shows as text and runs nothing; a nameless user is the Dear User", async () => {
    const page = await usher.open(owner, darkTheme);
    await page.getByRole("button", { name: `${htmlName} <b>bold</b>` }).waitFor();
    expect(await page.locator("table.users img, table.users b").count()).toBe(0);
    expect(await page.evaluate("window.pwned")).toBeUndefined();
    await page.getByRole("button", { name: "Dear User" }).click();
    await page.getByRole("heading", { name: "Dear User" }).waitFor();
    await page.close();
  });

  it("when an admin's rights are taken away while the app is open, then the next action says they are not an admin", async () => {
    const erin = memberId(4);
    withServices((services) => services.admins.add(erin, ownerId, new Date()));
    const page = await usher.open({ id: erin, first_name: "Erin" }, darkTheme);
    await rows(page).first().waitFor();
    withServices((services) => services.admins.remove(erin));
    await page.getByRole("button", { name: "Fred" }).click();
    await page.getByRole("alert").filter({ hasText: "You are not an admin of this bot." }).waitFor();
    await page.close();
  });

  it("when a user is deleted elsewhere while their card is open, or from the card, then the app says so and goes back to a table without them", async () => {
    const page = await usher.open(owner, darkTheme);
    await page.getByRole("button", { name: "Gone" }).click();
    await page.getByRole("heading", { name: "Gone" }).waitFor();
    withServices((services) => deleteUserData(services, { kind: "admin", id: ownerId }, memberId(3)));
    await page.getByRole("button", { name: "Pause bot" }).click();
    await page.getByRole("alert").filter({ hasText: "This user no longer exists." }).waitFor();
    await page.getByRole("button", { name: "‹ Back" }).click();
    await rows(page).first().waitFor();

    await page.getByRole("button", { name: "Fred" }).click();
    await page.getByRole("heading", { name: "Fred" }).waitFor();
    await page.getByRole("button", { name: "Delete user" }).click();
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => rows(page).filter({ hasText: "Fred" }).count()).toBe(0);
    await rows(page).first().waitFor();
    expect(withServices((services) => services.users.find(memberId(5)))).toBeUndefined();
    await page.close();
  });

  it("when the app is opened with initData signed two days ago, then it says to open it again from the bot and shows no data", async () => {
    const page = await usher.open(owner, darkTheme, { signedAt: new Date(Date.now() - 2 * 86_400_000) });
    await page
      .getByRole("alert")
      .filter({
        hasText: "This app was opened from the bot over a day ago. Close it and open it again from the bot.",
      })
      .waitFor();
    expect(await page.locator("table").count()).toBe(0);
    await page.close();
  });

  it("when the session runs out and initData is fresh, then the app opens a new session with it and the action goes through", async () => {
    const page = await usher.open(owner, darkTheme);
    await rows(page).first().waitFor();
    const sessionsOpened: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/app/api/session")) sessionsOpened.push(request.url());
    });
    let expired = false;
    // The next call carries a session the server no longer takes, as one past its hour.
    await page.route("**/app/api/stats", (route) => {
      const headers = route.request().headers();
      if (expired) return route.continue();
      expired = true;
      return route.continue({ headers: { ...headers, authorization: `Bearer 1.1.${"0".repeat(64)}` } });
    });
    await page.getByRole("button", { name: "Statistics", exact: true }).click();
    await page.getByTestId("users-total").waitFor();
    expect(sessionsOpened).toHaveLength(1);
    expect(await page.getByRole("alert").count()).toBe(0);
    await page.close();
  });

  it("when the session runs out and Telegram's initData is over a day old, then the next action asks to reopen the app from the bot", async () => {
    const signedAt = new Date(Date.now() - 86_400_000 + 12_000);
    const page = await usher.open(owner, darkTheme, { signedAt });
    await rows(page).first().waitFor();
    await new Promise((resolve) => setTimeout(resolve, signedAt.getTime() + 86_401_000 - Date.now()));
    // The hour's session ends as a forged one does: a 401 that sends the app back to initData.
    await page.route("**/app/api/**", (route) => {
      const headers = route.request().headers();
      if (headers.authorization) headers.authorization = `Bearer 1.1.${"0".repeat(64)}`;
      return route.continue({ headers });
    });
    await page.getByRole("button", { name: "Mailings", exact: true }).click();
    await page
      .getByRole("alert")
      .filter({
        hasText: "This app was opened from the bot over a day ago. Close it and open it again from the bot.",
      })
      .waitFor();
    await page.close();
  });
});
