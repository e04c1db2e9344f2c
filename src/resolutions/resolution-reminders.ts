import { inTransaction, type OpContext } from '../context.ts';
import { activeUsersWithRole } from '../accounts/accounts.repo.ts';
import { notifyAgencyOfficers } from '../calls/notify-officers.ts';
import { audit } from '../platform/audit/audit.ts';
import { t } from '../platform/i18n/t.ts';
import { enqueueJob, type JobHandler } from '../platform/jobs/worker.ts';
import { notify } from '../platform/notify/notify.ts';
import { dueNotice, REMIND_BEFORE_SECONDS, type ResolutionNotice } from './resolution-rules.ts';
import { deadlineLabel, resolutionLabel } from './resolution-format.ts';
import { claimResolutionNotice, findResolution, resolutionsNeedingNotice } from './resolutions.repo.ts';

/** The job kind of the resolution reminder sweep; its payload is `{}` (every resolution). */
export const RESOLUTION_REMINDERS_JOB = 'resolution.reminders';

export type ResolutionReminderReport = Record<ResolutionNotice, number>;

/**
 * Tells the responsible agency's officers 7 days before a resolution's deadline, and once it is
 * overdue tells them and the secretariat. Each notice goes out once, whatever runs at the same
 * time: the resolution is stamped (only if still unstamped) in the transaction that sends it. An
 * overdue notice also stands for a reminder never sent, so a late first sweep does not send both.
 */
export async function runResolutionReminders(ctx: OpContext): Promise<ResolutionReminderReport> {
  const report: ResolutionReminderReport = { reminder: 0, overdue: 0 };
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + REMIND_BEFORE_SECONDS * 1000).toISOString();
  for (const r of await resolutionsNeedingNotice(ctx.db, horizon)) {
    const kind = dueNotice(r, now);
    if (!kind) continue;
    const sent = await inTransaction(ctx, async (tx) => {
      const stamp = tx.clock.now().toISOString();
      const column = kind === 'overdue' ? 'overdue_notified_at' : 'reminded_at';
      if (!(await claimResolutionNotice(tx.db, r.id, column, stamp))) return false;
      if (kind === 'overdue') await claimResolutionNotice(tx.db, r.id, 'reminded_at', stamp);
      const full = await findResolution(tx.db, r.id);
      if (!full) return false;
      const label = resolutionLabel(full.number, full.meeting_title);
      const params = { label, agency: full.agency_name, deadline: deadlineLabel(full.deadline_at) };
      const officerMessage =
        kind === 'overdue'
          ? { subject: t('resolutions.notify.overdue_subject', params), body: t('resolutions.notify.overdue_body', params) }
          : { subject: t('resolutions.notify.reminder_subject', params), body: t('resolutions.notify.reminder_body', params) };
      const officers = await notifyAgencyOfficers(tx, [full.agency_id], () => ({ ...officerMessage, link: '/my/resolutions' }));
      let staff = 0;
      if (kind === 'overdue') {
        for (const s of await activeUsersWithRole(tx.db, 'secretary')) {
          await notify(tx.db, tx.clock, {
            userId: s.id, email: s.email, link: `/admin/resolutions/${r.id}`,
            subject: t('resolutions.notify.overdue_staff_subject', params),
            body: t('resolutions.notify.overdue_staff_body', params),
          });
          staff++;
        }
      }
      await audit(tx, {
        actorId: null, action: kind === 'overdue' ? 'resolution.overdue_notified' : 'resolution.reminded',
        subjectType: 'resolution', subjectId: r.id, data: { agencyId: full.agency_id, deadlineAt: full.deadline_at, officers, staff },
      });
      return true;
    });
    if (sent) report[kind]++;
  }
  return report;
}

/**
 * Queues sweeps for the moments a resolution's notices fall due: 7 days before its deadline and
 * just after it. Moments already past are swept at once (a resolution recorded late).
 */
export async function scheduleResolutionReminders(tx: OpContext, resolutionId: number, deadlineAt: string): Promise<number> {
  const now = tx.clock.now().getTime();
  const deadline = Date.parse(deadlineAt);
  const moments = [deadline - REMIND_BEFORE_SECONDS * 1000, deadline + 1000];
  const delays = [...new Set(moments.map((at) => Math.max(0, Math.ceil((at - now) / 1000))))];
  for (const delaySeconds of delays) {
    await enqueueJob(tx.db, tx.clock, RESOLUTION_REMINDERS_JOB, { resolutionId }, { delaySeconds });
  }
  return delays.length;
}

/** The job handler the worker runs for RESOLUTION_REMINDERS_JOB (every job sweeps all resolutions). */
export function resolutionReminderJobHandler(ctx: OpContext): JobHandler {
  return async () => {
    await runResolutionReminders(ctx);
  };
}
