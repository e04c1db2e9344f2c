// A meeting's details as typed (title, Jalali date, time, venue, chair) checked and turned into
// what is stored. Pure: no I/O, so the Jalali date-and-time parsing is tested alone.

import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliNumeric, jalaliDayStartUtc, jalaliPartsOf, parseJalaliDate, type JalaliDate } from '../platform/persian/jalali.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';

/** The details form as typed. */
export type MeetingForm = { title: string; date: string; time: string; venue: string; chair: string };
export type MeetingDetails = { title: string; startsAt: string; venue: string; chair: string };
export type MeetingField = keyof MeetingForm;

export const TITLE_MAX = 200;
export const PLACE_MAX = 200;

const tehranClock = new Intl.DateTimeFormat('en-US-u-nu-latn', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function tehranMinutesOfDay(instant: number): number {
  let h = 0;
  let m = 0;
  for (const p of tehranClock.formatToParts(instant)) {
    if (p.type === 'hour') h = Number(p.value);
    if (p.type === 'minute') m = Number(p.value);
  }
  return h * 60 + m;
}

/** A typed time of day: «۱۶:۳۰», «16.30», «۹» (on the hour); Persian, Arabic-Indic or ASCII digits. */
export function parseTime(input: string): { hour: number; minute: number } | null {
  const text = toAsciiDigits(input.normalize('NFKC')).replace(/[\u200E\u200F\u061C]/g, '').trim();
  const m = /^(\d{1,2})(?:\s*[:.٫]\s*(\d{2}))?$/.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** The UTC instant of a Tehran wall-clock time on a Jalali day. */
export function tehranInstant(day: JalaliDate, time: { hour: number; minute: number }): string {
  const start = Date.parse(jalaliDayStartUtc(day));
  const wanted = time.hour * 60 + time.minute;
  let at = start + wanted * 60_000;
  // A day with a clock change (daylight saving until 1401) is an hour longer or shorter: correct by
  // what the wall clock actually reads at the first guess.
  const off = wanted - tehranMinutesOfDay(at);
  if (off !== 0 && Math.abs(off) <= 60) at += off * 60_000;
  return new Date(at).toISOString();
}

/** The date and time fields for a stored instant: «۱۴۰۵/۰۳/۲۸» and «۱۶:۳۰» in Tehran. */
export function formFieldsOf(startsAt: string): { date: string; time: string } {
  const minutes = tehranMinutesOfDay(Date.parse(startsAt));
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return { date: formatJalaliNumeric(jalaliPartsOf(startsAt)), time: toPersianDigits(`${hh}:${mm}`) };
}

/** Checks the details form; every problem at once, by field, in Persian. */
export function checkMeetingForm(form: MeetingForm): { ok: true; value: MeetingDetails } | { ok: false; errors: Partial<Record<MeetingField, string>> } {
  const errors: Partial<Record<MeetingField, string>> = {};
  const title = normalizePersian(form.title);
  if (title.length < 3) errors.title = t('meetings.error.title_required');
  else if (title.length > TITLE_MAX) errors.title = t('meetings.error.title_long', { max: TITLE_MAX });
  const date = parseJalaliDate(form.date);
  if (!date.ok) errors.date = t(date.error === 'empty' ? 'meetings.error.date_required' : 'meetings.error.date_invalid');
  const time = form.time.trim() === '' ? undefined : parseTime(form.time);
  if (time === undefined) errors.time = t('meetings.error.time_required');
  else if (time === null) errors.time = t('meetings.error.time_invalid');
  const venue = normalizePersian(form.venue);
  if (venue.length > PLACE_MAX) errors.venue = t('meetings.error.text_long', { max: PLACE_MAX });
  const chair = normalizePersian(form.chair);
  if (chair.length > PLACE_MAX) errors.chair = t('meetings.error.text_long', { max: PLACE_MAX });
  if (Object.keys(errors).length || !date.ok || !time) return { ok: false, errors };
  return { ok: true, value: { title, startsAt: tehranInstant(date.value, time), venue, chair } };
}
