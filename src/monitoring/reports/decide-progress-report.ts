import { inTransaction, type OpContext } from '../../context.ts';
import { can, type Actor } from '../../accounts/permissions.ts';
import { notifyAgencyOfficers } from '../../calls/notify-officers.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { normalizePersian } from '../../platform/persian/normalize.ts';
import { decisionNoteProblem, nextReportStatus } from './report-lifecycle.ts';
import { findReport, findReportingPlan, insertReportEvent, setReportStatus } from './reports.repo.ts';
import { periodName } from './submit-progress-report.ts';

/**
 * The secretariat approves a submitted report (its figures then count in public results and its
 * progress is frozen) or returns it to the agency with a note saying what to fix. The agency's
 * officers are told either way.
 */
export async function decideProgressReport(
  ctx: OpContext,
  actor: Actor,
  reportId: number,
  input: { decision: 'approve' | 'return'; note: string },
): Promise<{ status: 'approved' | 'returned'; notified: number }> {
  if (!can(actor, 'report.review')) throw new AppError('forbidden');
  const report = await findReport(ctx.db, reportId);
  if (!report) throw notFound();
  const note = normalizePersian(input.note ?? '').trim();
  const problem = decisionNoteProblem(input.decision, note);
  if (problem) throw new AppError('validation', undefined, { note: t(problem === 'required' ? 'reports.error.note_required' : 'reports.error.note_long') });
  const to = nextReportStatus(report.status, input.decision);
  if (!to) throw new AppError('conflict', t('reports.error.not_submitted'));
  const plan = await findReportingPlan(ctx.db, report.planId);

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (!(await setReportStatus(tx.db, report.id, report.status, to, { now, decidedBy: actor.id, decisionNote: note || null }))) {
      throw new AppError('conflict', t('reports.error.changed_meanwhile'));
    }
    await insertReportEvent(tx.db, { reportId: report.id, from: report.status, to, actorId: actor.id, message: note || null, now });
    const params = { plan: plan?.title ?? '', period: periodName(report.period) };
    const link = `/my/plans/${report.planId}/reports/${report.period}`;
    const notified = await notifyAgencyOfficers(tx, [report.agencyId], () =>
      to === 'approved'
        ? { subject: t('reports.notify.approved_subject', params), body: note ? t('reports.notify.approved_body_note', { ...params, note }) : t('reports.notify.approved_body', params), link }
        : { subject: t('reports.notify.returned_subject', params), body: t('reports.notify.returned_body', { ...params, note }), link },
    );
    await audit(tx, {
      actorId: actor.id, action: to === 'approved' ? 'progress_report.approved' : 'progress_report.returned', subjectType: 'progress_report', subjectId: report.id,
      data: { planId: report.planId, period: report.period, note: note || null, progressPercent: report.progressPercent, spentRials: report.spentRials, notified },
    });
    return { status: to as 'approved' | 'returned', notified };
  });
}
