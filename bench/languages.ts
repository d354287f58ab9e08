import { gateScenario } from "./gate.js";
import { defineScenario, formatTable, round } from "./scenario.js";

/**
 * Issue 16's figure: speaking each user's language costs under 5 % of the gate's CPU per update.
 * Measured as the gate bench measures Usher (compiled, its own process, against a bare grammY bot
 * making the same calls, in turns with it, so the machine's load falls on both): English newcomers
 * with the locale scope and without it (the same build, `inLocale` only calling its work), and
 * Russian newcomers, whose texts come from the Fluent files.
 */
export const languagesScenario = defineScenario({
  name: "languages",
  description:
    "the gate (compiled Usher against a bare grammY bot, as the gate bench runs them) for English newcomers without and with the locale scope, and for Russian newcomers: what speaking each user's language costs per update",
  flags: {
    users: { description: "newcomers in each gate run's timed part", default: 1000 },
    warmup: { description: "newcomers each gate run admits before timing", default: 500, min: 0 },
    rounds: { description: "timed bursts of each gate run", default: 6 },
  },
  async run(flags) {
    const gate = async (russian: number, scope: number) => {
      const result = await gateScenario.run(
        { users: flags.users, warmup: flags.warmup, rounds: flags.rounds, russian, scope },
        "sqlite",
      );
      return { us: (result.data.usher as { cpuUs: number }).cpuUs, ratio: result.data.ratio as number };
    };
    const bare = await gate(0, 0);
    const english = await gate(0, 1);
    const russian = await gate(1, 1);
    const scopeCost = english.ratio / bare.ratio - 1;
    const russianCost = russian.ratio / bare.ratio - 1;
    const passed = scopeCost < 0.05 && russianCost < 0.05;
    const row = (label: string, g: { us: number; ratio: number }, cost?: number) => [
      label,
      g.us.toFixed(1),
      `${g.ratio.toFixed(2)}×`,
      cost === undefined ? "" : `${cost >= 0 ? "+" : ""}${round(cost * 100, 1)} %`,
    ];
    return {
      lines: [
        ...formatTable([
          ["", "Usher CPU µs per update", "× the bare bot", "cost"],
          row("English newcomers, no locale scope", bare),
          row("English newcomers, locale scope", english, scopeCost),
          row("Russian newcomers, locale scope", russian, russianCost),
        ]),
        "cost: the ratio to the bare bot against the run without the scope (each run's bare bot under the same load)",
        `target: speaking the user's language < 5 % of the gate's CPU per update — ${passed ? "PASS" : "FAIL"}`,
      ],
      data: { bare, english, russian, scopeCost, russianCost, pass: passed },
      passed,
    };
  },
});
