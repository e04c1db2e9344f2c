import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate } from '../platform/persian/jalali.ts';
import { formatMoney } from '../platform/persian/money.ts';
import { daysUntil } from './deadline.ts';

/** A stored title (digits kept in ASCII by normalisation) as people read it. */
export const callTitle = (title: string) => toPersianDigits(title);

/** The last day to submit, e.g. «۲۸ خرداد ۱۴۰۵». */
export const deadlineLabel = (deadlineAt: string) => formatJalaliDate(Date.parse(deadlineAt) - 1);

/** How long is left: «۱۲ روز مانده», «امروز آخرین روز است» or «مهلت گذشته است». */
export function daysLeftLabel(deadlineAt: string, now: Date): string {
  const days = daysUntil(deadlineAt, now);
  if (days <= 0) return t('call.deadline_passed');
  if (days === 1) return t('call.last_day');
  return t('call.days_left', { days });
}

/** The fiscal year in Persian digits without grouping: ۱۴۰۵, not ۱٬۴۰۵. */
export const fiscalYearLabel = (year: number) => toPersianDigits(year);

export const tomans = (rials: number) => formatMoney(rials, 'toman');
