import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { findPlan } from './plans.repo.ts';
import { applyPlanTransition } from './transition-plan.ts';

/** The agency takes its plan back before a decision, giving a reason. */
export async function withdrawPlan(ctx: OpContext, actor: Actor, planId: number, reason: string): Promise<void> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (!can(actor, 'plan.withdraw', { agencyId: plan.agency_id, status: plan.status })) throw new AppError('forbidden');
  const text = normalizePersian(reason);
  if (text.length < 5) throw new AppError('validation', undefined, { reason: t('plan.reason_required') });
  await inTransaction(ctx, (tx) => applyPlanTransition(tx, plan, 'withdraw', { actorId: actor.id, message: text }).then(() => undefined));
}
