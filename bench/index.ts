/**
 * `npm run bench [-- --only <name>[,<name>…]] [--database both|sqlite|postgres] [--<size flag> <n>…]`:
 * runs the benchmark scenarios one after the other, prints a table for people and one `BENCH {json}`
 * line per scenario (and database) for machines; scenarios that run on both databases end with their
 * headline figures side by side.
 * A scenario that breaks (the bot did not do what it should) exits with 1; a missed target is
 * reported as FAIL (and `"pass":false`) but does not change the exit code.
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { burstScenario } from "./burst.js";
import { benchPostgresUrl, type Engine, engineNames, engines, postgresAnswers } from "./database.js";
import { deployScenario } from "./deploy.js";
import { durabilityScenario } from "./durability.js";
import { floodScenario } from "./flood.js";
import { gateScenario } from "./gate.js";
import { importScenario } from "./import.js";
import { languagesScenario } from "./languages.js";
import { mailingRateScenario, paidBroadcastScenario, snapshotScenario } from "./mailing.js";
import { personalizeScenario } from "./personalize.js";
import { type Figure, formatTable, round, type Scenario } from "./scenario.js";
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
  languagesScenario,
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
    "usage: npm run bench -- [--only <name>[,<name>…]] [--database both|sqlite|postgres] [size flags]",
    "",
    "--database: where the scenarios marked * run; both (the default when PostgreSQL answers at",
    `  BENCH_DATABASE_URL, else ${benchPostgresUrl}), sqlite, or postgres`,
    "",
    "scenarios:",
    ...scenarios.map((s) => `${s.databases ? "* " : "  "}${s.name.padEnd(10)} ${s.description}`),
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

type DatabaseChoice = Engine | "both";

interface CommandLine {
  selected: Scenario[];
  sizes: Map<string, number>;
  database: DatabaseChoice | undefined;
}

function parseCommandLine(): CommandLine | "help" {
  const flagNames = [...new Set(scenarios.flatMap((s) => Object.keys(s.flags)))];
  const { values }: { values: Record<string, string | boolean | undefined> } = parseArgs({
    args: process.argv.slice(2),
    options: {
      only: { type: "string" },
      database: { type: "string" },
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

  const database = values.database;
  if (database !== undefined && !["both", ...engines].includes(database as string))
    throw new UsageError("--database takes both, sqlite or postgres");

  const sizes = new Map<string, number>();
  for (const name of flagNames) {
    const raw = values[name];
    if (raw === undefined) continue;
    if (typeof raw !== "string" || !/^\d+$/.test(raw)) throw new UsageError(`--${name} needs a whole number`);
    sizes.set(name, Number(raw));
  }
  return { selected, sizes, database: database as DatabaseChoice | undefined };
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

  const chosen = await databasesFor(parsed.database);
  if (typeof chosen === "string") {
    console.error(`bench: ${chosen}`);
    return 2;
  }
  console.log(
    `node ${process.version}, ${cpus().length} CPUs, ${process.platform}/${process.arch}, ` +
      `load average ${loadAverage()}, databases: ${chosen.engines.map((e) => engineNames[e]).join(" and ")}`,
  );
  if (chosen.note) console.log(chosen.note);
  const compared: Array<{ metric: string; by: Partial<Record<Engine, Figure>> }> = [];
  for (const scenario of parsed.selected) {
    const flags = flagsFor(scenario, parsed.sizes);
    const runs = scenario.databases ? chosen.engines : (["sqlite"] as const);
    const figures: Partial<Record<Engine, Figure[]>> = {};
    for (const engine of runs) {
      const on = scenario.databases ? ` (${engineNames[engine]})` : "";
      console.log(`\n== ${scenario.name}${on}: ${scenario.description}`);
      console.log(`(load average ${loadAverage()} at the start)`);
      const result = await scenario.run(flags, engine);
      for (const line of result.lines) console.log(line);
      const database = scenario.databases ? { database: engine } : {};
      console.log(`BENCH ${JSON.stringify({ scenario: scenario.name, ...database, ...result.data })}`);
      figures[engine] = result.figures ?? [];
    }
    if (runs.length < 2) continue;
    const rows = sideBySide(figures);
    compared.push(...rows);
    console.log(`\n== ${scenario.name}: side by side`);
    for (const line of comparisonTable(rows)) console.log(line);
  }
  if (compared.length > 0) {
    console.log("\n== every scenario on both databases, side by side");
    for (const line of comparisonTable(compared)) console.log(line);
  }
  return 0;
}

/** The 1, 5 and 15 minute load averages: other work on the machine moves every figure. */
function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

/** The databases to run on: as asked, or both when PostgreSQL answers, else SQLite with a note. */
async function databasesFor(
  choice: DatabaseChoice | undefined,
): Promise<{ engines: Engine[]; note?: string } | string> {
  if (choice === "sqlite") return { engines: ["sqlite"] };
  const answers = await postgresAnswers();
  const where = benchPostgresUrl.replace(/\/\/[^@/]*@/, "//");
  if (!answers && choice !== undefined)
    return `no PostgreSQL server answers at ${where} (set BENCH_DATABASE_URL)`;
  if (!answers)
    return {
      engines: ["sqlite"],
      note: `(no PostgreSQL server answers at ${where}: SQLite alone; set BENCH_DATABASE_URL to compare)`,
    };
  return { engines: choice === "postgres" ? ["postgres"] : ["sqlite", "postgres"] };
}

/** One scenario's figures joined by metric, in the order the first run gave them. */
function sideBySide(figures: Partial<Record<Engine, Figure[]>>) {
  const rows = new Map<string, Partial<Record<Engine, Figure>>>();
  for (const engine of engines) {
    for (const figure of figures[engine] ?? []) {
      const row = rows.get(figure.metric) ?? {};
      row[engine] = figure;
      rows.set(figure.metric, row);
    }
  }
  return [...rows].map(([metric, by]) => ({ metric, by }));
}

function comparisonTable(rows: Array<{ metric: string; by: Partial<Record<Engine, Figure>> }>): string[] {
  const shown = (figure: Figure | undefined) =>
    figure === undefined ? "–" : figure.value.toFixed(figure.digits ?? 1);
  return formatTable([
    ["metric", engineNames.sqlite, engineNames.postgres, "ratio"],
    ...rows.map(({ metric, by }) => {
      const ratio =
        by.sqlite && by.postgres && by.sqlite.value !== 0
          ? `${round(by.postgres.value / by.sqlite.value, 2).toFixed(2)}×`
          : "–";
      return [metric, shown(by.sqlite), shown(by.postgres), ratio];
    }),
  ]);
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
