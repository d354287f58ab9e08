import { texts as englishBot } from "../../src/texts/en/bot.js";
import { texts as englishForms } from "../../src/texts/en/forms.js";
import type { Harness } from "./bot-harness.js";
import type { SimUser } from "./fake-telegram/index.js";

/** One thing the admin saw: a page's text, a button's label, a notice or a prompt. */
export interface Seen {
  /** The buttons pressed from /admin to get there. */
  path: string[];
  kind: "text" | "button" | "notice";
  text: string;
}

/**
 * Walks the admin menu as `admin` would: /admin, then every callback button of every page reached,
 * breadth first, each from a fresh /admin, up to `maxPresses`. Records every text, label and notice
 * shown. A conversation a button opens is cancelled after its prompt is read. Buttons whose label
 * matches `avoid` (deleting, sending) are not pressed.
 */
export async function crawlAdminMenu(
  h: Harness,
  admin: SimUser,
  options: { maxPresses: number; maxDepth: number; avoid: RegExp; from?: string[] },
): Promise<Seen[]> {
  const seen: Seen[] = [];
  const pagesSeen = new Set<string>();
  const queue: string[][] = [options.from ?? []];
  let presses = 0;
  while (queue.length > 0 && presses < options.maxPresses) {
    const path = queue.shift() as string[];
    const before = h.fake.messagesTo(admin.id).length;
    const noticesBefore = h.fake.callsOf("answerCallbackQuery").length;
    await h.send(h.fake.updates.command(admin, "cancel"));
    await h.send(h.fake.updates.command(admin, "admin"));
    let reached = true;
    for (const label of path) {
      try {
        await h.press(admin, label);
        presses += 1;
      } catch {
        reached = false;
        break;
      }
    }
    if (!reached) continue;
    const messages = h.fake.messagesTo(admin.id).slice(before);
    for (const message of messages) {
      const text = message.text ?? message.caption ?? "";
      if (text !== "") seen.push({ path, kind: "text", text });
    }
    for (const call of h.fake.callsOf("answerCallbackQuery").slice(noticesBefore)) {
      if (typeof call.params.text === "string" && call.params.text !== "")
        seen.push({ path, kind: "notice", text: call.params.text });
    }
    const page = h.fake.messagesTo(admin.id).findLast((m) => h.fake.inlineButtons(m).length > 0);
    if (page === undefined || path.length - (options.from?.length ?? 0) >= options.maxDepth) continue;
    const buttons = h.fake.inlineButtons(page).filter((b) => b.callback_data !== undefined);
    const key = `${page.text ?? page.caption ?? ""}|${buttons.map((b) => b.text).join("|")}`;
    if (pagesSeen.has(key)) continue;
    pagesSeen.add(key);
    for (const button of h.fake.inlineButtons(page)) {
      seen.push({ path, kind: "button", text: button.text });
      if (button.callback_data !== undefined && !options.avoid.test(button.text))
        queue.push([...path, button.text]);
    }
  }
  return seen;
}

/**
 * Texts an admin may edit whose default is English: the menu shows them as they are (a Russian user
 * gets Russian while the admin keeps the default), so they are not the menu's English.
 */
const editableDefaults = [
  englishBot.welcome,
  englishBot.dearUser,
  englishBot.captcha.intro,
  englishBot.captcha.passed,
  englishBot.joinCheck.prompt,
  englishBot.referralLink,
  englishBot.refLinkOnly,
  englishBot.maintenance,
  englishForms.profile.name,
  englishForms.profile.intro,
  englishForms.profile.done,
  englishForms.profile.firstName,
  englishForms.profile.lastName,
  englishForms.profile.email,
  englishForms.profile.phone,
].flatMap((text) => text.split(/\{[^{}]*\}/).filter((part) => part.trim().length >= 3));

/**
 * What every area may show in English: the editable defaults, the /profile phone prompt as ↕ Order's
 * buttons cut it (at 40 characters), and Telegram's own terms (Telegram id, Telegram Stars).
 */
const allowedEverywhere = [...editableDefaults, englishForms.profile.phone.slice(0, 40), "Telegram"];

/**
 * Phrases of English in `text`: two or more Latin words in a row, besides what every area may show
 * and the names and terms a test adds (`allowed`: its seeded users, say).
 */
export function englishPhrases(text: string, allowed: readonly string[] = []): string[] {
  let rest = text;
  for (const term of [...allowedEverywhere, ...allowed]) if (term !== "") rest = rest.split(term).join(" ");
  // What the admin types stays as it is in every language: segment conditions (tag:vip,
  // city="Kuala Lumpur"), time zones (Europe/Berlin), and lists of names (username, email, phone…).
  rest = rest
    .replace(/[\w.-]+:[\w.<>‹=-]*/g, " ")
    .replace(/[\w.]+[<>=]+"[^"]*"/g, " ")
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+/g, " ")
    .replace(/\b[a-z_]+(?:, [a-z_]+){2,}\b/g, " ");
  return [...rest.matchAll(/\b[A-Za-z][a-z']+(?:[ ,]+[A-Za-z][a-z']+)+\b/g)].map((match) => match[0]);
}
