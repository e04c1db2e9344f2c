import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { findCall } from '../calls/calls.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { parseAmount } from '../platform/persian/money.ts';
import type { Db } from '../platform/db/database.ts';
import { findReviewSettings, upsertReviewSettings } from './reviews.repo.ts';
import { blockKeys, criterionKeys, defaultRubric, parseRubric, type Rubric } from './rubric.ts';

/** Plans above this need three reviewers unless the call says otherwise: 5 billion rials (500 million tomans). */
export const DEFAULT_THREE_REVIEWERS_ABOVE_RIALS = 5_000_000_000;

/** The rubric and reviewer rule a call's plans are reviewed with (the default when none was set). */
export async function reviewSettingsOf(db: Db, callId: number): Promise<{ rubric: Rubric; threeAboveRials: number; custom: boolean }> {
  const row = await findReviewSettings(db, callId);
  const parsed = row ? parseRubric(JSON.parse(row.rubric)) : null;
  if (row && parsed?.ok) return { rubric: parsed.rubric, threeAboveRials: row.three_reviewers_above_rials, custom: true };
  return { rubric: defaultRubric(), threeAboveRials: DEFAULT_THREE_REVIEWERS_ABOVE_RIALS, custom: false };
}

export type RubricForm = {
  weights: Record<string, string>;
  criteria: string[];
  minBlockMean: string;
  spreadThreshold: string;
  threeAbove: string;
};

/** A typed decimal (۲٫۵, 2.5, 2/5); NaN when empty, so an empty threshold is refused rather than read as 0. */
const decimal = (raw: string) => (raw.trim() === '' ? NaN : Number(toAsciiDigits(raw.trim()).replace('٫', '.').replace('/', '.')));

/** The secretariat adjusts a call's rubric: block weights, which criteria apply, thresholds, the three-reviewer amount. */
export async function saveReviewSettings(ctx: OpContext, actor: Actor, callId: number, form: RubricForm): Promise<void> {
  if (!can(actor, 'review.manage')) throw new AppError('forbidden');
  const call = await findCall(ctx.db, callId);
  if (!call) throw notFound();
  const errors: Record<string, string> = {};
  const weights = Object.fromEntries(blockKeys.map((b) => [b, Number(toAsciiDigits((form.weights[b] ?? '').trim()))]));
  for (const b of blockKeys) if (!Number.isInteger(weights[b]) || weights[b]! < 0 || weights[b]! > 100) errors[`weight_${b}`] = t('review.settings.weight_invalid');
  const minBlockMean = decimal(form.minBlockMean);
  if (!Number.isFinite(minBlockMean) || minBlockMean < 0 || minBlockMean > 5) errors.minBlockMean = t('review.settings.threshold_invalid');
  const spreadThreshold = decimal(form.spreadThreshold);
  if (!Number.isFinite(spreadThreshold) || spreadThreshold < 0 || spreadThreshold > 5) errors.spreadThreshold = t('review.settings.threshold_invalid');
  const threeAbove = parseAmount(form.threeAbove);
  if (threeAbove === null || threeAbove < 0) errors.threeAbove = t('review.settings.amount_invalid');
  const rubric: Rubric = {
    blocks: blockKeys.map((key) => ({ key, weight: weights[key] ?? 0, criteria: criterionKeys[key].filter((c) => form.criteria.includes(c)) })),
    minBlockMean,
    spreadThreshold,
  };
  if (!Object.keys(errors).length) {
    if (rubric.blocks.some((b) => b.criteria.length === 0)) errors.criteria = t('review.settings.criteria_required');
    else {
      const parsed = parseRubric(rubric);
      if (!parsed.ok) errors.weights = parsed.problems.includes('weights_sum') ? t('review.settings.weights_sum') : t('review.settings.criteria_required');
    }
  }
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  await inTransaction(ctx, async (tx) => {
    await upsertReviewSettings(tx.db, { callId, rubric: JSON.stringify(rubric), threeAboveRials: threeAbove!, updatedBy: actor.id, now: tx.clock.now().toISOString() });
    await audit(tx, { actorId: actor.id, action: 'review.settings_saved', subjectType: 'call', subjectId: callId, data: { weights, criteria: rubric.blocks.flatMap((b) => b.criteria).length, threeAbove } });
  });
}
