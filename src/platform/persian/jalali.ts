// Jalali dates. Calendar arithmetic for display goes through Intl (the same ICU data Chromium
// uses, so server- and client-rendered dates agree); parsing and Jalali↔Gregorian conversion go
// through jalaali-js. Instants are stored in UTC and shown in Asia/Tehran.

import { isValidJalaaliDate, toGregorian, toJalaali } from 'jalaali-js';
import { toAsciiDigits, toPersianDigits } from './digits.ts';

export type JalaliDate = { jy: number; jm: number; jd: number };

export type ParseJalaliResult =
  | { ok: true; value: JalaliDate }
  | { ok: false; error: 'empty' | 'format' | 'invalid_date' };

const TIME_ZONE = 'Asia/Tehran';

/** Jalali month names, فروردین (index 0) … اسفند (index 11), as Intl's fa locale spells them. */
export const jalaliMonthNames: readonly string[] = Object.freeze([
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
]);

// Constructing a DateTimeFormat costs far more than formatting with one, and list pages format
// hundreds of dates, so each formatter is built once. Latin digits make the parts parseable;
// Persian digits and month names are applied by hand so the output shape is exactly ours
// rather than whatever the ICU version's pattern happens to be (ICU inserts "ساعت").
const persianParts = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-latn', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Gregorian wall-clock time in Tehran, to the second, for working out the UTC offset; seconds
// matter because Tehran was on local mean time (+03:25:44) until 1935.
const gregorianWallClock = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

type Fields = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

function toDate(instant: Date | string | number): Date {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return date;
}

function fieldsOf(format: Intl.DateTimeFormat, date: Date | number): Fields {
  const out: Fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(date)) {
    if (part.type in out) out[part.type as keyof Fields] = Number(part.value);
  }
  return out;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function monthName(jm: number): string {
  const name = jalaliMonthNames[jm - 1];
  if (name === undefined) throw new RangeError(`Invalid Jalali month: ${jm}`);
  return name;
}

/** The Jalali date of an instant in Asia/Tehran, as Intl's persian calendar computes it. */
export function jalaliPartsOf(instant: Date | string | number): JalaliDate {
  const f = fieldsOf(persianParts, toDate(instant));
  return { jy: f.year, jm: f.month, jd: f.day };
}

/** Formats an instant as a Jalali date in Tehran, e.g. `۸ آذر ۱۴۰۵`. */
export function formatJalaliDate(instant: Date | string | number): string {
  const f = fieldsOf(persianParts, toDate(instant));
  return toPersianDigits(`${f.day} ${monthName(f.month)} ${f.year}`);
}

/** Formats an instant as Jalali date and 24-hour Tehran time, e.g. `۸ آذر ۱۴۰۵، ۲۳:۳۰`. */
export function formatJalaliDateTime(instant: Date | string | number): string {
  const f = fieldsOf(persianParts, toDate(instant));
  return toPersianDigits(`${f.day} ${monthName(f.month)} ${f.year}، ${pad2(f.hour)}:${pad2(f.minute)}`);
}

/** Formats a Jalali date as `۱۴۰۵/۰۳/۲۸` (zero-padded, Persian digits). */
export function formatJalaliNumeric(d: JalaliDate): string {
  return toPersianDigits(`${d.jy}/${pad2(d.jm)}/${pad2(d.jd)}`);
}

// Year strictly four digits: a two-digit year (۰۵/۳/۲۸) is ambiguous between centuries and
// between year-first and day-first habits, so it is a format error rather than a guess.
const JALALI_INPUT = /^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$/;
const BIDI_MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Parses a typed Jalali date `YYYY/MM/DD` (Persian, Arabic-Indic or ASCII digits; `/`, `-`, `.`
 * or `٫` between parts). `format` also covers a year that is not exactly four digits.
 */
export function parseJalaliDate(input: string): ParseJalaliResult {
  // Pasted dates often carry bidi marks from RTL text; NFKC turns full-width digits and slashes
  // into ASCII; ٫ (which toAsciiDigits turns into '.') looks like a slash and is what some
  // Persian keyboards type.
  const text = toAsciiDigits(input.replace(BIDI_MARKS, '').normalize('NFKC')).trim();
  if (text === '') return { ok: false, error: 'empty' };
  const m = JALALI_INPUT.exec(text);
  if (m === null) return { ok: false, error: 'format' };
  const value = { jy: Number(m[1]), jm: Number(m[2]), jd: Number(m[3]) };
  return isValidJalali(value) ? { ok: true, value } : { ok: false, error: 'invalid_date' };
}

// jalaali-js is exact for years -61…3177 and throws outside; year 0 is also useless here.
function isValidJalali(d: JalaliDate): boolean {
  return (
    Number.isInteger(d.jy) &&
    Number.isInteger(d.jm) &&
    Number.isInteger(d.jd) &&
    d.jy >= 1 &&
    d.jy <= 3177 &&
    isValidJalaaliDate(d.jy, d.jm, d.jd)
  );
}

function assertValid(d: JalaliDate): void {
  if (!isValidJalali(d)) throw new RangeError(`Invalid Jalali date: ${d.jy}/${d.jm}/${d.jd}`);
}

/** Converts a Jalali date to a Gregorian `YYYY-MM-DD` string. */
export function jalaliToGregorianIso(d: JalaliDate): string {
  assertValid(d);
  const g = toGregorian(d.jy, d.jm, d.jd);
  return `${String(g.gy).padStart(4, '0')}-${pad2(g.gm)}-${pad2(g.gd)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Converts a Gregorian `YYYY-MM-DD` string to a Jalali date. */
export function gregorianIsoToJalali(iso: string): JalaliDate {
  const m = ISO_DATE.exec(iso);
  const [gy, gm, gd] = m === null ? [NaN, NaN, NaN] : [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(gy, gm - 1, gd));
  // Date.UTC rolls 2025-02-30 over into March; the round trip catches that.
  if (m === null || check.getUTCFullYear() !== gy || check.getUTCMonth() !== gm - 1 || check.getUTCDate() !== gd) {
    throw new RangeError(`Invalid Gregorian date: ${iso}`);
  }
  return toJalaali(gy, gm, gd);
}

// Tehran wall-clock time at t, read as if it were UTC, minus t: the offset in effect at t.
function tehranOffsetMs(t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  const f = fieldsOf(gregorianWallClock, whole);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - whole;
}

function tehranWallMs(t: number): number {
  return t + tehranOffsetMs(t);
}

/** ISO-8601 UTC instant at which the given Jalali day begins in Asia/Tehran (00:00, or later if skipped). */
export function jalaliDayStartUtc(d: JalaliDate): string {
  assertValid(d);
  const g = toGregorian(d.jy, d.jm, d.jd);
  const localMidnight = Date.UTC(g.gy, g.gm - 1, g.gd);
  const day = 86_400_000;
  // The offset is looked up rather than assumed: Iran used +03:25:44 until 1935, +04:00 in
  // 1977–78 and daylight saving in many years until 2022. A day apart on either side spans at
  // most one transition, so the offsets there are the only candidates.
  const candidates = [...new Set([tehranOffsetMs(localMidnight - day), tehranOffsetMs(localMidnight + day)])]
    .map((offset) => localMidnight - offset)
    .sort((a, b) => a - b);
  const exact = candidates.find((t) => tehranWallMs(t) === localMidnight);
  if (exact !== undefined) return new Date(exact).toISOString();
  // Midnight fell in a forward jump (DST started at 00:00 on 1 Farvardin): the day starts at
  // the transition, the first instant whose wall clock is already on that day.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (tehranWallMs(mid) >= localMidnight) hi = mid;
    else lo = mid;
  }
  return new Date(hi).toISOString();
}

/** The current fiscal year: the Jalali year in Asia/Tehran (the year starts on 1 Farvardin). */
export function currentFiscalYear(now: Date = new Date()): number {
  return jalaliPartsOf(now).jy;
}
