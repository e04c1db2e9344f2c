import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableCallActions, callActionBlocker, nextObligation } from './call-lifecycle.ts';

const now = new Date('2026-11-29T12:00:00Z');
const base = { status: 'draft' as const, deadlineAt: '2026-12-20T20:30:00Z', budgetRials: 1_000, invitedAgencies: 3, now };

test('a call opens only with a future deadline, invited agencies and a budget', () => {
  assert.equal(callActionBlocker('open', base), null);
  assert.equal(callActionBlocker('open', { ...base, deadlineAt: '2026-11-01T00:00:00Z' }), 'deadline_passed');
  assert.equal(callActionBlocker('open', { ...base, invitedAgencies: 0 }), 'no_agencies');
  assert.equal(callActionBlocker('open', { ...base, status: 'open' }), 'wrong_state');
});

test('it closes only after the deadline, then moves on in order', () => {
  assert.equal(callActionBlocker('close', { ...base, status: 'open' }), 'deadline_not_reached');
  assert.equal(callActionBlocker('close', { ...base, status: 'open', now: new Date('2026-12-21T00:00:00Z') }), null);
  assert.deepEqual(availableCallActions('closed'), ['start_review']);
  assert.deepEqual(availableCallActions('archived'), []);
});

test('obligations: a submission counts even late; exemption and its lifting', () => {
  assert.equal(nextObligation('invited', 'plan_submitted'), 'submitted');
  assert.equal(nextObligation('overdue', 'plan_submitted'), 'submitted');
  assert.equal(nextObligation('invited', 'deadline_passed'), 'overdue');
  assert.equal(nextObligation('submitted', 'deadline_passed'), 'submitted');
  assert.equal(nextObligation('overdue', 'exempted'), 'exempted');
  assert.equal(nextObligation('exempted', 'deadline_passed'), 'exempted');
  assert.equal(nextObligation('exempted', 'exemption_lifted'), 'invited');
});
