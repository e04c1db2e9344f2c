import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeNeedIndex, minMax, parseNeedIndexSettings, defaultNeedIndexSettings, indicatorWeight,
  type NeedIndexIndicator, type NeedIndexPlace,
} from './need-index.ts';

const place = (id: number, name: string, values: Record<number, number>, o: { population?: number | null; needs?: number } = {}): NeedIndexPlace => ({
  id, name, population: o.population === undefined ? null : o.population, needActivity: o.needs ?? 0, values: new Map(Object.entries(values).map(([k, v]) => [Number(k), v])),
});
const ind = (id: number, direction: NeedIndexIndicator['direction'] = 'lower_better', weight = 1): NeedIndexIndicator => ({ id, code: `I${id}`, name: `شاخص ${id}`, direction, weight });
const noExtra = { needsWeight: 0, populationWeight: 0 };
const byId = (rs: ReturnType<typeof computeNeedIndex>) => new Map(rs.map((r) => [r.id, r]));

test('min–max normalization maps to 0..1, flips on request, and gives 0.5 when there is no spread', () => {
  const m = minMax(new Map([[1, 10], [2, 20], [3, 15]]));
  assert.deepEqual([m.get(1), m.get(2), m.get(3)], [0, 1, 0.5]);
  const f = minMax(new Map([[1, 10], [2, 20]]), true);
  assert.deepEqual([f.get(1), f.get(2)], [1, 0]);
  assert.deepEqual([...minMax(new Map([[1, 7], [2, 7]])).values()], [0.5, 0.5]);
  assert.deepEqual([...minMax(new Map([[9, 3]])).values()], [0.5]);
  assert.equal(minMax(new Map()).size, 0);
});

test('a lower_better indicator ranks the highest value first; higher_better flips it', () => {
  const places = [place(1, 'الف', { 1: 5 }), place(2, 'ب', { 1: 9 }), place(3, 'پ', { 1: 7 })];
  const lower = computeNeedIndex(places, [ind(1, 'lower_better')], noExtra);
  assert.deepEqual(lower.map((r) => r.id), [2, 3, 1]);
  assert.deepEqual(lower.map((r) => r.score), [100, 50, 0]);
  assert.deepEqual(lower.map((r) => r.rank), [1, 2, 3]);
  const higher = computeNeedIndex(places, [ind(1, 'higher_better')], noExtra);
  assert.deepEqual(higher.map((r) => r.id), [1, 3, 2]);
});

test('missing components are left out and the weights renormalized; coverage says what is missing', () => {
  const places = [
    place(1, 'الف', { 1: 0, 2: 0 }),
    place(2, 'ب', { 1: 10, 2: 10 }),
    // Only indicator 1, at the top of its range: its score is that component alone, not dragged down by a zero.
    place(3, 'پ', { 1: 10 }),
    place(4, 'ت', {}),
  ];
  const r = byId(computeNeedIndex(places, [ind(1), ind(2), ind(3)], noExtra));
  assert.equal(r.get(3)!.score, 100);
  assert.deepEqual(r.get(3)!.coverage, { indicators: 1, indicatorsTotal: 2, needs: false, population: false }, 'indicator 3 has no value anywhere: not counted');
  assert.equal(r.get(4)!.score, null, 'no data at all: no score rather than zero');
  assert.equal(r.get(4)!.rank, null);
  const ranked = computeNeedIndex(places, [ind(1), ind(2)], noExtra);
  assert.equal(ranked.at(-1)!.id, 4, 'unscored places come last');
});

test('needs per 1,000 residents and log population take part with their weights; unknown population leaves both out', () => {
  const places = [
    place(1, 'الف', {}, { population: 1000, needs: 10 }), // 10 per 1,000
    place(2, 'ب', {}, { population: 10_000, needs: 20 }), // 2 per 1,000
    place(3, 'پ', {}, { population: null, needs: 50 }),
  ];
  const needsOnly = byId(computeNeedIndex(places, [], { needsWeight: 1, populationWeight: 0 }));
  assert.equal(needsOnly.get(1)!.score, 100);
  assert.equal(needsOnly.get(2)!.score, 0);
  assert.equal(needsOnly.get(1)!.needsPer1000, 10);
  assert.equal(needsOnly.get(3)!.score, null);
  assert.equal(needsOnly.get(3)!.coverage.needs, false);
  const popOnly = byId(computeNeedIndex(places, [], { needsWeight: 0, populationWeight: 1 }));
  assert.equal(popOnly.get(2)!.score, 100, 'more people, more reach');
  const both = byId(computeNeedIndex(places, [], { needsWeight: 1, populationWeight: 0.5 }));
  assert.ok(Math.abs(both.get(1)!.score! - 100 / 1.5) < 1e-9);
  assert.ok(Math.abs(both.get(2)!.score! - 50 / 1.5) < 1e-9);
});

test('weights change the ranking', () => {
  const places = [place(1, 'الف', { 1: 10, 2: 0 }), place(2, 'ب', { 1: 0, 2: 10 })];
  const a = computeNeedIndex(places, [ind(1, 'lower_better', 3), ind(2, 'lower_better', 1)], noExtra);
  const b = computeNeedIndex(places, [ind(1, 'lower_better', 1), ind(2, 'lower_better', 3)], noExtra);
  assert.deepEqual(a.map((r) => r.id), [1, 2]);
  assert.deepEqual(b.map((r) => r.id), [2, 1]);
  assert.equal(a[0]!.score, 75);
  const zero = computeNeedIndex(places, [ind(1, 'lower_better', 0), ind(2, 'lower_better', 1)], noExtra);
  assert.deepEqual(zero.map((r) => r.id), [2, 1], 'a zero weight leaves the indicator out');
  assert.equal(zero[0]!.coverage.indicatorsTotal, 1);
});

test('a single place, or equal values, score without dividing by zero', () => {
  const one = computeNeedIndex([place(1, 'تنها', { 1: 3 }, { population: 500, needs: 2 })], [ind(1)], { needsWeight: 1, populationWeight: 0.5 });
  assert.equal(one.length, 1);
  assert.equal(one[0]!.score, 50);
  const equal = computeNeedIndex([place(1, 'الف', { 1: 3 }), place(2, 'ب', { 1: 3 })], [ind(1)], noExtra);
  assert.ok(equal.every((r) => r.score === 50 && Number.isFinite(r.score)));
});

test('ties are broken by Persian name order', () => {
  // Code-point order would put «گ» after «ی»; Persian order puts it before «ی».
  const places = [place(1, 'یزدان', { 1: 5 }), place(2, 'گلستان', { 1: 5 }), place(3, 'آبادان', { 1: 5 })];
  const r = computeNeedIndex(places, [ind(1)], noExtra);
  assert.deepEqual(r.map((x) => x.name), ['آبادان', 'گلستان', 'یزدان']);
  assert.deepEqual(r.map((x) => x.rank), [1, 2, 3]);
});

test('settings: defaults when absent or unreadable; indicators absent from the map weigh 1', () => {
  assert.deepEqual(parseNeedIndexSettings(null), defaultNeedIndexSettings());
  assert.deepEqual(parseNeedIndexSettings('{broken'), defaultNeedIndexSettings());
  assert.deepEqual(parseNeedIndexSettings('{"needsWeight": 99}'), defaultNeedIndexSettings(), 'out of range: defaults');
  const s = parseNeedIndexSettings('{"indicatorWeights":{"ADD":2},"needsWeight":0,"populationWeight":3}');
  assert.equal(indicatorWeight(s, 'ADD'), 2);
  assert.equal(indicatorWeight(s, 'OTHER'), 1);
  assert.equal(s.populationWeight, 3);
});
