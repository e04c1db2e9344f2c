import { jalaaliMonthLength } from 'jalaali-js';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { gregorianIsoToJalali, jalaliPartsOf, jalaliToGregorianIso } from '../platform/persian/jalali.ts';

/**
 * Reporting periods in the solar hijri calendar (DHIS2 has none): a year '1403', a quarter
 * '1403Q1' (Q1 = Farvardin–Khordad, the season of spring) or a month '140301'. The code is what is
 * stored; labels are for display.
 */
export type PeriodType = 'year' | 'quarter' | 'month';
export type Period = { type: PeriodType; year: number; /** 1–4 for quarters, 1–12 for months, 0 for years. */ index: number };

const MIN_YEAR = 1300;
const MAX_YEAR = 1500;

/** Reads a period code in Persian, Arabic-Indic or ASCII digits ('۱۴۰۳ق۱' and '1403-Q1' too); null when it is not one. */
export function parsePeriod(input: string): Period | null {
  const s = toAsciiDigits(input).trim().toUpperCase().replace(/[\s\-/_]/g, '').replace('ق', 'Q').replace('F', 'Q');
  let m = /^(\d{4})$/.exec(s);
  if (m) return validYear(Number(m[1])) ? { type: 'year', year: Number(m[1]), index: 0 } : null;
  m = /^(\d{4})Q([1-4])$/.exec(s);
  if (m) return validYear(Number(m[1])) ? { type: 'quarter', year: Number(m[1]), index: Number(m[2]) } : null;
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && validYear(Number(m[1]))) return { type: 'month', year: Number(m[1]), index: Number(m[2]) };
  return null;
}

const validYear = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;

/** The stored code of a period. */
export function periodCode(p: Period): string {
  if (p.type === 'year') return String(p.year);
  if (p.type === 'quarter') return `${p.year}Q${p.index}`;
  return `${p.year}${String(p.index).padStart(2, '0')}`;
}

/** First and last Jalali month of a period. */
function monthSpan(p: Period): [number, number] {
  if (p.type === 'year') return [1, 12];
  if (p.type === 'quarter') return [(p.index - 1) * 3 + 1, p.index * 3];
  return [p.index, p.index];
}

/** The Gregorian ISO date of the period's first day. */
export function periodStart(p: Period): string {
  return jalaliToGregorianIso({ jy: p.year, jm: monthSpan(p)[0], jd: 1 });
}

/** The Gregorian ISO date of the period's last day (Esfand has 29 or 30 days). */
export function periodEnd(p: Period): string {
  const lastMonth = monthSpan(p)[1];
  return jalaliToGregorianIso({ jy: p.year, jm: lastMonth, jd: jalaaliMonthLength(p.year, lastMonth) });
}

/** The period of a type that contains a Gregorian ISO date, or an instant (read in Tehran time). */
export function periodOf(type: PeriodType, isoDateOrInstant: string): Period {
  const { jy, jm } = isoDateOrInstant.length > 10 ? jalaliPartsOf(isoDateOrInstant) : gregorianIsoToJalali(isoDateOrInstant);
  if (type === 'year') return { type, year: jy, index: 0 };
  if (type === 'quarter') return { type, year: jy, index: Math.ceil(jm / 3) };
  return { type, year: jy, index: jm };
}

/** The period n steps after (or before, for negative n) the given one. */
export function addPeriods(p: Period, n: number): Period {
  if (p.type === 'year') return { ...p, year: p.year + n };
  const per = p.type === 'quarter' ? 4 : 12;
  const zeroBased = p.year * per + (p.index - 1) + n;
  return { type: p.type, year: Math.floor(zeroBased / per), index: (zeroBased % per) + 1 };
}

/** Every period from a to b inclusive (same type); empty when b is before a. */
export function periodsBetween(a: Period, b: Period): Period[] {
  if (a.type !== b.type) throw new Error('periods of different types');
  const out: Period[] = [];
  for (let p = a; comparePeriods(p, b) <= 0; p = addPeriods(p, 1)) out.push(p);
  return out;
}

export function comparePeriods(a: Period, b: Period): number {
  return a.year - b.year || a.index - b.index;
}

/** Whether the smaller period lies inside the larger one (a month in its quarter or year, …). */
export function periodContains(outer: Period, inner: Period): boolean {
  return periodStart(outer) <= periodStart(inner) && periodEnd(inner) <= periodEnd(outer);
}
