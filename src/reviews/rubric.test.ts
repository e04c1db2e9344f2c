import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregate, allCriterionKeys, defaultRubric, median, parseRubric, requiredReviewers, reviewerTotal, type ReviewScores } from './rubric.ts';

const all = (score: 0 | 1 | 2 | 3 | 4 | 5 | null): ReviewScores => Object.fromEntries(allCriterionKeys.map((k) => [k, { score }]));

test('the default rubric: Targeted 30, Effective 40, Justifiable 30, fourteen criteria, thresholds 2.5 and 2', () => {
  const r = defaultRubric();
  assert.deepEqual(r.blocks.map((b) => [b.key, b.weight, b.criteria.length]), [['targeted', 30, 4], ['effective', 40, 5], ['justifiable', 30, 5]]);
  assert.equal(r.minBlockMean, 2.5);
  assert.equal(r.spreadThreshold, 2);
  assert.ok(parseRubric(r).ok);
});

test('a rubric whose weights do not add up to 100, or that puts a criterion in another block, is refused', () => {
  const r = defaultRubric();
  assert.deepEqual(parseRubric({ ...r, blocks: r.blocks.map((b) => ({ ...b, weight: 30 })) }), { ok: false, problems: ['weights_sum'] });
  const moved = { ...r, blocks: r.blocks.map((b) => (b.key === 'targeted' ? { ...b, criteria: ['T1', 'E1'] } : b)) };
  assert.deepEqual(parseRubric(moved), { ok: false, problems: ['criterion_block'] });
  assert.equal(parseRubric({ nonsense: true }).ok, false);
});

test('median of even and odd counts', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 5]), 3);
  assert.equal(median([]), null);
});

test('N/A is left out of numerator and denominator; 0 counts and asks for more information', () => {
  const r = defaultRubric();
  // Reviewer A: 4 everywhere but T1 N/A. Reviewer B: 4 everywhere, T1 N/A too → T1 has no median.
  const a = { ...all(4), T1: { score: null } };
  const agg = aggregate(r, [{ scores: a, recommendation: 'yes' }, { scores: a, recommendation: 'maybe' }]);
  assert.equal(agg.criteria.find((c) => c.key === 'T1')!.median, null);
  assert.equal(agg.blocks[0]!.mean, 4, 'T block = mean of T2..T4 only');
  assert.equal(agg.total, 4);
  assert.equal(agg.needsMoreInfo, false);
  assert.deepEqual(agg.recommendations, { yes: 1, maybe: 1, no: 0 });
  const withZero = aggregate(r, [{ scores: { ...all(4), E3: { score: 0 } }, recommendation: null }, { scores: all(4), recommendation: null }]);
  assert.equal(withZero.needsMoreInfo, true);
  assert.equal(withZero.criteria.find((c) => c.key === 'E3')!.median, 2);
});

test('weighted block means, thresholds per block and the spread flag (hand-checked)', () => {
  const r = defaultRubric();
  // Targeted all 2, Effective all 5, Justifiable all 3: total = (2·30 + 5·40 + 3·30)/100 = 3.5; T fails 2.5.
  const s: ReviewScores = {
    ...Object.fromEntries(['T1', 'T2', 'T3', 'T4'].map((k) => [k, { score: 2 }])),
    ...Object.fromEntries(['E1', 'E2', 'E3', 'E4', 'E5'].map((k) => [k, { score: 5 }])),
    ...Object.fromEntries(['J1', 'J2', 'J3', 'J4', 'J5'].map((k) => [k, { score: 3 }])),
  };
  const agg = aggregate(r, [{ scores: s, recommendation: 'maybe' }, { scores: s, recommendation: 'maybe' }]);
  assert.equal(agg.total, 3.5);
  assert.deepEqual(agg.blocks.map((b) => b.passes), [false, true, true]);
  assert.equal(agg.passesThresholds, false);
  assert.equal(agg.discuss, false);
  // Two reviewers 2 points apart → discussion list.
  const spread = aggregate(r, [{ scores: all(5), recommendation: 'yes' }, { scores: all(3), recommendation: 'no' }]);
  assert.equal(spread.spread, 2);
  assert.equal(spread.discuss, true);
  assert.equal(spread.total, 4);
  assert.equal(spread.passesThresholds, true);
});

test('no reviews: nothing passes and the total is empty', () => {
  const agg = aggregate(defaultRubric(), []);
  assert.equal(agg.total, null);
  assert.equal(agg.passesThresholds, false);
  assert.equal(agg.spread, null);
});

test('two reviewers, three above the call amount', () => {
  assert.equal(requiredReviewers(1_000, 5_000), 2);
  assert.equal(requiredReviewers(5_000, 5_000), 2);
  assert.equal(requiredReviewers(5_001, 5_000), 3);
});

test('properties: totals stay within 0..5, the median lies between min and max, order of reviews does not matter', () => {
  const score = fc.constantFrom(0, 1, 2, 3, 4, 5, null);
  const review = fc.record(Object.fromEntries(allCriterionKeys.map((k) => [k, score.map((s) => ({ score: s }))]))) as fc.Arbitrary<ReviewScores>;
  fc.assert(
    fc.property(fc.array(review, { minLength: 1, maxLength: 5 }), (reviews) => {
      const r = defaultRubric();
      const rows = reviews.map((scores) => ({ scores, recommendation: null }));
      const agg = aggregate(r, rows);
      if (agg.total !== null) assert.ok(agg.total >= 0 && agg.total <= 5);
      for (const c of agg.criteria) {
        const nums = c.scores.filter((x) => x !== null) as number[];
        if (c.median !== null) assert.ok(c.median >= Math.min(...nums) && c.median <= Math.max(...nums));
      }
      assert.deepEqual(aggregate(r, [...rows].reverse()).total, agg.total);
      for (const x of reviews) {
        const t = reviewerTotal(r, x);
        if (t !== null) assert.ok(t >= 0 && t <= 5);
      }
    }),
  );
});
