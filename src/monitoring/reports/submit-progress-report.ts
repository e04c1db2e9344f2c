import { inTransaction, type OpContext } from '../../context.ts';
import { activeUsersWithRole } from '../../accounts/accounts.repo.ts';
import { can, type Actor } from '../../accounts/permissions.ts';
import { parseStoredContent } from '../../plans/plan-content.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { notify } from '../../platform/notify/notify.ts';
import { parsePeriod } from '../periods.ts';
import { periodLabel } from '../period-label.ts';
import { parseStoredReportContent, reportContentProblems } from './report-content.ts';
import { nextReportStatus } from './report-lifecycle.ts';
import { parseRollupMode, planProgress, ROLLUP_SETTING_KEY, type RollupReport } from './roll-up.ts';
import { findReport, findReportingPlan, insertReportEvent, listReportsOfPlans, readSetting, setReportStatus, spentByOtherReports } from './reports.repo.ts';

export const periodName = (code: string) => {
  const p = parsePeriod(code);
  return p ? periodLabel(p) : code;
};

const rollupInput = (r: { period: string; spentRials: number; content: string }): RollupReport => ({
  period: r.period, spentRials: r.spentRials, activities: parseStoredReportContent(r.content).activities,
});

/**
 * An agency officer submits a draft or returned report to the secretariat. The content is checked
 * again (another report may have spent the money meanwhile); the plan's progress after this report
 * is computed by the roll-up (roll-up.ts) from the approved reports and this one, and stored on the
 * report (frozen when it is approved). The secretaries are told.
 */
export async function submitProgressReport(ctx: OpContext, actor: Actor, reportId: number): Promise<{ progressPercent: number | null }> {
  const report = await findReport(ctx.db, reportId);
  if (!report) throw notFound();
  if (!can(actor, 'report.file', { agencyId: report.agencyId })) throw new AppError('forbidden');
  const to = nextReportStatus(report.status, 'submit');
  if (!to) throw new AppError('conflict', t('reports.error.not_editable'));
  const plan = await findReportingPlan(ctx.db, report.planId);
  if (!plan) throw new AppError('conflict', t('reports.error.plan_not_funded'));
  const planContent = parseStoredContent(plan.content);
  const content = parseStoredReportContent(report.content);
  const spentBefore = await spentByOtherReports(ctx.db, plan.id, report.id);
  const problems = reportContentProblems(content, planContent, { fundedRials: plan.fundedRials, spentBefore });
  if (Object.keys(problems).length) throw new AppError('validation', undefined, problems);

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const mode = parseRollupMode(await readSetting(tx.db, ROLLUP_SETTING_KEY));
    const counted = (await listReportsOfPlans(tx.db, [plan.id])).filter((r) => r.status === 'approved' && r.id !== report.id);
    const progressPercent = planProgress(mode, { activityCount: planContent.activities.length, fundedRials: plan.fundedRials }, [...counted, report].map(rollupInput));
    if (!(await setReportStatus(tx.db, report.id, report.status, 'submitted', { now, submittedBy: actor.id, progressPercent }))) {
      throw new AppError('conflict', t('reports.error.changed_meanwhile'));
    }
    await insertReportEvent(tx.db, { reportId: report.id, from: report.status, to: 'submitted', actorId: actor.id, now });
    const params = { plan: plan.title, agency: plan.agencyName, period: periodName(report.period) };
    let notified = 0;
    for (const s of await activeUsersWithRole(tx.db, 'secretary')) {
      await notify(tx.db, tx.clock, {
        userId: s.id, email: s.email, link: `/admin/reports/${report.id}`,
        subject: t('reports.notify.submitted_subject', params), body: t('reports.notify.submitted_body', params),
      });
      notified++;
    }
    await audit(tx, {
      actorId: actor.id, action: 'progress_report.submitted', subjectType: 'progress_report', subjectId: report.id,
      data: { planId: plan.id, period: report.period, from: report.status, progressPercent, mode, spentRials: report.spentRials, notified },
    });
    return { progressPercent };
  });
}
