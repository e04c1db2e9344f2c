import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, dueOnOf, reminderKindOf, reportingPeriods, tehranDate, timelinessOf, REPORT_GRACE_DAYS } from './schedule.ts';

const plan = (p: Partial<Parameters<typeof reportingPeriods>[0]> = {}) => ({ fundedAt: '2025-11-10T08:00:00Z', startDate: null, endDate: null, completedAt: null, ...p });

describe('reporting schedule', () => {
  it('runs quarter by quarter across the Jalali year end, the current quarter included', () => {
    // Funded in Aban 1404 (autumn); today is in Tir 1405 (summer).
    const periods = reportingPeriods(plan(), '2026-07-01');
    assert.deepEqual(periods.map((p) => p.period), ['1404Q3', '1404Q4', '1405Q1', '1405Q2']);
  });

  it('is due REPORT_GRACE_DAYS after the quarter ends (Esfand of a common year has 29 days)', () => {
    assert.equal(REPORT_GRACE_DAYS, 15);
    // 1404/12/29 = 2026-03-20, so 1404Q4 is due on 2026-04-04.
    assert.equal(dueOnOf('1404Q4'), '2026-04-04');
    // 1405/03/31 = 2026-06-21.
    assert.equal(dueOnOf('1405Q1'), '2026-07-06');
    assert.equal(reportingPeriods(plan(), '2026-07-01')[1]!.dueOn, '2026-04-04');
  });

  it('starts at the later of funding and the plan start, and stops at completion or the plan end', () => {
    assert.deepEqual(reportingPeriods(plan({ startDate: '2026-04-10' }), '2026-07-01').map((p) => p.period), ['1405Q1', '1405Q2']);
    assert.deepEqual(reportingPeriods(plan({ completedAt: '2026-02-01T10:00:00Z' }), '2026-12-01').map((p) => p.period), ['1404Q3', '1404Q4']);
    assert.deepEqual(reportingPeriods(plan({ endDate: '2025-12-25' }), '2026-12-01').map((p) => p.period), ['1404Q3', '1404Q4']);
    assert.deepEqual(reportingPeriods(plan({ startDate: '2027-01-01' }), '2026-07-01'), []);
  });

  it('reads the funding instant in Tehran time', () => {
    // 20:45 UTC on 20 March 2026 is already 1 Farvardin 1405 in Tehran.
    assert.equal(tehranDate('2026-03-20T20:45:00Z'), '2026-03-21');
    assert.deepEqual(reportingPeriods(plan({ fundedAt: '2026-03-20T20:45:00Z' }), '2026-04-01').map((p) => p.period), ['1405Q1']);
  });
});

describe('timeliness', () => {
  const due = { period: '1404Q4', dueOn: '2026-04-04' };
  it('is not due before the due day passes, missing after', () => {
    assert.equal(timelinessOf(due, null, '2026-04-04'), 'not_due');
    assert.equal(timelinessOf(due, null, '2026-04-05'), 'missing');
    assert.equal(timelinessOf(due, { status: 'draft', submittedAt: null }, '2026-04-05'), 'missing');
  });
  it('is on time up to the end of the due day in Tehran, late after', () => {
    // The due day ends at 20:30 UTC (Tehran is UTC+3:30).
    assert.equal(timelinessOf(due, { status: 'submitted', submittedAt: '2026-04-04T20:29:00.000Z' }, '2026-05-01'), 'on_time');
    assert.equal(timelinessOf(due, { status: 'approved', submittedAt: '2026-04-04T20:31:00.000Z' }, '2026-05-01'), 'late');
    assert.equal(timelinessOf(due, { status: 'returned', submittedAt: '2026-03-25T08:00:00.000Z' }, '2026-05-01'), 'on_time');
  });
  it('reminds 7 days before and after the due day, never once submitted', () => {
    assert.equal(reminderKindOf(due, null, addDays('2026-04-04', -8)), null);
    assert.equal(reminderKindOf(due, null, addDays('2026-04-04', -7)), 'due_soon');
    assert.equal(reminderKindOf(due, { status: 'draft', submittedAt: null }, '2026-04-04'), 'due_soon');
    assert.equal(reminderKindOf(due, null, '2026-04-05'), 'overdue');
    assert.equal(reminderKindOf(due, { status: 'submitted', submittedAt: '2026-04-06T08:00:00Z' }, '2026-04-10'), null);
  });
});
