import { UsherError } from "../../../errors.js";

/** Why an import cannot start now: another one is being applied, or one was left unfinished by a stopped process. */
const importBusyCodes = ["import_in_progress", "import_interrupted"] as const;
export type ImportBusyCode = (typeof importBusyCodes)[number];

/** An import refused (or stopped) because another import holds the users; try again later. */
export class ImportBusyError extends UsherError {
  static readonly codes = importBusyCodes;

  constructor(
    override readonly code: ImportBusyCode,
    readonly importId: number,
  ) {
    super(code === "import_in_progress" ? "conflict" : "unavailable", code, busyMessages[code]);
  }
}

const busyMessages: Record<ImportBusyCode, string> = {
  import_in_progress: "Another CSV import is being applied; send this one when it is done",
  import_interrupted:
    "A CSV import was interrupted (its process stopped) and is being finished by the active instance; try again in a few seconds",
};
