import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimUser } from "../support/fake-telegram/index.js";
import { darkTheme, problemsOf, startUsherApp, type UsherApp } from "./usher-app.js";

const owner = { id: 900_201, first_name: "Owner", username: "owner" };
const people = [
  { first_name: "Alice", username: "alice", tags: ["vip"] },
  { first_name: "Bob", username: "bob", tags: [] },
];

let usher: UsherApp;
let members: SimUser[];

beforeAll(async () => {
  usher = await startUsherApp([owner], people);
  ({ members } = usher);
});

afterAll(() => usher?.close());

/** Telegram's Android client: it takes the app's events through `TelegramWebviewProxy`; these are kept in the page. */
const androidProxy =
  "window.postedEvents = []; window.TelegramWebviewProxy = { postEvent(eventType, eventData) { window.postedEvents.push({ eventType, eventData }); } };";

const postedEvents = (page: Page) =>
  page.evaluate("window.postedEvents") as Promise<Array<{ eventType: string; eventData: string }>>;

/** The one file download the page asked Telegram for: its link and name. */
async function requestedDownload(page: Page): Promise<{ url: string; file_name: string }> {
  const downloads = async () =>
    (await postedEvents(page)).filter((event) => event.eventType === "web_app_request_file_download");
  await expect.poll(async () => (await downloads()).length).toBe(1);
  const [event] = await downloads();
  return JSON.parse(event?.eventData ?? "{}");
}

describe("downloads inside Telegram's mobile clients", () => {
  it("when the app runs in Telegram for Android 8.0, then Export CSV and Download data ask the client to fetch a link that serves the file with no header", async () => {
    const page = await usher.open(owner, darkTheme, { platform: "android", initScript: androidProxy });
    let browserDownloads = 0;
    page.on("download", () => browserDownloads++);
    await page.locator("table.users tbody tr").first().waitFor();
    // Drawn: the client is told it may drop its placeholder and give the app the full height, once each.
    expect((await postedEvents(page)).map((event) => event.eventType)).toEqual([
      "web_app_ready",
      "web_app_expand",
    ]);
    await page.getByLabel("Segment").fill("tag:vip");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect
      .poll(() => page.locator("table.users tbody td:nth-child(2) button").allTextContents())
      .toEqual(["Alice"]);

    await page.getByRole("button", { name: "Export CSV" }).click();
    const csvLink = await requestedDownload(page);
    expect(csvLink.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/download\/[\w-]+\.[0-9a-f]{64}$/);
    expect(csvLink.file_name).toMatch(/^users-\d{4}-\d\d-\d\d\.csv$/);
    const csv = await fetch(csvLink.url);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="${csvLink.file_name}"`);
    const text = await csv.text();
    expect(text).toContain("Alice");
    expect(text).not.toContain("Bob");

    await page.evaluate("window.postedEvents.length = 0");
    await page.getByRole("button", { name: "Alice" }).click();
    await page.getByRole("heading", { name: "Alice" }).waitFor();
    await page.getByRole("button", { name: "Download data" }).click();
    const dataLink = await requestedDownload(page);
    expect(dataLink.file_name).toBe(`user-${members[0]?.id}.json`);
    const data = await fetch(dataLink.url);
    expect(data.status).toBe(200);
    expect(JSON.stringify(await data.json())).toContain("alice");

    // The client downloads; the page itself saved nothing.
    expect(browserDownloads).toBe(0);
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });
});
