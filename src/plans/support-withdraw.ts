import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { publicPlanForSupport } from './support-plan.ts';
import { isOpenForSupport } from './support-rules.ts';
import { adjustSupportCount, deleteSupport } from './support-plans.repo.ts';

/**
 * A supporter takes their support back, while the plan is still open for support (see
 * supportOpenStatuses: after the decision the count stays as it was). Withdrawing a support that
 * is not there changes nothing and says so.
 */
export async function withdrawPlanSupport(ctx: OpContext, actor: Actor, planId: number): Promise<{ removed: boolean; count: number }> {
  return inTransaction(ctx, async (tx) => {
    const plan = await publicPlanForSupport(tx, planId);
    if (!isOpenForSupport(plan.status)) throw new AppError('conflict', t('planSupport.refused.closed_withdraw'));
    const removed = await deleteSupport(tx.db, plan.id, actor.id);
    if (!removed) return { removed: false, count: plan.support_count };
    const count = await adjustSupportCount(tx.db, plan.id, -1);
    await audit(tx, { actorId: actor.id, action: 'plan.support_withdrawn', subjectType: 'plan', subjectId: plan.id, data: { count } });
    return { removed: true, count };
  });
}
