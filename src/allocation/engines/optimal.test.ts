// The optimal engine: hand-checked knapsacks, each constraint binding, infeasible constraints
// named, the tie-break rule, and properties against a brute-force search written here
// independently of the engine (its own constraint check, its own ordering of the ties).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { optimal } from './optimal.ts';
import type { AllocationInput, AllocationResult, Constraints, Project } from './types.ts';

const outcome = (r: AllocationResult, id: string) => r.outcomes.find((o) => o.id === id)!;
const names = (r: AllocationResult) => (r.infeasible ?? []).map((i) => i.constraint).sort();

// ---------------------------------------------------------------------------------------------
// Brute force: every subset, checked constraint by constraint.

function holds(input: AllocationInput, chosen: readonly Project[]): boolean {
  const cons: Constraints = input.constraints ?? {};
  const ids = new Set(chosen.map((p) => p.id));
  const sum = (ps: readonly Project[]) => ps.reduce((s, p) => s + p.cost, 0);
  if (sum(chosen) > input.budget) return false;
  if (chosen.some((p) => p.ineligible !== undefined)) return false;
  for (const [k, v] of Object.entries(cons.countyFloor ?? {})) if (sum(chosen.filter((p) => p.county === k)) < v) return false;
  for (const [k, v] of Object.entries(cons.countyCap ?? {})) if (sum(chosen.filter((p) => p.county === k)) > v) return false;
  for (const [k, v] of Object.entries(cons.agencyCap ?? {})) if (sum(chosen.filter((p) => p.agency === k)) > v) return false;
  // Shares are k/10 in the generator, so share × budget is exact after rounding to an integer tenth.
  const share = cons.mothersChildrenMinShare ?? 0;
  if (share > 0 && sum(chosen.filter((p) => p.mothersChildren)) * 10 < Math.round(share * 10) * input.budget) return false;
  for (const id of cons.mustFund ?? []) if (!ids.has(id)) return false;
  for (const [a, b] of cons.incompatible ?? []) if (ids.has(a) && ids.has(b)) return false;
  return true;
}

interface Best {
  value: number;
  cost: number;
  ids: string[];
}

/**
 * The documented rule, by enumeration: greatest value, then least cost, then the selection that
 * includes the earliest id where two differ. Projects with neither value nor cost are never
 * chosen unless they must be funded. `forced` restricts to subsets containing that project.
 */
function bruteForce(input: AllocationInput, forced?: string): Best | null {
  const ps = [...input.projects].sort((a, b) => (a.id < b.id ? -1 : 1));
  const must = new Set(input.constraints?.mustFund ?? []);
  let best: { value: number; cost: number; mask: number } | null = null;
  for (let mask = 0; mask < 1 << ps.length; mask++) {
    const chosen = ps.filter((_, i) => mask & (1 << i));
    if (forced !== undefined && !chosen.some((p) => p.id === forced)) continue;
    if (chosen.some((p) => (p.value ?? 0) === 0 && p.cost === 0 && !must.has(p.id))) continue;
    if (!holds(input, chosen)) continue;
    const value = chosen.reduce((s, p) => s + (p.value ?? 0), 0);
    const cost = chosen.reduce((s, p) => s + p.cost, 0);
    if (best === null || value > best.value || (value === best.value && (cost < best.cost || (cost === best.cost && earlierFirst(mask, best.mask, ps.length))))) {
      best = { value, cost, mask };
    }
  }
  return best && { value: best.value, cost: best.cost, ids: ps.filter((_, i) => best!.mask & (1 << i)).map((p) => p.id) };
}

/** Whether selection a includes the earliest project where a and b differ. */
function earlierFirst(a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    if ((a & bit) !== (b & bit)) return (a & bit) !== 0;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

describe('small knapsacks checked by hand', () => {
  test('greedy by value would take the 7 and stop; the optimum is 5 + 5', async () => {
    const r = await optimal({
      budget: 10,
      projects: [
        { id: 'a', cost: 6, value: 7 },
        { id: 'b', cost: 5, value: 5 },
        { id: 'c', cost: 5, value: 5 },
        { id: 'd', cost: 11, value: 50 },
        { id: 'e', cost: 1, value: 0 },
      ],
    });
    assert.equal(r.method, 'optimal');
    assert.deepEqual(r.selected, ['b', 'c']);
    assert.equal(r.spent, 10);
    assert.equal(r.detail?.totalValue, 10);
    assert.deepEqual(outcome(r, 'b'), { id: 'b', selected: true, reason: 'selected', detail: { value: 5, cost: 5 } });
    // Forced in, the best left is a alone: 7, so 3 less; adding it to {b, c} breaks the budget.
    assert.deepEqual(outcome(r, 'a').detail, { valueLoss: 3, blockedBy: 'budget' });
    assert.equal(outcome(r, 'a').reason, 'not_optimal');
    assert.deepEqual(outcome(r, 'd'), { id: 'd', selected: false, reason: 'constraint', detail: { constraint: 'budget', cost: 11, budget: 10 } });
    assert.equal(outcome(r, 'e').reason, 'zero_value');
  });

  test('selected ids come back in input order, and outcomes follow the input', async () => {
    const r = await optimal({ budget: 10, projects: [{ id: 'z', cost: 3, value: 3 }, { id: 'm', cost: 3, value: 3 }, { id: 'a', cost: 3, value: 3 }] });
    assert.deepEqual(r.selected, ['z', 'm', 'a']);
    assert.deepEqual(r.outcomes.map((o) => o.id), ['z', 'm', 'a']);
  });

  test('values with decimals are compared exactly', async () => {
    const r = await optimal({
      budget: 10,
      projects: [
        { id: 'a', cost: 5, value: 0.1 },
        { id: 'b', cost: 5, value: 0.2 },
        { id: 'c', cost: 10, value: 0.3 },
      ],
    });
    // 0.1 + 0.2 and 0.3 tie exactly (not in floating point); the tie goes to the cheaper... both
    // cost 10, so to id order: {a, b} includes a, the earliest id.
    assert.deepEqual(r.selected, ['a', 'b']);
    assert.equal(r.detail?.totalValue, 0.3);
    assert.deepEqual(outcome(r, 'c').detail, { valueLoss: 0, extraCost: 0, tieBreak: 'id_order', blockedBy: 'budget' });
  });

  test('ballots make the value the number of approvals', async () => {
    const r = await optimal({
      budget: 10,
      projects: [
        { id: 'a', cost: 6, value: 100 },
        { id: 'b', cost: 5, value: 1 },
        { id: 'c', cost: 5, value: 1 },
      ],
      ballots: [['a'], ['b', 'c'], ['b', 'c', 'x'], ['c', 'c']],
    });
    assert.equal(r.detail?.valueMeasure, 'approvals');
    assert.deepEqual(r.selected, ['b', 'c']);
    assert.deepEqual(outcome(r, 'c').detail, { value: 3, cost: 5 });
  });

  test('ineligible projects are left out and say why', async () => {
    const r = await optimal({ budget: 10, projects: [{ id: 'a', cost: 5, value: 9, ineligible: 'withdrawn' }, { id: 'b', cost: 5, value: 1 }] });
    assert.deepEqual(r.selected, ['b']);
    assert.deepEqual(outcome(r, 'a'), { id: 'a', selected: false, reason: 'ineligible', detail: { why: 'withdrawn' } });
  });

  test('no projects: nothing selected, nothing spent', async () => {
    const r = await optimal({ budget: 10, projects: [] });
    assert.deepEqual([r.selected, r.spent, r.outcomes], [[], 0, []]);
  });

  test('invalid input is refused', async () => {
    await assert.rejects(optimal({ budget: 1.5, projects: [] }), RangeError);
    await assert.rejects(optimal({ budget: 10, projects: [{ id: 'a', cost: -1, value: 1 }] }), RangeError);
    await assert.rejects(optimal({ budget: 10, projects: [{ id: 'a', cost: 1 }, { id: 'a', cost: 2 }] }), /duplicate/);
    await assert.rejects(optimal({ budget: 10, projects: [{ id: 'a', cost: 1, value: Number.NaN }] }), RangeError);
    await assert.rejects(optimal({ budget: 10, projects: [{ id: 'a', cost: 1 }], constraints: { mothersChildrenMinShare: 1.5 } }), RangeError);
    await assert.rejects(optimal({ budget: 10, projects: [{ id: 'a', cost: 1 }], constraints: { incompatible: [['a', 'a']] } }), RangeError);
  });
});

describe('each constraint binding', () => {
  const base: Project[] = [
    { id: 'x1', cost: 4, value: 1, county: 'x', agency: 'health' },
    { id: 'y1', cost: 5, value: 10, county: 'y', agency: 'welfare' },
    { id: 'y2', cost: 5, value: 9, county: 'y', agency: 'welfare', mothersChildren: true },
    { id: 'y3', cost: 1, value: 1, county: 'y', agency: 'health' },
  ];
  const run = (constraints: Constraints) => optimal({ budget: 10, projects: base, constraints });

  test('unconstrained: the two valuable ones', async () => {
    assert.deepEqual((await run({})).selected, ['y1', 'y2']);
  });

  test('county floor: x must get 4, which leaves room for one of y', async () => {
    const r = await run({ countyFloor: { x: 4 } });
    assert.deepEqual(r.selected, ['x1', 'y1', 'y3']);
    assert.equal(r.spent, 10);
    assert.equal(outcome(r, 'y2').reason, 'not_optimal');
    assert.equal(outcome(r, 'y2').detail?.valueLoss, 1);
  });

  test('county cap: y may get at most 6', async () => {
    const r = await run({ countyCap: { y: 6 } });
    assert.deepEqual(r.selected, ['x1', 'y1', 'y3']);
    assert.equal(outcome(r, 'y2').detail?.blockedBy, 'countyCap:y');
  });

  test('a cap a project cannot fit under beside the must-funds is a constraint, not a choice', async () => {
    const capped = await run({ countyCap: { y: 5 }, mustFund: ['y3'] });
    assert.deepEqual(outcome(capped, 'y1'), { id: 'y1', selected: false, reason: 'constraint', detail: { constraint: 'countyCap:y', cost: 5, cap: 5, mustFundCost: 1 } });
  });

  test('mothers-and-children share: half of 10 must go to y2, the only such plan', async () => {
    const r = await run({ mothersChildrenMinShare: 0.5 });
    assert.ok(r.selected.includes('y2'));
    const none = await optimal({ budget: 10, projects: base.map((p) => ({ ...p, mothersChildren: false })), constraints: { mothersChildrenMinShare: 0.5 } });
    assert.deepEqual(names(none), ['mothersChildrenMinShare']);
  });

  test('agency cap: welfare at most 5', async () => {
    const r = await run({ agencyCap: { welfare: 5 } });
    assert.deepEqual(r.selected, ['x1', 'y1', 'y3']);
    assert.equal(outcome(r, 'y2').detail?.blockedBy, 'agencyCap:welfare');
  });

  test('must-fund: x1 is funded although it is worth little', async () => {
    const r = await run({ mustFund: ['x1'] });
    assert.deepEqual(r.selected, ['x1', 'y1', 'y3']);
    assert.deepEqual(outcome(r, 'x1').detail, { value: 1, cost: 4, mustFund: 'yes' });
  });

  test('incompatible pair: y1 and y2 not both', async () => {
    const r = await run({ incompatible: [['y1', 'y2']] });
    assert.deepEqual(r.selected, ['x1', 'y1', 'y3']);
    assert.equal(outcome(r, 'y2').detail?.blockedBy, 'incompatible:y1,y2');
    const withMust = await run({ incompatible: [['y1', 'y2']], mustFund: ['y2'] });
    assert.deepEqual(outcome(withMust, 'y1'), { id: 'y1', selected: false, reason: 'constraint', detail: { constraint: 'incompatible:y1,y2', with: 'y2' } });
  });
});

describe('infeasible constraints are named', () => {
  const ps: Project[] = [
    { id: 'a', cost: 3, value: 5, county: 'x' },
    { id: 'b', cost: 3, value: 5, county: 'x' },
    { id: 'c', cost: 6, value: 5, county: 'y', mothersChildren: true },
  ];

  test("a category's floor above what its projects cost (Toulouse 2022 at 50%)", async () => {
    const r = await optimal({ budget: 20, projects: ps, constraints: { countyFloor: { y: 7 } } });
    assert.equal(r.spent, 0);
    assert.deepEqual(r.selected, []);
    assert.deepEqual(r.infeasible, [{ constraint: 'countyFloor:y', detail: { kind: 'floor_above_available', floor: 7, available: 6, conflict: 1 } }]);
    assert.ok(r.outcomes.every((o) => o.reason === 'constraint' && o.detail?.constraint === 'infeasible'));
  });

  test('must-funds over the budget', async () => {
    const r = await optimal({ budget: 8, projects: ps, constraints: { mustFund: ['c', 'a'] } });
    assert.deepEqual(names(r), ['budget', 'mustFund:a', 'mustFund:c']);
    assert.deepEqual(r.infeasible![0]!.detail, { kind: 'must_fund_over_budget', budget: 8, mustFundCost: 9, conflict: 1 });
  });

  test('two must-funds that are incompatible', async () => {
    const r = await optimal({ budget: 20, projects: ps, constraints: { mustFund: ['a', 'b'], incompatible: [['b', 'a']] } });
    assert.deepEqual(names(r), ['incompatible:b,a', 'mustFund:a', 'mustFund:b']);
  });

  test('floors together above the budget, a floor above its cap, and an unknown must-fund: all reported', async () => {
    const r = await optimal({ budget: 8, projects: ps, constraints: { countyFloor: { x: 5, y: 6 }, countyCap: { x: 4 }, mustFund: ['ghost'] } });
    const conflicts = new Map<number, string[]>();
    for (const i of r.infeasible!) conflicts.set(Number(i.detail.conflict), [...(conflicts.get(Number(i.detail.conflict)) ?? []), i.constraint]);
    assert.deepEqual([...conflicts.values()].map((c) => c.sort()), [['mustFund:ghost'], ['countyCap:x', 'countyFloor:x'], ['budget', 'countyFloor:x', 'countyFloor:y']]);
  });

  test('a conflict only the solver finds: the floor needs both x projects, which are incompatible', async () => {
    const r = await optimal({ budget: 20, projects: ps, constraints: { countyFloor: { x: 5 }, incompatible: [['a', 'b']] } });
    assert.deepEqual(names(r), ['countyFloor:x', 'incompatible:a,b']);
    assert.ok(r.infeasible!.every((i) => i.detail.kind === 'conflict' && i.detail.conflict === 1));
  });

  test('a conflict only the solver finds: the floor needs 6, the budget is 5', async () => {
    const r = await optimal({ budget: 5, projects: ps, constraints: { countyFloor: { x: 5 } } });
    assert.deepEqual(names(r), ['budget', 'countyFloor:x']);
  });

  test('a project that no selection can include is explained by the constraints that stop it', async () => {
    // Forcing b in rules out a (incompatible), and x's floor then cannot be met.
    const r = await optimal({
      budget: 20,
      projects: [
        { id: 'a', cost: 5, value: 1, county: 'x' },
        { id: 'b', cost: 1, value: 3, county: 'z' },
        { id: 'c', cost: 2, value: 1, county: 'x' },
      ],
      constraints: { countyFloor: { x: 5 }, incompatible: [['a', 'b']] },
    });
    assert.deepEqual(r.selected, ['a', 'c']);
    assert.deepEqual(outcome(r, 'b'), { id: 'b', selected: false, reason: 'constraint', detail: { constraint: 'countyFloor:x & incompatible:a,b', kind: 'forced_infeasible' } });
  });
});

describe('determinism and ties', () => {
  const input: AllocationInput = {
    budget: 10,
    projects: ['p4', 'p1', 'p3', 'p2'].map((id) => ({ id, cost: 5, value: 5 })),
  };

  test('equal value and cost: the earliest ids win', async () => {
    const r = await optimal(input);
    assert.deepEqual(r.selected, ['p1', 'p2']);
    assert.deepEqual(outcome(r, 'p3').detail, { valueLoss: 0, extraCost: 0, tieBreak: 'id_order', blockedBy: 'budget' });
  });

  test('equal value: the cheaper selection wins', async () => {
    const r = await optimal({ budget: 6, projects: [{ id: 'a', cost: 6, value: 4 }, { id: 'b', cost: 2, value: 2 }, { id: 'c', cost: 2, value: 2 }] });
    assert.deepEqual(r.selected, ['b', 'c']);
    assert.deepEqual(outcome(r, 'a').detail, { valueLoss: 0, extraCost: 2, blockedBy: 'budget' });
  });

  test('same input, same output; permuted input, same selection and explanations', async () => {
    const r1 = await optimal(input);
    const r2 = await optimal(input);
    assert.deepEqual(r1, r2);
    const reversed = await optimal({ ...input, projects: [...input.projects].reverse() });
    assert.deepEqual(new Set(reversed.selected), new Set(r1.selected));
    const byId = (r: AllocationResult) => Object.fromEntries(r.outcomes.map((o) => [o.id, o]));
    assert.deepEqual(byId(reversed), byId(r1));
  });
});

// ---------------------------------------------------------------------------------------------
// Properties on random small instances.

const arbInput: fc.Arbitrary<AllocationInput> = fc
  .record({
    rows: fc.array(
      fc.record({
        cost: fc.integer({ min: 0, max: 12 }),
        value: fc.integer({ min: 0, max: 8 }),
        county: fc.constantFrom('x', 'y', null),
        agency: fc.constantFrom('a', 'b', null),
        mothersChildren: fc.boolean(),
        ineligible: fc.constantFrom(undefined, undefined, undefined, undefined, 'withdrawn'),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    budget: fc.integer({ min: 0, max: 40 }),
    floorX: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined, freq: 2 }),
    capY: fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined, freq: 2 }),
    agencyCapA: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined, freq: 2 }),
    tenths: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined, freq: 2 }),
    must: fc.array(fc.nat(20), { maxLength: 1 }),
    pairs: fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { maxLength: 3 }),
  })
  .map(({ rows, budget, floorX, capY, agencyCapA, tenths, must, pairs }) => {
    const projects: Project[] = rows.map(({ ineligible, ...r }, i) => ({ id: `p${String(i).padStart(2, '0')}`, ...r, ...(ineligible ? { ineligible } : {}) }));
    const id = (k: number) => projects[k % projects.length]!.id;
    const constraints: Constraints = {
      ...(floorX === undefined ? {} : { countyFloor: { x: floorX } }),
      ...(capY === undefined ? {} : { countyCap: { y: capY } }),
      ...(agencyCapA === undefined ? {} : { agencyCap: { a: agencyCapA } }),
      ...(tenths === undefined ? {} : { mothersChildrenMinShare: tenths / 10 }),
      mustFund: [...new Set(must.map(id))],
      incompatible: pairs.map(([a, b]) => [id(a), id(b)] as [string, string]).filter(([a, b]) => a !== b),
    };
    return { budget, projects, constraints };
  });

describe('properties against brute force', () => {
  test('feasible exactly when brute force finds a selection; then same value, same tie-broken selection, constraints hold', async () => {
    await fc.assert(
      fc.asyncProperty(arbInput, async (input) => {
        const r = await optimal(input);
        const best = bruteForce(input);
        if (best === null) {
          assert.ok(r.infeasible && r.infeasible.length > 0, 'should be infeasible');
          assert.equal(r.spent, 0);
          assert.deepEqual(r.selected, []);
          return;
        }
        assert.equal(r.infeasible, undefined);
        const chosen = input.projects.filter((p) => r.selected.includes(p.id));
        assert.ok(holds(input, chosen), 'constraints hold');
        assert.ok(r.spent <= input.budget);
        assert.equal(r.spent, chosen.reduce((s, p) => s + p.cost, 0));
        assert.equal(r.detail?.totalValue, best.value);
        assert.deepEqual([...r.selected].sort(), best.ids);
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });

  test('every explanation is true: losses match the forced optimum, constraints really block', async () => {
    await fc.assert(
      fc.asyncProperty(arbInput, async (input) => {
        const r = await optimal(input);
        const best = bruteForce(input);
        if (best === null) return;
        for (const o of r.outcomes) {
          const p = input.projects.find((q) => q.id === o.id)!;
          if (o.selected) continue;
          const forced = bruteForce(input, o.id);
          if (o.reason === 'constraint') assert.equal(forced, null, `${o.id} is said to be blocked`);
          else if (o.reason === 'ineligible') assert.ok(p.ineligible !== undefined);
          else if (o.reason === 'zero_value') assert.equal(p.value ?? 0, 0);
          else {
            assert.equal(o.reason, 'not_optimal');
            assert.ok(forced !== null, `${o.id}: forcing it in is feasible`);
            const loss: number = best.value - forced.value;
            // Small rounds re-solve every open project, so the loss is exact.
            assert.equal(o.detail?.valueLoss, loss, `${o.id} valueLoss`);
            // On a tie in value, the cheapest selection with it costs this much more.
            if (loss === 0) assert.equal(o.detail?.extraCost, forced.cost - best.cost);
          }
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  test('bounds instead of re-solves are still true, and the result does not depend on input order', async () => {
    await fc.assert(
      fc.asyncProperty(arbInput, fc.integer({ min: 1, max: 1000 }), async (input, salt) => {
        const r = await optimal(input, { exactExplanations: 0 });
        const best = bruteForce(input);
        if (best === null) return;
        for (const o of r.outcomes) {
          if (o.reason !== 'not_optimal') continue;
          const forced = bruteForce(input, o.id);
          if (forced === null) {
            // Not proven blocked without a re-solve: only a lower bound may be claimed.
            assert.equal(o.detail?.valueLoss, undefined);
            assert.equal(o.detail?.valueLossAtMost, undefined);
            continue;
          }
          const loss: number = best.value - forced.value;
          if (o.detail?.valueLoss !== undefined) assert.equal(o.detail.valueLoss, loss);
          else {
            assert.ok(Number(o.detail?.valueLossAtLeast) <= loss, `${o.id}: at least`);
            if (o.detail?.valueLossAtMost !== undefined) assert.ok(loss <= Number(o.detail.valueLossAtMost), `${o.id}: at most`);
          }
        }
        const shuffled = [...input.projects].sort((a, b) => ((a.id.charCodeAt(2) * salt) % 7) - ((b.id.charCodeAt(2) * salt) % 7));
        const r2 = await optimal({ ...input, projects: shuffled }, { exactExplanations: 0 });
        assert.deepEqual([...r2.selected].sort(), [...r.selected].sort());
        const byId = (x: AllocationResult) => Object.fromEntries(x.outcomes.map((o) => [o.id, o]));
        assert.deepEqual(byId(r2), byId(r));
      }),
      { numRuns: 100, seed: 99 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Mid-size rounds, beyond brute force: the value must equal that of HiGHS run plainly (default
// search, no start, no fixing) on a model written here independently, in CPLEX LP text with
// index-based names, with costs in rials as in production (10^9-scale coefficients).

type LegacySolve = (lp: string, options?: Record<string, unknown>) => { Status: string; ObjectiveValue: number };
let plainSolver: Promise<LegacySolve> | undefined;

async function plainHighs(): Promise<LegacySolve> {
  plainSolver ??= (async () => {
    const mod: unknown = (await import('highs')).default;
    const loader = (typeof mod === 'function' ? mod : (mod as { default: unknown }).default) as () => Promise<{ solve: LegacySolve }>;
    const highs = await loader();
    return (lp, options) => highs.solve(lp, options);
  })();
  return plainSolver;
}

function lpText(input: AllocationInput, forced?: string): string {
  const ps = input.projects;
  const x = (i: number) => `x${i}`;
  const sum = (pick: (p: Project) => boolean) => ps.map((p, i) => (pick(p) && p.cost > 0 ? `+ ${p.cost} ${x(i)}` : '')).filter(Boolean).join(' ') || `0 ${x(0)}`;
  const cons = input.constraints ?? {};
  const rows = [`budget: ${sum(() => true)} <= ${input.budget}`];
  for (const [k, v] of Object.entries(cons.countyFloor ?? {})) rows.push(`f_${k}: ${sum((p) => p.county === k)} >= ${v}`);
  for (const [k, v] of Object.entries(cons.countyCap ?? {})) rows.push(`c_${k}: ${sum((p) => p.county === k)} <= ${v}`);
  for (const [k, v] of Object.entries(cons.agencyCap ?? {})) rows.push(`a_${k}: ${sum((p) => p.agency === k)} <= ${v}`);
  if (cons.mothersChildrenMinShare) rows.push(`mc: ${sum((p) => p.mothersChildren === true)} >= ${Math.ceil(cons.mothersChildrenMinShare * input.budget - 1e-6)}`);
  const index = new Map(ps.map((p, i) => [p.id, i]));
  (cons.incompatible ?? []).forEach(([a, b], k) => rows.push(`i${k}: ${x(index.get(a)!)} + ${x(index.get(b)!)} <= 1`));
  const fixed = new Set([...(cons.mustFund ?? []), ...(forced === undefined ? [] : [forced])]);
  const bounds = ps.map((p, i) => (fixed.has(p.id) ? ` ${x(i)} = 1` : p.ineligible !== undefined ? ` ${x(i)} = 0` : '')).filter(Boolean);
  return [
    'Maximize',
    ` obj: ${ps.map((p, i) => `+ ${p.value ?? 0} ${x(i)}`).join(' ')}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    ...(bounds.length ? ['Bounds', ...bounds] : []),
    'Binaries',
    ` ${ps.map((_, i) => x(i)).join(' ')}`,
    'End',
  ].join('\n');
}

async function plainOptimum(input: AllocationInput, forced?: string): Promise<number | null> {
  const solve = await plainHighs();
  const r = solve(lpText(input, forced), { mip_rel_gap: 0, mip_abs_gap: 0.5, output_flag: false });
  if (r.Status === 'Infeasible') return null;
  assert.equal(r.Status, 'Optimal');
  return Math.round(r.ObjectiveValue);
}

const arbRound: fc.Arbitrary<AllocationInput> = fc
  .record({
    rows: fc.array(
      fc.record({
        millions: fc.integer({ min: 50, max: 5000 }),
        value: fc.integer({ min: 0, max: 10_000 }),
        county: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
        agency: fc.constantFrom('health', 'welfare', 'education'),
        mothersChildren: fc.boolean(),
      }),
      { minLength: 30, maxLength: 60 },
    ),
    budgetShare: fc.integer({ min: 15, max: 60 }),
    floorShare: fc.integer({ min: 0, max: 15 }),
    capShare: fc.integer({ min: 20, max: 60 }),
    mcTenths: fc.integer({ min: 0, max: 3 }),
    must: fc.array(fc.nat(100), { maxLength: 2 }),
    pairs: fc.array(fc.tuple(fc.nat(100), fc.nat(100)), { maxLength: 4 }),
  })
  .map(({ rows, budgetShare, floorShare, capShare, mcTenths, must, pairs }) => {
    const projects: Project[] = rows.map(({ millions, ...r }, i) => ({ id: `plan-${i}`, cost: millions * 1_000_000, ...r }));
    const total = projects.reduce((s, p) => s + p.cost, 0);
    const budget = Math.round((total * budgetShare) / 100 / 1e6) * 1e6;
    const id = (k: number) => projects[k % projects.length]!.id;
    const counties = ['c1', 'c2', 'c3', 'c4'];
    return {
      budget,
      projects,
      constraints: {
        countyFloor: Object.fromEntries(counties.map((k) => [k, Math.round((budget * floorShare) / 100)])),
        countyCap: { c1: Math.round((budget * capShare) / 100) },
        agencyCap: { welfare: Math.round((budget * capShare) / 100) },
        ...(mcTenths ? { mothersChildrenMinShare: mcTenths / 10 } : {}),
        mustFund: [...new Set(must.map(id))],
        incompatible: pairs.map(([a, b]) => [id(a), id(b)] as [string, string]).filter(([a, b]) => a !== b),
      },
    };
  });

describe('mid-size rounds against a plain HiGHS solve', () => {
  test('same optimum value, constraints hold, and the loss bounds bracket the true loss', async () => {
    await fc.assert(
      fc.asyncProperty(arbRound, async (input) => {
        const r = await optimal(input, { exactExplanations: 2 });
        const reference = await plainOptimum(input);
        if (reference === null) {
          assert.ok(r.infeasible && r.infeasible.length > 0);
          return;
        }
        assert.equal(r.infeasible, undefined);
        assert.equal(r.detail?.totalValue, reference);
        const chosen = input.projects.filter((p) => r.selected.includes(p.id));
        assert.ok(holds(input, chosen));
        // A few explanations, checked against the plain solver with the project forced in.
        const open = r.outcomes.filter((o) => o.reason === 'not_optimal' || o.reason === 'constraint').slice(0, 4);
        for (const o of open) {
          const forced = await plainOptimum(input, o.id);
          if (o.reason === 'constraint') {
            assert.equal(forced, null, `${o.id} is said to be blocked`);
            continue;
          }
          if (forced === null) {
            assert.equal(o.detail?.valueLossAtMost, undefined);
            assert.equal(o.detail?.valueLoss, undefined);
            continue;
          }
          const loss: number = reference - forced;
          if (o.detail?.valueLoss !== undefined) assert.equal(o.detail.valueLoss, loss, `${o.id} valueLoss`);
          else {
            assert.ok(Number(o.detail?.valueLossAtLeast) <= loss, `${o.id} at least`);
            if (o.detail?.valueLossAtMost !== undefined) assert.ok(loss <= Number(o.detail.valueLossAtMost), `${o.id} at most`);
          }
        }
      }),
      { numRuns: 12, seed: 4242 },
    );
  });
});
