import { afterEach, describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { type ApiHarness, type ApiHarnessOptions, createApiHarness } from "../support/http-harness.js";
import { createTestEngine, seedBotUsers, textMailing, waitForStatus } from "../support/mailing-helpers.js";

let h: ApiHarness;
let engine: MailingEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  h?.close();
});

/** The harness with the engine running as in production, reporter included. */
function withEngine(options: ApiHarnessOptions = {}) {
  h = createApiHarness(options);
  const started = createTestEngine(h, { reporter: true, progressIntervalMs: 0 });
  engine = started.engine;
  engine.start();
  return started.repository;
}

const future = "2026-06-02T09:30:00+02:00";
const deliveriesOf = (id: number) =>
  [...h.services.mailings.deliveriesOf(id)].map((d) => ({ userId: d.userId, state: d.state }));

describe("mailing routes: authentication", () => {
  it("when any mailing route is called without a token or with a wrong one, then it answers 401 and nothing changes", async () => {
    h = createApiHarness();
    const existing = h.services.mailings.create(textMailing("kept"), h.clock.now());
    const calls: Array<[string, string, unknown]> = [
      ["POST", "/api/mailings", { text: "Hello" }],
      ["POST", "/api/check-users", {}],
      ["GET", "/api/mailings", undefined],
      ["GET", `/api/mailings/${existing.id}`, undefined],
      ["GET", `/api/mailings/${existing.id}/deliveries.csv`, undefined],
      ["POST", `/api/mailings/${existing.id}/pause`, undefined],
      ["POST", `/api/mailings/${existing.id}/cancel`, undefined],
      ["POST", `/api/mailings/${existing.id}/resume`, undefined],
    ];
    for (const [method, path, body] of calls) {
      for (const token of [null, "test-api-token-0123456780"]) {
        const answer = await h.call(method, path, { token, body });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.json.error.code).toBe("unauthorized");
      }
    }
    expect(h.services.mailings.list(10).map((m) => [m.id, m.status])).toEqual([[existing.id, "queued"]]);
    expect(h.services.audit.count()).toBe(0);
  });
});

describe("POST /api/mailings", () => {
  it("when the body is invalid, then it answers 400 naming the field and stores nothing", async () => {
    h = createApiHarness();
    const cases: Array<[unknown, string, string]> = [
      [{}, "invalid_request", "body.text"],
      [{ text: "   " }, "invalid_request", "body.text"],
      [{ text: "Hi", copy: { from_chat_id: 1, message_id: 2 } }, "invalid_request", "body.copy"],
      [
        { copy: { from_chat_id: 1, message_id: 2 }, parse_mode: "HTML" },
        "invalid_request",
        "body.parse_mode",
      ],
      [
        { text: "Hi", buttons: [[{ text: "Go", url: "ftp://example.com" }]] },
        "invalid_request",
        "body.buttons.0.0.url",
      ],
      [
        { text: "Hi", buttons: [[{ text: "", url: "https://example.com" }]] },
        "invalid_request",
        "body.buttons.0.0.text",
      ],
      [
        {
          album: { from_chat_id: 1, message_ids: [3, 4] },
          buttons: [[{ text: "Go", url: "https://example.com" }]],
        },
        "invalid_request",
        "body.buttons",
      ],
      [{ text: "Hi", dead_after: 9 }, "invalid_request", "body.dead_after"],
      [{ text: "Hi", rate: 0 }, "invalid_request", "body.rate"],
      [{ text: "Hi", schedule_at: "2026-06-02T09:30:00" }, "invalid_request", "body.schedule_at"],
      [{ text: "Hi", schedule_at: "2026-06-01T11:59:00Z" }, "schedule_in_past", "body.schedule_at"],
      [{ text: "Hi", audience: { segment: "tag:vip lang:" } }, "invalid_segment", "body.audience.segment"],
      [{ text: "Hi", colour: "red" }, "invalid_request", "body"],
      [{ text: "<b>Hi {first_name}", parse_mode: "HTML" }, "invalid_markup", "body.text"],
      [{ text: "<div>Hi</div>", parse_mode: "HTML" }, "invalid_markup", "body.text"],
      [{ text: "Hi {first_name}. Welcome", parse_mode: "MarkdownV2" }, "invalid_markup", "body.text"],
    ];
    for (const [body, code, path] of cases) {
      const answer = await h.post("/api/mailings", { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code, JSON.stringify(body)).toBe(code);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const segment = await h.post("/api/mailings", {
      body: { text: "Hi", audience: { segment: "tag:vip lang:" } },
    });
    expect(segment.json.error.message).toMatch(/lang/);
    expect(segment.json.error.message).toMatch(/8/);
    expect(h.services.mailings.list(10)).toEqual([]);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when paid broadcast is asked while the setting is off, then it is refused; when on, the rate may pass 30", async () => {
    h = createApiHarness();
    const refused = await h.post("/api/mailings", { body: { text: "Hi", rate: 500, paid_broadcast: true } });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({
      code: "paid_broadcast_off",
      details: [{ path: "body.paid_broadcast" }],
    });
    const clamped = await h.post("/api/mailings", { body: { text: "Hi", rate: 500 } });
    expect(clamped.status).toBe(201);
    expect(clamped.json.options).toMatchObject({ rate: 30, paid_broadcast: false });
    h.close();

    h = createApiHarness({ settings: { mailing: { paidBroadcast: true, deadAfter: 2 } } });
    const paid = await h.post("/api/mailings", {
      body: { text: "Hi", rate: 500, silent: true, pin: true, track_clicks: false, topic_button: false },
    });
    expect(paid.json.options).toEqual({
      dead_after: 2,
      rate: 500,
      paid_broadcast: true,
      silent: true,
      protect_content: false,
      pin: true,
      track_clicks: false,
      topic_button: false,
    });
    const declined = await h.post("/api/mailings", {
      body: { text: "Hi", rate: 500, paid_broadcast: false },
    });
    expect(declined.json.options).toMatchObject({ rate: 30, paid_broadcast: false });
    expect(h.services.mailings.find(paid.json.id)?.options).toMatchObject({
      ratePerSecond: 500,
      paidBroadcast: true,
      trackClicks: false,
    });
    expect(declined.json.options.track_clicks).toBe(true);
  });

  it("when a copy, an album or a scheduled text is created, then it is stored as the wizard stores it and audited as api", async () => {
    h = createApiHarness({ settings: { mailing: { timezone: "Europe/Berlin" } } });
    seedBotUsers(h, [{}, {}]);
    const copy = await h.post("/api/mailings", {
      body: {
        copy: { from_chat_id: -100123, message_id: 55 },
        buttons: [[{ text: "Shop", url: "https://shop.example.com" }]],
        protect_content: true,
      },
    });
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({
      kind: "mailing",
      status: "queued",
      content: { type: "copy", from_chat_id: -100123, message_id: 55 },
      buttons: [[{ text: "Shop", url: "https://shop.example.com" }]],
      audience: { segment: "", include_dead: false },
      estimated_recipients: 2,
      counts: { total: 0, sent: 0, pending: 0 },
    });
    const album = await h.post("/api/mailings", {
      body: { album: { from_chat_id: 77, message_ids: [12, 10, 11, 10] } },
    });
    expect(h.services.mailings.find(album.json.id)?.payload).toEqual({
      kind: "message",
      content: { type: "album", fromChatId: 77, messageIds: [10, 11, 12] },
      buttons: [],
    });
    const scheduled = await h.post("/api/mailings", {
      body: { text: "Later", schedule_at: future, audience: { segment: "joined>=2026-06-01 -dead:yes" } },
    });
    expect(scheduled.json).toMatchObject({
      status: "scheduled",
      scheduled_at: "2026-06-02T07:30:00.000Z",
      audience: { segment: "joined>=2026-06-01 -dead:yes", include_dead: true, time_zone: "Europe/Berlin" },
    });
    expect(h.services.mailings.find(scheduled.json.id)).toMatchObject({
      status: "scheduled",
      createdBy: null,
      scheduledAt: new Date("2026-06-02T07:30:00Z"),
      audience: { includeDead: true, segment: "joined>=2026-06-01 -dead:yes", timeZone: "Europe/Berlin" },
    });
    const audit = h.services.audit.recent(10).reverse();
    expect(audit.map((e) => [e.action, e.actorLabel, e.actorId])).toEqual([
      ["mailings.create", "api", null],
      ["mailings.create", "api", null],
      ["mailings.create", "api", null],
    ]);
    expect(audit[0]?.after).toEqual({ id: copy.json.id, kind: "mailing", total: 2 });
  });

  it("when a formatted text goes to a segment, then only its users get it, names escaped for the parse mode, and no admin is messaged", async () => {
    const repository = withEngine();
    const [odd, ann, outsider, blocked] = seedBotUsers(h, [
      { first_name: "<b>_x." },
      { first_name: "Ann" },
      { first_name: "Out" },
      { first_name: "Gone", state: "blocked" },
    ]);
    for (const user of [odd, ann, blocked])
      h.services.users.addTags(user?.id as number, ["vip"], h.clock.now());

    const html = await h.post("/api/mailings", {
      body: {
        text: "<b>Hi</b> {first_name}",
        parse_mode: "HTML",
        disable_link_preview: true,
        audience: { segment: "tag:vip" },
        dead_after: 1,
        buttons: [[{ text: "Open", url: "https://example.com/a" }]],
      },
    });
    expect(html.status).toBe(201);
    expect(html.json).toMatchObject({
      content: {
        type: "text",
        text: "<b>Hi</b> {first_name}",
        parse_mode: "HTML",
        disable_link_preview: true,
      },
      audience: { segment: "tag:vip", include_dead: false },
      estimated_recipients: 3,
    });
    const done = await waitForStatus(repository, html.json.id);
    expect(done).toMatchObject({ total: 3, sent: 2, failed: 1, newlyDead: 1, statusChatId: null });

    const toOdd = h.fake.callsOf("sendMessage").find((c) => c.params.chat_id === odd?.id);
    expect(toOdd?.params).toMatchObject({
      text: "<b>Hi</b> &lt;b&gt;_x.",
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
    expect(h.fake.lastMessageTo(odd?.id as number)?.text).toBe("Hi <b>_x.");
    expect(h.fake.lastMessageTo(odd?.id as number)?.message.entities).toEqual([
      { type: "bold", offset: 0, length: 2 },
    ]);
    expect(h.fake.textsTo(ann?.id as number)).toEqual(["Hi Ann"]);
    expect(h.fake.textsTo(outsider?.id as number)).toEqual([]);
    expect(deliveriesOf(done.id)).toEqual([
      { userId: odd?.id, state: "sent" },
      { userId: ann?.id, state: "sent" },
      { userId: blocked?.id, state: "failed" },
    ]);
    expect(h.record(blocked?.id as number)?.deadAt).not.toBeNull();

    const markdown = await h.post("/api/mailings", {
      body: { text: "*Hi* {first_name}\\!", parse_mode: "MarkdownV2", audience: { segment: "tag:vip" } },
    });
    expect(markdown.json.estimated_recipients).toBe(2);
    await waitForStatus(repository, markdown.json.id);
    expect(h.fake.textsTo(odd?.id as number)).toEqual(["Hi <b>_x.", "Hi <b>_x.!"]);
    expect(h.fake.textsTo(ann?.id as number)).toEqual(["Hi Ann", "Hi Ann!"]);

    // Without a status message the reporter edits nothing and reports to nobody.
    await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.callsOf("editMessageText")).toEqual([]);
    const chats = new Set(h.fake.callsOf("sendMessage").map((c) => c.params.chat_id));
    expect([...chats].sort()).toEqual([odd?.id, ann?.id, blocked?.id].sort());

    const read = await h.get(`/api/mailings/${html.json.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      status: "completed",
      counts: { total: 3, sent: 2, failed: 1, unknown: 0, pending: 0, newly_dead: 1, revived: 0 },
      estimated_recipients: 3,
      errors: [{ error_class: "blocked", count: 1 }],
    });
    expect(read.json.started_at).toBe("2026-06-01T12:00:00.000Z");
    expect(read.json.finished_at).toBe("2026-06-01T12:00:00.000Z");

    const csv = await h.get(`/api/mailings/${html.json.id}/deliveries.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="mailing-${html.json.id}.csv"`);
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe("user_id,outcome,attempts,error_class,error_description,updated_at");
    expect(lines.slice(1)).toEqual([
      `${odd?.id},sent,1,,,2026-06-01T12:00:00.000Z`,
      `${ann?.id},sent,1,,,2026-06-01T12:00:00.000Z`,
      `${blocked?.id},failed,1,blocked,Forbidden: bot was blocked by the user,2026-06-01T12:00:00.000Z`,
    ]);
  });
});

describe("mailing controls", () => {
  it("when a mailing is paused, resumed and cancelled, then each allowed step is audited as api and the others answer 409", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{}]);
    const created = await h.post("/api/mailings", { body: { text: "Paced" } });
    const id = created.json.id as number;

    const paused = await h.post(`/api/mailings/${id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.json.status).toBe("paused");
    const again = await h.post(`/api/mailings/${id}/pause`);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("invalid_transition");

    // Paused before it started: the engine leaves it alone until it is resumed.
    const started = createTestEngine(h);
    engine = started.engine;
    engine.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.textsTo(ann?.id as number)).toEqual([]);
    const resumed = await h.post(`/api/mailings/${id}/resume`);
    expect(resumed.json.status).toBe("queued");
    await waitForStatus(started.repository, id);
    expect(h.fake.textsTo(ann?.id as number)).toEqual(["Paced"]);
    const late = await h.post(`/api/mailings/${id}/cancel`);
    expect(late.status).toBe(409);
    expect(late.json.error.message).toMatch(/completed/);

    const second = await h.post("/api/mailings", { body: { text: "Never", schedule_at: future } });
    const cancelled = await h.post(`/api/mailings/${second.json.id}/cancel`);
    expect(cancelled.json).toMatchObject({ status: "cancelled", finished_at: "2026-06-01T12:00:00.000Z" });
    expect((await h.post(`/api/mailings/${second.json.id}/resume`)).status).toBe(409);
    expect(h.services.mailings.find(second.json.id)?.status).toBe("cancelled");

    const audit = h.services.audit.recent(20).reverse();
    expect(audit.map((e) => [e.action, e.actorLabel, e.before, e.after])).toEqual([
      ["mailings.create", "api", null, { id, kind: "mailing", total: 1 }],
      ["mailings.pause", "api", { id, status: "queued" }, { id, status: "paused" }],
      ["mailings.resume", "api", { id, status: "paused" }, { id, status: "queued" }],
      ["mailings.create", "api", null, { id: second.json.id, kind: "mailing", total: 1 }],
      [
        "mailings.cancel",
        "api",
        { id: second.json.id, status: "scheduled" },
        { id: second.json.id, status: "cancelled" },
      ],
    ]);
  });

  it("when an id is unknown or not a number, then reads and controls answer 404 or 400", async () => {
    h = createApiHarness();
    for (const [method, path] of [
      ["GET", "/api/mailings/99"],
      ["GET", "/api/mailings/99/deliveries.csv"],
      ["POST", "/api/mailings/99/pause"],
      ["POST", "/api/mailings/99/resume"],
      ["POST", "/api/mailings/99/cancel"],
    ] as const) {
      const answer = await h.call(method, path);
      expect(answer.status, path).toBe(404);
      expect(answer.json.error).toMatchObject({ code: "not_found", message: "Mailing 99 was not found" });
    }
    const bad = await h.get("/api/mailings/abc");
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("path.id");
    expect(h.services.audit.count()).toBe(0);
  });
});

describe("GET /api/mailings", () => {
  it("when mailings and checks exist, then they are listed newest first, by kind, by cursor and by offset", async () => {
    h = createApiHarness();
    const ids: number[] = [];
    for (const text of ["one", "two"]) ids.push((await h.post("/api/mailings", { body: { text } })).json.id);
    ids.push((await h.post("/api/check-users", { body: {} })).json.id);
    ids.push((await h.post("/api/mailings", { body: { text: "four" } })).json.id);

    const all = await h.get("/api/mailings");
    expect(all.json.mailings.map((m: { id: number }) => m.id)).toEqual([...ids].reverse());
    expect(all.json.next_cursor).toBeNull();
    const checks = await h.get("/api/mailings?kind=check_users");
    expect(checks.json.mailings.map((m: { kind: string }) => m.kind)).toEqual(["check_users"]);

    const first = await h.get("/api/mailings?kind=mailing&limit=2");
    expect(first.json.mailings.map((m: { id: number }) => m.id)).toEqual([ids[3], ids[1]]);
    const next = await h.get(`/api/mailings?kind=mailing&limit=2&cursor=${first.json.next_cursor}`);
    expect(next.json.mailings.map((m: { id: number }) => m.id)).toEqual([ids[0]]);
    expect(next.json.next_cursor).toBeNull();
    const offset = await h.get("/api/mailings?limit=1&offset=2");
    expect(offset.json.mailings.map((m: { id: number }) => m.id)).toEqual([ids[1]]);

    const bad = await h.get("/api/mailings?limit=0&kind=letters");
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "query.kind",
      "query.limit",
    ]);
  });
});

describe("POST /api/check-users", () => {
  it("when a check runs, then a user who blocked the bot is found dead, the dead are probed too, and nothing visible is sent", async () => {
    const repository = withEngine();
    const [alive, blocked, revived] = seedBotUsers(h, [{}, { state: "blocked" }, {}]);
    h.services.users.markDead(revived?.id as number, "blocked", h.clock.now());

    const created = await h.post("/api/check-users", { body: { dead_after: 1, rate: 200 } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      kind: "check_users",
      content: null,
      buttons: [],
      audience: { segment: "", include_dead: true },
      options: { dead_after: 1, rate: 30, paid_broadcast: false },
      estimated_recipients: 3,
    });
    const done = await waitForStatus(repository, created.json.id);
    expect(done).toMatchObject({ total: 3, sent: 2, failed: 1, newlyDead: 1, revived: 1 });
    expect(h.record(blocked?.id as number)?.deadAt).not.toBeNull();
    expect(h.record(revived?.id as number)?.deadAt).toBeNull();
    expect(h.record(alive?.id as number)?.deadAt).toBeNull();
    expect(h.fake.callsOf("sendChatAction")).toHaveLength(3);
    expect(h.fake.callsOf("sendMessage")).toEqual([]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      actorLabel: "api",
      action: "mailings.create",
      after: { id: created.json.id, kind: "check_users", total: 3 },
    });

    const segment = await h.post("/api/check-users", { body: { audience: { segment: "status:" } } });
    expect(segment.status).toBe(400);
    expect(segment.json.error.details).toEqual([
      { path: "body.audience.segment", message: expect.stringMatching(/status/) },
    ]);
    const noBody = await h.post("/api/check-users");
    expect(noBody.status).toBe(201);
    expect(noBody.json.options.dead_after).toBe(3);
  });
});
