import { inTransaction } from '../context.ts';
import { activeUsersWithRole } from '../accounts/accounts.repo.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { notify } from '../platform/notify/notify.ts';
import { findPlan } from '../plans/plans.repo.ts';
import type { ReviewCtx } from './assign-reviewers.ts';
import { findAssignment, setAssignment } from './reviews.repo.ts';

export type Response =
  /** Accepts, confirming no conflict of interest with the plan's agency. */
  | { answer: 'accept'; noConflict: boolean }
  | { answer: 'decline'; reason: string }
  /** Declares a conflict of interest: the assignment is blocked (declined with the conflict). */
  | { answer: 'conflict'; reason: string };

/** The reviewer answers an assignment: accept (declaring no conflict), decline, or declare a conflict. */
export async function respondToAssignment(ctx: ReviewCtx, actor: Actor, assignmentId: number, response: Response): Promise<void> {
  const a = await findAssignment(ctx.db, assignmentId);
  if (!a) throw notFound();
  if (!can(actor, 'review.write', { reviewerId: a.reviewer_id })) throw notFound();
  if (a.status !== 'assigned') throw new AppError('conflict', t('review.respond.already'));
  const plan = await findPlan(ctx.db, a.plan_id);
  if (!plan || plan.status !== 'in_review') throw new AppError('conflict', t('review.assign.not_in_review'));
  if (response.answer === 'accept' && !response.noConflict) {
    throw new AppError('validation', undefined, { noConflict: t('review.respond.confirm_no_conflict') });
  }
  const reason = response.answer === 'accept' ? '' : normalizePersian(response.reason).slice(0, 1000);
  if (response.answer !== 'accept' && reason.length < 5) throw new AppError('validation', undefined, { reason: t('review.respond.reason_required') });

  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const moved = response.answer === 'accept'
      ? await setAssignment(tx.db, a.id, ['assigned'], { status: 'in_progress', responded_at: now })
      : await setAssignment(tx.db, a.id, ['assigned'], { status: 'declined', responded_at: now, decline_reason: reason, conflict_declared: response.answer === 'conflict' ? 1 : 0 });
    if (!moved) throw new AppError('conflict', t('review.respond.already'));
    await audit(tx, { actorId: actor.id, action: `review.${response.answer === 'accept' ? 'accepted' : response.answer === 'conflict' ? 'conflict_declared' : 'declined'}`, subjectType: 'plan', subjectId: a.plan_id, data: { assignment: a.id } });
    if (response.answer !== 'accept') {
      for (const s of await activeUsersWithRole(tx.db, 'secretary')) {
        await notify(tx.db, tx.clock, {
          userId: s.id, email: s.email, link: `/admin/reviews/${a.plan_id}`,
          subject: t(response.answer === 'conflict' ? 'review.notify.conflict_subject' : 'review.notify.declined_subject', { title: plan.title }),
          body: reason,
        });
      }
    }
  });
}
