import type { OpContext } from '../context.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { currentFiscalYear, parseJalaliDate } from '../platform/persian/jalali.ts';
import { formatMoney, parseAmount } from '../platform/persian/money.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { harms, isCode, targetGroups } from '../taxonomy/codes.ts';
import { existingPlaceIds, type CallWrite } from './calls.repo.ts';
import { deadlineOfJalaliDay } from './deadline.ts';

/** A call form as typed: text fields and checkbox lists. */
export type CallInput = {
  title: string;
  description: string;
  fiscalYear: string;
  /** Budget ceiling in rials (Persian, Arabic or ASCII digits, grouping allowed). */
  budget: string;
  /** Last day to submit, as a Jalali date such as ۱۴۰۵/۰۳/۲۸. */
  deadline: string;
  harms: readonly string[];
  targetGroups: readonly string[];
  placeIds: readonly string[];
};

export const MAX_BUDGET_RIALS = 1_000_000_000_000_000;

/**
 * Checks a call form and turns it into what is stored; every problem comes back at once as a
 * Persian message per field. `minBudgetRials` is the credit already granted to agencies.
 */
export async function validateCallInput(ctx: OpContext, o: CallInput, options: { minBudgetRials?: number } = {}): Promise<CallWrite & { placeIds: number[] }> {
  const errors: Record<string, string> = {};
  const now = ctx.clock.now();

  const title = normalizePersian(o.title);
  if (title.length < 5 || title.length > 200) errors.title = t('call.title_invalid');
  const description = normalizePersian(o.description);
  if (description.length < 20 || description.length > 5000) errors.description = t('call.description_invalid');

  const thisYear = currentFiscalYear(now);
  const yearText = toAsciiDigits(o.fiscalYear).trim();
  const fiscalYear = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!(fiscalYear >= thisYear - 1 && fiscalYear <= thisYear + 1)) {
    errors.fiscalYear = t('call.fiscal_year_invalid', { from: thisYear - 1, to: thisYear + 1 });
  }

  const budgetRials = parseAmount(o.budget);
  if (budgetRials === null || budgetRials <= 0 || budgetRials > MAX_BUDGET_RIALS) errors.budget = t('call.budget_invalid');
  else if (options.minBudgetRials && budgetRials < options.minBudgetRials) {
    errors.budget = t('call.budget_below_credits', { credits: formatMoney(options.minBudgetRials, 'rial') });
  }

  let deadlineAt = '';
  const parsed = parseJalaliDate(o.deadline);
  if (!parsed.ok) errors.deadline = t(parsed.error === 'empty' ? 'call.deadline_required' : 'call.deadline_invalid');
  else {
    deadlineAt = deadlineOfJalaliDay(parsed.value);
    if (Date.parse(deadlineAt) <= now.getTime()) errors.deadline = t('call.deadline_past');
  }

  const harmCodes = [...new Set(o.harms)];
  if (harmCodes.length === 0 || !harmCodes.every((h) => isCode(harms, h))) errors.harms = t('call.harms_required');
  const groupCodes = [...new Set(o.targetGroups)];
  if (groupCodes.length === 0 || !groupCodes.every((g) => isCode(targetGroups, g))) errors.targetGroups = t('call.target_groups_required');

  const rawIds = [...new Set(o.placeIds.map((p) => toAsciiDigits(p).trim()))];
  const ids = rawIds.every((p) => /^\d{1,9}$/.test(p)) ? rawIds.map(Number) : null;
  const found = ids ? await existingPlaceIds(ctx.db, ids) : [];
  if (!ids || ids.length === 0 || found.length !== ids.length) errors.placeIds = t('call.places_required');

  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  // Stored in the taxonomy's order so the same choice always reads the same way.
  return {
    title, description, fiscalYear, budgetRials: budgetRials!, deadlineAt,
    harms: harms.filter((h) => harmCodes.includes(h)),
    targetGroups: targetGroups.filter((g) => groupCodes.includes(g)),
    placeIds: ids!,
  };
}
