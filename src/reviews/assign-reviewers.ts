import { inTransaction, type AppContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { deadlineOfJalaliDay } from '../calls/deadline.ts';
import { audit } from '../platform/audit/audit.ts';
import { enqueueJob } from '../platform/jobs/worker.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { parseJalaliDate } from '../platform/persian/jalali.ts';
import { notify } from '../platform/notify/notify.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { assignmentsOfPlan, insertAssignment, listReviewers, officerAgencyIds } from './reviews.repo.ts';
import { REVIEW_REMINDERS_JOB, REMIND_BEFORE_SECONDS } from './review-reminders.ts';

export type ReviewCtx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

/**
 * The secretariat asks reviewers to review a plan in review, by a Jalali due date. A reviewer who
 * is an officer of the plan's agency, or declared a conflict with it, cannot be assigned.
 */
export async function assignReviewers(ctx: ReviewCtx, actor: Actor, planId: number, input: { reviewerIds: number[]; due: string }): Promise<{ assigned: number }> {
  if (!can(actor, 'review.manage')) throw new AppError('forbidden');
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (plan.status !== 'in_review') throw new AppError('conflict', t('review.assign.not_in_review'));
  const errors: Record<string, string> = {};
  const ids = [...new Set(input.reviewerIds)];
  if (!ids.length) errors.reviewers = t('review.assign.none');
  const parsed = parseJalaliDate(input.due);
  const dueAt = parsed.ok ? deadlineOfJalaliDay(parsed.value) : null;
  if (!parsed.ok) errors.due = t(parsed.error === 'empty' ? 'review.assign.due_required' : 'review.assign.due_invalid');
  else if (Date.parse(dueAt!) <= ctx.clock.now().getTime()) errors.due = t('review.assign.due_past');
  const now = ctx.clock.now().toISOString();
  const reviewers = new Map((await listReviewers(ctx.db, now)).map((r) => [r.id, r]));
  const current = new Set((await assignmentsOfPlan(ctx.db, planId)).map((a) => a.reviewer_id));
  const problems: string[] = [];
  for (const id of ids) {
    const r = reviewers.get(id);
    if (!r) { problems.push(t('review.assign.not_reviewer')); continue; }
    if (current.has(id)) problems.push(t('review.assign.already', { name: r.name }));
    const declared = JSON.parse(r.conflict_agency_ids ?? '[]') as number[];
    if ((await officerAgencyIds(ctx.db, id)).includes(plan.agency_id)) problems.push(t('review.assign.conflict_officer', { name: r.name }));
    else if (declared.includes(plan.agency_id)) problems.push(t('review.assign.conflict_declared', { name: r.name }));
  }
  if (problems.length) errors.reviewers = problems.join(' ');
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  return inTransaction(ctx, async (tx) => {
    for (const id of ids) {
      const assignmentId = await insertAssignment(tx.db, { planId, reviewerId: id, dueAt: dueAt!, assignedBy: actor.id, now });
      await audit(tx, { actorId: actor.id, action: 'review.assigned', subjectType: 'plan', subjectId: planId, data: { assignment: assignmentId, reviewer: id, due: dueAt } });
      const r = reviewers.get(id)!;
      await notify(tx.db, tx.clock, {
        userId: id, email: r.email, link: `/reviews/${assignmentId}`,
        subject: t('review.notify.assigned_subject', { title: plan.title }),
        body: t('review.notify.assigned_body', { title: plan.title }),
      });
    }
    // One sweep before the due date and one just after it; the sweep is idempotent.
    const due = Date.parse(dueAt!);
    for (const at of [due - REMIND_BEFORE_SECONDS * 1000, due + 1000]) {
      const delay = (at - tx.clock.now().getTime()) / 1000;
      if (delay > 0) await enqueueJob(tx.db, tx.clock, REVIEW_REMINDERS_JOB, {}, { delaySeconds: delay });
    }
    return { assigned: ids.length };
  });
}
