import { describe, expect, it } from "vitest";
import { createServices } from "../../src/bot/services.js";
import { auditLog, textVariants } from "../../src/db/schema/index.js";
import type { Actor } from "../../src/features/audit/audit-log.js";
import {
  addQuestion,
  createForm,
  deleteForm,
  removeQuestion,
} from "../../src/features/forms/form-commands.js";
import { createDeeplink, deleteDeeplink } from "../../src/features/gate/deeplinks/deeplink-commands.js";
import {
  addStep,
  createSequence,
  deleteSequence,
  removeStep,
} from "../../src/features/sequences/sequence-commands.js";
import { removeVariant, setVariant } from "../../src/features/variants/variant-commands.js";
import { variantFor } from "../../src/features/variants/variant-for.js";
import { refusalCodeOf } from "../support/refusal-code.js";
import { createTestDatabase } from "../support/test-database.js";

const admin: Actor = { kind: "admin", id: 42 };
const ru = { language: null, languageCode: "ru-RU" };

function fresh() {
  const { db } = createTestDatabase();
  const services = createServices(db, { ownerIds: [42], now: () => new Date("2026-06-01T12:00:00Z") });
  const subjects = () =>
    db
      .select()
      .from(textVariants)
      .all()
      .map((v) => `${v.subject}/${v.language}`)
      .sort();
  const actions = () =>
    db
      .select()
      .from(auditLog)
      .all()
      .map((e) => e.action);
  return { db, services, subjects, actions };
}

describe("text variants", () => {
  it("when an admin sets a variant, then it is stored under the primary subtag, audited and found for users of that language only", () => {
    const { services, subjects, actions } = fresh();
    setVariant(services, admin, {
      subject: "captcha.intro",
      language: "ru-RU",
      content: "Привет, {first_name}",
    });
    expect(subjects()).toEqual(["captcha.intro/ru"]);
    expect(actions()).toEqual(["variants.set"]);
    expect(variantFor(services.variants, "captcha.intro", ru)).toBe("Привет, {first_name}");
    expect(
      variantFor(services.variants, "captcha.intro", { language: null, languageCode: "de" }),
    ).toBeUndefined();
    expect(variantFor(services.variants, "captcha.intro", { language: "ru", languageCode: "de" })).toBe(
      "Привет, {first_name}",
    );
    expect(variantFor(services.variants, "captcha.intro", undefined)).toBeUndefined();
  });

  it("when a variant is replaced or removed, then readers see the change at once and each step is audited", () => {
    const { services, subjects, actions } = fresh();
    setVariant(services, admin, {
      subject: "welcome",
      language: "es",
      content: { type: "text", text: "Hola" },
    });
    expect(variantFor(services.variants, "welcome", { language: "es", languageCode: null })).toEqual({
      type: "text",
      text: "Hola",
    });
    setVariant(services, admin, {
      subject: "welcome",
      language: "es",
      content: { type: "text", text: "¡Hola!" },
    });
    expect(variantFor(services.variants, "welcome", { language: "es", languageCode: null })).toMatchObject({
      text: "¡Hola!",
    });
    expect(removeVariant(services, admin, { subject: "welcome", language: "es" })?.language).toBe("es");
    expect(removeVariant(services, admin, { subject: "welcome", language: "es" })).toBeUndefined();
    expect(variantFor(services.variants, "welcome", { language: "es", languageCode: null })).toBeUndefined();
    expect(subjects()).toEqual([]);
    expect(actions()).toEqual(["variants.set", "variants.set", "variants.remove"]);
  });

  it("when the language, the subject or the content is wrong, then nothing is stored and the error names it", () => {
    const { services, subjects } = fresh();
    expect(
      refusalCodeOf(() =>
        setVariant(services, admin, { subject: "welcome", language: "russian", content: "x" }),
      ),
    ).toBe("invalid_language");
    expect(
      refusalCodeOf(() => setVariant(services, admin, { subject: "nothing", language: "ru", content: "x" })),
    ).toBe("unknown_subject");
    expect(
      refusalCodeOf(() =>
        setVariant(services, admin, { subject: "deeplink:nope", language: "ru", content: "x" }),
      ),
    ).toBe("unknown_subject");
    expect(
      refusalCodeOf(() =>
        setVariant(services, admin, { subject: "question:7", language: "ru", content: "x" }),
      ),
    ).toBe("unknown_subject");
    expect(
      refusalCodeOf(() => setVariant(services, admin, { subject: "step:7", language: "ru", content: "x" })),
    ).toBe("unknown_subject");
    expect(
      refusalCodeOf(() =>
        setVariant(services, admin, { subject: "maintenance", language: "ru", content: "" }),
      ),
    ).toBe("invalid_text");
    expect(
      refusalCodeOf(() =>
        setVariant(services, admin, { subject: "maintenance", language: "ru", content: "Hi {nope}" }),
      ),
    ).toBe("unknown_template_field");
    expect(
      refusalCodeOf(() =>
        setVariant(services, admin, { subject: "referralLink", language: "ru", content: "{link} {count}" }),
      ),
    ).toBe("no error");
    expect(
      refusalCodeOf(() =>
        setVariant(services, admin, { subject: "welcome", language: "ru", content: "plain" }),
      ),
    ).toBe("invalid_text");
    expect(subjects()).toEqual(["referralLink/ru"]);
  });

  it("when a deeplink, a question, a form, a step or a sequence is deleted, then its variants go with it", () => {
    const { services, subjects } = fresh();
    createDeeplink(services, admin, { code: "promo", content: { type: "text", text: "Promo" } });
    setVariant(services, admin, {
      subject: "deeplink:promo",
      language: "ru",
      content: { type: "text", text: "Промо" },
    });
    const form = createForm(services, admin, { name: "Poll" });
    const asked = (prompt: string) =>
      addQuestion(services, admin, {
        formId: form.id,
        question: { kind: "text", targetKind: "attribute", target: "note", prompt },
      });
    const first = asked("First?");
    const second = asked("Second?");
    setVariant(services, admin, { subject: `question:${first.id}`, language: "ru", content: "Первый?" });
    setVariant(services, admin, { subject: `question:${second.id}`, language: "es", content: "¿Segundo?" });
    const sequence = createSequence(services, admin, { name: "Drip" });
    const step = (text: string) =>
      addStep(services, admin, sequence.id, { content: { type: "text", text }, delayMs: 0 });
    const one = step("One");
    const two = step("Two");
    setVariant(services, admin, {
      subject: `step:${one.id}`,
      language: "ru",
      content: { type: "text", text: "Один" },
    });
    setVariant(services, admin, {
      subject: `step:${two.id}`,
      language: "ru",
      content: { type: "text", text: "Два" },
    });
    setVariant(services, admin, {
      subject: "welcome",
      language: "ru",
      content: { type: "text", text: "Привет" },
    });

    deleteDeeplink(services, admin, "promo");
    expect(subjects()).not.toContain("deeplink:promo/ru");
    removeQuestion(services, admin, { formId: form.id, questionId: first.id });
    expect(subjects()).not.toContain(`question:${first.id}/ru`);
    expect(subjects()).toContain(`question:${second.id}/es`);
    deleteForm(services, admin, form.id);
    removeStep(services, admin, sequence.id, one.id);
    expect(subjects()).toEqual([`step:${two.id}/ru`, "welcome/ru"].sort());
    deleteSequence(services, admin, sequence.id);
    expect(subjects()).toEqual(["welcome/ru"]);
    expect(variantFor(services.variants, `step:${two.id}`, ru)).toBeUndefined();
  });
});
