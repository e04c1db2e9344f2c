// The review rubric «هدفمند، اثربخش، توجیه‌پذیر» and how reviewers' scores combine
// (reference programme-management.md §3.3). Pure: no I/O.

import { z } from 'zod';

export const blockKeys = ['targeted', 'effective', 'justifiable'] as const;
export type BlockKey = (typeof blockKeys)[number];

/** Every criterion the rubric knows; a call's rubric enables a subset. Labels and anchors live in the message catalogue. */
export const criterionKeys = {
  targeted: ['T1', 'T2', 'T3', 'T4'],
  effective: ['E1', 'E2', 'E3', 'E4', 'E5'],
  justifiable: ['J1', 'J2', 'J3', 'J4', 'J5'],
} as const satisfies Record<BlockKey, readonly string[]>;
export type CriterionKey = (typeof criterionKeys)[BlockKey][number];
export const allCriterionKeys: readonly CriterionKey[] = blockKeys.flatMap((b) => criterionKeys[b]);

/** 0 means «more information needed»; null is N/A (left out of every mean). */
export const scoreValues = [0, 1, 2, 3, 4, 5] as const;
export type Score = (typeof scoreValues)[number] | null;

const RubricSchema = z.object({
  blocks: z
    .array(
      z.object({
        key: z.enum(blockKeys),
        /** Percent; the blocks' weights add up to 100. */
        weight: z.number().int().min(0).max(100),
        criteria: z.array(z.enum(allCriterionKeys as [CriterionKey, ...CriterionKey[]])).min(1),
      }),
    )
    .length(3),
  /** Every block mean must reach this for the plan to pass. */
  minBlockMean: z.number().min(0).max(5),
  /** Reviewers' totals this far apart put the plan on the discussion list. */
  spreadThreshold: z.number().min(0).max(5),
});
export type Rubric = z.infer<typeof RubricSchema>;

export function defaultRubric(): Rubric {
  return {
    blocks: [
      { key: 'targeted', weight: 30, criteria: [...criterionKeys.targeted] },
      { key: 'effective', weight: 40, criteria: [...criterionKeys.effective] },
      { key: 'justifiable', weight: 30, criteria: [...criterionKeys.justifiable] },
    ],
    minBlockMean: 2.5,
    spreadThreshold: 2,
  };
}

export type RubricProblem = 'weights_sum' | 'criterion_block' | 'duplicate_block';

/** Parses a stored or submitted rubric; the problems are codes the caller turns into Persian. */
export function parseRubric(raw: unknown): { ok: true; rubric: Rubric } | { ok: false; problems: RubricProblem[] } {
  const parsed = RubricSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: ['criterion_block'] };
  const r = parsed.data;
  const problems: RubricProblem[] = [];
  if (new Set(r.blocks.map((b) => b.key)).size !== 3) problems.push('duplicate_block');
  if (r.blocks.reduce((s, b) => s + b.weight, 0) !== 100) problems.push('weights_sum');
  if (r.blocks.some((b) => b.criteria.some((c) => !(criterionKeys[b.key] as readonly string[]).includes(c)))) problems.push('criterion_block');
  return problems.length ? { ok: false, problems } : { ok: true, rubric: { ...r, blocks: blockKeys.map((k) => r.blocks.find((b) => b.key === k)!) } };
}

/** A criterion's score (null: N/A) and comment; a draft may hold a comment before its score is chosen. */
export type ReviewScores = Partial<Record<CriterionKey, { score?: Score; comment?: string }>>;

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/**
 * Weighted mean of block means, where each block mean leaves out N/A criteria and a block with no
 * scored criterion leaves the weighting (the other blocks' weights are renormalised).
 */
function weightedTotal(rubric: Rubric, blockMean: (b: Rubric['blocks'][number]) => number | null): number | null {
  let sum = 0;
  let weight = 0;
  for (const b of rubric.blocks) {
    const m = blockMean(b);
    if (m === null || b.weight === 0) continue;
    sum += m * b.weight;
    weight += b.weight;
  }
  return weight ? sum / weight : null;
}

/** One reviewer's own total on the rubric: used for the spread between reviewers. */
export function reviewerTotal(rubric: Rubric, scores: ReviewScores): number | null {
  return weightedTotal(rubric, (b) => mean(b.criteria.map((c) => scores[c]?.score).filter((s): s is Exclude<Score, null> => s !== null && s !== undefined)));
}

export type Aggregate = {
  reviewCount: number;
  criteria: { key: CriterionKey; block: BlockKey; median: number | null; scores: Score[] }[];
  blocks: { key: BlockKey; weight: number; mean: number | null; passes: boolean }[];
  /** Weighted mean of the block means (0–5), null with no scores. */
  total: number | null;
  /** Every block mean reaches the threshold. */
  passesThresholds: boolean;
  /** Some reviewer asked for more information (a score of 0). */
  needsMoreInfo: boolean;
  reviewerTotals: number[];
  /** max − min of the reviewers' totals, and whether it reaches the rubric's spread threshold. */
  spread: number | null;
  discuss: boolean;
  recommendations: { yes: number; maybe: number; no: number };
};

/**
 * Combines submitted reviews: per criterion the median across reviewers (N/A left out), per block
 * the mean of its criteria medians, the total as the weighted mean of block means; thresholds,
 * the more-information flag and the spread flag.
 */
export function aggregate(rubric: Rubric, reviews: readonly { scores: ReviewScores; recommendation: 'yes' | 'maybe' | 'no' | null }[]): Aggregate {
  const criteria = rubric.blocks.flatMap((b) =>
    b.criteria.map((key) => {
      const scores = reviews.map((r) => r.scores[key]?.score ?? null);
      return { key, block: b.key, median: median(scores.filter((s): s is Exclude<Score, null> => s !== null)), scores };
    }),
  );
  const medianOf = new Map(criteria.map((c) => [c.key, c.median]));
  const blockMean = (b: Rubric['blocks'][number]) => mean(b.criteria.map((c) => medianOf.get(c)).filter((m): m is number => m !== null && m !== undefined));
  const blocks = rubric.blocks.map((b) => {
    const m = blockMean(b);
    return { key: b.key, weight: b.weight, mean: m, passes: m !== null && m >= rubric.minBlockMean };
  });
  const reviewerTotals = reviews.map((r) => reviewerTotal(rubric, r.scores)).filter((x): x is number => x !== null);
  const spread = reviewerTotals.length >= 2 ? Math.max(...reviewerTotals) - Math.min(...reviewerTotals) : null;
  const recommendations = { yes: 0, maybe: 0, no: 0 };
  for (const r of reviews) if (r.recommendation) recommendations[r.recommendation]++;
  return {
    reviewCount: reviews.length,
    criteria,
    blocks,
    total: weightedTotal(rubric, blockMean),
    passesThresholds: reviews.length > 0 && blocks.every((b) => b.weight === 0 || b.passes),
    needsMoreInfo: criteria.some((c) => c.scores.includes(0)),
    reviewerTotals,
    spread,
    discuss: spread !== null && spread >= rubric.spreadThreshold,
    recommendations,
  };
}

/** How many reviewers a plan needs: two, or three above the call's amount. */
export function requiredReviewers(requestedRials: number, threeAboveRials: number): number {
  return requestedRials > threeAboveRials ? 3 : 2;
}
