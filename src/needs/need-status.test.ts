import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMoveNeed, needStatuses, needTransitions, statusChangeProblems, supportableStatuses, type NeedStatus } from './need-status.ts';

test('the main path: new → acknowledged → addressed → resolved', () => {
  const path: NeedStatus[] = ['new', 'acknowledged', 'addressed', 'resolved'];
  for (let i = 1; i < path.length; i++) assert.ok(canMoveNeed(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`);
  assert.ok(canMoveNeed('new', 'addressed'), 'a new need can be answered at once');
});

test('declined only before it is addressed; a declined need can be reconsidered; resolved is final', () => {
  for (const from of needStatuses) assert.equal(canMoveNeed(from, 'declined'), from === 'new' || from === 'acknowledged', from);
  assert.deepEqual(needTransitions.declined, ['acknowledged']);
  assert.deepEqual(needTransitions.resolved, []);
  assert.ok(canMoveNeed('addressed', 'acknowledged'), 'back when the plans fell through');
});

test('no state moves to itself, and nothing goes back to new', () => {
  for (const s of needStatuses) {
    assert.equal(canMoveNeed(s, s), false, s);
    assert.equal(canMoveNeed(s, 'new'), false, s);
  }
  assert.equal(canMoveNeed('new', 'resolved'), false, 'resolved only after being addressed');
  assert.equal(canMoveNeed('acknowledged', 'resolved'), false);
});

test('declining needs a reason; addressing needs at least one plan; unknown or impossible states are refused', () => {
  assert.deepEqual(statusChangeProblems('new', { to: 'declined', note: '  ', planCount: 0 }), { note: 'reason_required' });
  assert.deepEqual(statusChangeProblems('new', { to: 'declined', note: 'خارج از برنامه', planCount: 0 }), {});
  assert.deepEqual(statusChangeProblems('acknowledged', { to: 'addressed', note: '', planCount: 0 }), { plans: 'plans_required' });
  assert.deepEqual(statusChangeProblems('acknowledged', { to: 'addressed', note: '', planCount: 2 }), {});
  assert.deepEqual(statusChangeProblems('new', { to: 'closed', note: '', planCount: 0 }), { status: 'invalid' });
  assert.deepEqual(statusChangeProblems('resolved', { to: 'declined', note: 'دیر است', planCount: 0 }), { status: 'not_allowed' });
  assert.deepEqual(statusChangeProblems('new', { to: 'acknowledged', note: 'x'.repeat(1001), planCount: 0 }), { note: 'too_long' });
});

test('declined and resolved needs take no new support', () => {
  assert.deepEqual([...supportableStatuses].sort(), ['acknowledged', 'addressed', 'new']);
});
