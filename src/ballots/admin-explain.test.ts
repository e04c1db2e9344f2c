import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateSync } from '../allocation/engines/index.ts';
import { approvalsOf, explainBallotProject, roundNamesOf } from './admin-explain.ts';

const names = roundNamesOf([
  { plan_id: 1, title: 'پارک', agency_id: 9, agency_name: 'بهزیستی', cost_rials: 600 },
  { plan_id: 2, title: 'کتابخانه', agency_id: 9, agency_name: 'بهزیستی', cost_rials: 400 },
  { plan_id: 3, title: 'ورزش', agency_id: 9, agency_name: 'بهزیستی', cost_rials: 100 },
  { plan_id: 4, title: 'کارگاه', agency_id: 9, agency_name: 'بهزیستی', cost_rials: 100 },
]);
const projects = [
  { id: '1', cost: 600 },
  { id: '2', cost: 400 },
  { id: '3', cost: 100 },
  { id: '4', cost: 100, ineligible: 'not_approved' },
];
const ballots = [['1', '2'], ['1'], ['1', '3'], ['2']];

test('greedy by votes: rank, votes, cost and what was left, for funded and skipped plans', () => {
  const r = allocateSync('greedy', { budget: 1000, projects, ballots, rankBy: 'approvals' });
  const why = (id: string) => explainBallotProject(r.outcomes.find((o) => o.id === id)!, 'greedy', names);
  assert.match(why('1'), /^رتبهٔ ۱ به شمار رأی \(۳ رأی\)؛ هزینه‌اش \(۶۰ تومان\) در بودجه جا شد و پس از آن ۴۰ تومان ماند\.$/);
  assert.match(why('2'), /رتبهٔ ۲ .*۲ رأی/);
  assert.match(why('4'), /تصویب‌شده/);
  assert.equal(approvalsOf(r.outcomes.find((o) => o.id === '1')!), 3);
});

test('MES with Add1: the price each supporter paid, supporters short of money, no support', () => {
  const r = allocateSync('mes-add1', { budget: 1000, projects: [...projects, { id: '5', cost: 100 }], ballots, rankBy: 'approvals' }, { add1Increment: 1 });
  const why = (id: string) => explainBallotProject(r.outcomes.find((o) => o.id === id)!, 'mes-add1', names);
  const selected = r.outcomes.filter((o) => o.selected);
  assert.ok(selected.length > 0);
  for (const o of selected) assert.match(why(o.id), /برگزیده شد: .* نفر به آن رأی دادند .*سهم هر موافق دست‌بالا/);
  assert.equal(why('5'), 'هیچ رأی‌دهنده‌ای آن را برنگزید.');
  const short = r.outcomes.find((o) => o.reason === 'supporters_short');
  if (short) assert.match(why(short.id), /باقی‌ماندهٔ سهم آنان/);
  assert.match(why('4'), /شمرده نشد/);
});
