/** Why an import cannot start now: another one is being applied, or one was left unfinished by a stopped process. */
export type ImportBusyCode = "import_in_progress" | "import_interrupted";

/** An import refused (or stopped) because another import holds the users; try again later. */
export class ImportBusyError extends Error {
  override name = "ImportBusyError";

  constructor(
    readonly code: ImportBusyCode,
    readonly importId: number,
  ) {
    super(`${code}: import ${importId}`);
  }
}
