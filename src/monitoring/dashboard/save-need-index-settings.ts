import { z } from 'zod';
import { can, type Actor } from '../../accounts/permissions.ts';
import { inTransaction, type OpContext } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { toAsciiDigits } from '../../platform/persian/digits.ts';
import { listIndicators, readProgrammeSetting, writeProgrammeSetting } from './dashboard.repo.ts';
import { NEED_INDEX_SETTINGS_KEY, needIndexSettingsSchema, parseNeedIndexSettings, WEIGHT_MAX, type NeedIndexSettings } from './need-index.ts';

/** The form as typed: weights in any digits (۰٫۵, 0.5, ٠٫٥, 0/5), indicator weights by indicator id. */
export type NeedIndexSettingsInput = { needs: string; population: string; indicators: Record<string, string> };

/** Form field names, shared with the settings page. */
export const settingsFields = { needs: 'needs', population: 'population', indicator: (id: number) => `indicator-${id}`, all: 'weights' } as const;

const weightText = z
  .string()
  .transform((s) => toAsciiDigits(s).trim().replace(/[/،,]/g, '.'))
  .pipe(z.string().regex(/^\d{1,3}(\.\d{1,3})?$/))
  .transform(Number)
  .pipe(z.number().min(0).max(WEIGHT_MAX));

function parseWeight(raw: string | undefined, field: string, errors: Record<string, string>): number {
  const text = (raw ?? '').trim();
  if (text === '') {
    errors[field] = t('dashboard.settings.error.required');
    return 0;
  }
  const parsed = weightText.safeParse(text);
  if (!parsed.success) {
    errors[field] = t('dashboard.settings.error.range', { max: WEIGHT_MAX });
    return 0;
  }
  return parsed.data;
}

/**
 * The secretariat sets the need-index weights: one per indicator, one for residents' needs, one
 * for population, each 0–10, at least one positive. Nothing changes when any is invalid.
 */
export async function saveNeedIndexSettings(ctx: OpContext, actor: Actor, input: NeedIndexSettingsInput): Promise<NeedIndexSettings> {
  if (!can(actor, 'monitoring.configure')) throw new AppError('forbidden');
  const indicators = await listIndicators(ctx.db);
  const errors: Record<string, string> = {};
  const needsWeight = parseWeight(input.needs, settingsFields.needs, errors);
  const populationWeight = parseWeight(input.population, settingsFields.population, errors);
  const indicatorWeights: Record<string, number> = {};
  for (const ind of indicators) indicatorWeights[ind.code] = parseWeight(input.indicators[String(ind.id)], settingsFields.indicator(ind.id), errors);
  if (Object.keys(errors).length === 0 && needsWeight + populationWeight + Object.values(indicatorWeights).reduce((s, w) => s + w, 0) <= 0) {
    errors[settingsFields.all] = t('dashboard.settings.error.all_zero');
  }
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  const settings = needIndexSettingsSchema.parse({ indicatorWeights, needsWeight, populationWeight });

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const before = await readProgrammeSetting(tx.db, NEED_INDEX_SETTINGS_KEY);
    await writeProgrammeSetting(tx.db, { key: NEED_INDEX_SETTINGS_KEY, value: JSON.stringify(settings), by: actor.id, now });
    await audit(tx, {
      actorId: actor.id, action: 'need_index.settings_saved', subjectType: 'need_index', subjectId: NEED_INDEX_SETTINGS_KEY,
      data: { from: parseNeedIndexSettings(before?.value), to: settings },
    });
    return settings;
  });
}
