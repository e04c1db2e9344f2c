import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliNumeric, gregorianIsoToJalali } from '../platform/persian/jalali.ts';
import { formatMoney, formatNumber } from '../platform/persian/money.ts';
import type { PlanContent } from './plan-content.ts';

const date = (iso: string | null) => (iso ? formatJalaliNumeric(gregorianIsoToJalali(iso)) : '—');
const num = (n: number | null) => (n === null ? '—' : formatNumber(n));
const list = (items: string[]) => (items.length ? items.join('؛ ') : '—');

/**
 * One field of a plan as a person reads it: codes as Persian labels, numbers in Persian digits,
 * dates in the Jalali calendar, money in rials. Used by the version comparison.
 */
export function formatPlanField<K extends keyof PlanContent>(field: K, content: PlanContent, placeNames: ReadonlyMap<number, string>): string {
  const c = content;
  switch (field) {
    case 'harms':
      return list(c.harms.map((h) => t(`harm.${h}`)));
    case 'interventionTypes':
      return list(c.interventionTypes.map((x) => t(`intervention.${x}`)));
    case 'targetGroups':
      return list(c.targetGroups.map((g) => t('planFormat.target', { group: t(`target.${g.group}`), female: g.female, male: g.male })));
    case 'placeIds':
      return list(c.placeIds.map((id) => placeNames.get(id) ?? toPersianDigits(id)));
    case 'evidence':
      return list(c.evidence.map((e) => `${e.statement}: ${toPersianDigits(e.value)} (${toPersianDigits(e.year)}، ${e.source})`));
    case 'outcomes':
      return list(c.outcomes.filter(Boolean));
    case 'outputs':
      return list(c.outputs.filter(Boolean));
    case 'activities':
      return list(c.activities.filter(Boolean));
    case 'indicators':
      return list(c.indicators.map((i) => t('planFormat.indicator', { level: t(`planFormat.level.${i.level}`), statement: i.statement, unit: i.unit, baseline: num(i.baseline), target: num(i.target) })));
    case 'budgetLines':
      return list(c.budgetLines.map((l) => t('planFormat.line', { item: l.item, quantity: num(l.quantity), unit: l.unit, unitCost: formatMoney(l.unitCost, 'rial'), total: formatMoney(l.total, 'rial') })));
    case 'cofunding':
      return list(c.cofunding.map((x) => `${x.source}: ${formatMoney(x.amount, 'rial')}`));
    case 'requestedTotal':
      return formatMoney(c.requestedTotal, 'rial');
    case 'startDate':
      return date(c.startDate);
    case 'endDate':
      return date(c.endDate);
    case 'schedule':
      return list(c.schedule.map((s) => `${s.activity}: ${date(s.start)} – ${date(s.end)}`));
    case 'partners':
      return list(c.partners.map((p) => `${p.name} (${t(`partnerKind.${p.kind}`)})`));
    case 'hasOverlap':
      return c.hasOverlap ? t('planFormat.yes') : t('planFormat.no');
    default: {
      const v = c[field];
      return typeof v === 'string' && v.trim() ? toPersianDigits(v) : '—';
    }
  }
}
