/**
 * `npm run bench [-- --only <name>[,<name>…]] [--<size flag> <n>…]`: runs the benchmark scenarios
 * one after the other, prints a table for people and one `BENCH {json}` line per scenario for machines.
 * A scenario that breaks (the bot did not do what it should) exits with 1; a missed target is
 * reported as FAIL (and `"pass":false`) but does not change the exit code.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { burstScenario } from "./burst.js";
import { deployScenario } from "./deploy.js";
import { durabilityScenario } from "./durability.js";
import { floodScenario } from "./flood.js";
import { gateScenario } from "./gate.js";
import { importScenario } from "./import.js";
import { mailingRateScenario, paidBroadcastScenario, snapshotScenario } from "./mailing.js";
import { personalizeScenario } from "./personalize.js";
import type { Scenario } from "./scenario.js";
import { segmentsScenario } from "./segments.js";
import { sequenceLoadScenario } from "./sequence-load.js";
import { sequencesScenario } from "./sequences.js";
import { shareScenario } from "./share.js";
import { startupScenario } from "./startup.js";

const scenarios: Scenario[] = [
  gateScenario,
  mailingRateScenario,
  paidBroadcastScenario,
  snapshotScenario,
  importScenario,
  segmentsScenario,
  sequencesScenario,
  sequenceLoadScenario,
  personalizeScenario,
  durabilityScenario,
  deployScenario,
  shareScenario,
  floodScenario,
  burstScenario,
  startupScenario,
];

function usage(): string {
  const lines = [
    "usage: npm run bench -- [--only <name>[,<name>…]] [size flags]",
    "",
    "scenarios:",
    ...scenarios.map((s) => `  ${s.name.padEnd(10)} ${s.description}`),
    "",
    "size flags (each scenario reads those it knows):",
  ];
  for (const s of scenarios) {
    for (const [flag, spec] of Object.entries(s.flags)) {
      lines.push(`  --${`${flag} <n>`.padEnd(14)} ${s.name}: ${spec.description} (default ${spec.default})`);
    }
  }
  return lines.join("\n");
}

function parseCommandLine(): { selected: Scenario[]; sizes: Map<string, number> } | "help" {
  const flagNames = [...new Set(scenarios.flatMap((s) => Object.keys(s.flags)))];
  const { values }: { values: Record<string, string | boolean | undefined> } = parseArgs({
    args: process.argv.slice(2),
    options: {
      only: { type: "string" },
      help: { type: "boolean", short: "h" },
      ...Object.fromEntries(flagNames.map((name) => [name, { type: "string" as const }])),
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) return "help";

  const only = typeof values.only === "string" ? values.only.split(",").map((n) => n.trim()) : undefined;
  const unknown = only?.filter((name) => !scenarios.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) throw new UsageError(`unknown scenario ${unknown.join(", ")}`);
  const selected = only ? scenarios.filter((s) => only.includes(s.name)) : scenarios;

  const sizes = new Map<string, number>();
  for (const name of flagNames) {
    const raw = values[name];
    if (raw === undefined) continue;
    if (typeof raw !== "string" || !/^\d+$/.test(raw)) throw new UsageError(`--${name} needs a whole number`);
    sizes.set(name, Number(raw));
  }
  return { selected, sizes };
}

class UsageError extends Error {}

/** The flag values one scenario runs with: given on the command line, else its defaults. */
function flagsFor(scenario: Scenario, sizes: Map<string, number>): Record<string, number> {
  const flags: Record<string, number> = {};
  for (const [name, spec] of Object.entries(scenario.flags)) {
    const value = sizes.get(name) ?? spec.default;
    const min = spec.min ?? 1;
    if (value < min) throw new UsageError(`--${name} must be at least ${min} (${scenario.name})`);
    flags[name] = value;
  }
  return flags;
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine();
    if (parsed !== "help") for (const s of parsed.selected) flagsFor(s, parsed.sizes);
  } catch (error) {
    const usageProblem =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (!usageProblem) throw error;
    console.error(`bench: ${(error as Error).message}\n\n${usage()}`);
    return 2;
  }
  if (parsed === "help") {
    console.log(usage());
    return 0;
  }

  console.log(`node ${process.version}, ${cpus().length} CPUs, ${process.platform}/${process.arch}`);
  for (const scenario of parsed.selected) {
    const flags = flagsFor(scenario, parsed.sizes);
    console.log(`\n== ${scenario.name}: ${scenario.description}`);
    const result = await scenario.run(flags);
    for (const line of result.lines) console.log(line);
    console.log(`BENCH ${JSON.stringify({ scenario: scenario.name, ...result.data })}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("bench failed:", error);
    process.exitCode = 1;
  },
);
