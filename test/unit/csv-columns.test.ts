import { describe, expect, it } from "vitest";
import {
  attributeHeader,
  attributeKey,
  columnKey,
  exportColumns,
  planColumns,
} from "../../src/features/users/csv/csv-columns.js";
import {
  normalizeLanguage,
  normalizeTag,
  normalizeTimezone,
  normalizeUsername,
  parseDate,
  parseTelegramId,
} from "../../src/features/users/csv/field-values.js";

const roles = (headers: string[]) => {
  const plan = planColumns(headers);
  if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
  return plan.columns.map((c) => c.role);
};

describe("CSV columns", () => {
  it("when headers come in snake_case, Title Case, camelCase or with dashes, then they read the same", () => {
    expect(columnKey("Telegram ID")).toBe("telegram_id");
    expect(columnKey(" telegram_id ")).toBe("telegram_id");
    expect(columnKey("telegramId")).toBe("telegram_id");
    expect(columnKey("TelegramID")).toBe("telegram_id");
    expect(columnKey("First-Name")).toBe("first_name");
    expect(columnKey("E-mail")).toBe("e_mail");
  });

  it("when a header is a known alias, then it names its field, whatever its case", () => {
    expect(
      roles([
        "Telegram ID",
        "First Name",
        "last_name",
        "USERNAME",
        "Language",
        "Phone",
        "Email",
        "Timezone",
        "Gender",
        "Tags",
        "Status",
        "Registered At",
        "Notes",
      ]),
    ).toEqual(
      [
        "telegramId",
        "firstName",
        "lastName",
        "username",
        "languageCode",
        "phone",
        "email",
        "timezone",
        "gender",
        "tags",
        "status",
        "registeredAt",
        "notes",
      ].map((field) => ({ kind: "field", field })),
    );
    expect(roles(["id"])).toEqual([{ kind: "field", field: "telegramId" }]);
    expect(roles(["user_id"])).toEqual([{ kind: "field", field: "telegramId" }]);
    expect(roles(["Subscriber ID"])).toEqual([{ kind: "field", field: "telegramId" }]);
    expect(roles(["Email", "Locale", "Created At"])).toEqual([
      { kind: "field", field: "email" },
      { kind: "field", field: "languageCode" },
      { kind: "field", field: "registeredAt" },
    ]);
  });

  it("when a stronger alias of the same field is present, then the weaker one becomes an attribute", () => {
    expect(roles(["Subscriber ID", "Telegram ID", "Locale", "Language"])).toEqual([
      { kind: "attribute", key: "subscriber_id" },
      { kind: "field", field: "telegramId" },
      { kind: "field", field: "languageCode" },
      { kind: "attribute", key: "language" },
    ]);
  });

  it("when columns are unknown, then they become attributes with normalised keys", () => {
    expect(roles(["Email", "Favourite Colour", "plan", "Score (2026)"])).toEqual([
      { kind: "field", field: "email" },
      { kind: "attribute", key: "favourite_colour" },
      { kind: "attribute", key: "plan" },
      { kind: "attribute", key: "score_2026" },
    ]);
  });

  it("when a column name cannot become an attribute key, then the header is refused and names it", () => {
    expect(planColumns(["Email", "Город", "x".repeat(65)])).toEqual({
      ok: false,
      problems: [
        { kind: "bad_attribute_name", header: "Город" },
        { kind: "bad_attribute_name", header: "x".repeat(65) },
      ],
    });
  });

  it("when two columns give the same field or attribute, then the header is refused and names both", () => {
    expect(planColumns(["Email", "email"])).toEqual({
      ok: false,
      problems: [{ kind: "same_field", field: "email", headers: ["Email", "email"] }],
    });
    expect(planColumns(["id", "Plan", "plan"])).toEqual({
      ok: false,
      problems: [{ kind: "same_attribute", key: "plan", headers: ["Plan", "plan"] }],
    });
  });

  it("when no column gives a Telegram id, phone or email, then the header is refused", () => {
    expect(planColumns(["First Name", "Last Name"])).toEqual({
      ok: false,
      problems: [{ kind: "no_key_column" }],
    });
  });

  it("when a column has no name, then it is planned as unnamed rather than refused", () => {
    expect(roles(["id", ""])).toEqual([{ kind: "field", field: "telegramId" }, { kind: "unnamed" }]);
  });

  it("when Usher's own export is read back, then every standard column is a field or ignored, none an attribute", () => {
    for (const role of roles([...exportColumns])) expect(role.kind).not.toBe("attribute");
  });

  it("when an attribute key would read as a standard column, then the export prefixes it and the import reads it back", () => {
    expect(attributeHeader("country")).toBe("country");
    expect(attributeHeader("email")).toBe("attribute:email");
    expect(attributeHeader("messages")).toBe("attribute:messages");
    expect(attributeHeader("a__b")).toBe("attribute:a__b");
    expect(roles(["id", "attribute:email", "attribute:messages", "attribute:a__b", "country"])).toEqual([
      { kind: "field", field: "telegramId" },
      { kind: "attribute", key: "email" },
      { kind: "attribute", key: "messages" },
      { kind: "attribute", key: "a__b" },
      { kind: "attribute", key: "country" },
    ]);
    expect(attributeKey("Plan Tier")).toBe("plan_tier");
  });
});

describe("CSV field values", () => {
  it("when a Telegram id is read, then only positive whole numbers pass", () => {
    expect(parseTelegramId("123456789")).toBe(123456789);
    for (const bad of ["0", "-5", "12.0", "1e9", "abc", "1.23457E+11", "99999999999999999"])
      expect(parseTelegramId(bad)).toBeNull();
  });

  it("when other fields are read, then they are normalised or refused", () => {
    expect(normalizeUsername("@ann_lee")).toBe("ann_lee");
    expect(normalizeUsername("a b")).toBeNull();
    expect(normalizeLanguage("en_US")).toBe("en-us");
    expect(normalizeLanguage("English")).toBeNull();
    expect(normalizeTimezone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(normalizeTimezone("UTC+3")).toBe("Etc/GMT-3");
    expect(normalizeTimezone("GMT-05:00")).toBe("Etc/GMT+5");
    expect(normalizeTimezone("Mars/Olympus")).toBeNull();
    expect(normalizeTag(" VIP Customer ")).toBe("vip_customer");
    expect(normalizeTag("клиент")).toBeNull();
    expect(parseDate("2026-01-31")).toEqual(new Date("2026-01-31T00:00:00Z"));
    expect(parseDate("2026-01-31 10:20:30")).toEqual(new Date("2026-01-31T10:20:30Z"));
    expect(parseDate("2026-01-31T10:20:30+02:00")).toEqual(new Date("2026-01-31T08:20:30Z"));
    expect(parseDate("31/01/2026")).toBeNull();
    expect(parseDate("2026-02-30")).toBeNull();
  });
});
