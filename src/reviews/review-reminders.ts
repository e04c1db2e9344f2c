import type { OpContext } from '../context.ts';
import { inTransaction } from '../context.ts';
import { activeUsersWithRole } from '../accounts/accounts.repo.ts';
import type { JobHandler } from '../platform/jobs/worker.ts';
import { t } from '../platform/i18n/t.ts';
import { formatJalaliDate } from '../platform/persian/jalali.ts';
import { notify } from '../platform/notify/notify.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { assignmentsNeedingNotice, claimNotice, usersWithEmail } from './reviews.repo.ts';

export const REVIEW_REMINDERS_JOB = 'review.reminders';
/** Reviewers are reminded two days before the due date. */
export const REMIND_BEFORE_SECONDS = 2 * 86_400;

/**
 * Reminds reviewers whose review is due within two days, and tells them and the secretariat when
 * it is overdue. Each notice is sent once: the assignment row is stamped in the same transaction,
 * and only if it was not stamped meanwhile (two sweeps at once send nothing twice).
 */
export async function runReviewReminders(ctx: OpContext): Promise<{ reminded: number; overdue: number }> {
  const now = ctx.clock.now();
  const due = await assignmentsNeedingNotice(ctx.db, now.toISOString(), new Date(now.getTime() + REMIND_BEFORE_SECONDS * 1000).toISOString());
  let reminded = 0;
  let overdue = 0;
  for (const a of due) {
    const isOverdue = Date.parse(a.due_at) < now.getTime();
    await inTransaction(ctx, async (tx) => {
      const stamp = tx.clock.now().toISOString();
      const claimed = isOverdue
        ? await claimNotice(tx.db, a.id, 'overdue_notified_at', stamp)
        : await claimNotice(tx.db, a.id, 'reminded_at', stamp);
      // An overdue notice also stands for the reminder, so a late first sweep does not send both.
      if (claimed && isOverdue) await claimNotice(tx.db, a.id, 'reminded_at', stamp);
      if (!claimed) return;
      const plan = await findPlan(tx.db, a.plan_id);
      const [reviewer] = await usersWithEmail(tx.db, [a.reviewer_id]);
      if (!plan || !reviewer) return;
      const params = { title: plan.title, due: formatJalaliDate(Date.parse(a.due_at) - 1) };
      await notify(tx.db, tx.clock, {
        userId: reviewer.id, email: reviewer.email, link: `/reviews/${a.id}`,
        subject: t(isOverdue ? 'review.notify.overdue_subject' : 'review.notify.reminder_subject', params),
        body: t(isOverdue ? 'review.notify.overdue_body' : 'review.notify.reminder_body', params),
      });
      if (isOverdue) {
        for (const s of await activeUsersWithRole(tx.db, 'secretary')) {
          await notify(tx.db, tx.clock, {
            userId: s.id, email: s.email, link: `/admin/reviews/${a.plan_id}`,
            subject: t('review.notify.overdue_staff_subject', { title: plan.title, name: reviewer.name }),
            body: t('review.notify.overdue_body', params),
          });
        }
        overdue++;
      } else reminded++;
    });
  }
  return { reminded, overdue };
}

export function reviewReminderJobHandler(ctx: OpContext): JobHandler {
  return async () => {
    await runReviewReminders(ctx);
  };
}
