import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainOutcome, RoundNames } from './explain.ts';

const names = new RoundNames([]);

test('optimal: a plan left out is explained by its exact value loss, or by bounds when it was not re-solved', () => {
  assert.match(explainOutcome({ id: '1', selected: false, reason: 'not_optimal', detail: { valueLoss: 12.5 } }, 'optimal', names), /۱۲٫۵ واحد/);
  const between = explainOutcome({ id: '2', selected: false, reason: 'not_optimal', detail: { valueLossAtLeast: 3, valueLossAtMost: 40 } }, 'optimal', names);
  assert.match(between, /میان ۳ و ۴۰ واحد/);
  assert.match(explainOutcome({ id: '3', selected: false, reason: 'not_optimal', detail: { valueLossAtLeast: 3 } }, 'optimal', names), /دست‌کم ۳ واحد/);
  assert.doesNotMatch(between, /[0-9]/, 'Persian digits only');
});
