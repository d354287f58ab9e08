import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { imports } from "../../../src/db/schema/index.js";
import { createUser } from "../../../src/features/users/csv/create-user.js";
import { setUserLanguage } from "../../../src/features/users/user-language.js";
import { texts } from "../../../src/texts/admin-user-tools.js";
import { textsIn } from "../../../src/texts/locale-texts.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";
import type { UploadedFile } from "../../support/fake-telegram/index.js";
import { pressData } from "../../support/gate-helpers.js";

let h: Harness;
afterEach(() => h.close());

const system = { kind: "system", label: "test" } as const;

/** Users straight in the database: ids 101..10n, the given ones tagged vip. */
function seedUsers(count: number, vip: number[]): void {
  const now = h.clock.now();
  for (let i = 1; i <= count; i++) {
    const id = 100 + i;
    createUser({ db: h.services.db, now: () => now }, system, { telegramId: id, firstName: `User${i}` });
    if (vip.includes(id)) h.services.users.addTag(id, "vip", now);
  }
}

const openTools = (button: string) => openAdmin(h, ["👥 Users", "🧰 User tools", button]);
const lastText = () => h.fake.textsTo(ownerId).at(-1) ?? "";
const csvFile = (content: string, file_name = "people.csv") =>
  h.fake.updates.document(h.owner, { file_name, mime_type: "text/csv", content });

describe("admin users tools: the page", () => {
  it("when the page is opened and left, then the same message is edited to it and back to 👥 Users", async () => {
    h = createHarness();
    await openAdmin(h, ["👥 Users", "🧰 User tools"]);
    const sent = h.fake.messagesTo(ownerId).length;
    expect(currentMenu(h).buttons).toEqual([
      texts.exportButton,
      texts.importButton,
      texts.createButton,
      texts.bulkTagButton,
      texts.bulkAttributeButton,
      "⬅ Back",
    ]);
    await h.press(h.owner, "⬅ Back");
    expect(h.fake.messagesTo(ownerId)).toHaveLength(sent);
    expect(currentMenu(h).text).toContain("👥");
    expect(currentMenu(h).buttons).not.toContain(texts.exportButton);
  });
});

describe("admin users tools: export", () => {
  it("when a segment is exported, then a dated CSV document of exactly its users arrives with the count", async () => {
    h = createHarness();
    seedUsers(4, [102, 104]);
    await openTools(texts.exportButton);
    await h.say(h.owner, "tag:");
    expect(lastText()).toMatch(/tag/);
    expect(h.fake.callsOf("sendDocument")).toHaveLength(0);
    await h.say(h.owner, "tag:vip");
    const call = h.fake.callsOf("sendDocument").at(-1);
    const document = call?.params.document as UploadedFile;
    expect(document.filename).toBe(`users-${h.clock.now().toISOString().slice(0, 10)}.csv`);
    expect(call?.params.caption).toBe("👥 2 users");
    const rows = parse(Buffer.from(document.bytes).toString("utf8"), { columns: true, bom: true }) as Array<
      Record<string, string>
    >;
    expect(rows.map((r) => [r.telegram_id, r.first_name, r.tags])).toEqual([
      ["102", "User2", "vip"],
      ["104", "User4", "vip"],
    ]);
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "users.export", after: { count: 2 } });
  });

  it("when users chose a language, then the export's chosen_language column has it and is empty for the others", async () => {
    h = createHarness();
    seedUsers(2, []);
    setUserLanguage(h.services, system, { userId: 101, language: "es" });
    await openTools(texts.exportButton);
    await h.say(h.owner, "all");
    const document = h.fake.callsOf("sendDocument").at(-1)?.params.document as UploadedFile;
    const rows = parse(Buffer.from(document.bytes).toString("utf8"), { columns: true, bom: true }) as Array<
      Record<string, string>
    >;
    expect(rows.map((r) => [r.telegram_id, r.chosen_language])).toEqual([
      ["101", "es"],
      ["102", ""],
      [String(ownerId), ""],
    ]);
  });

  it("when “all” is sent, then everyone is exported (the owner, a user too, included)", async () => {
    h = createHarness();
    seedUsers(3, []);
    await openTools(texts.exportButton);
    await h.say(h.owner, "all");
    expect(h.fake.callsOf("sendDocument").at(-1)?.params.caption).toBe("👥 4 users");
  });
});

describe("admin users tools: import", () => {
  it("when a good file is sent and imported, then the dry run changes nothing and the import creates everyone", async () => {
    h = createHarness();
    await openTools(texts.importButton);
    await h.send(csvFile("telegram_id,first_name,email,tags\n201,Ann,ann@example.com,vip\n202,Bob,,\n"));
    expect(h.fake.textsTo(ownerId).at(-2)).toContain("Rows: 2 · fine: 2 · wrong: 0");
    expect(h.record(201)).toBeUndefined();
    await h.say(h.owner, texts.importAll);
    expect(h.fake.textsTo(ownerId)).toContain("✅ Imported: created 2, updated 0, unchanged 0, skipped 0.");
    expect(h.record(201)).toMatchObject({ firstName: "Ann", email: "ann@example.com" });
    expect(h.services.users.tagsOf(201)).toEqual(["vip"]);
    expect(h.record(202)).toMatchObject({ firstName: "Bob" });
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "users.import", after: { created: 2 } });
  });

  it("when a file has wrong rows, then the dry run lists them, “import all” is refused and “valid rows only” imports the rest", async () => {
    h = createHarness();
    await openTools(texts.importButton);
    await h.send(
      csvFile("telegram_id;first_name;email\n301;Ann;ann@example.com\n302;Bob;not-an-email\n303;Cy;\n"),
    );
    const report = h.fake.textsTo(ownerId).at(-2) ?? "";
    expect(report).toContain("Rows: 3 · fine: 2 · wrong: 1");
    expect(report).toMatch(/line 3: .*not-an-email/);
    await h.say(h.owner, texts.importAll);
    expect(lastText()).toBe(texts.importAllRefused.replace("{wrong}", "1"));
    expect(h.record(301)).toBeUndefined();
    await h.say(h.owner, texts.importValidOnly);
    expect(h.fake.textsTo(ownerId)).toContain("✅ Imported: created 2, updated 0, unchanged 0, skipped 1.");
    expect(h.record(301)).toBeDefined();
    expect(h.record(302)).toBeUndefined();
    expect(h.record(303)).toBeDefined();
  });

  it("when a file sets users' chosen language, then an imported user is greeted and answered in it, not in Telegram's", async () => {
    h = createHarness({ settings: { userReferrals: { enabled: true } } });
    const ana = h.addUser({ id: 701, first_name: "Ana", language_code: "en" });
    await openTools(texts.importButton);
    await h.send(csvFile("telegram_id,first_name,chosen_language\n701,Ana,es-MX\n702,Bo,\n"));
    await h.say(h.owner, texts.importAll);
    expect(h.fake.textsTo(ownerId)).toContain("✅ Imported: created 2, updated 0, unchanged 0, skipped 0.");
    expect(h.record(701)?.language).toBe("es");
    expect(h.record(702)?.language).toBeNull();

    const es = textsIn("bot", "es");
    await h.start(ana);
    expect(h.fake.textsTo(ana.id).at(-1)).toBe(es.welcome.replace("{first_name}", "Ana"));
    await h.say(ana, "/ref");
    expect(
      h.fake
        .textsTo(ana.id)
        .at(-1)
        ?.startsWith(es.referralLink.split("{link}")[0] as string),
    ).toBe(true);
  });

  it("when a chosen language cannot be a language, then the dry run names the row and the column and nothing changes", async () => {
    h = createHarness();
    await openTools(texts.importButton);
    await h.send(csvFile("telegram_id,chosen_language\n801,es\n802,Español!\n"));
    const report = h.fake.textsTo(ownerId).at(-2) ?? "";
    expect(report).toContain("Rows: 2 · fine: 1 · wrong: 1");
    expect(report).toMatch(/line 3: .*chosen_language.*Español!/);
    await h.say(h.owner, texts.importAll);
    expect(lastText()).toBe(texts.importAllRefused.replace("{wrong}", "1"));
    expect(h.record(801)).toBeUndefined();
    expect(h.record(802)).toBeUndefined();
  });

  it("when the bot restarts between the dry run and the choice, then the import still downloads and applies the file", async () => {
    h = createHarness();
    await openTools(texts.importButton);
    await h.send(csvFile("telegram_id,first_name\n501,Ann\n"));
    h.restart();
    await h.say(h.owner, texts.importAll);
    expect(h.record(501)).toMatchObject({ firstName: "Ann" });
    expect(h.fake.callsOf("getFile")).toHaveLength(2);
  });

  it("when another import is being applied or was left unfinished, then the import is refused with a word on when to retry", async () => {
    h = createHarness();
    const { db } = h.services;
    const [other] = db
      .insert(imports)
      .values({
        status: "applying",
        owner: "another request",
        pid: 1,
        host: "another host",
        heartbeatAt: new Date(),
        validRowsOnly: false,
        actor: JSON.stringify(system),
        startedAt: h.clock.now(),
      })
      .returning()
      .all();
    const tryImport = async () => {
      await openTools(texts.importButton);
      await h.send(csvFile("telegram_id,first_name\n601,Ann\n"));
      await h.say(h.owner, texts.importAll);
    };
    await tryImport();
    expect(h.fake.textsTo(ownerId)).toContain(texts.importInProgress);
    // Its process stopped: silent for a minute.
    db.update(imports)
      .set({ heartbeatAt: new Date(Date.now() - 60_000) })
      .where(eq(imports.id, other?.id ?? 0))
      .run();
    await tryImport();
    expect(h.fake.textsTo(ownerId)).toContain(texts.importInterrupted);
    expect(h.record(601)).toBeUndefined();
    db.update(imports).set({ status: "done" }).run();
    await tryImport();
    expect(h.record(601)).toMatchObject({ firstName: "Ann" });
  });

  it("when the import is cancelled after the dry run, then nothing is imported", async () => {
    h = createHarness();
    await openTools(texts.importButton);
    await h.send(csvFile("telegram_id\n401\n"));
    await h.say(h.owner, texts.cancel);
    expect(lastText()).toBe(texts.cancelled);
    expect(h.record(401)).toBeUndefined();
  });

  it("when text, a photo, a non-CSV document or an unreadable file is sent, then each is refused with a reason", async () => {
    h = createHarness();
    await openTools(texts.importButton);
    await h.say(h.owner, "here");
    expect(lastText()).toBe(texts.notDocument);
    await h.send(h.fake.updates.photo(h.owner));
    expect(lastText()).toBe(texts.notDocument);
    await h.send(
      h.fake.updates.document(h.owner, {
        file_name: "photo.pdf",
        mime_type: "application/pdf",
        content: "%PDF",
      }),
    );
    expect(lastText()).toBe(texts.notCsv.replace("{name}", "photo.pdf"));
    const huge = csvFile("telegram_id\n1\n", "huge.csv");
    if (huge.message?.document) huge.message.document.file_size = 21 * 1024 * 1024;
    await h.send(huge);
    expect(lastText()).toBe(texts.tooBig.replace("{size}", "21.0"));
    await h.send(csvFile("first_name\nAnn\n"));
    expect(lastText()).toContain("cannot be imported");
    expect(lastText()).toContain("no Telegram id, phone or email column");
    expect(h.services.audit.recent()).toHaveLength(0);
  });
});

describe("admin users tools: create by hand", () => {
  it("when an id and names are given, then the user is created; bad input is asked again", async () => {
    h = createHarness();
    await openTools(texts.createButton);
    await h.say(h.owner, "12ab");
    expect(lastText()).toBe(texts.badKeyToken.replace("{token}", "12ab"));
    await h.say(h.owner, "555 +60123456789");
    await h.say(h.owner, "x".repeat(65));
    expect(lastText()).toBe("A name is at most 64 characters.");
    await h.say(h.owner, "Dana");
    await h.say(h.owner, "-");
    expect(h.fake.textsTo(ownerId)).toContain("✅ Created user 555.");
    expect(h.record(555)).toMatchObject({ firstName: "Dana", lastName: null, phone: "+60123456789" });
    expect(h.services.audit.recent()[0]).toMatchObject({ action: "users.create", after: { userId: 555 } });
  });

  it("when only an email is given, then a contact with a negative id is created; a duplicate is refused", async () => {
    h = createHarness();
    await openTools(texts.createButton);
    await h.say(h.owner, "eve@example.com");
    await h.say(h.owner, "-");
    await h.say(h.owner, "-");
    expect(h.fake.textsTo(ownerId).join("\n")).toMatch(/Created contact -1\./);
    await openTools(texts.createButton);
    await h.say(h.owner, "eve@example.com");
    await h.say(h.owner, "Eve");
    await h.say(h.owner, "-");
    expect(h.fake.textsTo(ownerId).join("\n")).toContain("user -1 already has this email");
  });
});

describe("admin users tools: bulk actions", () => {
  it("when a tag is added to a segment and then removed, then exactly its users change and the audit has counts", async () => {
    h = createHarness();
    seedUsers(4, [101, 102]);
    await openTools(texts.bulkTagButton);
    await h.say(h.owner, "tag:vip");
    await h.say(h.owner, "gold");
    expect(lastText()).toBe(texts.badTag);
    await h.say(h.owner, "+gold");
    expect(lastText()).toBe("Add tag “gold” to 2 users?");
    expect(h.services.users.tagsOf(101)).not.toContain("gold");
    await h.say(h.owner, texts.apply);
    expect(h.fake.textsTo(ownerId)).toContain("✅ Done: 2 of 2 users changed.");
    expect([101, 102, 103, 104].map((id) => h.services.users.tagsOf(id).includes("gold"))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "users.bulkTag",
      after: { mode: "add", matched: 2, changed: 2 },
    });

    await openTools(texts.bulkTagButton);
    await h.say(h.owner, "all");
    await h.say(h.owner, "-gold");
    expect(lastText()).toBe("Remove tag “gold” from 5 users?");
    await h.say(h.owner, texts.apply);
    expect(h.fake.textsTo(ownerId)).toContain("✅ Done: 2 of 5 users changed.");
    expect([101, 102].map((id) => h.services.users.tagsOf(id))).toEqual([["vip"], ["vip"]]);
  });

  it("when an attribute is set on a segment and removed, then the database follows", async () => {
    h = createHarness();
    seedUsers(3, [103]);
    await openTools(texts.bulkAttributeButton);
    await h.say(h.owner, "-tag:vip");
    await h.say(h.owner, "Bad Key=1");
    expect(lastText()).toBe(texts.badAttribute);
    await h.say(h.owner, "plan=gold");
    expect(lastText()).toBe("Set plan = “gold” on 3 users?");
    await h.say(h.owner, texts.apply);
    const plans = () =>
      [101, 102, 103, ownerId].map(
        (id) => h.services.users.attributesOf(id).find((a) => a.key === "plan")?.value,
      );
    expect(plans()).toEqual(["gold", "gold", undefined, "gold"]);

    await openTools(texts.bulkAttributeButton);
    await h.say(h.owner, "all");
    await h.say(h.owner, "-plan");
    await h.say(h.owner, texts.apply);
    expect(plans()).toEqual([undefined, undefined, undefined, undefined]);
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "users.bulkAttribute",
      after: { mode: "unset", matched: 4, changed: 3 },
    });
  });

  it("when a segment matches nobody, then nothing is asked or changed", async () => {
    h = createHarness();
    seedUsers(2, []);
    await openTools(texts.bulkTagButton);
    await h.say(h.owner, "tag:vip");
    await h.say(h.owner, "+gold");
    expect(lastText()).toBe(texts.nobodyMatches);
    expect(h.services.audit.recent().filter((e) => e.action === "users.bulkTag")).toHaveLength(0);
  });
});

describe("admin users tools: outsiders", () => {
  it("when a non-admin replays the owner's tool presses and answers, then nothing changes", async () => {
    h = createHarness();
    seedUsers(2, []);
    await openAdmin(h, ["👥 Users", "🧰 User tools"]);
    const labels = [texts.exportButton, texts.importButton, texts.createButton, texts.bulkTagButton];
    const data = labels.map((label) => h.fake.findButton(ownerId, label)?.button.callback_data as string);
    const mallory = h.addUser({ first_name: "Mallory" });
    await h.start(mallory);
    const before = h.fake.textsTo(mallory.id);
    const audited = h.services.audit.recent().length;
    for (const d of data) {
      await pressData(h, mallory, d);
      await h.say(mallory, "all");
      await h.say(mallory, "+gold");
      await h.say(mallory, texts.apply);
    }
    await h.send(
      h.fake.updates.document(mallory, {
        file_name: "x.csv",
        mime_type: "text/csv",
        content: "telegram_id\n9\n",
      }),
    );
    expect(h.fake.callsOf("sendDocument")).toHaveLength(0);
    expect(h.services.users.tagsOf(101)).toEqual([]);
    expect(h.record(9)).toBeUndefined();
    expect(h.fake.textsTo(mallory.id).slice(0, before.length)).toEqual(before);
    expect(h.fake.textsTo(mallory.id).join("\n")).not.toMatch(/segment|users\?|Done/);
    expect(h.services.audit.recent()).toHaveLength(audited);
  });
});
