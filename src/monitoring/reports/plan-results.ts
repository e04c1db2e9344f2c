import type { Db } from '../../platform/db/database.ts';
import { parseStoredContent } from '../../plans/plan-content.ts';
import type { PlanStatus } from '../../plans/plan-lifecycle.ts';
import { t } from '../../platform/i18n/t.ts';
import { parsePeriod } from '../periods.ts';
import { periodLabel } from '../period-label.ts';
import { parseStoredReportContent } from './report-content.ts';
import { findPlanHeader, findReportingPlan, listPlanEventsForTimeline, listReportEvents, listReportsOfPlans } from './reports.repo.ts';
import type { ReportStatus } from './report-lifecycle.ts';
import { reportingPeriods, tehranDate } from './schedule.ts';

export type PlanResults = {
  planId: number;
  title: string;
  agencyName: string;
  status: PlanStatus;
  /** null when the plan has not been funded. */
  fundedRials: number | null;
  /** Σ spent_rials of approved reports. */
  spentRials: number;
  /** progress_percent of the latest approved report by period; null when none. */
  progressPercent: number | null;
  beneficiaries: {
    /** Women plus men the plan set out to reach. */
    plannedTotal: number;
    /** Σ beneficiaries_total of approved reports. */
    reachedTotal: number;
    byGroup: { group: string; planned: number; reachedFemale: number; reachedMale: number; reached: number }[];
  };
  /** The plan's logframe indicators; actual is the latest approved report's value. */
  indicators: { statement: string; unit: string; level: 'outcome' | 'output'; baseline: number | null; target: number | null; actual: number | null; actualPeriod: string | null }[];
  /** Reports shown: approved ones, plus submitted and returned ones with includeUnapproved; never drafts. */
  reports: { id: number; period: string; status: ReportStatus; submittedAt: string | null; decidedAt: string | null; progressPercent: number | null; spentRials: number; beneficiariesTotal: number }[];
  timeline: { at: string; kind: 'plan' | 'report'; label: string }[];
  /** The earliest reporting period without a submitted report; late when its due day has passed. */
  nextDue: { period: string; dueOn: string; late: boolean } | null;
};

const periodName = (code: string) => {
  const p = parsePeriod(code);
  return p ? periodLabel(p) : code;
};

/**
 * A plan's results for the public plan page and staff: money, people, indicators, reports and a
 * timeline. Figures always count approved reports only (Akvo: update → approve → recalculate);
 * includeUnapproved only adds submitted and returned reports (and their events) to the lists.
 * `today` (a Tehran ISO date) defaults to the wall clock. Null when the plan does not exist.
 */
export async function loadPlanResults(db: Db, planId: number, options: { includeUnapproved?: boolean; today?: string } = {}): Promise<PlanResults | null> {
  const header = await findPlanHeader(db, planId);
  if (!header) return null;
  const today = options.today ?? tehranDate(new Date());
  const plan = parseStoredContent(header.content);
  const all = (await listReportsOfPlans(db, [planId])).filter((r) => r.status !== 'draft');
  const approved = all.filter((r) => r.status === 'approved');
  const shown = options.includeUnapproved ? all : approved;

  const reachedByGroup = new Map<string, { female: number; male: number }>();
  const latestActual = new Map<number, { actual: number; period: string }>();
  for (const r of approved) {
    const c = parseStoredReportContent(r.content);
    for (const g of c.beneficiaries) {
      const x = reachedByGroup.get(g.group) ?? { female: 0, male: 0 };
      x.female += g.female;
      x.male += g.male;
      reachedByGroup.set(g.group, x);
    }
    // approved is in period order, so later periods overwrite earlier ones.
    for (const a of c.indicatorActuals) if (a.actual !== null) latestActual.set(a.index, { actual: a.actual, period: r.period });
  }
  const groups = [...new Set([...plan.targetGroups.map((g) => g.group as string), ...reachedByGroup.keys()])];
  const byGroup = groups.map((group) => {
    const planned = plan.targetGroups.filter((g) => g.group === group).reduce((s, g) => s + g.female + g.male, 0);
    const r = reachedByGroup.get(group) ?? { female: 0, male: 0 };
    return { group, planned, reachedFemale: r.female, reachedMale: r.male, reached: r.female + r.male };
  });

  const latestApproved = approved.at(-1);

  const shownIds = new Set(shown.map((r) => r.id));
  const periodOfReport = new Map(all.map((r) => [r.id, r.period]));
  const reportEvents = (await listReportEvents(db, [...shownIds])).filter((e) => options.includeUnapproved || e.to_status === 'approved');
  const timeline: PlanResults['timeline'] = [
    ...(await listPlanEventsForTimeline(db, planId)).map((e) => ({ at: e.at, kind: 'plan' as const, label: t('reports.timeline.plan', { status: t(`planStatus.${e.to_status}`) }) })),
    ...reportEvents.map((e) => ({
      at: e.at,
      kind: 'report' as const,
      label: t('reports.timeline.report', { period: periodName(periodOfReport.get(e.report_id) ?? ''), status: t(`reports.status.${e.to_status}`) }),
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  let nextDue: PlanResults['nextDue'] = null;
  const funded = await findReportingPlan(db, planId);
  if (funded?.fundedAt) {
    const submitted = new Set(all.map((r) => r.period));
    const due = reportingPeriods({ fundedAt: funded.fundedAt, startDate: plan.startDate, endDate: plan.endDate, completedAt: funded.completedAt }, today).find(
      (d) => !submitted.has(d.period),
    );
    if (due) nextDue = { period: due.period, dueOn: due.dueOn, late: today > due.dueOn };
  }

  return {
    planId: header.id,
    title: header.title,
    agencyName: header.agency_name,
    status: header.status,
    fundedRials: header.funded_rials,
    spentRials: approved.reduce((s, r) => s + r.spentRials, 0),
    progressPercent: latestApproved?.progressPercent ?? null,
    beneficiaries: { plannedTotal: byGroup.reduce((s, g) => s + g.planned, 0), reachedTotal: approved.reduce((s, r) => s + r.beneficiariesTotal, 0), byGroup },
    indicators: plan.indicators.map((i, index) => ({
      statement: i.statement, unit: i.unit, level: i.level, baseline: i.baseline, target: i.target,
      actual: latestActual.get(index)?.actual ?? null, actualPeriod: latestActual.get(index)?.period ?? null,
    })),
    reports: shown.map((r) => ({
      id: r.id, period: r.period, status: r.status, submittedAt: r.submittedAt, decidedAt: r.decidedAt,
      progressPercent: r.status === 'approved' || options.includeUnapproved ? r.progressPercent : null, spentRials: r.spentRials, beneficiariesTotal: r.beneficiariesTotal,
    })),
    timeline,
    nextDue,
  };
}
