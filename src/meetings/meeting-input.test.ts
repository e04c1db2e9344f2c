import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMeetingForm, formFieldsOf, parseTime, tehranInstant } from './meeting-input.ts';
import { statusProblem } from './meeting-rules.ts';

const form = (o: Partial<Record<'title' | 'date' | 'time' | 'venue' | 'chair', string>> = {}) => ({
  title: 'جلسهٔ ستاد', date: '۱۴۰۵/۰۳/۲۸', time: '۱۰:۳۰', venue: '', chair: '', ...o,
});

test('a time of day in Persian, Arabic-Indic or ASCII digits, with : . or ٫; on the hour alone', () => {
  assert.deepEqual(parseTime('۱۶:۳۰'), { hour: 16, minute: 30 });
  assert.deepEqual(parseTime('٠٩٫٠٥'), { hour: 9, minute: 5 });
  assert.deepEqual(parseTime(' 8.45 '), { hour: 8, minute: 45 });
  assert.deepEqual(parseTime('۹'), { hour: 9, minute: 0 });
  for (const bad of ['24:00', '10:60', '10:5', 'ده', '10:30:00', '']) assert.equal(parseTime(bad), null, bad);
});

test('a Jalali date and a Tehran time make a UTC instant, and back again for the form', () => {
  // 28 Khordad 1405 = 18 June 2026; Tehran is UTC+3:30 (no daylight saving since 1401).
  assert.equal(tehranInstant({ jy: 1405, jm: 3, jd: 28 }, { hour: 10, minute: 30 }), '2026-06-18T07:00:00.000Z');
  assert.equal(tehranInstant({ jy: 1405, jm: 1, jd: 1 }, { hour: 0, minute: 15 }), '2026-03-20T20:45:00.000Z');
  // 1399 still had daylight saving (+4:30 in summer).
  assert.equal(tehranInstant({ jy: 1399, jm: 4, jd: 1 }, { hour: 9, minute: 0 }), '2020-06-21T04:30:00.000Z');
  assert.deepEqual(formFieldsOf('2026-06-18T07:00:00.000Z'), { date: '۱۴۰۵/۰۳/۲۸', time: '۱۰:۳۰' });
  const ok = checkMeetingForm(form({ title: '  جلسهٔ  ستاد ي ', venue: 'سالن جلسات استانداری', chair: 'معاون استاندار' }));
  assert.ok(ok.ok);
  assert.deepEqual(ok.value, { title: 'جلسهٔ ستاد ی', startsAt: '2026-06-18T07:00:00.000Z', venue: 'سالن جلسات استانداری', chair: 'معاون استاندار' });
});

test('every problem of the details form at once, by field, in Persian', () => {
  const r = checkMeetingForm(form({ title: 'ج', date: '۱۴۰۵/۱۳/۰۱', time: '۲۵:۰۰', venue: 'ا'.repeat(201) }));
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(Object.keys(r.errors).sort(), ['date', 'time', 'title', 'venue']);
  for (const message of Object.values(r.errors)) assert.match(message!, /[\u0600-\u06FF]/);
  const empty = checkMeetingForm(form({ date: '', time: '' }));
  assert.ok(!empty.ok && empty.errors.date && empty.errors.time);
});

test('draft → held needs minutes; held → published needs a public summary; no skipping', () => {
  const m = { status: 'draft' as const, minutes: '', public_summary: '' };
  assert.equal(statusProblem(m, 'held'), 'minutes_required');
  assert.equal(statusProblem({ ...m, minutes: 'متن' }, 'held'), null);
  assert.equal(statusProblem({ ...m, minutes: 'متن', public_summary: 'خلاصه‌ای به اندازهٔ کافی بلند برای انتشار' }, 'published'), 'wrong_state');
  assert.equal(statusProblem({ status: 'held', minutes: 'متن', public_summary: '' }, 'published'), 'summary_required');
  assert.equal(statusProblem({ status: 'held', minutes: 'متن', public_summary: 'خلاصه‌ای به اندازهٔ کافی بلند برای انتشار' }, 'published'), null);
  assert.equal(statusProblem({ status: 'published', minutes: 'متن', public_summary: 'x'.repeat(30) }, 'published'), 'wrong_state');
});
