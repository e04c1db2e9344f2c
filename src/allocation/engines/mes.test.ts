// Method of Equal Shares: small cases checked by hand, D'Hondt as a special case (reference §4.2),
// tie-breaking, and properties, including agreement with a deliberately naive exact
// implementation written here (one rational per voter, no levels, no doubles).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MesTieError, mes, mesAdd1, type MesTieRule } from './mes.ts';
import type { AllocationInput } from './types.ts';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('hand-checked cases', () => {
  // 2 voters, budget 100 (50 each). A costs 60, approved by both: 30 each, 2 effective votes.
  // B costs 40, approved by voter 1 only: 1 effective vote. A first; voter 1 is left with
  // 20 < 40, so B is unaffordable and 40 of the budget is left.
  const twoVoters: AllocationInput = {
    budget: 100,
    projects: [{ id: 'A', cost: 60 }, { id: 'B', cost: 40 }, { id: 'C', cost: 10 }],
    ballots: [['A', 'B'], ['A']],
  };

  test('plain MES: A is paid 30 + 30; B is then short (its supporter holds 20)', () => {
    const r = mes(twoVoters);
    assert.equal(r.method, 'mes');
    assert.deepEqual(r.selected, ['A']);
    assert.equal(r.spent, 60);
    assert.deepEqual(r.outcomes[0], {
      id: 'A', selected: true, reason: 'selected', rank: 1,
      detail: { approvals: 2, cost: 60, maxPayment: 30, effectiveVotes: 2, fullPayers: 2, partialPayers: 0 },
    });
    assert.deepEqual(r.outcomes[1], { id: 'B', selected: false, reason: 'supporters_short', detail: { approvals: 1, cost: 40, supportersMoney: 20 } });
    assert.deepEqual(r.outcomes[2], { id: 'C', selected: false, reason: 'no_support', detail: { approvals: 0 } });
    assert.equal(r.detail?.endowment, 50);
  });

  test('Add1: at 70 per voter, voter 1 keeps 40 after A and buys B; nothing supported is left', () => {
    for (const add1Variant of ['pabulib', 'exhaustive'] as const) {
      const r = mesAdd1(twoVoters, { add1Variant });
      assert.equal(r.method, 'mes-add1');
      assert.deepEqual(r.selected, ['A', 'B'], add1Variant);
      assert.equal(r.spent, 100);
      assert.equal(r.detail?.endowment, 70, add1Variant);
      assert.equal(r.detail?.add1Steps, 20, add1Variant);
    }
  });

  test('utilitarian completion adds what fits by approvals, unsupported projects included', () => {
    const r = mes({ ...twoVoters, budget: 110 }, { completion: 'utilitarian' });
    // V = 110: 55 each; A leaves voter 1 with 25 < 40. Completion: B (1 approval, 40 fits in 50), then C (0, 10 fits).
    assert.deepEqual(r.selected, ['A', 'B', 'C']);
    assert.equal(r.outcomes[1]!.detail?.by, 'utilitarian');
    assert.equal(r.outcomes[2]!.rank, 3);
  });

  test('a supporter short of the equal share pays all she has; the others share the rest', () => {
    // 4 voters, budget 120 (30 each). Y (66) by voters 1, 3, 4: 22 each, 3 effective votes.
    // X (36) by voters 1, 2: 18 each, 2 effective votes. Y first; voter 1 is left with 8.
    // X then: voter 1 cannot pay 18, pays her 8; voter 2 pays the other 28 (p = 28, 36/28 votes).
    const r = mes({ budget: 120, projects: [{ id: 'X', cost: 36 }, { id: 'Y', cost: 66 }], ballots: [['X', 'Y'], ['X'], ['Y'], ['Y']] });
    assert.deepEqual(r.selected, ['Y', 'X']);
    assert.equal(r.spent, 102);
    assert.deepEqual(r.outcomes[0]!.detail, { approvals: 2, cost: 36, maxPayment: 28, effectiveVotes: 36 / 28, fullPayers: 1, partialPayers: 1 });
    assert.deepEqual(r.outcomes[1]!.detail, { approvals: 3, cost: 66, maxPayment: 22, effectiveVotes: 3, fullPayers: 3, partialPayers: 0 });
  });

  test("D'Hondt is the special case of party lists with equal costs", () => {
    // 10 voters: 6 approve party A's 10 projects, 3 party B's, 1 party C's; each project costs 10,
    // budget 70 (7 seats). D'Hondt quotients 6, 3, 3, 2, 1.5, 1.5, 1.2 give A 5 seats and B 2.
    // Plain MES (7 each) affords only 4 + 2; Add1 reaches 9 each, where A buys 5, B 2, C none.
    const A = ids('A', 10), B = ids('B', 10), C = ids('C', 10);
    const input: AllocationInput = {
      budget: 70,
      projects: [...A, ...B, ...C].map((id) => ({ id, cost: 10 })),
      ballots: [...Array(6).fill(A), ...Array(3).fill(B), C],
    };
    assert.deepEqual(mes(input).selected, ['A1', 'A2', 'A3', 'A4', 'B1', 'B2']);
    const r = mesAdd1(input);
    assert.deepEqual(r.selected, ['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2']);
    assert.equal(r.detail?.endowment, 9);
    assert.equal(r.spent, 70);
  });

  test('exact arithmetic: supporters who can exactly afford a project (thirds) fund it', () => {
    const r = mes({ budget: 10, projects: [{ id: 'P', cost: 10 }, { id: 'Q', cost: 1 }], ballots: [['P', 'Q'], ['P', 'Q'], ['P', 'Q']] });
    // Both have 3 effective votes (10/3 and 1/3 each): a tie, broken by the lower cost → Q first.
    // Then P needs 10 from 3 voters holding 3 each: short.
    assert.deepEqual(r.selected, ['Q']);
    const only = mes({ budget: 10, projects: [{ id: 'P', cost: 10 }], ballots: [['P'], ['P'], ['P']] });
    assert.deepEqual(only.selected, ['P']);
    assert.equal(only.spent, 10);
    assert.equal(only.detail?.endowmentExact, '10/3');
  });

  test('ineligible projects are left out of MES and of its completions', () => {
    const r = mes({ ...twoVoters, projects: twoVoters.projects.map((p) => (p.id === 'A' ? { ...p, ineligible: 'withdrawn' } : p)) }, { completion: 'add1u' });
    assert.ok(!r.selected.includes('A'));
    assert.equal(r.outcomes[0]!.reason, 'ineligible');
  });

  test('no ballots: nothing is funded, every project has no support', () => {
    const r = mes({ budget: 10, projects: [{ id: 'a', cost: 1 }] });
    assert.deepEqual(r.selected, []);
    assert.equal(r.outcomes[0]!.reason, 'no_support');
  });
});

describe('tie-breaking', () => {
  // 2 voters, 50 each: X (50) by voter 1 and Y (40) by voter 2 both have 1 effective vote.
  const tie: AllocationInput = { budget: 100, projects: [{ id: 'X', cost: 50 }, { id: 'Y', cost: 40 }], ballots: [['X'], ['Y']] };

  test('default: lower cost first, then more approvals, then input order', () => {
    assert.deepEqual(mes(tie).selected, ['Y', 'X']);
    assert.deepEqual(mes(tie, { tieBreaking: ['maxCost'] }).selected, ['X', 'Y']);
    assert.deepEqual(mes(tie, { tieBreaking: ['inputOrder'] }).selected, ['X', 'Y']);
    const same: AllocationInput = { budget: 100, projects: [{ id: 'X', cost: 50 }, { id: 'Y', cost: 50 }], ballots: [['X'], ['Y']] };
    assert.deepEqual(mes(same).selected, ['X', 'Y']);
    assert.deepEqual(mes({ ...same, projects: [...same.projects].reverse() }).selected, ['Y', 'X']);
  });

  test('an unresolved tie throws, naming the projects', () => {
    assert.throws(() => mes(tie, { tieBreaking: [] }), (e: unknown) => e instanceof MesTieError && e.ids.join() === 'X,Y');
    assert.throws(() => mes(tie, { tieBreaking: ['maxVotes'] }), MesTieError);
  });
});

test('comparison step: greedy is returned when more voters prefer it', () => {
  // 3 voters, budget 90. Big (90) approved by voters 1 and 2; s1, s2 (30 each) by voter 3 only.
  // MES: Big is short (60 < 90); s1 and s2 are 1 effective vote each, voter 3 pays 30 for one.
  // Greedy by approvals funds Big (2 approvals): voters 1 and 2 prefer greedy, voter 3 MES → greedy.
  const input: AllocationInput = { budget: 90, projects: [{ id: 'Big', cost: 90 }, { id: 's1', cost: 30 }, { id: 's2', cost: 30 }], ballots: [['Big'], ['Big'], ['s1', 's2']] };
  assert.deepEqual(mes(input).selected, ['s1']);
  const r = mes(input, { comparison: 'satisfaction' });
  assert.deepEqual(r.selected, ['Big']);
  assert.equal(r.method, 'mes');
  assert.equal(r.detail?.kept, 'greedy');
  assert.equal(r.detail?.prefersGreedy, 2);
  assert.equal(r.detail?.prefersMes, 1);
});

// ---------------------------------------------------------------------------------------------
// A naive exact reference: every voter's money is its own fraction; each round prices every
// project by sorting its supporters; no levels, no doubles, no pruning.

type F = [bigint, bigint];
const g = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : g(b, a % b));
const f = (n: bigint, d: bigint): F => {
  const k = g(n, d) || 1n;
  return d < 0n ? [-n / k, -d / k] : [n / k, d / k];
};
const sub = (a: F, b: F) => f(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const cmp = (a: F, b: F) => Number(a[0] * b[1] - b[0] * a[1] > 0n) - Number(a[0] * b[1] - b[0] * a[1] < 0n);

function naiveMes(input: AllocationInput, rules: readonly MesTieRule[]): string[] {
  const n = input.ballots!.length;
  const money: F[] = input.ballots!.map(() => f(BigInt(input.budget), BigInt(n)));
  const supporters = input.projects.map((p) => input.ballots!.flatMap((b, i) => (b.includes(p.id) ? [i] : [])));
  const left = new Set(input.projects.map((_, i) => i).filter((i) => input.projects[i]!.cost > 0 && supporters[i]!.length > 0));
  const out: string[] = [];
  for (;;) {
    let best: number[] = [];
    let bestPay: F | null = null; // pay/cost, smaller is better
    for (const c of left) {
      const cost = BigInt(input.projects[c]!.cost);
      const s = [...supporters[c]!].sort((a, b) => cmp(money[a]!, money[b]!));
      let rest: F = [cost, 1n];
      let k = s.length;
      let pay: F | null = null;
      for (const i of s) {
        const share = f(rest[0], rest[1] * BigInt(k));
        if (cmp(share, money[i]!) > 0) {
          rest = sub(rest, money[i]!);
          k--;
        } else {
          pay = share;
          break;
        }
      }
      if (!pay) continue;
      const key = f(pay[0], pay[1] * cost);
      const c0 = bestPay ? cmp(key, bestPay) : -1;
      if (c0 < 0) {
        best = [c];
        bestPay = key;
      } else if (c0 === 0) best.push(c);
    }
    if (!bestPay) return out;
    for (const r of rules) {
      if (r === 'minCost') { const m = Math.min(...best.map((c) => input.projects[c]!.cost)); best = best.filter((c) => input.projects[c]!.cost === m); }
      if (r === 'maxVotes') { const m = Math.max(...best.map((c) => supporters[c]!.length)); best = best.filter((c) => supporters[c]!.length === m); }
      if (r === 'inputOrder') best = [Math.min(...best)];
    }
    const w = best[0]!;
    const pay = f(bestPay[0] * BigInt(input.projects[w]!.cost), bestPay[1]);
    for (const i of supporters[w]!) money[i] = cmp(money[i]!, pay) > 0 ? sub(money[i]!, pay) : [0n, 1n];
    left.delete(w);
    out.push(input.projects[w]!.id);
  }
}

// Small integers make exact ties and exactly-affordable projects common, which is the point.
const mesInstance = fc
  .record({
    costs: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }),
    budget: fc.integer({ min: 1, max: 120 }),
    ballots: fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }), { minLength: 1, maxLength: 9 }),
  })
  .map(({ costs, budget, ballots }): AllocationInput => ({
    budget,
    projects: costs.map((cost, i) => ({ id: `p${i}`, cost })),
    ballots: ballots.map((b) => [...new Set(b)].map((i) => `p${i}`)),
  }));

test('property: MES equals the naive exact reference, winner by winner', () => {
  fc.assert(
    fc.property(mesInstance, (input) => {
      assert.deepEqual(mes(input).selected, naiveMes(input, ['minCost', 'maxVotes', 'inputOrder']));
    }),
    { numRuns: 400 },
  );
});

test('property: every variant stays within the budget, explains every project, is deterministic', () => {
  fc.assert(
    fc.property(mesInstance, fc.constantFrom('none', 'add1', 'utilitarian', 'add1u' as const), fc.constantFrom('pabulib', 'exhaustive' as const), (input, completion, add1Variant) => {
      const r = mes(input, { completion, add1Variant });
      const cost = new Map(input.projects.map((p) => [p.id, p.cost]));
      assert.ok(r.spent <= input.budget);
      assert.equal(r.spent, r.selected.reduce((s, id) => s + cost.get(id)!, 0));
      assert.equal(new Set(r.selected).size, r.selected.length);
      assert.deepEqual(r.outcomes.map((o) => o.id), input.projects.map((p) => p.id));
      for (const o of r.outcomes) assert.equal(o.selected, o.reason === 'selected');
      if (completion === 'none' || completion === 'add1') {
        for (const o of r.outcomes) if (o.selected) assert.ok((o.detail?.approvals as number) > 0, 'MES funds only supported projects');
        // Every supporter's payments sum to at most the endowment: no project is over-paid.
        assert.ok(r.spent <= Number(r.detail?.virtualBudget) + 1e-9);
      }
      // The order of the ballots does not matter.
      assert.deepEqual(mes({ ...input, ballots: [...input.ballots!].reverse() }, { completion, add1Variant }).selected, r.selected);
    }),
    { numRuns: 300 },
  );
});
