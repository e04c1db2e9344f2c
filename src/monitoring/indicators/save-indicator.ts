import { can, type Actor } from '../../accounts/permissions.ts';
import { inTransaction, type OpContext } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { checkIndicatorFields, type IndicatorFieldsInput } from './indicator-fields.ts';
import { findIndicator, findIndicatorIdByCode, insertIndicator, updateIndicator } from './indicators.repo.ts';

/**
 * The secretariat adds an indicator to the catalogue or edits one (id given). The code is unique
 * (stored upper-case); a code already used by another indicator is refused and nothing changes.
 */
export async function saveIndicator(ctx: OpContext, actor: Actor, id: number | null, input: IndicatorFieldsInput): Promise<{ id: number }> {
  if (!can(actor, 'indicator.manage')) throw new AppError('forbidden');
  const checked = checkIndicatorFields(input);
  if (!checked.ok) throw new AppError('validation', undefined, checked.errors as Record<string, string>);
  const f = checked.value;
  return inTransaction(ctx, async (tx) => {
    const before = id === null ? undefined : await findIndicator(tx.db, id);
    if (id !== null && !before) throw notFound();
    const holder = await findIndicatorIdByCode(tx.db, f.code);
    if (holder !== null && holder !== id) throw new AppError('validation', undefined, { code: t('indicators.error.code_taken', { code: f.code }) });
    const now = tx.clock.now().toISOString();
    const data = { code: f.code, name: f.name, unit: f.unit, direction: f.direction, harm: f.harm, level: f.level, source: f.source };
    if (before) {
      await updateIndicator(tx.db, before.id, f, now);
      await audit(tx, { actorId: actor.id, action: 'indicator.updated', subjectType: 'indicator', subjectId: before.id, data: { ...data, previousCode: before.code } });
      return { id: before.id };
    }
    const created = await insertIndicator(tx.db, f, now);
    await audit(tx, { actorId: actor.id, action: 'indicator.created', subjectType: 'indicator', subjectId: created, data });
    return { id: created };
  });
}
