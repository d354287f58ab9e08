import { describe, expect, it } from "vitest";
import { parseSubject } from "../../src/features/variants/variant-subject.js";

describe("variant subjects", () => {
  it("when a subject names a settings text, a deeplink, a question or a step, then it is read apart", () => {
    expect(parseSubject("captcha.intro")).toEqual({ kind: "settings", subject: "captcha.intro" });
    expect(parseSubject("deeplink:Spring-Gift")).toEqual({ kind: "deeplink", code: "Spring-Gift" });
    expect(parseSubject("question:12")).toEqual({ kind: "question", questionId: 12 });
    expect(parseSubject("step:7")).toEqual({ kind: "step", stepId: 7 });
  });

  it("when a subject is malformed or names an object's own property, then it names nothing", () => {
    for (const subject of [
      "",
      "toString",
      "__proto__",
      "captcha",
      "deeplink:",
      "question:0",
      "question:1.5",
      "step:x",
      "step:-1",
      `deeplink:${"a".repeat(65)}`,
      "other:1",
    ]) {
      expect(parseSubject(subject), subject).toBeUndefined();
    }
  });
});
