/** How long a pause lasts: until a given time, or until an admin resumes the bot. */
export type PauseLength = Date | "until resumed";

/** "Until resumed" is stored as the last millisecond of year 9999, so one comparison serves both kinds. */
export const untilResumed = new Date("9999-12-31T23:59:59.999Z");

/** The time a pause of this length ends. */
export function pauseEnd(length: PauseLength): Date {
  return length === "until resumed" ? untilResumed : length;
}

/** True while the pause has not run out; it ends on time with no job to run. */
export function isPaused(pausedUntil: Date | null, now: Date): boolean {
  return pausedUntil !== null && pausedUntil.getTime() > now.getTime();
}

/** True for a pause that only "Resume bot" ends. */
export function isPausedUntilResumed(pausedUntil: Date | null): boolean {
  return pausedUntil?.getTime() === untilResumed.getTime();
}

/** The end of a pause of `minutes` from `now` (the "Pause bot" button uses the pauseMinutes setting). */
export function pauseFor(minutes: number, now: Date): Date {
  return new Date(now.getTime() + minutes * 60_000);
}
