import { field } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/t.ts';
import { toAsciiDigits } from '../../platform/persian/digits.ts';
import { formatNumber, parseAmount } from '../../platform/persian/money.ts';
import type { PlanContent } from '../../plans/plan-content.ts';
import { ageBands } from '../../taxonomy/codes.ts';
import { activityStatuses, type ReportContent } from './report-content.ts';

/**
 * The report form ⇄ report content. Field names are the content's paths
 * ('activities.0.percent', 'beneficiaries.1.ageBands.0_11', 'indicatorActuals.0.actual'), so the
 * operation's field errors land on the right input. Numbers are typed in Persian, Arabic-Indic or
 * ASCII digits, with or without grouping.
 */
export type ReportFormValues = Record<string, string>;

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** A typed decimal number ('۴۲٫۵', '42.5', '1,200'); undefined when empty, null when not a number. */
export function parseDecimal(raw: string): number | null | undefined {
  const s = toAsciiDigits(raw.replace(BIDI, '').normalize('NFKC')).trim().replace(/[٬,\s]/g, '').replace('٫', '.');
  if (s === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Every field name the form has for a plan. */
export function formFieldNames(plan: PlanContent): string[] {
  return [
    ...plan.activities.flatMap((_, i) => [`activities.${i}.status`, `activities.${i}.percent`, `activities.${i}.note`]),
    ...plan.targetGroups.flatMap((_, i) => [`beneficiaries.${i}.female`, `beneficiaries.${i}.male`, ...ageBands.map((b) => `beneficiaries.${i}.ageBands.${b}`)]),
    'spentRials',
    ...plan.indicators.flatMap((_, i) => [`indicatorActuals.${i}.actual`, `indicatorActuals.${i}.note`]),
    'narrative', 'challenges', 'nextSteps',
  ];
}

/** The posted values, kept as typed so a refused form shows them again. */
export function valuesFromBody(body: unknown, plan: PlanContent): ReportFormValues {
  return Object.fromEntries(formFieldNames(plan).map((n) => [n, field(body, n, 5000)]));
}

const shown = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatNumber(n));
const count = (n: number) => (n === 0 ? '' : formatNumber(n));

/** The form's values for stored (or prefilled) content aligned with the plan. */
export function valuesFromContent(c: ReportContent, plan: PlanContent): ReportFormValues {
  const v: ReportFormValues = {};
  plan.activities.forEach((_, i) => {
    const a = c.activities.find((x) => x.index === i);
    v[`activities.${i}.status`] = a?.status ?? 'not_started';
    v[`activities.${i}.percent`] = a ? shown(a.percent) : '';
    v[`activities.${i}.note`] = a?.note ?? '';
  });
  plan.targetGroups.forEach((g, i) => {
    const b = c.beneficiaries.find((x) => x.group === g.group);
    v[`beneficiaries.${i}.female`] = b ? count(b.female) : '';
    v[`beneficiaries.${i}.male`] = b ? count(b.male) : '';
    for (const band of ageBands) v[`beneficiaries.${i}.ageBands.${band}`] = b ? count(b.ageBands[band]) : '';
  });
  v.spentRials = c.spentRials ? formatNumber(c.spentRials) : '';
  plan.indicators.forEach((_, i) => {
    const a = c.indicatorActuals.find((x) => x.index === i);
    v[`indicatorActuals.${i}.actual`] = shown(a?.actual);
    v[`indicatorActuals.${i}.note`] = a?.note ?? '';
  });
  v.narrative = c.narrative;
  v.challenges = c.challenges;
  v.nextSteps = c.nextSteps;
  return v;
}

/**
 * Reads the form into report content for the operation (which validates it whole). Text that is
 * not a number becomes a field error here; an empty count is 0, an empty actual is "not measured".
 */
export function contentFromValues(v: ReportFormValues, plan: PlanContent): { input: unknown; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const decimal = (name: string): number | null => {
    const n = parseDecimal(v[name] ?? '');
    if (n === null) errors[name] = t('reports.error.number');
    return n ?? null;
  };
  const integer = (name: string): number => {
    const raw = (v[name] ?? '').trim();
    if (raw === '') return 0;
    const n = parseAmount(raw);
    if (n === null || n < 0) {
      errors[name] = t('reports.error.count');
      return 0;
    }
    return n;
  };
  const activities = plan.activities.map((_, index) => {
    const status = (activityStatuses as readonly string[]).includes(v[`activities.${index}.status`] ?? '') ? v[`activities.${index}.status`] : 'not_started';
    // 'done' means 100 and 'not started' 0 when the percent is left empty.
    const typed = decimal(`activities.${index}.percent`);
    const percent = typed ?? (status === 'done' ? 100 : 0);
    return { index, status, percent, note: v[`activities.${index}.note`] ?? '' };
  });
  const beneficiaries = plan.targetGroups.map((g, i) => ({
    group: g.group,
    female: integer(`beneficiaries.${i}.female`),
    male: integer(`beneficiaries.${i}.male`),
    ageBands: Object.fromEntries(ageBands.map((b) => [b, integer(`beneficiaries.${i}.ageBands.${b}`)])),
  }));
  const spentRials = integer('spentRials');
  const indicatorActuals = plan.indicators.map((_, index) => ({ index, actual: decimal(`indicatorActuals.${index}.actual`), note: v[`indicatorActuals.${index}.note`] ?? '' }));
  return {
    input: { activities, beneficiaries, spentRials, indicatorActuals, narrative: v.narrative ?? '', challenges: v.challenges ?? '', nextSteps: v.nextSteps ?? '' },
    errors,
  };
}
