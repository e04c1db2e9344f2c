import { t, type MessageKey } from '../platform/i18n/t.ts';
import { jalaliMonthNames } from '../platform/persian/jalali.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import type { Period } from './periods.ts';

const seasons: readonly MessageKey[] = ['monitoring.season.1', 'monitoring.season.2', 'monitoring.season.3', 'monitoring.season.4'];

/** A period for people: «سال ۱۴۰۳», «بهار ۱۴۰۳» (Jalali quarters are the seasons), «مهر ۱۴۰۳». */
export function periodLabel(p: Period): string {
  const year = toPersianDigits(p.year);
  if (p.type === 'year') return t('monitoring.period.year', { year });
  const name = p.type === 'quarter' ? t(seasons[p.index - 1]!) : jalaliMonthNames[p.index - 1]!;
  return `${name} ${year}`;
}
