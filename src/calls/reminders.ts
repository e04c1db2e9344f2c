import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { t } from '../platform/i18n/t.ts';
import { enqueueJob, type JobHandler } from '../platform/jobs/worker.ts';
import { claimReminder, markObligationOverdue, pendingObligations } from './calls.repo.ts';
import { callTitle, deadlineLabel, tomans } from './call-format.ts';
import { REMINDER_1D_SECONDS, REMINDER_7D_SECONDS } from './deadline.ts';
import { notifyAgencyOfficers } from './notify-officers.ts';

/** The job kind of the reminder sweep; its payload is `{ callId }` or `{}` for every call. */
export const CALL_REMINDERS_JOB = 'call.reminders';

export type ReminderKind = '7d' | '1d' | 'overdue';

/** What an agency still waiting to submit is owed at a moment, or null (nothing, or already sent). */
export function dueReminder(
  o: { deadline_at: string; call_status: string; reminded_7d_at: string | null; reminded_1d_at: string | null },
  now: Date,
): ReminderKind | null {
  const left = Date.parse(o.deadline_at) - now.getTime();
  if (left <= 0) return 'overdue';
  if (o.call_status !== 'open') return null;
  // Only the most urgent reminder of the moment: a sweep that runs late never sends both.
  if (left <= REMINDER_1D_SECONDS * 1000) return o.reminded_1d_at ? null : '1d';
  if (left <= REMINDER_7D_SECONDS * 1000) return o.reminded_7d_at || o.reminded_1d_at ? null : '7d';
  return null;
}

type Pending = { call_id: number; agency_id: number; credit_rials: number; title: string; deadline_at: string; overdue_at: string | null };

/**
 * Applies one reminder inside the caller's transaction: records it only if nobody has (so two
 * sweeps never send it twice), marks an obligation overdue with an audit entry, and tells the
 * agency's officers. An agency made overdue a second time (after an exemption was lifted) is not
 * told again. Returns whether this call did it.
 */
export async function applyReminder(tx: OpContext, p: Pending, kind: ReminderKind): Promise<boolean> {
  const now = tx.clock.now().toISOString();
  const claimed =
    kind === 'overdue'
      ? await markObligationOverdue(tx.db, p.call_id, p.agency_id, now)
      : await claimReminder(tx.db, p.call_id, p.agency_id, kind === '7d' ? 'reminded_7d_at' : 'reminded_1d_at', now);
  if (!claimed) return false;
  if (kind === 'overdue') {
    await audit(tx, { actorId: null, action: 'call.agency_overdue', subjectType: 'call', subjectId: p.call_id, data: { agencyId: p.agency_id } });
    if (p.overdue_at) return true;
  }
  const params = { title: callTitle(p.title), deadline: deadlineLabel(p.deadline_at), credit: tomans(p.credit_rials) };
  const message =
    kind === '7d'
      ? { subject: t('reminder.7d.subject', params), body: t('reminder.7d.body', params) }
      : kind === '1d'
        ? { subject: t('reminder.1d.subject', params), body: t('reminder.1d.body', params) }
        : { subject: t('reminder.overdue.subject', params), body: t('reminder.overdue.body', params) };
  await notifyAgencyOfficers(tx, [p.agency_id], () => ({ ...message, link: `/calls/${p.call_id}` }));
  return true;
}

export type ReminderReport = Record<ReminderKind, number>;

/**
 * The reminder sweep: for every agency still waiting to submit, sends the 7-day and 1-day
 * reminders of open calls and marks agencies overdue once the deadline has passed. Safe to run
 * at any time and any number of times: each reminder is recorded before it is sent, once.
 */
export async function runCallReminders(ctx: OpContext, options: { callId?: number } = {}): Promise<ReminderReport> {
  const report: ReminderReport = { '7d': 0, '1d': 0, overdue: 0 };
  const now = ctx.clock.now();
  for (const p of await pendingObligations(ctx.db, options)) {
    const kind = dueReminder(p, now);
    if (!kind) continue;
    // One transaction per agency: a failure leaves the others' reminders in place.
    if (await inTransaction(ctx, (tx) => applyReminder(tx, p, kind))) report[kind]++;
  }
  return report;
}

/** Queues sweeps for the moments a call's reminders fall due: 7 days and 1 day before, and just after the deadline. */
export async function scheduleCallReminders(tx: OpContext, callId: number, deadlineAt: string): Promise<number> {
  const now = tx.clock.now().getTime();
  const deadline = Date.parse(deadlineAt);
  let queued = 0;
  for (const at of [deadline - REMINDER_7D_SECONDS * 1000, deadline - REMINDER_1D_SECONDS * 1000, deadline + 1000]) {
    if (at <= now) continue;
    await enqueueJob(tx.db, tx.clock, CALL_REMINDERS_JOB, { callId }, { delaySeconds: (at - now) / 1000 });
    queued++;
  }
  return queued;
}

/** The job handler the worker runs for CALL_REMINDERS_JOB. */
export function callReminderJobHandler(ctx: OpContext): JobHandler {
  return async (payload) => {
    const callId = (payload as { callId?: unknown } | null)?.callId;
    await runCallReminders(ctx, typeof callId === 'number' ? { callId } : {});
  };
}
