import { inTransaction, type OpContext } from '../../context.ts';
import { can, type Actor } from '../../accounts/permissions.ts';
import { parseStoredContent } from '../../plans/plan-content.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { normalizePersian } from '../../platform/persian/normalize.ts';
import { alignWithPlan, beneficiariesTotal, reportContentProblems, ReportContentSchema, type ReportContent } from './report-content.ts';
import { isEditableReport } from './report-lifecycle.ts';
import { periodsOfPlan } from './report-rules.ts';
import { findReportingPlan, findReportOfPeriod, insertReport, insertReportEvent, isReportClash, spentByOtherReports, updateReportContent } from './reports.repo.ts';
import { tehranDate } from './schedule.ts';

/** zod issue paths → the form's field names ('activities.0.percent'), with one Persian message. */
function zodErrors(issues: readonly { path: readonly PropertyKey[] }[]): Record<string, string> {
  const e: Record<string, string> = {};
  for (const i of issues) {
    const name = i.path.map(String).join('.') || 'form';
    e[name] ??= name.endsWith('percent') ? t('reports.error.percent') : t('reports.error.invalid');
  }
  return e;
}

const clean = (s: string) => normalizePersian(s).trim();

/**
 * An agency officer writes (or rewrites) the draft of a funded plan's report for one quarter of
 * its schedule. Only drafts and returned reports change; the content is checked whole (percent
 * ranges, age bands, spending within the funded amount) and nothing is stored when it fails.
 * One report per plan and quarter: a concurrent first save becomes a Persian error.
 */
export async function saveProgressReport(
  ctx: OpContext,
  actor: Actor,
  planId: number,
  period: string,
  input: unknown,
  options: { isDemo?: boolean } = {},
): Promise<{ reportId: number; created: boolean }> {
  const plan = await findReportingPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (!can(actor, 'report.file', { agencyId: plan.agencyId })) throw new AppError('forbidden');
  const planContent = parseStoredContent(plan.content);
  const now = ctx.clock.now();
  const due = periodsOfPlan(plan, tehranDate(now), planContent).find((d) => d.period === period);
  if (!due) throw new AppError('validation', undefined, { period: t('reports.error.period') });

  const parsed = ReportContentSchema.safeParse(input);
  if (!parsed.success) throw new AppError('validation', undefined, zodErrors(parsed.error.issues));
  const content: ReportContent = alignWithPlan(
    {
      ...parsed.data,
      activities: parsed.data.activities.map((a) => ({ ...a, note: clean(a.note) })),
      indicatorActuals: parsed.data.indicatorActuals.map((a) => ({ ...a, note: clean(a.note) })),
      narrative: clean(parsed.data.narrative),
      challenges: clean(parsed.data.challenges),
      nextSteps: clean(parsed.data.nextSteps),
    },
    planContent,
  );
  const existing = await findReportOfPeriod(ctx.db, planId, period);
  if (existing && !isEditableReport(existing.status)) throw new AppError('conflict', t('reports.error.not_editable'));
  const spentBefore = await spentByOtherReports(ctx.db, planId, existing?.id ?? null);
  // Checked before alignment, which would silently drop rows the plan does not name.
  const problems = reportContentProblems(parsed.data, planContent, { fundedRials: plan.fundedRials, spentBefore });
  if (Object.keys(problems).length) throw new AppError('validation', undefined, problems);

  const json = JSON.stringify(content);
  const total = beneficiariesTotal(content);
  try {
    return await inTransaction(ctx, async (tx) => {
      const stamp = tx.clock.now().toISOString();
      if (existing) {
        if (!(await updateReportContent(tx.db, existing.id, existing.status, { content: json, spentRials: content.spentRials, beneficiariesTotal: total, now: stamp }))) {
          throw new AppError('conflict', t('reports.error.changed_meanwhile'));
        }
        await audit(tx, { actorId: actor.id, action: 'progress_report.saved', subjectType: 'progress_report', subjectId: existing.id, data: { planId, period, spentRials: content.spentRials, beneficiaries: total } });
        return { reportId: existing.id, created: false };
      }
      const reportId = await insertReport(tx.db, {
        planId, agencyId: plan.agencyId, period, dueOn: due.dueOn, content: json, spentRials: content.spentRials, beneficiariesTotal: total,
        createdBy: actor.id, isDemo: options.isDemo ?? false, now: stamp,
      });
      await insertReportEvent(tx.db, { reportId, from: null, to: 'draft', actorId: actor.id, now: stamp });
      await audit(tx, { actorId: actor.id, action: 'progress_report.created', subjectType: 'progress_report', subjectId: reportId, data: { planId, period, spentRials: content.spentRials, beneficiaries: total } });
      return { reportId, created: true };
    });
  } catch (err) {
    if (isReportClash(err)) throw new AppError('validation', undefined, { period: t('reports.error.duplicate') });
    throw err;
  }
}
