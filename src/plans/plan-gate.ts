import { t } from '../platform/i18n/t.ts';
import { formatMoney } from '../platform/persian/money.ts';
import { formatJalaliNumeric, gregorianIsoToJalali } from '../platform/persian/jalali.ts';
import type { PlanContent } from './plan-content.ts';

/** What the gate needs to know beyond the plan itself, gathered by the caller from the database. */
export type GateFacts = {
  /** First and last Gregorian day of the call's Jalali fiscal year. */
  fiscalYearStart: string;
  fiscalYearEnd: string;
  callCeilingRials: number;
  agencyCreditRials: number;
  /** Rials the same agency already has in other live plans of this call. */
  committedElsewhereRials: number;
  /** Chosen places that lie outside the call's eligible places (or are not neighborhoods/villages). */
  ineligiblePlaceIds: number[];
};

export type GateErrors = Partial<Record<GateField, string>>;

export const gateFields = [
  'title', 'summary', 'harms', 'interventionTypes', 'targetGroups', 'placeIds', 'evidence', 'goal',
  'outcomes', 'outputs', 'activities', 'indicators', 'assumptions', 'budgetLines', 'requestedTotal',
  'startDate', 'endDate', 'schedule', 'participationPlan', 'overlapDescription',
] as const;
export type GateField = (typeof gateFields)[number];

const filled = (s: string) => s.trim().length > 0;
const jalali = (iso: string) => formatJalaliNumeric(gregorianIsoToJalali(iso));

/**
 * The submission gate: a plan is effective, targeted and justifiable enough to be reviewed only
 * when every section is there. Returns a Persian message per failing field; empty means it passes.
 */
export function checkGate(p: PlanContent, f: GateFacts): GateErrors {
  const e: GateErrors = {};
  if (p.title.trim().length < 5) e.title = t('gate.title');
  if (p.summary.trim().length < 50) e.summary = t('gate.summary');
  if (p.harms.length === 0) e.harms = t('gate.harms');
  if (p.interventionTypes.length === 0) e.interventionTypes = t('gate.intervention_types');

  if (p.targetGroups.length === 0) e.targetGroups = t('gate.target_groups');
  else {
    for (const g of p.targetGroups) {
      const people = g.female + g.male;
      const byAge = Object.values(g.ageBands).reduce((a, b) => a + b, 0);
      if (people === 0) e.targetGroups = t('gate.target_groups_empty', { group: t(`target.${g.group}`) });
      else if (byAge !== people) e.targetGroups = t('gate.target_groups_sum', { group: t(`target.${g.group}`), people, byAge });
    }
  }

  if (p.placeIds.length === 0) e.placeIds = t('gate.places');
  else if (f.ineligiblePlaceIds.length) e.placeIds = t('gate.places_ineligible', { count: f.ineligiblePlaceIds.length });

  const evidence = p.evidence.filter((r) => filled(r.statement) || filled(r.value) || filled(r.source));
  if (evidence.length === 0) e.evidence = t('gate.evidence');
  else if (evidence.some((r) => !filled(r.statement) || !filled(r.value) || !filled(r.source))) e.evidence = t('gate.evidence_incomplete');

  if (!filled(p.goal)) e.goal = t('gate.goal');
  if (!p.outcomes.some(filled)) e.outcomes = t('gate.outcomes');
  if (!p.outputs.some(filled)) e.outputs = t('gate.outputs');
  if (!p.activities.some(filled)) e.activities = t('gate.activities');

  const indicators = p.indicators.filter((i) => filled(i.statement));
  const complete = (i: (typeof indicators)[number]) => filled(i.unit) && i.baseline !== null && i.target !== null;
  if (!indicators.some((i) => i.level === 'outcome' && complete(i)) || !indicators.some((i) => i.level === 'output' && complete(i))) {
    e.indicators = t('gate.indicators');
  } else if (indicators.some((i) => !complete(i) || !filled(i.period) || !filled(i.meansOfVerification))) {
    e.indicators = t('gate.indicators_incomplete');
  }
  if (!filled(p.assumptions)) e.assumptions = t('gate.assumptions');

  const lines = p.budgetLines.filter((l) => filled(l.item));
  const sum = lines.reduce((a, l) => a + l.total, 0);
  if (lines.length === 0) e.budgetLines = t('gate.budget_lines');
  else if (lines.some((l) => l.total !== Math.round(l.unitCost * l.quantity) || l.total === 0)) e.budgetLines = t('gate.budget_line_total');
  if (!e.budgetLines) {
    if (p.requestedTotal !== sum) e.requestedTotal = t('gate.total_mismatch', { total: formatMoney(p.requestedTotal, 'rial'), sum: formatMoney(sum, 'rial') });
    else if (p.requestedTotal > f.callCeilingRials) e.requestedTotal = t('gate.over_ceiling', { ceiling: formatMoney(f.callCeilingRials, 'rial') });
    else if (p.requestedTotal + f.committedElsewhereRials > f.agencyCreditRials) {
      e.requestedTotal = t('gate.over_credit', {
        credit: formatMoney(f.agencyCreditRials, 'rial'),
        left: formatMoney(Math.max(0, f.agencyCreditRials - f.committedElsewhereRials), 'rial'),
      });
    }
  }

  const fy = { from: jalali(f.fiscalYearStart), to: jalali(f.fiscalYearEnd) };
  if (!p.startDate) e.startDate = t('gate.start_date');
  else if (p.startDate < f.fiscalYearStart || p.startDate > f.fiscalYearEnd) e.startDate = t('gate.outside_year', fy);
  if (!p.endDate) e.endDate = t('gate.end_date');
  else if (p.endDate < f.fiscalYearStart || p.endDate > f.fiscalYearEnd) e.endDate = t('gate.outside_year', fy);
  else if (p.startDate && p.endDate < p.startDate) e.endDate = t('gate.end_before_start');
  if (p.startDate && p.endDate && p.schedule.some((s) => (s.start && (s.start < p.startDate! || s.start > p.endDate!)) || (s.end && (s.end < p.startDate! || s.end > p.endDate!)))) {
    e.schedule = t('gate.schedule_outside');
  }

  if (p.participationPlan.trim().length < 30) e.participationPlan = t('gate.participation');
  if (p.hasOverlap && !filled(p.overlapDescription)) e.overlapDescription = t('gate.overlap');
  return e;
}
