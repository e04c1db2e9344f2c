import { inTransaction } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { findPlan } from '../plans/plans.repo.ts';
import type { ReviewCtx } from './assign-reviewers.ts';
import { recommendations, type Recommendation } from './reviews.tables.ts';
import { findAssignment, setAssignment, upsertReview } from './reviews.repo.ts';
import { reviewSettingsOf } from './review-settings.ts';
import type { ReviewScores, Score } from './rubric.ts';

/** What the review form posts: per criterion a score '0'..'5' or 'na' and a comment; a recommendation. */
export type ReviewForm = { scores: Record<string, string>; comments: Record<string, string>; recommendation: string; comment: string };

/**
 * Saves the reviewer's scores as a draft, or submits them. Submitting needs every criterion of the
 * call's rubric answered (a score or N/A) and a recommendation; a score of 0 («more information
 * needed») needs a comment saying what is missing.
 */
export async function saveReview(ctx: ReviewCtx, actor: Actor, assignmentId: number, form: ReviewForm, submit: boolean): Promise<{ submitted: boolean }> {
  const a = await findAssignment(ctx.db, assignmentId);
  if (!a) throw notFound();
  if (!can(actor, 'review.write', { reviewerId: a.reviewer_id })) throw notFound();
  if (a.status !== 'in_progress') throw new AppError('conflict', t(a.status === 'submitted' ? 'review.form.already_submitted' : 'review.form.not_accepted'));
  const plan = await findPlan(ctx.db, a.plan_id);
  if (!plan || plan.status !== 'in_review') throw new AppError('conflict', t('review.assign.not_in_review'));
  const { rubric } = await reviewSettingsOf(ctx.db, plan.call_id);

  const errors: Record<string, string> = {};
  const scores: ReviewScores = {};
  for (const key of rubric.blocks.flatMap((b) => b.criteria)) {
    const raw = (form.scores[key] ?? '').trim();
    const comment = normalizePersian(form.comments[key] ?? '').slice(0, 2000);
    let score: Score | undefined;
    if (raw === 'na') score = null;
    else if (/^[0-5]$/.test(raw)) score = Number(raw) as Score;
    else if (raw !== '') errors[`score_${key}`] = t('review.form.score_invalid');
    if (score !== undefined) scores[key] = { score, ...(comment ? { comment } : {}) };
    // A comment without a score stays unanswered (not N/A) until the reviewer picks one.
    else if (comment) scores[key] = { comment };
    if (submit && score === undefined && !errors[`score_${key}`]) errors[`score_${key}`] = t('review.form.score_required');
    if (submit && score === 0 && !comment) errors[`comment_${key}`] = t('review.form.zero_needs_comment');
  }
  const recommendation = (recommendations as readonly string[]).includes(form.recommendation) ? (form.recommendation as Recommendation) : null;
  if (submit && !recommendation) errors.recommendation = t('review.form.recommendation_required');
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    await upsertReview(tx.db, {
      assignmentId: a.id, planId: a.plan_id, reviewerId: a.reviewer_id, scores: JSON.stringify(scores), recommendation,
      comment: normalizePersian(form.comment).slice(0, 5000) || null, isDraft: !submit, planVersion: plan.version, now,
    });
    if (submit) {
      if (!(await setAssignment(tx.db, a.id, ['in_progress'], { status: 'submitted' }))) throw new AppError('conflict', t('review.form.already_submitted'));
      await audit(tx, { actorId: actor.id, action: 'review.submitted', subjectType: 'plan', subjectId: a.plan_id, data: { assignment: a.id, recommendation } });
    } else {
      await audit(tx, { actorId: actor.id, action: 'review.draft_saved', subjectType: 'plan', subjectId: a.plan_id, data: { assignment: a.id } });
    }
    return { submitted: submit };
  });
}
