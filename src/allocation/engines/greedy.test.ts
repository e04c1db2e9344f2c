// Greedy and greedy-no-skip: Consul's published cases (participatory-platforms reference §2.2,
// spec/models/budget/result_spec.rb), the tie rule, explanations, and properties.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { approvalCounts, greedy, greedyNoSkip } from './greedy.ts';
import type { AllocationInput, AllocationResult } from './types.ts';

/** Projects named by their vote count, as in Consul's spec tables (price / votes). */
const consul = (budget: number, rows: [number, number][]): AllocationInput => ({
  budget,
  projects: rows.map(([cost, votes]) => ({ id: `v${votes}`, cost, value: votes })),
});

describe('Consul Budget::Result cases (heading price 1000)', () => {
  test('100/500, 300/800, 200/900, 500/600 → 900, 800, 600', () => {
    const r = greedy(consul(1000, [[100, 500], [300, 800], [200, 900], [500, 600]]));
    assert.deepEqual(r.selected, ['v900', 'v800', 'v600']);
    assert.equal(r.spent, 1000);
    const v500 = r.outcomes.find((o) => o.id === 'v500')!;
    assert.equal(v500.reason, 'over_budget');
    assert.deepEqual(v500.detail, { value: 500, cost: 100, remaining: 0 });
    assert.equal(v500.rank, 4);
  });

  test('800/900, 300/800, 200/600 → 900 and 600; the 300-price project is skipped', () => {
    const r = greedy(consul(1000, [[800, 900], [300, 800], [200, 600]]));
    assert.deepEqual(r.selected, ['v900', 'v600']);
    assert.equal(r.spent, 1000);
    assert.deepEqual(r.outcomes.map((o) => o.reason), ['selected', 'over_budget', 'selected']);
    assert.equal(r.outcomes[1]!.detail?.remaining, 200);
  });

  test('greedy-no-skip stops at the 300-price project instead', () => {
    const r = greedyNoSkip(consul(1000, [[800, 900], [300, 800], [200, 600]]));
    assert.equal(r.method, 'greedy-no-skip');
    assert.deepEqual(r.selected, ['v900']);
    assert.equal(r.spent, 800);
    assert.deepEqual(r.outcomes.map((o) => o.reason), ['selected', 'over_budget', 'stopped']);
    assert.deepEqual(r.outcomes[2]!.detail, { value: 600, stoppedAt: 'v800', remaining: 200 });
  });
});

describe('ranking', () => {
  test('ballots: approvals counted once per ballot, unknown ids ignored', () => {
    const input: AllocationInput = {
      budget: 10,
      projects: [{ id: 'a', cost: 5 }, { id: 'b', cost: 5 }, { id: 'c', cost: 5 }],
      ballots: [['a', 'a', 'b'], ['b', 'zzz'], ['b', 'c'], ['c']],
    };
    assert.deepEqual(approvalCounts(input), [1, 3, 2]);
    const r = greedy(input);
    assert.deepEqual(r.selected, ['b', 'c']);
    assert.equal(r.outcomes[1]!.detail?.approvals, 3);
  });

  test('rankBy value overrides ballots (points-based pabulib files)', () => {
    const input: AllocationInput = {
      budget: 5,
      projects: [{ id: 'a', cost: 5, value: 10 }, { id: 'b', cost: 5, value: 1 }],
      ballots: [['b'], ['b']],
      rankBy: 'value',
    };
    assert.deepEqual(greedy(input).selected, ['a']);
    assert.deepEqual(greedy({ ...input, rankBy: undefined }).selected, ['b']);
  });

  test('ties keep input order', () => {
    const projects = [{ id: 'x', cost: 6, value: 3 }, { id: 'y', cost: 6, value: 3 }, { id: 'z', cost: 6, value: 3 }];
    assert.deepEqual(greedy({ budget: 12, projects }).selected, ['x', 'y']);
    assert.deepEqual(greedy({ budget: 12, projects: [...projects].reverse() }).selected, ['z', 'y']);
  });

  test('ineligible projects are left out and do not stop greedy-no-skip', () => {
    const input: AllocationInput = {
      budget: 100,
      projects: [
        { id: 'a', cost: 50, value: 9 },
        { id: 'gone', cost: 999999999, value: 8, ineligible: 'withdrawn' },
        { id: 'b', cost: 50, value: 7 },
        { id: 'few', cost: 1, value: 1, ineligible: 'below_threshold' },
      ],
    };
    const r = greedyNoSkip(input);
    assert.deepEqual(r.selected, ['a', 'b']);
    assert.deepEqual(r.outcomes[1], { id: 'gone', selected: false, reason: 'ineligible', detail: { why: 'withdrawn' } });
    assert.equal(r.outcomes[3]!.reason, 'ineligible');
  });

  test('a project with no votes is still funded when money is left (as Consul and pabulib do)', () => {
    const r = greedy({ budget: 10, projects: [{ id: 'a', cost: 5, value: 3 }, { id: 'b', cost: 5, value: 0 }] });
    assert.deepEqual(r.selected, ['a', 'b']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const instance = fc
  .record({
    costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 0, maxLength: 12 }),
    budget: fc.integer({ min: 0, max: 200 }),
    ballots: fc.array(fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 5 }), { maxLength: 20 }),
    ineligible: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    useValue: fc.boolean(),
    values: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 12, maxLength: 12 }),
  })
  .map(({ costs, budget, ballots, ineligible, useValue, values }): AllocationInput => ({
    budget,
    projects: costs.map((cost, i) => ({ id: `p${i}`, cost, value: values[i]!, ...(ineligible[i] && i % 3 === 0 ? { ineligible: 'test' } : {}) })),
    ...(useValue ? {} : { ballots: ballots.map((b) => b.map((i) => `p${i}`)) }),
  }));

function checkCommon(input: AllocationInput, r: AllocationResult): void {
  const cost = new Map(input.projects.map((p) => [p.id, p.cost]));
  assert.ok(r.spent <= input.budget, 'spent ≤ budget');
  assert.equal(r.spent, r.selected.reduce((s, id) => s + cost.get(id)!, 0), 'spent = Σ cost of the selected');
  assert.deepEqual(r.outcomes.map((o) => o.id), input.projects.map((p) => p.id), 'one outcome per project, in input order');
  assert.deepEqual(new Set(r.selected), new Set(r.outcomes.filter((o) => o.selected).map((o) => o.id)));
  for (const o of r.outcomes) assert.equal(o.selected, o.reason === 'selected');
  for (const p of input.projects) if (p.ineligible) assert.ok(!r.selected.includes(p.id), 'ineligible never selected');
}

test('property: greedy respects the budget, explains every project, skips only what does not fit', () => {
  fc.assert(
    fc.property(instance, (input) => {
      const r = greedy(input);
      checkCommon(input, r);
      // A skipped project did not fit when its turn came, so it does not fit in the final leftover.
      for (const o of r.outcomes) if (o.reason === 'over_budget') assert.ok(input.projects.find((p) => p.id === o.id)!.cost > input.budget - r.spent);
      assert.deepEqual(greedy(input), r, 'deterministic');
    }),
    { numRuns: 300 },
  );
});

test('property: greedy-no-skip funds a prefix of the ranking and is a subset of greedy', () => {
  fc.assert(
    fc.property(instance, (input) => {
      const r = greedyNoSkip(input);
      checkCommon(input, r);
      const g = greedy(input);
      assert.deepEqual(r.selected, g.selected.slice(0, r.selected.length), 'prefix of the same ranking');
      assert.ok(r.outcomes.filter((o) => o.reason === 'over_budget').length <= 1, 'at most one project stops the run');
      const ranks = r.outcomes.filter((o) => o.rank !== undefined).map((o) => o.rank!).sort((a, b) => a - b);
      assert.deepEqual(ranks, ranks.map((_, i) => i + 1), 'ranks 1..k over the eligible projects');
    }),
    { numRuns: 300 },
  );
});
