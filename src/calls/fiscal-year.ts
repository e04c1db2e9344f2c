import { gregorianIsoToJalali, jalaliToGregorianIso } from '../platform/persian/jalali.ts';

/** First and last Gregorian day (YYYY-MM-DD) of a Jalali fiscal year, which runs from 1 Farvardin. */
export function fiscalYearBounds(year: number): { start: string; end: string } {
  const start = jalaliToGregorianIso({ jy: year, jm: 1, jd: 1 });
  const next = new Date(`${jalaliToGregorianIso({ jy: year + 1, jm: 1, jd: 1 })}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() - 1);
  return { start, end: next.toISOString().slice(0, 10) };
}

/** The Jalali fiscal year a Gregorian date falls in. */
export function fiscalYearOf(isoDate: string): number {
  return gregorianIsoToJalali(isoDate).jy;
}
