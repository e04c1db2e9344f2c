import type { OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { nextPlanStatus, publicStatuses, type PlanAction, type PlanStatus } from './plan-lifecycle.ts';
import { insertPlanEvent, setPlanStatus, type PlanRow } from './plans.repo.ts';

/**
 * Moves a plan along one transition of its lifecycle inside the caller's transaction: checks
 * the state machine, writes the new state only if nobody changed it meanwhile, records the
 * event (with the message people see) and the audit entry.
 */
export async function applyPlanTransition(
  tx: OpContext,
  plan: Pick<PlanRow, 'id' | 'status'>,
  action: PlanAction,
  o: { actorId: number; message?: string | null; data?: Record<string, unknown>; submittedAt?: string; version?: number },
): Promise<PlanStatus> {
  const to = nextPlanStatus(plan.status, action);
  if (!to) throw new AppError('conflict', t('plan.transition_not_allowed'));
  const now = tx.clock.now().toISOString();
  const isPublic = publicStatuses.includes(to);
  const moved = await setPlanStatus(tx.db, plan.id, plan.status, to, { now, submittedAt: o.submittedAt, version: o.version, isPublic });
  if (!moved) throw new AppError('conflict', t('plan.transition_not_allowed'));
  await insertPlanEvent(tx.db, { planId: plan.id, from: plan.status, to, actorId: o.actorId, message: o.message ?? null, data: o.data, now });
  await audit(tx, { actorId: o.actorId, action: `plan.${action}`, subjectType: 'plan', subjectId: plan.id, data: { from: plan.status, to, ...(o.data ?? {}) } });
  return to;
}
