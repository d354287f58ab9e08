import { describe, expect, it } from "vitest";
import { priorityOf, withPriority, withUpdateChat } from "../../src/telegram/outgoing/priority.js";

describe("outgoing priority", () => {
  it("when an update is handled, then a call to its own chat is a reply and to another chat an alert, however deep", async () => {
    const seen = await withUpdateChat(7, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return [priorityOf(7), priorityOf(8), priorityOf(undefined)];
    });
    expect(seen).toEqual(["reply", "alert", "alert"]);
  });

  it("when no update is handled, then a call is an alert; withPriority marks a piece of work as it says", async () => {
    expect(priorityOf(7)).toBe("alert");
    expect(withPriority("broadcast", () => priorityOf(7))).toBe("broadcast");
    expect(withUpdateChat(7, () => withPriority("alert", () => priorityOf(7)))).toBe("alert");
  });
});
