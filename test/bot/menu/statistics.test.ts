import { afterEach, describe, expect, it } from "vitest";
import { campaigns } from "../../../src/db/schema/index.js";
import { renderChart } from "../../../src/features/charts/render-chart.js";
import { statisticsChartSpec } from "../../../src/features/charts/statistics-chart.js";
import { captionLimit } from "../../../src/features/menu/pages.js";
import { StatisticsRepository } from "../../../src/features/statistics/statistics-repository.js";
import { texts } from "../../../src/texts/admin-statistics.js";
import { inLocale } from "../../../src/texts/locale-scope.js";
import type { Locale } from "../../../src/texts/translations.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { UploadedFile } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";
import { decodePng } from "../../support/png.js";
import { insertUser, type UserSeed } from "../../support/user-factory.js";

let h: Harness;
afterEach(() => h.close());

/** Inserts users as if they had come through the gate long ago (the harness clock reads 2026-06-01 12:00 UTC). */
function seed(...rows: UserSeed[]) {
  const now = h.clock.now();
  for (const row of rows) insertUser(h.database.db, row, now);
}

const at = (iso: string) => new Date(iso);

function seedWorld() {
  h.database.db
    .insert(campaigns)
    .values([
      { id: 1, name: "Spring ads", code: "spring", createdAt: h.clock.now() },
      { id: 2, name: "Podcast", code: "pod", createdAt: h.clock.now() },
    ])
    .run();
  seed(
    // Referrers: a name, a first+last name with a username, an invisible name (Dear User fallback).
    { id: 1, firstName: "Pat", status: "active", referralCount: 4, languageCode: "en" },
    { id: 2, firstName: "Quinn", lastName: "Q", username: "quinn", status: "active", referralCount: 7 },
    { id: 3, firstName: "\u3164", status: "active", referralCount: 2, languageCode: "ru" },
    // Registered today, 3 days ago, 20 days ago, 40 days ago.
    { id: 10, status: "active", registeredAt: at("2026-06-01T08:00:00Z"), campaignId: 1, languageCode: "en" },
    {
      id: 11,
      status: "active",
      registeredAt: at("2026-05-29T08:00:00Z"),
      campaignId: 1,
      deadAt: at("2026-05-30T00:00:00Z"),
      languageCode: "de",
    },
    { id: 12, status: "banned", registeredAt: at("2026-05-12T08:00:00Z"), campaignId: 1 },
    { id: 13, status: "active", registeredAt: at("2026-04-22T08:00:00Z"), campaignId: 2, languageCode: "en" },
    { id: 14, status: "pending" },
  );
}

/** The pictures the bot uploaded as photos: put on a menu message (editMessageMedia) or sent (sendPhoto). */
function uploadedPhotos(chatId: number) {
  const edits = h.fake
    .callsOf("editMessageMedia")
    .filter((c) => c.ok && c.params.chat_id === chatId)
    .map((c) => ({ method: "editMessageMedia", photo: (c.params.media as { media: UploadedFile }).media }));
  const sends = h.fake
    .callsOf("sendPhoto")
    .filter((c) => c.ok && c.params.chat_id === chatId)
    .map((c) => ({ method: "sendPhoto", photo: c.params.photo as UploadedFile }));
  return [...edits, ...sends];
}

/** The statistics picture drawn from the harness's database as it stands, in `locale`: what the admin must get, byte for byte. */
async function expectedPicture(locale: Locale): Promise<Uint8Array> {
  const stats = new StatisticsRepository(h.database.db);
  const now = h.clock.now();
  const spec = inLocale(locale, () =>
    statisticsChartSpec({
      newUsers: stats.newUsersByDay(now),
      liveness: stats.livenessByDay(now),
      sources: stats.usersBySource(),
      languages: stats.usersByLanguage(8).map((s) => ({
        name: s.kind === "language" ? s.code : texts[s.kind],
        users: s.users,
      })),
    }),
  );
  return new Uint8Array(await renderChart(spec));
}

describe("admin menu: statistics charts", () => {
  it("when the owner opens statistics, then the menu message becomes a PNG of the charts, drawn from the repository's figures, with the figures as its caption", async () => {
    h = createHarness({ settings: { general: { dearUserName: "Friend" } } });
    seedWorld();
    await openAdmin(h, ["📊 Statistics"]);
    const [upload, ...more] = uploadedPhotos(ownerId);
    expect(more).toEqual([]);
    expect(upload?.method).toBe("editMessageMedia");
    const photo = upload?.photo as UploadedFile;
    expect(photo.filename).toBe("statistics.png");
    const image = decodePng(photo.bytes);
    expect(image.width).toBeGreaterThan(1000);
    expect(image.height).toBeGreaterThan(image.width * 0.8);
    expect(photo.bytes).toEqual(await expectedPicture("en"));
    const page = currentMenu(h);
    expect(page.message.kind).toBe("photo");
    // The double accepts a photo as Telegram does (an image within 10,000 px and 20:1) and reads its size.
    expect(page.message.message.photo?.[0]).toMatchObject({ width: image.width, height: image.height });
    expect(page.message.caption).toBe(page.text);
    expect(page.text).toMatch(/^📊 Statistics \(as of 2026-06-01 12:00 UTC\)\n\n👥 Users: 9\n/);
    expect(page.buttons).toEqual(["🔄 Refresh", "⬅ Back"]);
  });

  it("when a Russian admin opens statistics, then the charts are drawn in Russian", async () => {
    h = createHarness();
    seedWorld();
    await openAdmin(h, []);
    h.services.users.setLanguage(h.owner.id, "ru");
    await openAdmin(h, ["📊 Статистика"]);
    const photo = uploadedPhotos(ownerId)[0]?.photo as UploadedFile;
    expect(photo.bytes).toEqual(await expectedPicture("ru"));
    expect(photo.bytes).not.toEqual(await expectedPicture("en"));
    expect(currentMenu(h).text).toMatch(/^📊 Статистика/);
  });

  it("when Refresh finds the same figures, then nothing is drawn again; when they changed, then a new chart replaces the old one in the same message", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    seedWorld();
    await openAdmin(h, ["📊 Statistics"]);
    const { message } = currentMenu(h);
    await h.press(h.owner, "🔄 Refresh");
    expect(uploadedPhotos(ownerId)).toHaveLength(1);
    await h.start(h.addUser({ language_code: "fr" }));
    await h.press(h.owner, "🔄 Refresh");
    const uploads = uploadedPhotos(ownerId);
    expect(uploads.map((u) => u.method)).toEqual(["editMessageMedia", "editMessageMedia"]);
    expect(uploads[1]?.photo.bytes).toEqual(await expectedPicture("en"));
    expect(uploads[1]?.photo.bytes).not.toEqual(uploads[0]?.photo.bytes);
    expect(currentMenu(h).message.message_id).toBe(message.message_id);
    expect(currentMenu(h).text).toContain("fr: 1");
  });

  it("when the figures are longer than a caption, then the page is text and the chart comes as a photo of its own under it", async () => {
    h = createHarness();
    const long =
      "Campaign with a very long name that goes on and on and on, for the sake of this test".repeat(2);
    h.database.db
      .insert(campaigns)
      .values(
        [1, 2, 3, 4, 5].map((id) => ({
          id,
          name: `${long} ${id}`,
          code: `c${id}`,
          createdAt: h.clock.now(),
        })),
      )
      .run();
    seed(...[1, 2, 3, 4, 5].map((id) => ({ id, status: "active" as const, campaignId: id })));
    await openAdmin(h, ["📊 Statistics"]);
    const page = currentMenu(h);
    expect(page.text.length).toBeGreaterThan(captionLimit);
    expect(page.message.kind).toBe("text");
    expect(page.text).toContain(`${long} 5`);
    const [upload, ...more] = uploadedPhotos(ownerId);
    expect(more).toEqual([]);
    expect(upload?.method).toBe("sendPhoto");
    expect(upload?.photo.bytes).toEqual(await expectedPicture("en"));
    const chart = h.fake.messagesTo(ownerId).at(-1);
    expect(chart?.kind).toBe("photo");
    expect(chart?.message_id).toBeGreaterThan(page.message.message_id);
  });

  it("when a non-admin replays the owner's 📊 Statistics press, then no chart is drawn for them", async () => {
    h = createHarness();
    seedWorld();
    await openAdmin(h, []);
    const data = h.fake.findButton(ownerId, "📊 Statistics")?.button.callback_data as string;
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    const before = h.fake.messagesTo(mallory.id).map((m) => m.text);
    await pressData(h, mallory, data);
    expect(uploadedPhotos(mallory.id)).toEqual([]);
    expect(h.fake.messagesTo(mallory.id).map((m) => m.text)).toEqual(before);
    expect(h.fake.messagesTo(mallory.id).some((m) => m.kind === "photo" || m.edited)).toBe(false);
  });
});

describe("admin menu: statistics", () => {
  it("when the owner opens statistics over a seeded database, then every figure is shown in the same message", async () => {
    h = createHarness({ settings: { general: { dearUserName: "Friend" } } });
    seedWorld();
    await openAdmin(h, []);
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "📊 Statistics");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    const page = currentMenu(h);
    expect(page.message.edited).toBe(true);
    expect(page.buttons).toEqual(["🔄 Refresh", "⬅ Back"]);
    // 8 seeded users plus the owner, a bot user since sending /admin (admins pass the gate by definition).
    expect(page.text).toBe(
      [
        "📊 Statistics (as of 2026-06-01 12:00 UTC)",
        "",
        "👥 Users: 9",
        "✅ Active: 7 (💀 dead among them: 1)",
        "⏳ Pending at the gate: 1",
        "🚫 Banned: 1",
        "",
        "🆕 New bot users (UTC days, today included)",
        "Today: 2 · 7 days: 3 · 30 days: 4",
        "",
        "🤝 Top referrers",
        "1. Quinn Q (id 2): 7",
        "2. Pat (id 1): 4",
        "3. Friend (id 3): 2",
        "",
        "📣 Top campaigns (users / active)",
        "1. Spring ads (spring): 3 / 2",
        "2. Podcast (pod): 1 / 1",
        "",
        "🌍 Bot users by language",
        "en: 3",
        "de: 1",
        "ru: 1",
        "unknown: 2",
      ].join("\n"),
    );
  });

  it("when only the owner has come, then they are the one bot user and the other lists say so", async () => {
    h = createHarness();
    await openAdmin(h, ["📊 Statistics"]);
    const text = currentMenu(h).text;
    expect(text).toContain("👥 Users: 1\n✅ Active: 1 (💀 dead among them: 0)\n⏳ Pending at the gate: 0");
    expect(text).toContain("Today: 1 · 7 days: 1 · 30 days: 1");
    expect(text).toContain("🤝 Top referrers\nNone yet.");
    expect(text).toContain("📣 Top campaigns (users / active)\nNone yet.");
    expect(text).toContain("🌍 Bot users by language\nunknown: 1");
  });

  it("when a newcomer arrives and Refresh is pressed, then the same message shows the new figures", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    seedWorld();
    await openAdmin(h, ["📊 Statistics"]);
    const { message } = currentMenu(h);
    const sent = h.fake.messagesTo(ownerId).length;
    await h.start(h.addUser({ language_code: "fr" }));
    h.clock.advance(5 * 60_000);
    await h.press(h.owner, "🔄 Refresh");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    const page = currentMenu(h);
    expect(page.message.message_id).toBe(message.message_id);
    expect(page.text).toContain("(as of 2026-06-01 12:05 UTC)");
    expect(page.text).toContain("👥 Users: 10\n✅ Active: 8");
    expect(page.text).toContain("Today: 3 · 7 days: 4 · 30 days: 5");
    expect(page.text).toContain("fr: 1");
    expect(page.buttons).toEqual(["🔄 Refresh", "⬅ Back"]);
  });

  it("when the owner has only ever sent /admin, then Statistics counts them as a bot user, none pending, as Mailing does", async () => {
    h = createHarness();
    for (const id of [21, 22, 23, 24, 25, 26])
      seed({ id, status: "active", registeredAt: at("2026-05-01T08:00:00Z") });
    await openAdmin(h, ["📊 Statistics"]);
    expect(currentMenu(h).text).toContain(
      "👥 Users: 7\n✅ Active: 7 (💀 dead among them: 0)\n⏳ Pending at the gate: 0",
    );
    expect(h.record(h.owner)).toMatchObject({ status: "active", referrerId: null, campaignId: null });
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "📨 Mailing");
    expect(currentMenu(h).text).toContain("Alive users: 7 · dead: 0");
  });

  it("when Refresh changes nothing (same minute), then the press answers with an up-to-date toast, no error, no message", async () => {
    h = createHarness();
    await openAdmin(h, ["📊 Statistics", "🔄 Refresh"]);
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "🔄 Refresh");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(currentMenu(h).text).toContain("📊 Statistics");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)).toMatchObject({
      ok: true,
      params: { text: "✅ Up to date (as of 2026-06-01 12:00 UTC)" },
    });
  });

  it("when Refresh shows new figures, then the press is answered without a toast", async () => {
    h = createHarness();
    await openAdmin(h, ["📊 Statistics"]);
    h.clock.advance(60_000);
    await h.press(h.owner, "🔄 Refresh");
    expect(currentMenu(h).text).toContain("(as of 2026-06-01 12:01 UTC)");
    const answer = h.fake.callsOf("answerCallbackQuery").at(-1);
    expect(answer).toMatchObject({ ok: true });
    expect(answer?.params.text).toBeUndefined();
  });

  it("when the day turns (UTC), then today's count starts again", async () => {
    h = createHarness();
    seedWorld();
    await openAdmin(h, ["📊 Statistics"]);
    h.clock.advance(12 * 3_600_000); // 2026-06-02 00:00 UTC
    await h.press(h.owner, "🔄 Refresh");
    expect(currentMenu(h).text).toContain("Today: 0 · 7 days: 3 · 30 days: 4");
  });

  it("when Back is pressed, then the root menu returns as text in place of the chart", async () => {
    h = createHarness();
    await openAdmin(h, ["📊 Statistics"]);
    const sent = h.fake.messagesTo(ownerId).length;
    await h.press(h.owner, "⬅ Back");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(currentMenu(h).text).toMatch(/^🔐 Admin/);
  });

  it("when a non-admin replays the owner's Refresh press, then they get nothing", async () => {
    h = createHarness();
    seedWorld();
    await openAdmin(h, ["📊 Statistics"]);
    const data = h.fake.findButton(ownerId, "🔄 Refresh")?.button.callback_data as string;
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    const before = h.fake.messagesTo(mallory.id).map((m) => m.text);
    await pressData(h, mallory, data);
    expect(h.fake.messagesTo(mallory.id).map((m) => m.text)).toEqual(before);
    expect(h.fake.messagesTo(mallory.id).some((m) => m.edited)).toBe(false);
  });
});
