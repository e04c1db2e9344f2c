import { formatJalaliDate, gregorianIsoToJalali, jalaliDayStartUtc } from '../../platform/persian/jalali.ts';
import { parseStoredContent, type PlanContent } from '../../plans/plan-content.ts';
import type { ReportingPlanRow } from './reports.repo.ts';
import { reportingPeriods, type DuePeriod } from './schedule.ts';

/** The schedule inputs of a funded plan row (its dates live in the plan content). */
export function reportingPlanOf(plan: ReportingPlanRow, content: PlanContent = parseStoredContent(plan.content)) {
  return { fundedAt: plan.fundedAt ?? plan.completedAt ?? '', startDate: content.startDate, endDate: content.endDate, completedAt: plan.completedAt };
}

/** The periods a funded plan reports for up to today; none when its funding instant is unknown. */
export function periodsOfPlan(plan: ReportingPlanRow, today: string, content?: PlanContent): DuePeriod[] {
  if (!plan.fundedAt) return [];
  return reportingPeriods(reportingPlanOf(plan, content), today);
}

/** A Gregorian ISO date shown as a Jalali date in words, e.g. «۱۵ تیر ۱۴۰۵». */
export function dateLabel(isoDate: string): string {
  return formatJalaliDate(jalaliDayStartUtc(gregorianIsoToJalali(isoDate)));
}
