import { can, type Actor } from '../../accounts/permissions.ts';
import { inTransaction, type OpContext } from '../../context.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/t.ts';
import { deleteIndicatorWithoutValues, findIndicator } from './indicators.repo.ts';

/** Removes an indicator from the catalogue, only while no value has been recorded for it. */
export async function deleteIndicator(ctx: OpContext, actor: Actor, id: number): Promise<{ code: string }> {
  if (!can(actor, 'indicator.manage')) throw new AppError('forbidden');
  return inTransaction(ctx, async (tx) => {
    const row = await findIndicator(tx.db, id);
    if (!row) throw notFound();
    if (!(await deleteIndicatorWithoutValues(tx.db, id))) throw new AppError('conflict', t('indicators.delete.has_values'));
    await audit(tx, { actorId: actor.id, action: 'indicator.deleted', subjectType: 'indicator', subjectId: id, data: { code: row.code, name: row.name } });
    return { code: row.code };
  });
}
