import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestValues, perThousand, sortPeriods, splitEqually, totalsOf, towardsTarget } from './results-figures.ts';
import type { PlanFactRow, ValueRow } from './results.repo.ts';

const fact = (id: number, fundedRials: number, spentRials: number, reached: number, progress: number | null): PlanFactRow => ({
  id, title: `طرح ${id}`, status: 'in_progress', fundedRials, isDemo: false, spentRials, reached, approvedReports: progress === null ? 0 : 1, progress,
});

test('totals: sums of approved figures and the funded-weighted progress', () => {
  const t = totalsOf([fact(1, 300, 120, 50, 45), fact(2, 100, 0, 0, null), fact(3, 200, 200, 80, 100)]);
  assert.equal(t.plans, 3);
  assert.equal(t.fundedRials, 600);
  assert.equal(t.spentRials, 320);
  assert.equal(t.reached, 130);
  assert.equal(t.progress, 55.8, '(45×300 + 0×100 + 100×200) / 600; a plan without a report counts 0');
  assert.equal(t.reporting, 2);
  assert.equal(totalsOf([fact(1, 100, 0, 0, null)]).progress, null, 'nothing reported yet');
  assert.equal(totalsOf([]).plans, 0);
});

test('split equally among a plan\'s distinct keys, so the parts add up to the whole', () => {
  const facts = [fact(1, 300, 90, 30, 10), fact(2, 100, 10, 4, 10), fact(3, 50, 0, 0, null)];
  const shares = splitEqually(facts, [
    { planId: 1, key: 'ADDICTION' },
    { planId: 1, key: 'DIVORCE' },
    { planId: 1, key: 'DIVORCE' }, // the same harm twice counts once
    { planId: 2, key: 'ADDICTION' },
  ]);
  assert.deepEqual(shares.get('ADDICTION'), { fundedRials: 250, spentRials: 55, reached: 19, plans: 2, planIds: [1, 2] });
  assert.deepEqual(shares.get('DIVORCE'), { fundedRials: 150, spentRials: 45, reached: 15, plans: 1, planIds: [1] });
  const sum = [...shares.values()].reduce((s, x) => s + x.fundedRials, 0);
  assert.equal(sum, 400, 'plan 3 has no key and is left out; the others add up');
});

test('per thousand residents, only with a population', () => {
  assert.equal(perThousand(5_000_000, 2_000), 2_500_000);
  assert.equal(perThousand(5_000_000, null), null);
  assert.equal(perThousand(5_000_000, 0), null);
});

test('latest values compare like with like: the latest period only', () => {
  const v = (placeId: number, period: string, value: number): ValueRow => ({ indicatorId: 1, placeId, period, periodType: period.includes('Q') ? 'quarter' : 'year', value });
  const latest = latestValues([v(1, '1402', 5), v(1, '1403', 6), v(2, '1402', 7), v(3, '1403Q4', 9), v(3, '1403', 8)]);
  assert.equal(latest.period, '1403', 'a year ends with its last quarter and wins the tie');
  assert.deepEqual([...latest.byPlace], [[1, 6], [3, 8]]);
  assert.equal(latestValues([]).period, null);
  assert.deepEqual(sortPeriods(['1403', '1402Q4', '1402', '1403Q1']), ['1402Q4', '1402', '1403Q1', '1403']);
});

test('how far an indicator moved towards its target', () => {
  assert.equal(towardsTarget(0, 55, 100), 55);
  assert.equal(towardsTarget(12, 14, 6), -33, 'moving away from a lower target');
  assert.equal(towardsTarget(12, 6, 6), 100);
  assert.equal(towardsTarget(null, 5, 10), null);
  assert.equal(towardsTarget(5, 5, 5), null);
});
