import { z } from 'zod';
import { TargetGroupRow, type PlanContent } from '../../plans/plan-content.ts';
import { t } from '../../platform/i18n/t.ts';
import { formatMoney, formatNumber } from '../../platform/persian/money.ts';

const text = (max: number) => z.string().max(max).default('');

export const activityStatuses = ['not_started', 'in_progress', 'done'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/** One activity of the plan (index into plan.activities) as it stands at the end of the quarter. */
export const ActivityProgressRow = z.object({
  index: z.number().int().min(0).max(49),
  status: z.enum(activityStatuses).default('not_started'),
  percent: z.number().min(0).max(100).default(0),
  note: text(1000),
});

/** An indicator of the plan's logframe (index into plan.indicators) measured this quarter. */
export const IndicatorActualRow = z.object({
  index: z.number().int().min(0).max(39),
  actual: z.number().nullable().default(null),
  note: text(1000),
});

/**
 * What an agency reports for one quarter, disaggregated as its plan is: activities, people
 * reached this quarter per target group (women, men, age bands — TargetGroupRow), money spent
 * this quarter, indicator actuals, and a narrative. Stored as JSON in progress_reports.content.
 */
export const ReportContentSchema = z.object({
  activities: z.array(ActivityProgressRow).max(50).default([]),
  beneficiaries: z.array(TargetGroupRow).max(20).default([]),
  spentRials: z.number().int().min(0).max(9_000_000_000_000_000).default(0),
  indicatorActuals: z.array(IndicatorActualRow).max(40).default([]),
  narrative: text(5000),
  challenges: text(3000),
  nextSteps: text(3000),
});

export type ReportContent = z.infer<typeof ReportContentSchema>;

export const emptyReportContent = (): ReportContent => ReportContentSchema.parse({});

/** Reads stored JSON; content written by older code is completed with defaults, never rejected. */
export function parseStoredReportContent(json: string): ReportContent {
  try {
    const parsed = ReportContentSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : emptyReportContent();
  } catch {
    return emptyReportContent();
  }
}

/** People reached in the quarter: women plus men over every target group. */
export function beneficiariesTotal(c: ReportContent): number {
  return c.beneficiaries.reduce((a, g) => a + g.female + g.male, 0);
}

/**
 * The report as the plan frames it: one indicator row per plan indicator and one group row per
 * planned group. Activities are kept as reported (sorted, known ones only) — an activity a report
 * does not mention keeps its percent from earlier reports in the roll-up — unless `fillActivities`
 * gives the rows to show for the ones missing (the form shows every activity).
 */
export function alignWithPlan(c: ReportContent, plan: PlanContent, fillActivities?: (index: number) => ReportContent['activities'][number]): ReportContent {
  const activities = fillActivities
    ? plan.activities.map((_, index) => c.activities.find((a) => a.index === index) ?? fillActivities(index))
    : c.activities.filter((a) => a.index < plan.activities.length).sort((a, b) => a.index - b.index);
  const indicatorActuals = plan.indicators.map((_, index) => c.indicatorActuals.find((a) => a.index === index) ?? IndicatorActualRow.parse({ index }));
  const beneficiaries = plan.targetGroups.map((g) => c.beneficiaries.find((b) => b.group === g.group) ?? TargetGroupRow.parse({ group: g.group }));
  return { ...c, activities, indicatorActuals, beneficiaries };
}

/**
 * The checks a report must pass, on a draft as on a submission (nothing is stored otherwise).
 * `spentBefore` is what the plan's other reports (not returned ones' drafts; see the operation)
 * already declared. Returns Persian messages by form field.
 */
export function reportContentProblems(c: ReportContent, plan: PlanContent, money: { fundedRials: number; spentBefore: number }): Record<string, string> {
  const e: Record<string, string> = {};
  for (const a of c.activities) {
    if (a.index >= plan.activities.length) e[`activities.${a.index}.percent`] = t('reports.error.activity_unknown');
    else if (a.status === 'done' && a.percent !== 100) e[`activities.${a.index}.percent`] = t('reports.error.done_not_100');
    else if (a.status === 'not_started' && a.percent !== 0) e[`activities.${a.index}.percent`] = t('reports.error.not_started_not_0');
  }
  for (const i of c.indicatorActuals) {
    if (i.index >= plan.indicators.length) e[`indicatorActuals.${i.index}.actual`] = t('reports.error.indicator_unknown');
  }
  const planned = new Set(plan.targetGroups.map((g) => g.group));
  c.beneficiaries.forEach((g, i) => {
    if (!planned.has(g.group)) {
      e[`beneficiaries.${i}.female`] = t('reports.error.group_unknown', { group: t(`target.${g.group}`) });
      return;
    }
    const people = g.female + g.male;
    const byAge = Object.values(g.ageBands).reduce((a, b) => a + b, 0);
    if (byAge > 0 && byAge !== people) {
      e[`beneficiaries.${i}.female`] = t('reports.error.age_sum', { group: t(`target.${g.group}`), people: formatNumber(people), byAge: formatNumber(byAge) });
    }
  });
  const remaining = Math.max(0, money.fundedRials - money.spentBefore);
  if (c.spentRials > remaining) {
    e.spentRials = t('reports.error.overspend', { remaining: formatMoney(remaining, 'rial'), funded: formatMoney(money.fundedRials, 'rial') });
  }
  return e;
}
