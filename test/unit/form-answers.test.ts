import { describe, expect, it } from "vitest";
import type { FormQuestionRecord } from "../../src/db/schema/index.js";
import { parseAnswer, parseDate } from "../../src/features/forms/form-answers.js";
import { questionColumns } from "../../src/features/forms/form-results-csv.js";

const sender = 42;

describe("reading a form answer", () => {
  it("when a number is typed in common ways, then it is stored in one form; anything else is refused", () => {
    for (const [typed, stored] of [
      ["42", "42"],
      ["-3.50", "-3.5"],
      ["3,5", "3.5"],
      ["1 000", "1000"],
      [".5", "0.5"],
    ]) {
      expect(parseAnswer("number", [], { senderId: sender, text: typed as string })).toEqual({
        ok: true,
        value: stored,
      });
    }
    for (const typed of ["forty", "1e3", "1.2.3", "Infinity", "0x10"])
      expect(parseAnswer("number", [], { senderId: sender, text: typed })).toEqual({
        ok: false,
        problem: "not_number",
      });
  });

  it("when a date is typed ISO or day first, then it is stored as yyyy-MM-dd; impossible dates are refused", () => {
    expect(parseDate("2026-12-31")).toBe("2026-12-31");
    expect(parseDate("31.12.2026")).toBe("2026-12-31");
    expect(parseDate("1/2/2026")).toBe("2026-02-01");
    expect(parseDate("31 Dec 2026")).toBe("2026-12-31");
    expect(parseDate("29.02.2025")).toBeNull();
    expect(parseDate("12/31/2026")).toBeNull();
    expect(parseDate("tomorrow")).toBeNull();
  });

  it("when a phone question gets text or a stranger's contact, then only the sender's own contact is taken", () => {
    expect(parseAnswer("phone", [], { senderId: sender, text: "+60123456789" })).toEqual({
      ok: false,
      problem: "use_button",
    });
    const contact = (user_id: number | undefined) => ({
      senderId: sender,
      contact: { phone_number: "60123456789", ...(user_id !== undefined && { user_id }) },
    });
    expect(parseAnswer("phone", [], contact(7))).toEqual({ ok: false, problem: "someone_else" });
    expect(parseAnswer("phone", [], contact(undefined))).toEqual({ ok: false, problem: "someone_else" });
    expect(parseAnswer("phone", [], contact(sender))).toEqual({ ok: true, value: "+60123456789" });
  });

  it("when a choice is typed in another case, then the admin's spelling is stored; other texts are refused", () => {
    expect(parseAnswer("choice", ["Basic", "Pro"], { senderId: sender, text: " pro " })).toEqual({
      ok: true,
      value: "Pro",
    });
    expect(parseAnswer("choice", ["Basic", "Pro"], { senderId: sender, text: "Gold" })).toEqual({
      ok: false,
      problem: "not_choice",
    });
  });

  it("when the answer is not what the kind takes, then the problem names it", () => {
    expect(parseAnswer("photo", [], { senderId: sender, text: "hi" })).toEqual({
      ok: false,
      problem: "not_photo",
    });
    expect(parseAnswer("text", [], { senderId: sender, photoFileId: "f" })).toEqual({
      ok: false,
      problem: "not_text",
    });
    expect(parseAnswer("text", [], { senderId: sender, text: "\u200B " })).toEqual({
      ok: false,
      problem: "empty",
    });
    expect(parseAnswer("email", [], { senderId: sender, text: "a@b" })).toEqual({
      ok: false,
      problem: "bad_email",
    });
  });
});

describe("the results file's columns", () => {
  it("when two questions fill the same target, then the second column is numbered", () => {
    const q = (target: string) => ({ target }) as FormQuestionRecord;
    expect(questionColumns([q("city"), q("email"), q("city")])).toEqual(["city", "email", "city_2"]);
  });
});
