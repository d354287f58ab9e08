/** One instruction of a Dockerfile: `COPY --from=build /app/dist ./dist` → COPY, flags {from: build}, args. */
export interface Instruction {
  keyword: string;
  flags: Record<string, string>;
  /** The words after the flags; an exec form (`["node", "x"]`) as its JSON array. */
  args: string[];
  /** The text after the keyword, continuations joined. */
  raw: string;
}

export interface Stage {
  name: string;
  /** The image or the earlier stage it starts from. */
  base: string;
  instructions: Instruction[];
}

/** The stages of a Dockerfile in order, enough to check what it copies and runs (not a full parser). */
export function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [keyword = "", raw = ""] = line.split(/\s+(.*)/s);
    const instruction = parseInstruction(keyword.toUpperCase(), raw.trim());
    if (instruction.keyword === "FROM") {
      const [base = "", as, name] = instruction.args;
      stages.push({
        name: as?.toUpperCase() === "AS" && name ? name : String(stages.length),
        base,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

function parseInstruction(keyword: string, raw: string): Instruction {
  const flags: Record<string, string> = {};
  let rest = raw;
  // HEALTHCHECK's flags come before its own CMD; every other keyword's before its arguments.
  for (let flag = rest.match(/^--([\w-]+)=(\S+)\s*/); flag; flag = rest.match(/^--([\w-]+)=(\S+)\s*/)) {
    flags[flag[1] as string] = flag[2] as string;
    rest = rest.slice(flag[0].length);
  }
  if (keyword === "HEALTHCHECK" && rest.startsWith("CMD ")) rest = rest.slice(4).trim();
  const args = rest.startsWith("[") ? (JSON.parse(rest) as string[]) : rest.split(/\s+/).filter(Boolean);
  return { keyword, flags, args, raw };
}

/** The instructions of a stage with this keyword, the stage's parents first (`FROM toolchain AS build`). */
export function instructionsOf(stages: Stage[], stage: Stage, keyword: string): Instruction[] {
  const parent = stages.find((s) => s.name === stage.base);
  const inherited = parent ? instructionsOf(stages, parent, keyword) : [];
  return [...inherited, ...stage.instructions.filter((i) => i.keyword === keyword)];
}

/**
 * Whether `.dockerignore` keeps a top-level name in the build context: the last pattern that
 * matches decides, `!` re-includes (the subset of the syntax the file uses: one-segment globs).
 */
export function inBuildContext(dockerignore: string, name: string): boolean {
  let included = true;
  for (const line of dockerignore.split(/\r?\n/).map((l) => l.trim())) {
    if (line === "" || line.startsWith("#")) continue;
    const negated = line.startsWith("!");
    const pattern = negated ? line.slice(1) : line;
    const glob = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]")}$`,
    );
    if (glob.test(name)) included = negated;
  }
  return included;
}
