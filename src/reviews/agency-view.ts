import type { AppContext } from '../context.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { t } from '../platform/i18n/t.ts';
import type { PlanRow } from '../plans/plans.repo.ts';
import { planScores } from './determine-plan.ts';
import { determinationsOfPlan } from './reviews.repo.ts';
import { aggregateView, outcomeLabel, type AggregateView } from './review-view.ts';

export type AgencyReviewView = {
  aggregate: AggregateView | null;
  determinations: { heading: string; reasons: string }[];
};

/** A determination as the agency and the secretariat read it: the outcome, when, and the reasons. */
export const determinationLines = (rows: Awaited<ReturnType<typeof determinationsOfPlan>>) =>
  rows.map((d) => ({ heading: t('reviewPage.determinations.item', { outcome: outcomeLabel(d.outcome), when: formatJalaliDateTime(d.decided_at) }), reasons: toPersianDigits(d.reasons) }));

/**
 * What the plan's agency sees of its review, once the secretariat has decided on it: the combined
 * scores and every reviewer's comments without names («داور ۱»، «داور ۲» in order of submission),
 * and the determinations with their reasons. Null before any determination, so reviews in progress
 * stay with the secretariat.
 */
export async function loadAgencyReview(ctx: Pick<AppContext, 'db'>, plan: PlanRow): Promise<AgencyReviewView | null> {
  const determinations = await determinationsOfPlan(ctx.db, plan.id);
  if (!determinations.length) return null;
  const scores = await planScores(ctx, plan);
  return {
    aggregate: scores.reviews.length ? aggregateView(scores, { names: false }) : null,
    determinations: determinationLines(determinations),
  };
}
