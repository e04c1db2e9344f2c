import { inTransaction, type OpContext } from '../../context.ts';
import { activeUsersWithRole } from '../../accounts/accounts.repo.ts';
import { notifyAgencyOfficers } from '../../calls/notify-officers.ts';
import { audit } from '../../platform/audit/audit.ts';
import { t } from '../../platform/i18n/t.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs/worker.ts';
import { notify } from '../../platform/notify/notify.ts';
import { dateLabel, periodsOfPlan } from './report-rules.ts';
import { claimReminder, hasPendingJob, listReportingPlans, listReportsOfPlans } from './reports.repo.ts';
import { reminderKindOf, tehranDate, type ReminderKind } from './schedule.ts';
import { periodName } from './submit-progress-report.ts';

/** The job kind of the daily progress-report reminder sweep; its payload is `{}`. */
export const REPORT_REMINDERS_JOB = 'progress_report.reminders';
const DAY_SECONDS = 86_400;

export type ReportReminderReport = Record<ReminderKind, number>;

/**
 * For each funded plan and each period of its schedule without a submitted report: 7 days before
 * the due day its agency's officers are reminded; once the due day has passed they are told it is
 * overdue, and so is the secretariat. Each (plan, period, kind) goes out once whatever runs at the
 * same time: the progress_reminders row is claimed in the transaction that sends it.
 */
export async function runReportReminders(ctx: OpContext): Promise<ReportReminderReport> {
  const report: ReportReminderReport = { due_soon: 0, overdue: 0 };
  const today = tehranDate(ctx.clock.now());
  const plans = await listReportingPlans(ctx.db);
  const reports = await listReportsOfPlans(ctx.db, plans.map((p) => p.id));
  const byKey = new Map(reports.map((r) => [`${r.planId}:${r.period}`, r]));
  for (const plan of plans) {
    for (const due of periodsOfPlan(plan, today)) {
      const r = byKey.get(`${plan.id}:${due.period}`);
      const kind = reminderKindOf(due, r ? { status: r.status, submittedAt: r.submittedAt } : null, today);
      if (!kind) continue;
      const sent = await inTransaction(ctx, async (tx) => {
        if (!(await claimReminder(tx.db, { planId: plan.id, period: due.period, kind, now: tx.clock.now().toISOString() }))) return false;
        const params = { plan: plan.title, agency: plan.agencyName, period: periodName(due.period), due: dateLabel(due.dueOn) };
        const link = `/my/plans/${plan.id}/reports/${due.period}`;
        const officers = await notifyAgencyOfficers(tx, [plan.agencyId], () =>
          kind === 'overdue'
            ? { subject: t('reports.notify.overdue_subject', params), body: t('reports.notify.overdue_body', params), link }
            : { subject: t('reports.notify.due_soon_subject', params), body: t('reports.notify.due_soon_body', params), link },
        );
        let staff = 0;
        if (kind === 'overdue') {
          for (const s of await activeUsersWithRole(tx.db, 'secretary')) {
            await notify(tx.db, tx.clock, {
              userId: s.id, email: s.email, link: '/admin/reports?tab=overdue',
              subject: t('reports.notify.overdue_staff_subject', params), body: t('reports.notify.overdue_staff_body', params),
            });
            staff++;
          }
        }
        await audit(tx, {
          actorId: null, action: kind === 'overdue' ? 'progress_report.overdue_notified' : 'progress_report.reminded',
          subjectType: 'plan', subjectId: plan.id, data: { period: due.period, dueOn: due.dueOn, agencyId: plan.agencyId, officers, staff },
        });
        return true;
      });
      if (sent) report[kind]++;
    }
  }
  return report;
}

/** The job handler: sweeps, then queues tomorrow's sweep. */
export function reportReminderJobHandler(ctx: OpContext): JobHandler {
  return async () => {
    await runReportReminders(ctx);
    // This job is running, so a waiting one means someone else already queued tomorrow's sweep.
    if (!(await hasPendingJob(ctx.db, REPORT_REMINDERS_JOB))) await enqueueJob(ctx.db, ctx.clock, REPORT_REMINDERS_JOB, {}, { delaySeconds: DAY_SECONDS });
  };
}

/** Queues a sweep now when none is waiting or running (called when the server starts); returns whether it queued one. */
export async function ensureReportSweepScheduled(ctx: OpContext): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    if (await hasPendingJob(tx.db, REPORT_REMINDERS_JOB, { orRunning: true })) return false;
    await enqueueJob(tx.db, tx.clock, REPORT_REMINDERS_JOB, {});
    return true;
  });
}
