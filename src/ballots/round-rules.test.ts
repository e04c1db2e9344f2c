import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add1IncrementFor, mayDo, normalizeChoices, phaseAt, selectionProblem, settingsProblems, type RoundSettings } from './round-rules.ts';
import { formatReceipt, parseReceipt, receiptCode, receiptHash, voterIdOf } from './receipt.ts';
import { ineligibility } from './eligibility.ts';

const round = { status: 'scheduled' as const, opens_at: '2026-12-01T00:00:00.000Z', closes_at: '2026-12-08T00:00:00.000Z' };

test('a round is upcoming, open and closed by its dates whatever the stored status says', () => {
  assert.equal(phaseAt(round, new Date('2026-11-30T23:59:59Z')), 'upcoming');
  assert.equal(phaseAt(round, new Date('2026-12-01T00:00:00Z')), 'open');
  assert.equal(phaseAt({ ...round, status: 'open' }, new Date('2026-12-07T23:59:59Z')), 'open');
  assert.equal(phaseAt({ ...round, status: 'open' }, new Date('2026-12-08T00:00:00Z')), 'closed');
  // Closed by hand before its date, and the later states, are what they say.
  assert.equal(phaseAt({ ...round, status: 'closed' }, new Date('2026-12-02T00:00:00Z')), 'closed');
  assert.equal(phaseAt({ ...round, status: 'counted' }, new Date('2026-12-02T00:00:00Z')), 'counted');
  assert.equal(phaseAt({ ...round, status: 'published' }, new Date('2030-01-01T00:00:00Z')), 'published');
});

test('the secretariat edits only before opening, counts only after closing, publishes only a count', () => {
  assert.ok(mayDo('edit', 'upcoming'));
  assert.ok(!mayDo('edit', 'open'));
  assert.ok(mayDo('close_now', 'open'));
  assert.ok(!mayDo('count', 'open'));
  assert.ok(mayDo('count', 'closed'));
  assert.ok(!mayDo('count', 'counted'));
  assert.ok(mayDo('publish', 'counted'));
  assert.ok(!mayDo('publish', 'closed'));
});

test('a selection must hold between the minimum and maximum of projects on the ballot', () => {
  const ids = new Set([1, 2, 3, 4]);
  const limits = { min_approvals: 2, max_approvals: 3 };
  assert.deepEqual(selectionProblem([1], limits, ids), { code: 'too_few', min: 2 });
  assert.equal(selectionProblem([1, 2], limits, ids), null);
  assert.equal(selectionProblem([1, 2, 3], limits, ids), null);
  assert.deepEqual(selectionProblem([1, 2, 3, 4], limits, ids), { code: 'too_many', max: 3 });
  assert.deepEqual(selectionProblem([1, 9], limits, ids), { code: 'unknown' });
  assert.deepEqual(normalizeChoices([3, 1, 3, 2]), [1, 2, 3]);
});

test('round settings are checked field by field', () => {
  const now = new Date('2026-11-30T00:00:00Z');
  const good: RoundSettings = {
    title: 'دور نخست', description: '', method: 'mes-add1', budgetRials: 1_000, minApprovals: 1, maxApprovals: 2, requireVerified: false,
    opensAt: '2026-12-01T00:00:00.000Z', closesAt: '2026-12-08T00:00:00.000Z', planIds: [1, 2], placeIds: [7],
  };
  const env = { now, callBudgetRials: 5_000, eligiblePlanIds: new Set([1, 2, 3]), validPlaceIds: new Set([7]) };
  assert.deepEqual(settingsProblems(good, env), {});
  assert.deepEqual(settingsProblems({ ...good, title: ' ', method: 'optimal', budgetRials: 9_000 }, env), { title: 'title_required', method: 'method_invalid', budget: 'budget_over_call' });
  assert.deepEqual(settingsProblems({ ...good, minApprovals: 3, maxApprovals: 2 }, env), { maxApprovals: 'max_below_min', minApprovals: 'min_over_projects' });
  assert.deepEqual(settingsProblems({ ...good, planIds: [1, 4], placeIds: [] }, env), { plans: 'project_ineligible', places: 'places_required' });
  assert.deepEqual(settingsProblems({ ...good, closesAt: '2026-12-01T00:00:00.000Z' }, env), { closesOn: 'closes_before_opens' });
  assert.deepEqual(settingsProblems({ ...good, opensAt: '2026-11-01T00:00:00.000Z', closesAt: '2026-11-15T00:00:00.000Z' }, env), { closesOn: 'closes_past' });
  assert.deepEqual(settingsProblems({ ...good, opensAt: null, budgetRials: 0 }, env), { budget: 'budget_invalid', opensOn: 'opens_invalid' });
});

test('receipt codes are stable per voter and round, typed back in any digits, and published only as a hash prefix', () => {
  const code = receiptCode('k'.repeat(40), 5, 42);
  assert.match(code, /^\d{16}$/);
  assert.equal(receiptCode('k'.repeat(40), 5, 42), code);
  assert.notEqual(receiptCode('k'.repeat(40), 6, 42), code);
  assert.notEqual(receiptCode('k'.repeat(40), 5, 43), code);
  const shown = formatReceipt(code);
  assert.match(shown, /^[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}$/);
  assert.equal(parseReceipt(shown), code);
  assert.equal(parseReceipt(` ${code.slice(0, 8)} ${code.slice(8)} `), code);
  assert.equal(parseReceipt(`\u2066${shown}\u2069`), code, 'copied with the isolates of the flash message');
  assert.equal(parseReceipt('1234'), null);
  assert.equal(voterIdOf(receiptHash(5, code)).length, 12);
  assert.notEqual(receiptHash(5, code), receiptHash(6, code));
});

test('eligibility: a home in the area, verified when the round asks for it', () => {
  const home = { home_place_id: 3, residency_place_id: null, residency_verified_at: null, in_area: 1 };
  assert.equal(ineligibility({ ...home, home_place_id: null }, false), 'no_home');
  assert.equal(ineligibility({ ...home, in_area: 0 }, false), 'outside_area');
  assert.equal(ineligibility(home, false), null);
  assert.equal(ineligibility(home, true), 'unverified');
  assert.equal(ineligibility({ ...home, residency_place_id: 3, residency_verified_at: '2026-01-01' }, true), null);
  // Verified at a former home: moving ends the verification.
  assert.equal(ineligibility({ ...home, residency_place_id: 4, residency_verified_at: '2026-01-01' }, true), 'unverified');
});

test('Add1 steps are a hundredth of the first equal share', () => {
  assert.equal(add1IncrementFor(6_000_000_000, 300), 200_000);
  assert.equal(add1IncrementFor(100, 1_000), 1);
  assert.equal(add1IncrementFor(100, 0), 1);
});
