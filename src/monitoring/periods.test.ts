import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jalaaliMonthLength, toGregorian } from 'jalaali-js';
import {
  addPeriods, comparePeriods, parsePeriod, periodCode, periodContains, periodEnd, periodOf, periodsBetween, periodStart,
  type Period, type PeriodType,
} from './periods.ts';
import { periodLabel } from './period-label.ts';

const p = (code: string): Period => {
  const parsed = parsePeriod(code);
  assert.ok(parsed, code);
  return parsed;
};
const iso = (jy: number, jm: number, jd: number) => {
  const g = toGregorian(jy, jm, jd);
  return `${g.gy}-${String(g.gm).padStart(2, '0')}-${String(g.gd).padStart(2, '0')}`;
};
/** The Gregorian day after an ISO date. */
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('parsing period codes', () => {
  test('years, quarters and months in ASCII, Persian and Arabic-Indic digits', () => {
    assert.deepEqual(parsePeriod('1403'), { type: 'year', year: 1403, index: 0 });
    assert.deepEqual(parsePeriod('۱۴۰۳'), { type: 'year', year: 1403, index: 0 });
    assert.deepEqual(parsePeriod('1403Q1'), { type: 'quarter', year: 1403, index: 1 });
    assert.deepEqual(parsePeriod('۱۴۰۳q۴'), { type: 'quarter', year: 1403, index: 4 });
    assert.deepEqual(parsePeriod(' ١٤٠٣-Q2 '), { type: 'quarter', year: 1403, index: 2 });
    assert.deepEqual(parsePeriod('140301'), { type: 'month', year: 1403, index: 1 });
    assert.deepEqual(parsePeriod('۱۴۰۳۱۲'), { type: 'month', year: 1403, index: 12 });
  });

  test('refuses what is not a period', () => {
    for (const bad of ['1403Q5', '1403Q0', '140313', '140300', '14', '', 'Q1', '1403Q', '14031', '1403-13', 'abcd', '0403', '99999']) {
      assert.equal(parsePeriod(bad), null, bad);
    }
  });

  test('codes round-trip and come out in ASCII', () => {
    for (const code of ['1403', '1403Q3', '140307', '140312']) assert.equal(periodCode(p(code)), code);
    assert.equal(periodCode(p('۱۴۰۳۰۷')), '140307');
  });

  test('labels for people', () => {
    assert.equal(periodLabel(p('1403')), 'سال ۱۴۰۳');
    assert.equal(periodLabel(p('1403Q1')), 'بهار ۱۴۰۳');
    assert.equal(periodLabel(p('1403Q4')), 'زمستان ۱۴۰۳');
    assert.equal(periodLabel(p('140307')), 'مهر ۱۴۰۳');
  });
});

describe('period boundaries as Gregorian dates', () => {
  test('quarters and years of 1403 (a leap year) and 1404', () => {
    assert.equal(periodStart(p('1403Q1')), '2024-03-20');
    assert.equal(periodEnd(p('1403Q1')), '2024-06-20');
    assert.equal(periodStart(p('1403Q2')), '2024-06-21');
    assert.equal(periodEnd(p('1403Q3')), '2024-12-20');
    assert.equal(periodStart(p('1403Q4')), '2024-12-21');
    // Esfand 1403 has 30 days, so 1403 ends on 20 March 2025; 1404's Esfand has 29.
    assert.equal(jalaaliMonthLength(1403, 12), 30);
    assert.equal(periodEnd(p('1403')), '2025-03-20');
    assert.equal(periodEnd(p('140312')), '2025-03-20');
    assert.equal(periodStart(p('1404')), '2025-03-21');
    assert.equal(periodEnd(p('1404')), '2026-03-20');
    assert.equal(periodEnd(p('1404Q4')), '2026-03-20');
    assert.equal(periodStart(p('1405')), '2026-03-21');
  });

  test('months: the first six have 31 days, the next five 30', () => {
    assert.equal(periodStart(p('140301')), '2024-03-20');
    assert.equal(periodEnd(p('140301')), '2024-04-19');
    assert.equal(periodEnd(p('140306')), iso(1403, 6, 31));
    assert.equal(periodStart(p('140307')), iso(1403, 7, 1));
    assert.equal(periodEnd(p('140307')), iso(1403, 7, 30));
    assert.equal(periodEnd(p('140412')), iso(1404, 12, 29));
  });
});

describe('arithmetic', () => {
  test('addPeriods crosses year ends both ways', () => {
    assert.equal(periodCode(addPeriods(p('1403Q4'), 1)), '1404Q1');
    assert.equal(periodCode(addPeriods(p('1404Q1'), -1)), '1403Q4');
    assert.equal(periodCode(addPeriods(p('1403Q2'), -6)), '1401Q4');
    assert.equal(periodCode(addPeriods(p('140312'), 1)), '140401');
    assert.equal(periodCode(addPeriods(p('140401'), -13)), '140212');
    assert.equal(periodCode(addPeriods(p('1403'), -3)), '1400');
    assert.equal(periodCode(addPeriods(p('140305'), 0)), '140305');
  });

  test('periodsBetween lists every period inclusive, in order; empty when reversed', () => {
    assert.deepEqual(periodsBetween(p('1403Q3'), p('1404Q2')).map(periodCode), ['1403Q3', '1403Q4', '1404Q1', '1404Q2']);
    assert.deepEqual(periodsBetween(p('1400'), p('1402')).map(periodCode), ['1400', '1401', '1402']);
    assert.deepEqual(periodsBetween(p('140311'), p('140402')).map(periodCode), ['140311', '140312', '140401', '140402']);
    assert.deepEqual(periodsBetween(p('1404Q2'), p('1404Q1')), []);
    assert.throws(() => periodsBetween(p('1403'), p('1403Q1')));
  });

  test('comparePeriods orders within a type', () => {
    assert.ok(comparePeriods(p('1403Q4'), p('1404Q1')) < 0);
    assert.ok(comparePeriods(p('140402'), p('140401')) > 0);
    assert.equal(comparePeriods(p('1403'), p('۱۴۰۳')), 0);
  });

  test('periodOf reads dates, and instants in Tehran time either side of midnight', () => {
    assert.equal(periodCode(periodOf('quarter', '2024-03-20')), '1403Q1');
    assert.equal(periodCode(periodOf('quarter', '2024-03-19')), '1402Q4');
    assert.equal(periodCode(periodOf('year', '2025-03-20')), '1403');
    assert.equal(periodCode(periodOf('month', '2025-03-21')), '140401');
    // Tehran is UTC+03:30 (no daylight saving since 2022): 1 Farvardin 1404 begins at 2025-03-20T20:30Z.
    assert.equal(periodCode(periodOf('quarter', '2025-03-20T20:29:59.000Z')), '1403Q4');
    assert.equal(periodCode(periodOf('quarter', '2025-03-20T20:30:00.000Z')), '1404Q1');
    assert.equal(periodCode(periodOf('month', '2025-03-20T20:29:59.000Z')), '140312');
    assert.equal(periodCode(periodOf('year', '2025-03-20T20:30:01.000Z')), '1404');
    // 1 Mehr 1404 (Q3) begins at 2025-09-23 00:00 Tehran = 2025-09-22T20:30Z.
    assert.equal(periodCode(periodOf('quarter', '2025-09-22T20:29:00.000Z')), '1404Q2');
    assert.equal(periodCode(periodOf('quarter', '2025-09-22T20:31:00.000Z')), '1404Q3');
  });

  test('periodContains: months in their quarter and year, not in others', () => {
    assert.ok(periodContains(p('1403'), p('1403Q4')));
    assert.ok(periodContains(p('1403Q4'), p('140312')));
    assert.ok(periodContains(p('1403Q2'), p('140304')));
    assert.ok(periodContains(p('1403Q2'), p('1403Q2')));
    assert.ok(!periodContains(p('1403Q2'), p('140307')));
    assert.ok(!periodContains(p('1403'), p('140401')));
    assert.ok(!periodContains(p('1403Q1'), p('1403')));
  });
});

describe('properties', () => {
  const types: PeriodType[] = ['year', 'quarter', 'month'];
  const period = fc
    .record({ type: fc.constantFrom(...types), year: fc.integer({ min: 1350, max: 1450 }), q: fc.integer({ min: 1, max: 4 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ type, year, q, m }): Period => ({ type, year, index: type === 'year' ? 0 : type === 'quarter' ? q : m }));

  test('adding n then −n gives the period back', () => {
    fc.assert(fc.property(period, fc.integer({ min: -200, max: 200 }), (x, n) => {
      assert.deepEqual(addPeriods(addPeriods(x, n), -n), x);
    }));
  });

  test('the next period starts the day after this one ends, and starts after it', () => {
    fc.assert(fc.property(period, (x) => {
      const next = addPeriods(x, 1);
      assert.equal(periodStart(next), nextDay(periodEnd(x)));
      assert.ok(comparePeriods(next, x) > 0);
    }));
  });

  test('codes round-trip through parsePeriod, and a period holds its own start and end days', () => {
    fc.assert(fc.property(period, (x) => {
      assert.deepEqual(parsePeriod(periodCode(x)), x);
      assert.deepEqual(periodOf(x.type, periodStart(x)), x);
      assert.deepEqual(periodOf(x.type, periodEnd(x)), x);
    }));
  });

  test('periodsBetween(a, a + n) has n + 1 periods', () => {
    fc.assert(fc.property(period, fc.integer({ min: 0, max: 40 }), (x, n) => {
      assert.equal(periodsBetween(x, addPeriods(x, n)).length, n + 1);
    }));
  });
});
