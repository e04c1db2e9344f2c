// How a resolution's number, deadline and remaining time read in Persian (shared by views and notices).

import { daysUntil } from '../calls/deadline.ts';
import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';

/** «مصوبهٔ ۳ جلسهٔ …». */
export const resolutionLabel = (number: number, meetingTitle: string) =>
  t('resolutions.label', { number, meeting: toPersianDigits(meetingTitle) });

/** The deadline's day, e.g. «۲۸ خرداد ۱۴۰۵» (the stored instant is the end of that day). */
export const deadlineLabel = (deadlineAt: string) => formatJalaliDate(Date.parse(deadlineAt) - 1);

/** The deadline's day as a form field shows it: ۱۴۰۵/۰۳/۲۸. */
export const deadlineInputValue = (deadlineAt: string) => formatJalaliNumeric(jalaliPartsOf(Date.parse(deadlineAt) - 1));

/** «۱۲ روز مانده», «امروز آخرین روز است» or «۳ روز گذشته»; a part of a day counts as one. */
export function remainingLabel(deadlineAt: string, now: Date): string {
  const days = daysUntil(deadlineAt, now);
  if (days <= 0) return t('resolutions.days_past', { days: Math.max(1, -days) });
  if (days === 1) return t('resolutions.last_day');
  return t('resolutions.days_left', { days });
}
