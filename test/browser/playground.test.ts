import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ownerId, type RunningPlayground, startPlayground } from "../../playground/playground.js";
import { texts as mailingTexts } from "../../src/texts/admin-mailing.js";
import { texts } from "../../src/texts/bot.js";
import { launchChromium, screenshot } from "./chromium.js";

let browser: Browser;
let playground: RunningPlayground | undefined;
let page: Page | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
  page = undefined;
  await playground?.close();
  playground = undefined;
});

async function open(captcha: boolean): Promise<Page> {
  playground = await startPlayground({ port: 0, captcha, logLevel: "warn" });
  page = await browser.newPage({ viewport: { width: 1000, height: 820 } });
  await page.goto(playground.url);
  await page.locator(".person").first().waitFor();
  return page;
}

const botMessage = (page: Page, text: string | RegExp) =>
  page.locator('.message[data-from="bot"]', { hasText: text }).last();

async function type(page: Page, text: string): Promise<void> {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByLabel("Message", { exact: true }).press("Enter");
}

/** Presses the newest inline button with this label, as a thumb would. */
async function press(page: Page, label: string): Promise<void> {
  await page.locator(".inline").getByRole("button", { name: label, exact: true }).last().click();
}

/** Presses a button of the reply keyboard under the chat. */
async function key(page: Page, label: string): Promise<void> {
  await page.locator("#keyboard").getByRole("button", { name: label, exact: true }).click();
}

describe("the playground in a real browser", () => {
  it("when a newcomer with captcha on sends /start and taps the emoji asked for, then the page shows the pass and the welcome", async () => {
    const page = await open(true);
    await page.getByPlaceholder("New user's name").fill("Dana");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect.poll(() => page.locator("#viewer").textContent()).toBe("You are Dana");

    await type(page, "/start");
    const challenge = botMessage(page, /Tap the /);
    await challenge.waitFor();
    await screenshot(page, "captcha-asked");
    const question = (await challenge.locator(".bubble").textContent()) ?? "";
    const target = /Tap the (\S+)/.exec(question)?.[1];
    expect(target).toBeDefined();
    const options = await challenge.locator(".inline button").allTextContents();
    expect(options).toHaveLength(6);
    await challenge.getByRole("button", { name: target as string, exact: true }).click();

    await botMessage(page, texts.captcha.passed).waitFor();
    await botMessage(page, "Welcome, Dana! 👋").waitFor();
    await screenshot(page, "captcha-passed");
    const dana = playground?.fake.users().find((u) => u.first_name === "Dana");
    expect(playground?.fake.textsTo(dana?.id ?? 0)).toContain("Welcome, Dana! 👋");
  });

  it("when the owner sends a text mailing to everyone from /admin, then a member's page shows it arriving", async () => {
    const page = await open(false);
    await expect.poll(() => page.locator("#viewer").textContent()).toBe("You are Owner");

    await type(page, "/admin");
    await botMessage(page, "🔐 Admin").waitFor();
    await press(page, "📨 Mailing");
    await press(page, "✉️ New mailing");
    await type(page, "Hello from the playground, {first_name}!");
    await key(page, mailingTexts.noButtons);
    await key(page, mailingTexts.everyoneAlive);
    await key(page, mailingTexts.continueKey);
    await screenshot(page, "mailing-confirm");
    await key(page, mailingTexts.sendNowKey);
    await botMessage(page, "✅ Completed").waitFor({ timeout: 30_000 });
    await screenshot(page, "mailing-owner");

    await page.locator(".person", { hasText: "Alice Archer" }).click();
    await botMessage(page, "Hello from the playground, Alice!").waitFor();
    await screenshot(page, "mailing-member");
    expect(playground?.fake.textsTo(ownerId)).toContain("Hello from the playground, Owner!");
  });
});
