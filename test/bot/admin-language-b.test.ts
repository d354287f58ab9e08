import { describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import type { NewMailing } from "../../src/features/mailing/mailing-repository.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { currentMenu, openAdmin } from "../support/admin-helpers.js";
import type { Harness } from "../support/bot-harness.js";
import type { SimUserInput } from "../support/fake-telegram/index.js";
import {
  startMailingHarness,
  stopEngineAfterEach,
  textMailing,
  waitForStatus,
} from "../support/mailing-helpers.js";
import { crawlAdminMenu, englishPhrases } from "../support/menu-crawl.js";
import { waitFor } from "../support/wait-for.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

const pollMailing: NewMailing = {
  ...textMailing(""),
  payload: {
    kind: "message",
    content: { type: "poll", question: "Обед?", options: ["Суп", "Салат"], allowsMultipleAnswers: false },
    buttons: [],
  },
};
const checkMailing: NewMailing = { ...textMailing(""), kind: "check_users", payload: { kind: "probe" } };

/** The owner in Russian, two users, and a finished text mailing, poll mailing and check in the history. */
async function withHistory() {
  const { started } = await russianAdmin({ first_name: "Ann" }, { first_name: "Bob", state: "blocked" });
  const mailings = [
    textMailing("Привет, {first_name}!"),
    { ...textMailing("Для VIP"), audience: { includeDead: true, segment: "tag:vip" } },
    pollMailing,
    checkMailing,
  ];
  for (const input of mailings) {
    const { id } = started.repository.create(input, h.clock.now());
    await waitForStatus(started.repository, id);
  }
}

/** Every English phrase in what the owner was sent, by message. */
function englishSaidToOwner(from = 0): string[] {
  return h.fake
    .messagesTo(h.owner.id)
    .slice(from)
    .flatMap((m) => [
      m.text ?? m.caption ?? "",
      ...h.fake.inlineButtons(m).map((b) => b.text),
      ...keyboardOf(m),
    ])
    .flatMap((text) => englishPhrases(text));
}

/** The labels of a message's reply keyboard. */
const keyboardOf = (message: { reply_markup?: unknown }) =>
  ((message.reply_markup as { keyboard?: Array<Array<{ text: string }>> })?.keyboard ?? []).flatMap((row) =>
    row.map((b) => b.text),
  );

/**
 * A mailing engine running, these users, and the owner on the admin menu in Russian; `from` counts
 * the messages the owner had before, so only what follows is checked for English.
 */
async function russianAdmin(...users: SimUserInput[]) {
  const started = startMailingHarness();
  ({ h, engine } = started);
  started.seed(...users);
  await openAdmin(h, []);
  h.services.users.setLanguage(h.owner.id, "ru");
  return { started, ru: textsIn("admin-mailing", "ru"), from: h.fake.messagesTo(h.owner.id).length };
}

const labelStarting = (prefix: string) => {
  const label = currentMenu(h).buttons.find((b) => b.startsWith(prefix));
  if (label === undefined) throw new Error(`no button starting with ${prefix}`);
  return label;
};

describe("📨 Mailing and 🔍 Check Users in the admin's language", () => {
  it("when a Russian admin walks 📨 Mailing and 🔍 Check Users with a history, then no page, button or notice is in English", async () => {
    await withHistory();
    await openAdmin(h, []);
    const entries = [labelStarting("📨"), labelStarting("🔍")];
    const english: string[] = [];
    for (const entry of entries) {
      const seen = await crawlAdminMenu(h, h.owner, {
        from: [entry],
        maxPresses: 400,
        maxDepth: 3,
        // ⬅ Back leads out of the area (the pages it goes back to are reached from the entry).
        avoid: /Удал|Отправ|Запуст|Остан|🗑|🚀|▶️|⛔|⬅/,
      });
      expect(seen.length).toBeGreaterThan(10);
      for (const s of seen) {
        const phrases = englishPhrases(s.text);
        if (phrases.length > 0) english.push(`${s.path.join(" › ")} [${s.kind}] ${phrases.join(" | ")}`);
      }
    }
    expect([...new Set(english)]).toEqual([]);
  }, 60_000);

  it("when a Russian admin sends a mailing through the wizard, then every prompt, the status and the engine's report are in Russian", async () => {
    const { started, ru, from } = await russianAdmin(
      { first_name: "Ann", language_code: "es-MX" },
      { first_name: "Bob", state: "blocked", language_code: "es" },
      { first_name: "Ann" },
    );
    await openAdmin(h, [/^📨/, ru.newMailingButton]);
    await started.say("Привет, {first_name}!", ru.noButtons, ru.everyoneAlive);
    await started.say("💀", "1");
    await started.say(ru.continueKey, ru.sendNowKey);
    const { id } = h.services.mailings.list(1)[0] ?? { id: 0 };
    await waitForStatus(started.repository, id);
    const completed = ru.status.completed;
    await waitFor(
      () => h.fake.textsTo(h.owner.id).filter((t) => t.includes(completed)).length === 2,
      "the report, in Russian",
    );
    const report = h.fake.lastMessageTo(h.owner.id)?.text ?? "";
    expect(report).toContain(ru.reportDeaths.split(":")[0]);
    expect(report).toContain(`: ${ru.duration.seconds.replace("{seconds}", "0")}`);
    // Recipients per language: the owner chose Russian, two have a Spanish Telegram, one none.
    expect(report).toContain(
      ru.reportLanguages.replace("{languages}", `es 2 · ru 1 · ${ru.reportLanguageOther} 1`),
    );
    expect(englishSaidToOwner(from)).toEqual([]);
  }, 30_000);

  it("when a Russian admin sends a poll, looks at its options and sends it, then the wizard and the report with the results are in Russian", async () => {
    const { started, ru, from } = await russianAdmin({ first_name: "Ann" });
    const polls = textsIn("admin-polls", "ru");
    await openAdmin(h, [/^📨/, ru.newMailingButton]);
    // A poll Telegram would refuse is refused in Russian too.
    await h.send(h.fake.updates.poll(h.owner, { question: "Обед?", options: ["Суп"] }));
    expect(started.lastText()).toContain(polls.problem.optionCount.slice(0, 8));
    await h.send(h.fake.updates.poll(h.owner, { question: "Обед?", options: ["Суп", "Салат"] }));
    await started.say("Bad-Key", "obed", ru.noButtons, ru.filterButton, "tag:none", "-tag:none");
    // Every option's prompt, each left with ↩️ Options.
    for (const key of ["⚡", "🗓", "👤", "💀"]) await started.say(key, ru.backToOptions);
    await started.say("🎯", "🔕", "nonsense", ru.continueKey, ru.changeOptionsKey, ru.continueKey);
    await started.say(ru.sendNowKey);
    const { id } = h.services.mailings.list(1)[0] ?? { id: 0 };
    await waitForStatus(started.repository, id);
    await waitFor(
      () => h.fake.lastMessageTo(h.owner.id)?.text?.includes("Обед?"),
      "the report with the poll",
    );
    expect(h.fake.lastMessageTo(h.owner.id)?.text).toContain(polls.resultsSegment.split(":")[0]);
    expect(englishSaidToOwner(from)).toEqual([]);
  }, 30_000);

  it("when a Russian admin starts a check and cancels another, then the check's wizard, status and report are in Russian", async () => {
    const { started, ru, from } = await russianAdmin(
      { first_name: "Ann" },
      { first_name: "Bob", state: "blocked" },
    );
    await openAdmin(h, [/^🔍/, ru.startCheckButton]);
    await started.say(ru.cancelButton);
    expect(started.lastText()).toBe(ru.checkCancelled);
    await openAdmin(h, [/^🔍/, ru.startCheckButton]);
    await started.say(ru.everyoneWithDead, "⚡", "100", "31", "5", ru.continueKey, ru.startCheckKey);
    const { id } = h.services.mailings.list(1)[0] ?? { id: 0 };
    await waitForStatus(started.repository, id);
    await waitFor(
      () => h.fake.textsTo(h.owner.id).filter((t) => t.includes(ru.status.completed)).length === 2,
      "the check's report, in Russian",
    );
    expect(englishSaidToOwner(from)).toEqual([]);
  }, 30_000);

  it("when a Russian admin sends an album, then its «✅ Готово» button ends the collecting", async () => {
    const { started, ru, from } = await russianAdmin();
    await openAdmin(h, [/^📨/, ru.newMailingButton]);
    for (let item = 0; item < 2; item++) {
      const update = h.fake.updates.photo(h.owner, {});
      if (update.message) update.message.media_group_id = "album-1";
      await h.send(update);
    }
    await started.say(ru.doneButton);
    expect(h.fake.textsTo(h.owner.id)).toContain(ru.albumDone.replace("{count}", "2"));
    expect(englishSaidToOwner(from)).toEqual([]);
  });

  it("when the admin's language is Spanish, then 📨 Mailing and its defaults are in Spanish", async () => {
    ({ h, engine } = startMailingHarness());
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "es");
    const es = textsIn("admin-mailing", "es");
    await openAdmin(h, [/^📨/]);
    expect(currentMenu(h).text).toContain(es.mailingIntro);
    expect(currentMenu(h).buttons).toContain(es.newMailingButton);
    await h.press(h.owner, es.defaultsButton);
    expect(currentMenu(h).text).toContain(es.defaultsTitle);
  });
});
