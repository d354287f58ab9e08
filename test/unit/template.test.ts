import { describe, expect, it } from "vitest";
import { renderTemplate } from "../../src/features/content/template.js";
import { compileTemplate, renderCompiled } from "../../src/features/personalization/compiled-template.js";
import { recipientFieldValue } from "../../src/features/personalization/recipient-fields.js";
import { displayName, visibleName } from "../../src/features/users/display-name.js";

const render = (
  text: string,
  person: { id: number; firstName: string | null; lastName: string | null; username: string | null },
  dearUser: string,
) =>
  renderCompiled(
    compileTemplate(text),
    recipientFieldValue({ recipient: person, attribute: () => undefined, dearUser }),
  );

describe("renderTemplate", () => {
  it("when placeholders are known, then they are replaced and unknown ones are left as typed", () => {
    expect(renderTemplate("Hi {first_name}, {unknown} {id}", { first_name: "Ann", id: "7" }).text).toBe(
      "Hi Ann, {unknown} 7",
    );
  });

  it("when a bold word follows a placeholder, then the bold entity moves with it", () => {
    const text = "Hi {first_name}, welcome";
    const bold = { type: "bold" as const, offset: text.indexOf("welcome"), length: 7 };
    const out = renderTemplate(text, { first_name: "Alexandra" }, [bold]);
    expect(
      out.text.slice(
        out.entities[0]?.offset,
        (out.entities[0]?.offset ?? 0) + (out.entities[0]?.length ?? 0),
      ),
    ).toBe("welcome");
  });

  it("when an entity covers the placeholder, then it covers the whole replacement", () => {
    const out = renderTemplate("{first_name}!", { first_name: "Bo" }, [
      { type: "italic", offset: 0, length: 12 },
    ]);
    expect(out).toEqual({ text: "Bo!", entities: [{ type: "italic", offset: 0, length: 2 }] });
  });

  it("when the replacement has emoji (two UTF-16 units), then offsets count UTF-16 like Telegram", () => {
    const out = renderTemplate("{first_name} ok", { first_name: "😀" }, [
      { type: "bold", offset: 13, length: 2 },
    ]);
    expect(out.text).toBe("😀 ok");
    expect(out.entities).toEqual([{ type: "bold", offset: 3, length: 2 }]);
  });
});

describe("Dear User fallback", () => {
  const nameless = { id: 42, firstName: "", lastName: null, username: null };

  it("when the first name is empty, blank or invisible, then it is unknown", () => {
    expect(visibleName("")).toBeNull();
    expect(visibleName("   ")).toBeNull();
    expect(visibleName("\u3164")).toBeNull();
    expect(visibleName("\u200B\u200B")).toBeNull();
    expect(visibleName(" Ann ")).toBe("Ann");
  });

  it("when a user has no name, then every name field falls back to the configured name", () => {
    expect(displayName(nameless, "Dear User")).toBe("Dear User");
    expect(render("{first_name}|{full_name}|{username}|{id}", nameless, "Dear friend")).toBe(
      "Dear friend|Dear friend|Dear friend|42",
    );
    expect(render("Hello, {first_name} {last_name}!", nameless, "Dear friend")).toBe("Hello, Dear friend !");
  });

  it("when a user has names and a username, then templates use them", () => {
    const ann = { id: 1, firstName: "Ann", lastName: "Lee", username: "ann" };
    expect(render("{first_name}|{last_name}|{full_name}|{username}", ann, "Dear User")).toBe(
      "Ann|Lee|Ann Lee|@ann",
    );
  });
});
