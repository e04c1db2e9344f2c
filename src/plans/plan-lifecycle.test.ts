import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextPlanStatus, planStatuses, planTransitions, publicStatuses, type PlanAction } from './plan-lifecycle.ts';

test('the main path: draft → submitted → screening → in_review → approved → funded → in_progress → completed', () => {
  const path: [PlanAction, string][] = [['submit', 'submitted'], ['start_screening', 'screening'], ['pass_screening', 'in_review'], ['approve', 'approved'], ['fund', 'funded'], ['start', 'in_progress'], ['complete', 'completed']];
  let s: (typeof planStatuses)[number] = 'draft';
  for (const [action, to] of path) {
    const next = nextPlanStatus(s, action);
    assert.equal(next, to, action);
    s = next!;
  }
});

test('returned from screening, review or a decision before funding; resubmission goes back to submitted', () => {
  for (const from of ['screening', 'in_review', 'approved', 'rejected'] as const) assert.equal(nextPlanStatus(from, 'return'), 'returned');
  for (const from of ['draft', 'submitted', 'funded', 'in_progress', 'completed', 'withdrawn'] as const) assert.equal(nextPlanStatus(from, 'return'), null, from);
  assert.equal(nextPlanStatus('returned', 'submit'), 'submitted');
});

test('withdrawal only before a decision; nothing leaves withdrawn or completed', () => {
  for (const s of planStatuses) {
    const allowed = ['draft', 'submitted', 'screening', 'returned', 'in_review'].includes(s);
    assert.equal(nextPlanStatus(s, 'withdraw') === 'withdrawn', allowed, s);
  }
  for (const action of Object.keys(planTransitions) as PlanAction[]) {
    assert.equal(nextPlanStatus('withdrawn', action), null);
    assert.equal(nextPlanStatus('completed', action), null);
  }
});

test('plans are public only after screening', () => {
  for (const s of ['draft', 'submitted', 'screening', 'returned', 'withdrawn'] as const) assert.ok(!publicStatuses.includes(s));
  assert.ok(publicStatuses.includes('in_review'));
});
