import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { TickLoop } from "../../src/tick-loop.js";

describe("tick loop", () => {
  it("when a pass fails, then it is logged and the next pass runs; stop waits for the pass in progress", async () => {
    const logged: string[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => logged.push(JSON.parse(line).msg) });
    let passes = 0;
    let inPass = false;
    const loop = new TickLoop({
      tickMs: 1,
      logger,
      failure: "pass failed",
      tick: async () => {
        inPass = true;
        passes += 1;
        await new Promise((r) => setTimeout(r, 2));
        inPass = false;
        if (passes === 1) throw new Error("boom");
      },
    });
    loop.start();
    loop.start();
    while (passes < 3) await new Promise((r) => setTimeout(r, 1));
    await loop.stop();
    expect(inPass).toBe(false);
    expect(logged).toEqual(["pass failed"]);
    const stoppedAt = passes;
    await new Promise((r) => setTimeout(r, 10));
    expect(passes).toBe(stoppedAt);
  });
});
