import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocationInput, planValue, primaryCounty, spendingBy, type PlanFacts } from './plan-facts.ts';

const fact = (id: number, over: Partial<PlanFacts> = {}): PlanFacts => ({
  id, title: `طرح ${id}`, agencyId: 1, agencyName: 'بهزیستی', cost: 100, county: { id: 10, name: 'قزوین' }, harms: ['ADDICTION'], targets: ['ADOLESCENTS'],
  beneficiaries: 50, score: 3.5, ...over,
});

test('the primary county is where most places are; ties go to the lowest id', () => {
  assert.deepEqual(primaryCounty([{ county_id: 7, county_name: 'تاکستان' }, { county_id: 4, county_name: 'قزوین' }, { county_id: 7, county_name: 'تاکستان' }]), { id: 7, name: 'تاکستان' });
  assert.deepEqual(primaryCounty([{ county_id: 7, county_name: 'تاکستان' }, { county_id: 4, county_name: 'قزوین' }]), { id: 4, name: 'قزوین' });
  assert.equal(primaryCounty([{ county_id: null, county_name: '' }]), null);
});

test('values: score, reach, or both; no reviews means value 0', () => {
  assert.equal(planValue({ score: 3.456, beneficiaries: 10 }, 'score'), 3.46);
  assert.equal(planValue({ score: 3.456, beneficiaries: 10 }, 'beneficiaries'), 10);
  assert.equal(planValue({ score: 3.456, beneficiaries: 10 }, 'score_x_beneficiaries'), 34.6);
  assert.equal(planValue({ score: null, beneficiaries: 10 }, 'score_x_beneficiaries'), 0);
});

test('engine input: ids as strings, groups for constraints, mothers and children flagged', () => {
  const input = allocationInput([fact(1), fact(2, { targets: ['MOTHERS'], county: null, agencyId: 3 })], { budget: 150, rule: 'score', constraints: { mustFund: ['2'] } });
  assert.deepEqual(input.projects, [
    { id: '1', cost: 100, value: 3.5, county: '10', agency: '1', mothersChildren: false },
    { id: '2', cost: 100, value: 3.5, county: null, agency: '3', mothersChildren: true },
  ]);
  assert.equal(input.budget, 150);
  assert.deepEqual(input.constraints, { mustFund: ['2'] });
});

test('spending by county, harm and target group over the selected plans', () => {
  const facts = [fact(1, { cost: 300 }), fact(2, { cost: 100, county: { id: 11, name: 'البرز' }, harms: ['ADDICTION', 'DIVORCE'] }), fact(3, { cost: 999 })];
  const selected = new Set(['1', '2']);
  assert.deepEqual(spendingBy(facts, selected, 'county'), [{ key: '10', amount: 300, share: 0.75 }, { key: '11', amount: 100, share: 0.25 }]);
  assert.deepEqual(spendingBy(facts, selected, 'harm'), [{ key: 'ADDICTION', amount: 400, share: 1 }, { key: 'DIVORCE', amount: 100, share: 0.25 }]);
  assert.deepEqual(spendingBy(facts, new Set(), 'target'), []);
});
