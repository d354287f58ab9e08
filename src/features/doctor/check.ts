/** One finding of `usher doctor`: what was checked, how it stands, and what to do about it. */
export interface CheckResult {
  name: string;
  status: "ok" | "problem" | "skipped";
  detail: string;
  /** What to do; set on problems. */
  fix?: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: "ok", detail });

export const problem = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: "problem",
  detail,
  fix,
});

export const skipped = (name: string, detail: string): CheckResult => ({ name, status: "skipped", detail });
