import type { Engine } from "./database.js";

/** A size flag of a scenario (`--users 2000`): a whole number with a default. */
export interface FlagSpec {
  description: string;
  default: number;
  /** Smallest accepted value; 1 unless told. */
  min?: number;
}

export interface ScenarioResult {
  /** What a person reads: a compact table, already formatted. */
  lines: string[];
  /** What a machine reads: printed as one `BENCH {"scenario":…,…}` line. */
  data: Record<string, unknown>;
  /** False when the scenario missed its target (it still ran correctly; a broken run throws). */
  passed: boolean;
  /** The headline figures, printed side by side when the scenario ran on both databases. */
  figures?: Figure[];
}

/** One headline figure: what it is (with its unit) and its value. */
export interface Figure {
  metric: string;
  value: number;
  /** Digits shown; 1 unless told. */
  digits?: number;
}

export interface Scenario<F extends string = string> {
  name: string;
  description: string;
  flags: Record<F, FlagSpec>;
  /** Runs on SQLite and on PostgreSQL, `run` told which; without it, on SQLite alone. */
  databases?: boolean;
  /** Runs the scenario; throws (loudly) when the bot did not do what the scenario expects. */
  run(flags: Record<F, number>, engine: Engine): Promise<ScenarioResult>;
}

/** Keeps the flag names of a scenario typed inside it while the runner sees any scenario. */
export function defineScenario<F extends string>(scenario: Scenario<F>): Scenario {
  return scenario as unknown as Scenario;
}

/** Right-aligns every column but the first; rows are [label, ...cells]. */
export function formatTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

/** Rounds for display and for the JSON line: enough digits to compare runs, no float noise. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
