import { describe, expect, it } from "vitest";
import { mailingChartSpec } from "../../../src/features/charts/mailing-chart.js";
import { renderChart } from "../../../src/features/charts/render-chart.js";
import type { MailingEngine } from "../../../src/features/mailing/mailing-engine.js";
import type { MailingRecord } from "../../../src/features/mailing/mailing-repository.js";
import { inLocale } from "../../../src/texts/locale-scope.js";
import type { Locale } from "../../../src/texts/translations.js";
import { openAdmin } from "../../support/admin-helpers.js";
import { type Harness, ownerId } from "../../support/bot-harness.js";
import type { UploadedFile } from "../../support/fake-telegram/index.js";
import {
  startMailingHarness,
  stopEngineAfterEach,
  textMailing,
  waitForStatus,
} from "../../support/mailing-helpers.js";
import { decodePng } from "../../support/png.js";
import { waitFor } from "../../support/wait-for.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

/** The engine running with its reports, five users (two unreachable), the owner a bot user in `locale`. */
async function withAudience(locale: Locale = "en") {
  const started = startMailingHarness();
  ({ h, engine } = started);
  started.seed(
    { first_name: "Ann" },
    { first_name: "Bob" },
    { state: "blocked" },
    { state: "deactivated" },
    {},
  );
  await openAdmin(h, []);
  h.services.users.setLanguage(ownerId, locale);
  return started;
}

/** Runs a mailing (or a check) the owner made to its end; the finished record. */
async function finished(
  started: Awaited<ReturnType<typeof withAudience>>,
  kind: MailingRecord["kind"] = "mailing",
) {
  const base = textMailing("Hello!");
  const m = started.repository.create(
    kind === "mailing"
      ? { ...base, createdBy: ownerId }
      : { ...base, kind, payload: { kind: "probe" }, createdBy: ownerId },
    h.clock.now(),
  );
  started.engine.wake();
  return waitForStatus(started.repository, m.id);
}

const chartsTo = (chatId: number) =>
  h.fake.callsOf("sendPhoto").filter((c) => c.ok && c.params.chat_id === chatId);

/** The chart of `m` drawn from the deliveries table as it stands, in `locale`: what the admin must get, byte for byte. */
async function expectedChart(m: MailingRecord, locale: Locale) {
  const timeline = h.services.deliveryTimeline.timeline(m, h.clock.now());
  const timezone = h.services.settings.get("mailing").timezone;
  return {
    timeline,
    png: new Uint8Array(await renderChart(inLocale(locale, () => mailingChartSpec(timeline, timezone)))),
  };
}

describe("a finished mailing's chart", () => {
  it("when a mailing finishes, then its report is followed by a PNG of its deliveries by outcome, whose totals are the report's", async () => {
    const started = await withAudience();
    const m = await finished(started);
    expect(m).toMatchObject({ sent: 4, failed: 2 });
    const call = await waitFor(() => chartsTo(ownerId)[0], "the report's chart");
    const photo = call.params.photo as UploadedFile;
    expect(photo.filename).toBe(`mailing-${m.id}.png`);
    const image = decodePng(photo.bytes);
    expect(image.width).toBeGreaterThan(800);
    const { timeline, png } = await expectedChart(m, "en");
    expect(photo.bytes).toEqual(png);
    const total = (outcome: string) =>
      timeline.points.filter((p) => p.outcome === outcome).reduce((sum, p) => sum + p.deliveries, 0);
    expect(total("delivered")).toBe(m.sent);
    expect(total("blocked")).toBe(m.failed);
    // It comes after the report, which is the text message before it.
    const messages = h.fake.messagesTo(ownerId);
    const chart = messages.at(-1);
    expect(chart?.kind).toBe("photo");
    expect(messages.at(-2)?.text).toContain("✅ Sent: 4");
    expect(chartsTo(ownerId)).toHaveLength(1);
  }, 30_000);

  it("when the admin who made it reads Russian, then the chart is drawn in Russian", async () => {
    const started = await withAudience("ru");
    const m = await finished(started);
    const call = await waitFor(() => chartsTo(ownerId)[0], "the report's chart");
    const photo = call.params.photo as UploadedFile;
    expect(photo.bytes).toEqual((await expectedChart(m, "ru")).png);
    expect(photo.bytes).not.toEqual((await expectedChart(m, "en")).png);
  }, 30_000);

  it("when a 🔍 Check Users run finishes, then its report comes without a chart (it delivers nothing)", async () => {
    const started = await withAudience();
    const check = await finished(started, "check_users");
    // A mailing after it: its chart, once there, is the only one.
    const m = await finished(started);
    await waitFor(() => chartsTo(ownerId)[0], "the mailing's chart");
    expect(check.kind).toBe("check_users");
    expect(chartsTo(ownerId).map((c) => (c.params.photo as UploadedFile).filename)).toEqual([
      `mailing-${m.id}.png`,
    ]);
  }, 30_000);
});
