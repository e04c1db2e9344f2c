import { inTransaction } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { officersOfAgency } from '../agencies/agencies.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { notify } from '../platform/notify/notify.ts';
import { findMeeting } from '../meetings/meetings.repo.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { applyPlanTransition } from '../plans/transition-plan.ts';
import type { ReviewCtx } from './assign-reviewers.ts';
import { determinationOutcomes, type DeterminationOutcome } from './reviews.tables.ts';
import { insertDetermination, submittedReviews } from './reviews.repo.ts';
import { reviewSettingsOf } from './review-settings.ts';
import { aggregate, requiredReviewers, type ReviewScores } from './rubric.ts';

/** A plan's reviews combined on its call's rubric, with how many reviewers it needs. */
export async function planScores(ctx: Pick<ReviewCtx, 'db'>, plan: { id: number; call_id: number; requested_rials: number }) {
  const settings = await reviewSettingsOf(ctx.db, plan.call_id);
  const reviews = await submittedReviews(ctx.db, plan.id);
  const agg = aggregate(settings.rubric, reviews.map((r) => ({ scores: JSON.parse(r.scores) as ReviewScores, recommendation: r.recommendation })));
  return { settings, reviews, aggregate: agg, required: requiredReviewers(plan.requested_rials, settings.threeAboveRials) };
}

/**
 * The secretariat's determination on a reviewed plan: approve (enough submitted reviews and every
 * block over its threshold), reject, or return for more information — each with reasons the agency
 * reads. The scores it was taken on are kept with it, and the council meeting it was taken in, if
 * one is named (field meeting_id).
 */
export async function determinePlan(
  ctx: ReviewCtx,
  actor: Actor,
  planId: number,
  input: { outcome: string; reasons: string; meetingId?: string },
): Promise<DeterminationOutcome> {
  if (!can(actor, 'review.manage')) throw new AppError('forbidden');
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (plan.status !== 'in_review') throw new AppError('conflict', t('review.assign.not_in_review'));
  const errors: Record<string, string> = {};
  const outcome = (determinationOutcomes as readonly string[]).includes(input.outcome) ? (input.outcome as DeterminationOutcome) : null;
  if (!outcome) errors.outcome = t('review.determine.outcome_required');
  const reasons = normalizePersian(input.reasons).slice(0, 5000);
  if (reasons.length < 10) errors.reasons = t('review.determine.reasons_required');
  const rawMeeting = toAsciiDigits(input.meetingId ?? '').trim();
  const meetingId = /^\d{1,9}$/.test(rawMeeting) ? Number(rawMeeting) : null;
  if (rawMeeting !== '' && (meetingId === null || !(await findMeeting(ctx.db, meetingId)))) errors.meeting_id = t('meetings.determine.meeting_invalid');
  const scores = await planScores(ctx, plan);
  if (outcome === 'approved') {
    if (scores.reviews.length < scores.required) errors.outcome = t('review.determine.not_enough_reviews', { required: scores.required, submitted: scores.reviews.length });
    else if (!scores.aggregate.passesThresholds) errors.outcome = t('review.determine.below_threshold', { threshold: String(scores.settings.rubric.minBlockMean).replace('.', '٫') });
  }
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const snapshot = { total: scores.aggregate.total, blocks: scores.aggregate.blocks, reviews: scores.reviews.length, spread: scores.aggregate.spread };
    const id = await insertDetermination(tx.db, { planId, outcome: outcome!, reasons, scoreSnapshot: JSON.stringify(snapshot), decidedBy: actor.id, meetingId, now });
    const action = outcome === 'approved' ? 'approve' : outcome === 'rejected' ? 'reject' : 'return';
    await applyPlanTransition(tx, plan, action, { actorId: actor.id, message: reasons, data: { determination: id } });
    await audit(tx, { actorId: actor.id, action: 'review.determined', subjectType: 'plan', subjectId: planId, data: { determination: id, outcome, meetingId } });
    for (const o of await officersOfAgency(tx.db, plan.agency_id)) {
      if (o.status !== 'active') continue;
      await notify(tx.db, tx.clock, {
        userId: o.id, email: o.email, link: `/my/plans/${planId}`,
        subject: t(`review.notify.determined_${outcome!}`, { title: plan.title }),
        body: reasons,
      });
    }
    return outcome!;
  });
}
