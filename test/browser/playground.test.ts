import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ownerId, type RunningPlayground, startPlayground } from "../../playground/playground.js";
import { texts as mailingTexts } from "../../src/texts/admin-mailing.js";
import { texts } from "../../src/texts/bot.js";
import { launchChromium, screenshot } from "./chromium.js";

let browser: Browser;
let playground: RunningPlayground | undefined;
const pages: Page[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
  await playground?.close();
  playground = undefined;
});

async function open(captcha: boolean): Promise<Page> {
  playground = await startPlayground({ port: 0, captcha, logLevel: "warn" });
  return openTab();
}

/** Another tab on the same playground, as a second person at the same computer. */
async function openTab(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 820 } });
  pages.push(page);
  await page.goto(playground?.url ?? "about:blank");
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

/** The open captcha: its message, the emoji it asks for and the emoji offered. */
async function challengeOf(page: Page) {
  const challenge = botMessage(page, /Tap the /);
  const question = (await challenge.locator(".text").textContent()) ?? "";
  const target = /Tap the (\S+)/.exec(question)?.[1];
  if (target === undefined) throw new Error(`no emoji asked for in: ${question}`);
  const options = await challenge.locator(".inline button").allTextContents();
  return { challenge, target, options };
}

describe("the playground in a real browser", () => {
  it("when a newcomer with captcha on sends /start and taps the emoji asked for, then the page shows the pass and the welcome", async () => {
    const page = await open(true);
    await page.getByPlaceholder("New user's name").fill("Dana");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect.poll(() => page.locator("#viewer").textContent()).toBe("You are Dana");

    await type(page, "/start");
    await botMessage(page, /Tap the /).waitFor();
    await screenshot(page, "captcha-asked");
    const first = await challengeOf(page);
    expect(first.options).toHaveLength(6);
    // A wrong emoji first: the bot's answer shows over the chat and the challenge is replaced in place.
    await first.challenge
      .getByRole("button", { name: first.options.find((o) => o !== first.target), exact: true })
      .click();
    await page.locator("#toast", { hasText: texts.captcha.wrong }).waitFor();
    await botMessage(page, texts.captcha.wrong).waitFor();
    await screenshot(page, "captcha-wrong");

    const second = await challengeOf(page);
    await second.challenge.getByRole("button", { name: second.target, exact: true }).click();
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
    // Alice watches her chat in a second tab: the mailing must arrive there live, without a reload.
    const alice = await openTab();
    await alice.locator(".person", { hasText: "Alice Archer" }).click();
    await expect.poll(() => alice.locator("#viewer").textContent()).toBe("You are Alice");
    expect(await alice.locator(".message").count()).toBe(0);

    await key(page, mailingTexts.sendNowKey);
    await botMessage(alice, "Hello from the playground, Alice!").waitFor({ timeout: 30_000 });
    await screenshot(alice, "mailing-member");
    await botMessage(page, "✅ Completed").waitFor({ timeout: 30_000 });
    await screenshot(page, "mailing-owner");
    expect(playground?.fake.textsTo(ownerId)).toContain("Hello from the playground, Owner!");
  });

  it("when the owner requires the channel and a newcomer follows its link and says so, then the page shows the welcome", async () => {
    const page = await open(false);
    await type(page, "/admin");
    await botMessage(page, "🔐 Admin").waitFor();
    for (const label of ["🧩 Extensions", "📂 Protection", "📢 Subscription check", "➕ Add chat"])
      await press(page, label);
    await type(page, "@usher_news");
    await botMessage(page, "✅ Added “Usher News”.").waitFor();
    await type(page, "/admin");
    for (const label of ["🧩 Extensions", "📂 Protection", "📢 Subscription check", "❌ Subscription check"])
      await press(page, label);
    await botMessage(page, /^📢 Subscription check\s+ON/).waitFor();

    await page.getByPlaceholder("New user's name").fill("Eve");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect.poll(() => page.locator("#viewer").textContent()).toBe("You are Eve");
    await type(page, "/start");
    await botMessage(page, texts.joinCheck.prompt).waitFor();
    // Saying so before joining is refused; following the channel's link joins it.
    await press(page, texts.joinCheck.joinedButton);
    const alert = page.locator('#toast[data-alert="true"]', { hasText: texts.joinCheck.stillMissing });
    await alert.getByRole("button", { name: "OK" }).click();
    expect(await page.locator('.message[data-from="bot"]', { hasText: "Welcome" }).count()).toBe(0);
    await page.locator(".inline").getByRole("button", { name: "Usher News ↗" }).last().click();
    await page.locator("#toast", { hasText: "You joined Usher News" }).waitFor();
    await press(page, texts.joinCheck.joinedButton);
    await botMessage(page, "Welcome, Eve! 👋").waitFor();
    await screenshot(page, "join-check-passed");
  });
});
