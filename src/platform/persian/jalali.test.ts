import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { d2j, isLeapJalaaliYear, j2d, toGregorian } from 'jalaali-js';
import {
  currentFiscalYear,
  formatJalaliDate,
  formatJalaliDateTime,
  formatJalaliNumeric,
  gregorianIsoToJalali,
  jalaliDayStartUtc,
  jalaliMonthNames,
  jalaliPartsOf,
  jalaliToGregorianIso,
  parseJalaliDate,
  type JalaliDate,
} from './jalali.ts';

const FIRST = j2d(1300, 1, 1);
const LAST = j2d(1499, 12, 29);

function noonUtcOf(d: JalaliDate): number {
  const g = toGregorian(d.jy, d.jm, d.jd);
  // Noon UTC is 15:30 (or 15:25:44, 16:30) in Tehran: the same calendar day under any offset Iran used.
  return Date.UTC(g.gy, g.gm - 1, g.gd, 12);
}

test('formats dates and times in the DESIGN.md shape', () => {
  assert.equal(formatJalaliDate(new Date('2026-11-29T20:00:00Z')), '۸ آذر ۱۴۰۵');
  assert.equal(formatJalaliDateTime(new Date('2026-11-29T20:00:00Z')), '۸ آذر ۱۴۰۵، ۲۳:۳۰');
  assert.equal(formatJalaliDateTime('2026-06-18T12:54:00Z'), '۲۸ خرداد ۱۴۰۵، ۱۶:۲۴');
  assert.equal(formatJalaliDateTime(Date.parse('2026-11-29T20:30:00Z')), '۹ آذر ۱۴۰۵، ۰۰:۰۰');
  assert.equal(formatJalaliDateTime('2026-03-21T01:35:00Z'), '۱ فروردین ۱۴۰۵، ۰۵:۰۵');
  // In the summer of 2020 Iran was still on daylight saving time (+04:30).
  assert.equal(formatJalaliDateTime('2020-07-01T12:00:00Z'), '۱۱ تیر ۱۳۹۹، ۱۶:۳۰');
  assert.equal(formatJalaliNumeric({ jy: 1405, jm: 3, jd: 28 }), '۱۴۰۵/۰۳/۲۸');
  assert.equal(formatJalaliNumeric({ jy: 1405, jm: 12, jd: 9 }), '۱۴۰۵/۱۲/۰۹');
});

test('rejects invalid instants', () => {
  assert.throws(() => formatJalaliDate('not a date'), RangeError);
  assert.throws(() => formatJalaliDateTime(new Date(NaN)), RangeError);
  assert.throws(() => jalaliPartsOf(Number.NaN), RangeError);
});

test('month names and date format agree with Intl fa-IR', () => {
  const intlMonth = new Intl.DateTimeFormat('fa-IR', { calendar: 'persian', timeZone: 'Asia/Tehran', month: 'long' });
  assert.equal(jalaliMonthNames.length, 12);
  for (let jm = 1; jm <= 12; jm++) {
    assert.equal(jalaliMonthNames[jm - 1], intlMonth.format(noonUtcOf({ jy: 1405, jm, jd: 10 })));
  }
  const intlDate = new Intl.DateTimeFormat('fa-IR', {
    calendar: 'persian',
    timeZone: 'Asia/Tehran',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const instants = fc.integer({ min: Date.UTC(1922, 0, 1), max: Date.UTC(2120, 0, 1) });
  fc.assert(
    fc.property(instants, (t) => {
      assert.equal(formatJalaliDate(t), intlDate.format(t));
      assert.ok(formatJalaliDateTime(t).startsWith(`${formatJalaliDate(t)}، `));
      assert.match(formatJalaliDateTime(t), /^[۰-۹]{1,2} [آ-ی]+ [۰-۹]{4}، [۰-۹]{2}:[۰-۹]{2}$/);
    }),
    { numRuns: 500 },
  );
});

test('every day 1300/01/01–1499/12/29: numeric round trip and agreement with Intl', (t) => {
  const started = performance.now();
  let previousNoon = noonUtcOf(d2j(FIRST - 1));
  let count = 0;
  for (let jdn = FIRST; jdn <= LAST; jdn++) {
    const d = d2j(jdn);
    const parsed = parseJalaliDate(formatJalaliNumeric(d));
    assert.ok(parsed.ok, formatJalaliNumeric(d));
    assert.deepEqual(parsed.value, d);
    const noon = noonUtcOf(d);
    assert.equal(noon - previousNoon, 86_400_000, `Gregorian days are contiguous at ${formatJalaliNumeric(d)}`);
    previousNoon = noon;
    const viaIntl = jalaliPartsOf(noon);
    if (viaIntl.jy !== d.jy || viaIntl.jm !== d.jm || viaIntl.jd !== d.jd) {
      assert.deepEqual(viaIntl, d, `Intl disagrees with jalaali-js on ${formatJalaliNumeric(d)}`);
    }
    count++;
  }
  assert.equal(count, LAST - FIRST + 1);
  assert.ok(count > 73_000);
  const ms = performance.now() - started;
  t.diagnostic(`exhaustive Jalali check: ${count} days in ${ms.toFixed(0)} ms`);
  assert.ok(ms < 10_000, `took ${ms} ms`);
});

const someDay: fc.Arbitrary<JalaliDate> = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }).map((jdn) => d2j(jdn)),
  fc
    .integer({ min: 1300, max: 1499 })
    .filter((jy) => isLeapJalaaliYear(jy))
    .map((jy) => ({ jy, jm: 12, jd: 30 })),
);

test('random days (leap days included) round-trip through text and Intl', () => {
  fc.assert(
    fc.property(someDay, (d) => {
      const parsed = parseJalaliDate(formatJalaliNumeric(d));
      assert.deepEqual(parsed, { ok: true, value: d });
      assert.deepEqual(jalaliPartsOf(noonUtcOf(d)), d);
      assert.deepEqual(gregorianIsoToJalali(jalaliToGregorianIso(d)), d);
    }),
    { numRuns: 2000 },
  );
});

const DIGITS = {
  ascii: '0123456789',
  persian: '۰۱۲۳۴۵۶۷۸۹',
  arabic: '٠١٢٣٤٥٦٧٨٩',
} as const;
const digitKind = fc.constantFrom<keyof typeof DIGITS>('ascii', 'persian', 'arabic');
const separator = fc.tuple(
  fc.constantFrom('', ' ', '  ', '\u00A0'),
  fc.constantFrom('/', '-', '.', '٫'),
  fc.constantFrom('', ' ', '  ', '\u00A0'),
).map(([a, s, b]) => a + s + b);

function writeNumber(n: number, minWidth: number, kinds: readonly (keyof typeof DIGITS)[]): string {
  return String(n)
    .padStart(minWidth, '0')
    .split('')
    .map((c, i) => DIGITS[kinds[i % kinds.length]!][Number(c)])
    .join('');
}

test('parses any mix of digit kinds, separators, spacing and leading zeros', () => {
  fc.assert(
    fc.property(
      someDay,
      fc.array(digitKind, { minLength: 1, maxLength: 8 }),
      separator,
      separator,
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom('', ' ', '\u200F', '\u200E '),
      (d, kinds, sep1, sep2, padMonth, padDay, around) => {
        const text =
          around +
          writeNumber(d.jy, 4, kinds) +
          sep1 +
          writeNumber(d.jm, padMonth ? 2 : 1, kinds) +
          sep2 +
          writeNumber(d.jd, padDay ? 2 : 1, kinds) +
          around;
        assert.deepEqual(parseJalaliDate(text), { ok: true, value: d }, JSON.stringify(text));
      },
    ),
    { numRuns: 2000 },
  );
  assert.deepEqual(parseJalaliDate('۱۴۰۵/۳/۲۸'), { ok: true, value: { jy: 1405, jm: 3, jd: 28 } });
  assert.deepEqual(parseJalaliDate('1405-03-28'), { ok: true, value: { jy: 1405, jm: 3, jd: 28 } });
  assert.deepEqual(parseJalaliDate('١٤٠٥/٠٣/٢٨'), { ok: true, value: { jy: 1405, jm: 3, jd: 28 } });
  assert.deepEqual(parseJalaliDate(' ۱۴۰۵ / ۰۳ / ۲۸ '), { ok: true, value: { jy: 1405, jm: 3, jd: 28 } });
  assert.deepEqual(parseJalaliDate('۱۴۰۵٫۰۳٫۲۸'), { ok: true, value: { jy: 1405, jm: 3, jd: 28 } });
  assert.deepEqual(parseJalaliDate('１４０５／０３／２８'), { ok: true, value: { jy: 1405, jm: 3, jd: 28 } });
});

test('rejects malformed and impossible dates with a reason', () => {
  const cases: [string, 'empty' | 'format' | 'invalid_date'][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200F', 'empty'],
    ['۰۵/۳/۲۸', 'format'], // two-digit year
    ['05/03/28', 'format'],
    ['28/03/1405', 'format'], // day first
    ['12345/01/01', 'format'],
    ['1405/3', 'format'],
    ['1405/03/28/1', 'format'],
    ['1405//03', 'format'],
    ['1405/003/01', 'format'],
    ['14050328', 'format'],
    ['1405 03 28', 'format'],
    ['1405/03/28 12:00', 'format'],
    ['-1405/01/01', 'format'],
    ['1405/۳/بیست', 'format'],
    ['فردا', 'format'],
    ['1405_03_28', 'format'],
    ['1405/13/01', 'invalid_date'],
    ['1405/00/10', 'invalid_date'],
    ['1405/01/00', 'invalid_date'],
    ['1405/01/32', 'invalid_date'],
    ['1405/07/31', 'invalid_date'], // Mehr has 30 days
    ['1404/12/30', 'invalid_date'], // 1404 is not a leap year
    ['0000/01/01', 'invalid_date'],
    ['9999/01/01', 'invalid_date'],
  ];
  for (const [input, error] of cases) {
    assert.deepEqual(parseJalaliDate(input), { ok: false, error }, JSON.stringify(input));
  }
  assert.deepEqual(parseJalaliDate('1403/12/30'), { ok: true, value: { jy: 1403, jm: 12, jd: 30 } });
});

test('Jalali ↔ Gregorian ISO dates', () => {
  assert.equal(jalaliToGregorianIso({ jy: 1405, jm: 3, jd: 28 }), '2026-06-18');
  assert.equal(jalaliToGregorianIso({ jy: 1405, jm: 1, jd: 1 }), '2026-03-21');
  assert.equal(jalaliToGregorianIso({ jy: 1403, jm: 12, jd: 30 }), '2025-03-20');
  assert.deepEqual(gregorianIsoToJalali('2026-03-21'), { jy: 1405, jm: 1, jd: 1 });
  assert.deepEqual(gregorianIsoToJalali('2024-02-29'), { jy: 1402, jm: 12, jd: 10 });
  for (const bad of ['2025-02-29', '2026-13-01', '2026-3-1', '2026-03-21T00:00:00Z', '']) {
    assert.throws(() => gregorianIsoToJalali(bad), RangeError, bad);
  }
  assert.throws(() => jalaliToGregorianIso({ jy: 1404, jm: 12, jd: 30 }), RangeError);
});

test('day start in UTC follows the Tehran offset of that date', () => {
  // +03:30 today.
  assert.equal(jalaliDayStartUtc({ jy: 1405, jm: 1, jd: 1 }), '2026-03-20T20:30:00.000Z');
  assert.equal(jalaliDayStartUtc({ jy: 1405, jm: 3, jd: 28 }), '2026-06-17T20:30:00.000Z');
  // 2020: daylight saving began when 1 Farvardin ended (24:00 → 01:00), so midnight of
  // 2 Farvardin never happened and that day starts at the jump; 3 Farvardin starts at 00:00 +04:30.
  assert.equal(jalaliDayStartUtc({ jy: 1399, jm: 1, jd: 1 }), '2020-03-19T20:30:00.000Z');
  assert.equal(jalaliDayStartUtc({ jy: 1399, jm: 1, jd: 2 }), '2020-03-20T20:30:00.000Z');
  assert.equal(jalaliDayStartUtc({ jy: 1399, jm: 1, jd: 3 }), '2020-03-21T19:30:00.000Z');
  // It ended when 30 Shahrivar ended (24:00 → 23:00): that day is 25 hours long.
  assert.equal(jalaliDayStartUtc({ jy: 1399, jm: 6, jd: 30 }), '2020-09-19T19:30:00.000Z');
  assert.equal(jalaliDayStartUtc({ jy: 1399, jm: 6, jd: 31 }), '2020-09-20T20:30:00.000Z');
  // 1310/01/01 = 1931-03-22, under local mean time +03:25:44.
  assert.equal(jalaliDayStartUtc({ jy: 1310, jm: 1, jd: 1 }), '1931-03-21T20:34:16.000Z');
  assert.throws(() => jalaliDayStartUtc({ jy: 1404, jm: 12, jd: 30 }), RangeError);
});

test('day start is the first instant of that Tehran day, for any day in range', () => {
  fc.assert(
    fc.property(someDay, (d) => {
      const start = Date.parse(jalaliDayStartUtc(d));
      assert.deepEqual(jalaliPartsOf(start), d);
      assert.notDeepEqual(jalaliPartsOf(start - 1000), d);
      // Days last 23–25 hours, never more.
      const next = d2j(j2d(d.jy, d.jm, d.jd) + 1);
      const length = Date.parse(jalaliDayStartUtc(next)) - start;
      assert.ok(length >= 23 * 3_600_000 && length <= 25 * 3_600_000, `${length}`);
    }),
    { numRuns: 1000 },
  );
});

test('fiscal year turns over at 00:00 1 Farvardin in Tehran', () => {
  assert.equal(currentFiscalYear(new Date('2026-03-20T20:29:59Z')), 1404);
  assert.equal(currentFiscalYear(new Date('2026-03-20T20:30:00Z')), 1405);
  assert.equal(currentFiscalYear(new Date('2026-12-31T23:00:00Z')), 1405);
  const year = currentFiscalYear();
  assert.ok(year >= 1405 && year < 1500);
});
