import { gregorianIsoToJalali, jalaliDayStartUtc, jalaliPartsOf, jalaliToGregorianIso, type JalaliDate } from '../platform/persian/jalali.ts';

const DAY_MS = 86_400_000;

/** The day after a Jalali date. */
export function nextJalaliDay(d: JalaliDate): JalaliDate {
  const g = new Date(`${jalaliToGregorianIso(d)}T00:00:00Z`);
  g.setUTCDate(g.getUTCDate() + 1);
  return gregorianIsoToJalali(g.toISOString().slice(0, 10));
}

/** A deadline typed as a Jalali day means the end of that day in Tehran: the instant the next day starts. */
export function deadlineOfJalaliDay(d: JalaliDate): string {
  return jalaliDayStartUtc(nextJalaliDay(d));
}

/** The Jalali day a stored deadline closes (the last day agencies may submit). */
export function lastDayOfDeadline(deadlineAt: string): JalaliDate {
  return jalaliPartsOf(Date.parse(deadlineAt) - 1);
}

/**
 * Whole days until the deadline, a part of a day counting as one: positive while it is ahead,
 * 0 at the very instant, negative (days since) once it has passed.
 */
export function daysUntil(deadlineAt: string, now: Date): number {
  const ms = Date.parse(deadlineAt) - now.getTime();
  return ms >= 0 ? Math.ceil(ms / DAY_MS) : -Math.ceil(-ms / DAY_MS);
}

export const REMINDER_7D_SECONDS = 7 * 86_400;
export const REMINDER_1D_SECONDS = 86_400;
