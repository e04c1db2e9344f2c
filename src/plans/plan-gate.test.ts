import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fiscalYearBounds } from '../calls/fiscal-year.ts';
import { demoPlans } from './demo-plans.ts';
import { emptyPlanContent, type PlanContent } from './plan-content.ts';
import { checkGate, type GateFacts } from './plan-gate.ts';

const year = 1405;
const bounds = fiscalYearBounds(year);
const facts: GateFacts = {
  fiscalYearStart: bounds.start, fiscalYearEnd: bounds.end, callCeilingRials: 150_000_000_000,
  agencyCreditRials: 10_000_000_000, committedElsewhereRials: 0, ineligiblePlaceIds: [],
};
const complete = (): PlanContent => demoPlans[0]!.content(year, [1]);

test('every demo plan passes the gate', () => {
  for (const p of demoPlans) assert.deepEqual(checkGate(p.content(year, [1]), facts), {}, p.content(year, [1]).title);
});

test('an empty draft fails on every required section, each with a Persian message', () => {
  const errors = checkGate(emptyPlanContent(), facts);
  for (const field of ['title', 'summary', 'harms', 'interventionTypes', 'targetGroups', 'placeIds', 'evidence', 'goal', 'outcomes', 'outputs', 'activities', 'indicators', 'assumptions', 'budgetLines', 'startDate', 'endDate', 'participationPlan']) {
    assert.match(errors[field as keyof typeof errors] ?? '', /[\u0600-\u06FF]/, field);
  }
});

test('indicators: one outcome and one output indicator, each with baseline and target', () => {
  const p = complete();
  assert.ok(checkGate({ ...p, indicators: p.indicators.filter((i) => i.level === 'outcome') }, facts).indicators);
  assert.ok(checkGate({ ...p, indicators: p.indicators.map((i) => ({ ...i, baseline: null })) }, facts).indicators);
  assert.ok(checkGate({ ...p, indicators: p.indicators.map((i) => ({ ...i, meansOfVerification: '' })) }, facts).indicators);
});

test('budget: line totals, declared total, call ceiling and agency credit', () => {
  const p = complete();
  assert.match(checkGate({ ...p, requestedTotal: p.requestedTotal + 1 }, facts).requestedTotal ?? '', /برابر نیست/);
  const badLine = { ...p, budgetLines: p.budgetLines.map((l, i) => (i === 0 ? { ...l, total: l.total + 10 } : l)) };
  assert.ok(checkGate(badLine, facts).budgetLines);
  assert.match(checkGate(p, { ...facts, callCeilingRials: p.requestedTotal - 1 }).requestedTotal ?? '', /سقف فراخوان/);
  assert.match(checkGate(p, { ...facts, agencyCreditRials: p.requestedTotal + 5, committedElsewhereRials: 10 }).requestedTotal ?? '', /اعتبار دستگاه/);
  assert.equal(checkGate(p, { ...facts, agencyCreditRials: p.requestedTotal, committedElsewhereRials: 0 }).requestedTotal, undefined, 'exactly the credit is fine');
});

test('dates must lie in the fiscal year and in order; schedules inside the plan', () => {
  const p = complete();
  assert.match(checkGate({ ...p, startDate: fiscalYearBounds(year - 1).end }, facts).startDate ?? '', /سال مالی/);
  assert.match(checkGate({ ...p, endDate: fiscalYearBounds(year + 1).start }, facts).endDate ?? '', /۱۴۰۵\/۰۱\/۰۱ تا ۱۴۰۵\/۱۲\/۳۰|سال مالی/);
  assert.ok(checkGate({ ...p, endDate: p.startDate, startDate: p.endDate }, facts).endDate);
  assert.ok(checkGate({ ...p, schedule: [{ activity: 'x', start: bounds.start, end: p.endDate }] }, facts).schedule);
});

test('target groups: sexes must add up to age bands; places must be eligible; overlap needs a description', () => {
  const p = complete();
  const g = p.targetGroups[0]!;
  assert.match(checkGate({ ...p, targetGroups: [{ ...g, female: g.female + 1 }] }, facts).targetGroups ?? '', /برابر نیست/);
  assert.match(checkGate(p, { ...facts, ineligiblePlaceIds: [7] }).placeIds ?? '', /۱ مکان/);
  assert.ok(checkGate({ ...p, hasOverlap: true, overlapDescription: ' ' }, facts).overlapDescription);
});
