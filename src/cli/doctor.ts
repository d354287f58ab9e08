import type { CheckResult } from "../features/doctor/check.js";
import { runDoctor } from "../features/doctor/run-doctor.js";
import { type CliIo, exitCode, say } from "./io.js";

const labels: Record<CheckResult["status"], string> = {
  ok: "ok     ",
  problem: "PROBLEM",
  skipped: "skipped",
};

/** `usher doctor`: one line per check (what to fix under each problem), exit 1 when any problem. */
export async function doctorCommand(io: CliIo, options: { json?: boolean }): Promise<number> {
  const results = await runDoctor({ env: io.env, now: io.now });
  const problems = results.filter((r) => r.status === "problem").length;
  if (options.json) {
    say(io, JSON.stringify({ ok: problems === 0, checks: results }, null, 2));
  } else {
    const width = Math.max(...results.map((r) => r.name.length));
    for (const r of results) {
      say(io, `${labels[r.status]}  ${r.name.padEnd(width)}  ${r.detail}`);
      if (r.fix) say(io, `${" ".repeat(width + 11)}fix: ${r.fix}`);
    }
    say(io, problems === 0 ? "\nAll checks passed." : `\n${problems} problem(s) found.`);
  }
  return problems === 0 ? exitCode.ok : exitCode.failed;
}
