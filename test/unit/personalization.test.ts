import { describe, expect, it } from "vitest";
import { escapeForParseMode } from "../../src/features/content/text-content.js";
import {
  compileTemplate,
  renderCompiled,
  renderCompiledWithEntities,
} from "../../src/features/personalization/compiled-template.js";
import {
  type RecipientFields,
  recipientFieldValue,
} from "../../src/features/personalization/recipient-fields.js";
import {
  checkTemplateFields,
  UnknownTemplateFieldError,
  unknownFields,
} from "../../src/features/personalization/template-fields.js";
import { checkSettingTemplates } from "../../src/features/settings/setting-templates.js";
import { settingKeys, settingsSchemas } from "../../src/features/settings/settings.js";

const ann: RecipientFields = {
  recipient: {
    id: 7,
    firstName: "Ann",
    lastName: "Lee",
    username: "ann",
    email: "ann@example.com",
    phone: "+60123456789",
    languageCode: "ms",
    timezone: "Asia/Kuala_Lumpur",
    gender: null,
  },
  attribute: (key) => ({ plan: "pro", country: "Malaysia" })[key],
  dearUser: "Dear User",
};
const bare: RecipientFields = {
  recipient: { id: 8, firstName: null, lastName: null, username: null },
  attribute: () => undefined,
  dearUser: "friend",
};
const fill = (text: string, fields: RecipientFields) =>
  renderCompiled(compileTemplate(text), recipientFieldValue(fields));

describe("compileTemplate", () => {
  it("when a text has fields with and without fallbacks, then it splits into literal and field parts", () => {
    expect(compileTemplate("Hi {first_name}, plan {attr.plan|free}!").parts).toEqual([
      { kind: "literal", text: "Hi " },
      { kind: "field", name: "first_name", fallback: null, start: 3, end: 15 },
      { kind: "literal", text: ", plan " },
      { kind: "field", name: "attr.plan", fallback: "free", start: 22, end: 38 },
      { kind: "literal", text: "!" },
    ]);
  });

  it("when braces hold no field shape (empty, spaces, JSON, MarkdownV2-escaped), then they stay text as typed", () => {
    const text = 'Use {} or { x } or {"a": 1} or \\{first_name\\} or \\{attr.plan\\} here';
    expect(compileTemplate(text).fields).toEqual([]);
    expect(fill(text, ann)).toBe(text);
  });
});

describe("rendering fields for a recipient", () => {
  it("when the user has the profile fields and attributes, then each is filled", () => {
    expect(
      fill("{full_name} {username} {id} {email} {phone} {language} {timezone} {country} {attr.plan}", ann),
    ).toBe("Ann Lee @ann 7 ann@example.com +60123456789 ms Asia/Kuala_Lumpur Malaysia pro");
  });

  it("when the user lacks a field, then the fallback is used, else names say Dear User and others nothing", () => {
    expect(fill("{attr.plan|free} {email|no email yet} {country|somewhere} {first_name|you}", bare)).toBe(
      "free no email yet somewhere you",
    );
    expect(fill("[{first_name}] [{username}] [{email}] [{attr.plan}] [{last_name}]", bare)).toBe(
      "[friend] [friend] [] [] []",
    );
  });

  it("when a field is unknown, then it is never sent as typed", () => {
    expect(fill("a{nope}b{nope|x}c", ann)).toBe("abxc");
  });

  it("when values hold markup characters, then they are escaped but the admin's fallback is kept as markup", () => {
    const evil: RecipientFields = { ...ann, attribute: (key) => (key === "plan" ? "<b>x</b>" : undefined) };
    const html = recipientFieldValue(evil, (v) => escapeForParseMode(v, "HTML"));
    expect(renderCompiled(compileTemplate("{attr.plan} {attr.tier|<i>basic</i>}"), html)).toBe(
      "&lt;b&gt;x&lt;/b&gt; <i>basic</i>",
    );
  });

  it("when formatting entities follow or cover a field, then they move with its filled length", () => {
    const text = "{attr.plan|free}: welcome";
    const out = renderCompiledWithEntities(compileTemplate(text), recipientFieldValue(ann), [
      { type: "bold", offset: 0, length: 16 },
      { type: "italic", offset: 18, length: 7 },
    ]);
    expect(out).toEqual({
      text: "pro: welcome",
      entities: [
        { type: "bold", offset: 0, length: 3 },
        { type: "italic", offset: 5, length: 7 },
      ],
    });
  });
});

describe("checking fields on save", () => {
  it("when a text uses names, profile fields, country or any well-formed attribute, then it passes", () => {
    expect(
      unknownFields(
        "{first_name} {email|-} {country} {attr.anything_at_all} {attr.x9|y} {language} {gender}",
      ),
    ).toEqual([]);
  });

  it("when a text uses an unknown field, a bad attribute key or another text's field, then each is named once", () => {
    expect(unknownFields("{countr} {attr.Plan} {attr.} {countr} {link}")).toEqual([
      "countr",
      "attr.Plan",
      "attr.",
      "link",
    ]);
    expect(unknownFields("{link} {count}", ["link", "count"])).toEqual([]);
  });

  it("when an unknown field is checked, then the error names it with the input field and the code", () => {
    const thrown = (() => {
      try {
        checkTemplateFields("Hi {frist_name}", "maintenance.text");
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(UnknownTemplateFieldError);
    expect(thrown).toMatchObject({
      code: "unknown_template_field",
      kind: "invalid",
      templateField: "frist_name",
      fields: [{ field: "maintenance.text" }],
    });
    expect((thrown as Error).message).toContain("{frist_name}");
  });
});

describe("default texts", () => {
  it("when every setting holds its default, then every text users get passes the field check", () => {
    const defaults = Object.fromEntries(settingKeys.map((key) => [key, settingsSchemas[key].parse({})]));
    expect(() => checkSettingTemplates(defaults)).not.toThrow();
  });
});
