/** The code of the error `run` throws (a verb's refusal), or "no error" when it returns. */
export function refusalCodeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return "no error";
}
