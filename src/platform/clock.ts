/** Time source; tests pass a fixed or advancing clock instead of reading the wall clock. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** ISO-8601 UTC text: the only form timestamps take in the database. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-06-18T08:00:00Z')): Clock & { advance: (s: number) => void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (s) => { t += s * 1000; } };
}
