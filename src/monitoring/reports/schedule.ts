import { gregorianIsoToJalali, jalaliDayStartUtc, jalaliPartsOf, jalaliToGregorianIso } from '../../platform/persian/jalali.ts';
import { parsePeriod, periodCode, periodEnd, periodOf, periodsBetween } from '../periods.ts';

/**
 * When a funded plan reports: one progress report per Jalali quarter, due REPORT_GRACE_DAYS after
 * the quarter ends. Pure: every date comes in as an argument ('today' is the Tehran calendar day).
 */
export const REPORT_GRACE_DAYS = 15;
/** Officers are reminded this many days before a report falls due. */
export const DUE_SOON_DAYS = 7;

export type ReportingPlan = { fundedAt: string /* ISO instant */; startDate: string | null /* ISO date */; endDate: string | null; completedAt: string | null };
export type DuePeriod = { period: string /* '1405Q2' */; dueOn: string /* ISO date: last day of the quarter + REPORT_GRACE_DAYS */ };
export type Timeliness = 'on_time' | 'late' | 'missing' | 'not_due';

/** The Gregorian ISO date n days after (or before) an ISO date. */
export function addDays(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The Tehran calendar day of an instant, as a Gregorian ISO date. */
export function tehranDate(instant: Date | string): string {
  return jalaliToGregorianIso(jalaliPartsOf(instant));
}

/** An instant or date reduced to its Tehran calendar day. */
const dayOf = (s: string) => (s.length > 10 ? tehranDate(s) : s);

/** The day a quarter's report is due: its last day plus the grace days. */
export function dueOnOf(period: string): string {
  const p = parsePeriod(period);
  if (!p || p.type !== 'quarter') throw new RangeError(`not a quarter: ${period}`);
  return addDays(periodEnd(p), REPORT_GRACE_DAYS);
}

/**
 * Every quarter from the one holding max(fundedAt, startDate) to the one holding
 * min(endDate, completedAt, today), in order. The current quarter is included (its report is
 * not due yet); a plan that ends or is completed stops reporting after that quarter.
 */
export function reportingPeriods(plan: ReportingPlan, today: string): DuePeriod[] {
  const from = [dayOf(plan.fundedAt), plan.startDate].filter((x): x is string => !!x).sort().at(-1)!;
  const until = [plan.endDate, plan.completedAt ? dayOf(plan.completedAt) : null, today].filter((x): x is string => !!x).sort()[0]!;
  if (until < from) return [];
  return periodsBetween(periodOf('quarter', from), periodOf('quarter', until)).map((p) => {
    const period = periodCode(p);
    return { period, dueOn: dueOnOf(period) };
  });
}

/** The instant a due day ends in Tehran (the start of the next day). */
export function endOfTehranDay(isoDate: string): string {
  return jalaliDayStartUtc(gregorianIsoToJalali(addDays(isoDate, 1)));
}

const wasSubmitted = (r: { status: string; submittedAt: string | null } | null): r is { status: string; submittedAt: string } =>
  !!r && r.status !== 'draft' && !!r.submittedAt;

/**
 * not_due while the due day has not passed and nothing was submitted; on_time when first
 * submitted by the end of the due day (Tehran); late when submitted after it; missing when the
 * due day passed and nothing was submitted (a draft counts as nothing).
 */
export function timelinessOf(due: DuePeriod, report: { status: string; submittedAt: string | null } | null, today: string): Timeliness {
  if (wasSubmitted(report)) return report.submittedAt < endOfTehranDay(due.dueOn) ? 'on_time' : 'late';
  return today <= due.dueOn ? 'not_due' : 'missing';
}

export type ReminderKind = 'due_soon' | 'overdue';

/**
 * Which reminder a period calls for today: 'due_soon' in the DUE_SOON_DAYS before the due day
 * (inclusive), 'overdue' once it has passed; none once a report has been submitted (a returned
 * report was submitted: its officers were told when it came back).
 */
export function reminderKindOf(due: DuePeriod, report: { status: string; submittedAt: string | null } | null, today: string): ReminderKind | null {
  if (wasSubmitted(report)) return null;
  if (today > due.dueOn) return 'overdue';
  if (today >= addDays(due.dueOn, -DUE_SOON_DAYS)) return 'due_soon';
  return null;
}
