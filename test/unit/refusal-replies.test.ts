import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsherError } from "../../src/errors.js";
import { DeeplinkCodeTakenError } from "../../src/features/gate/deeplinks/deeplink-commands.js";
import {
  httpOnlyRefusalClasses,
  refusalClasses,
  refusalReplies,
  refusalReply,
} from "../../src/features/menu/refusal-replies.js";
import { TopicInputError } from "../../src/features/topics/topic-errors.js";
import { CreateUserError } from "../../src/features/users/csv/create-user.js";
import { UserFieldError } from "../../src/features/users/patch-user.js";
import { texts as users } from "../../src/texts/admin-users.js";
import { inLocale } from "../../src/texts/locale-scope.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { refusalReason } from "../../src/texts/refusal-reasons.js";

/** Every TypeScript file under src, read as text. */
function sourceFiles(dir = "src"): Array<{ path: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [{ path, text: readFileSync(path, "utf8") }] : [];
  });
}

describe("refusal replies", () => {
  it("when a class in src extends UsherError, then the bot edge lists it with its codes, or names it as HTTP's alone", () => {
    const declared = sourceFiles().flatMap(({ text }) =>
      [...text.matchAll(/class (\w+) extends UsherError\b/g)].map((m) => m[1]),
    );
    expect(declared.length).toBeGreaterThan(0);
    const listed = [...refusalClasses, ...httpOnlyRefusalClasses].map((c) => c.name);
    expect(listed.sort()).toEqual(declared.sort());
  });

  it("when a verb throws, then it throws a declared subclass, never a bare UsherError", () => {
    const bare = sourceFiles().filter(({ text }) => /new UsherError\(/.test(text));
    expect(bare.map((f) => f.path)).toEqual([]);
  });

  it("when any declared code is refused, then the admin has a non-empty reply for it", () => {
    const codes = refusalClasses.flatMap((c) => [...c.codes]);
    expect(codes.length).toBeGreaterThan(30);
    for (const code of codes) {
      const text = (refusalReplies as Record<string, string>)[code];
      expect(text, code).toBeTypeOf("string");
      expect(text?.trim(), code).not.toBe("");
    }
  });

  it("when the reply has placeholders, then they are filled from the error", () => {
    expect(refusalReply(new DeeplinkCodeTakenError("promo"))).toBe(
      "The code promo was taken meanwhile by another admin. Nothing was created; please start again.",
    );
    expect(refusalReply(new CreateUserError([{ kind: "duplicate", field: "phone", userId: 42 }]))).toBe(
      "❌ The user was not created:\n• user 42 already has this phone",
    );
    expect(refusalReply(new UserFieldError(["tags", "add", 0], "invalid_tag"))).toBe(
      users.fieldErrors.invalid_tag,
    );
  });

  it("when a verb refuses with a reason, then its message and fields stay English and the reply speaks the locale in scope", () => {
    const refused = new TopicInputError(
      "invalid_topic_description",
      refusalReason("topics", "description", { max: 256 }),
    );
    const english = "A topic's description has at most 256 characters";
    expect(refused.message).toBe(english);
    expect(refused.fields).toEqual([{ field: "description", message: english }]);
    expect(refusalReply(refused)).toBe(`❌ That description is not valid: ${english}. Nothing was saved.`);
    for (const locale of ["ru", "es"] as const) {
      const reason = textsIn("refusal-reasons", locale).topics.description.replace("{max}", "256");
      const template = textsIn("admin-refusals", locale).refusalTexts.invalid_topic_description;
      expect(inLocale(locale, () => refusalReply(refused))).toBe(template.replace("{reason}", reason));
    }
  });

  it("when an UsherError carries a code no class declares, then the reply still says what the verb said", () => {
    const stray = new (class extends UsherError {})("cannot", "brand_new", "Cannot do that yet");
    expect(refusalReply(stray)).toBe("❌ Not done: Cannot do that yet");
  });
});
