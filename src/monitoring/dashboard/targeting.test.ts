import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeNeedIndex, type NeedIndexPlace } from './need-index.ts';
import { reachByPlace, summarizeTargeting, type PlaceNode } from './targeting.ts';

// province 1 → counties 10, 20 → city 11 (in 10) → neighborhoods 111, 112; village 21 (in 20); village 22 (in 20)
const tree: PlaceNode[] = [
  { id: 1, parentId: null }, { id: 10, parentId: 1 }, { id: 20, parentId: 1 }, { id: 11, parentId: 10 },
  { id: 111, parentId: 11 }, { id: 112, parentId: 11 }, { id: 21, parentId: 20 }, { id: 22, parentId: 20 },
];
const home = new Set([111, 112, 21, 22]);

test('a county-wide plan reaches every home place below it, its money spread equally', () => {
  const reach = reachByPlace(tree, home, [{ id: 1, fundedRials: 1000, placeIds: [10] }]);
  assert.deepEqual(reach.get(111), { plans: 1, rials: 500 });
  assert.deepEqual(reach.get(112), { plans: 1, rials: 500 });
  assert.equal(reach.get(21), undefined);
});

test("a plan's money is split equally among its places first; one plan counts once per place", () => {
  const reach = reachByPlace(tree, home, [
    { id: 1, fundedRials: 900, placeIds: [111, 11, 21] }, // 300 each; city 11's 300 → 150 to 111 and 112
    { id: 2, fundedRials: 400, placeIds: [1] }, // the whole province: 100 to each home place
  ]);
  assert.deepEqual(reach.get(111), { plans: 2, rials: 300 + 150 + 100 });
  assert.deepEqual(reach.get(112), { plans: 2, rials: 150 + 100 });
  assert.deepEqual(reach.get(21), { plans: 2, rials: 400 });
  assert.deepEqual(reach.get(22), { plans: 1, rials: 100 });
  const total = [...reach.values()].reduce((s, r) => s + r.rials, 0);
  assert.equal(total, 1300, 'every rial lands somewhere once');
});

test('at county level a neighborhood plan reaches its county', () => {
  const reach = reachByPlace(tree, new Set([10, 20]), [{ id: 1, fundedRials: 600, placeIds: [111, 22] }]);
  assert.deepEqual(reach.get(10), { plans: 1, rials: 300 });
  assert.deepEqual(reach.get(20), { plans: 1, rials: 300 });
});

test('top-need places without a funded plan are listed; budget share vs population share', () => {
  const places: NeedIndexPlace[] = [
    { id: 111, name: 'محلهٔ یک', population: 1000, needActivity: 0, values: new Map([[1, 90]]) },
    { id: 112, name: 'محلهٔ دو', population: 3000, needActivity: 0, values: new Map([[1, 10]]) },
    { id: 21, name: 'روستای الف', population: 500, needActivity: 0, values: new Map([[1, 50]]) },
    { id: 22, name: 'روستای ب', population: 500, needActivity: 0, values: new Map([[1, 30]]) },
    { id: 23, name: 'روستای پ', population: 0, needActivity: 0, values: new Map([[1, 20]]) },
  ];
  const ranked = computeNeedIndex(places, [{ id: 1, code: 'X', name: 'x', direction: 'lower_better', weight: 1 }], { needsWeight: 0, populationWeight: 0 });
  assert.equal(ranked[0]!.id, 111);
  const reach = reachByPlace(tree, home, [{ id: 7, fundedRials: 1000, placeIds: [112] }]);
  const s = summarizeTargeting(ranked, reach);
  assert.equal(s.topCount, 1, 'the top fifth of five places');
  assert.deepEqual(s.unreached.map((r) => r.id), [111]);
  assert.equal(s.budgetShare, 0);
  assert.equal(s.populationShare, 1000 / 5000);

  const funded = summarizeTargeting(ranked, reachByPlace(tree, home, [{ id: 8, fundedRials: 1000, placeIds: [111, 112] }]));
  assert.equal(funded.unreached.length, 0);
  assert.equal(funded.budgetShare, 0.5);
});

test('no scored places or no money: no division by zero', () => {
  const s = summarizeTargeting([], new Map());
  assert.equal(s.topCount, 0);
  assert.equal(s.budgetShare, null);
  assert.equal(s.populationShare, null);
});
