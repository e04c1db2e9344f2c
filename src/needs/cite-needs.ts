import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { editableStatuses } from '../plans/plan-lifecycle.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { citableNeeds, replaceEvidence } from './needs.repo.ts';

/**
 * An agency officer sets which residents' needs a plan of their agency cites as evidence, while
 * the agency may still edit the plan. Only needs of the plan's places (or ones it cites already)
 * may be chosen; the links are public once the plan is.
 */
export async function citeNeeds(ctx: OpContext, actor: Actor, planId: number, rawIds: readonly string[]): Promise<{ added: number[]; removed: number[] }> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (!can(actor, 'need.cite', { agencyId: plan.agency_id })) throw new AppError('forbidden');
  if (!editableStatuses.includes(plan.status)) throw new AppError('conflict', t('needs.cite.not_editable'));
  const ids = [...new Set(rawIds.map((r) => toAsciiDigits(r.trim())).filter(Boolean))];
  const allowed = new Set((await citableNeeds(ctx.db, planId)).map((n) => n.id));
  if (ids.some((id) => !/^\d{1,9}$/.test(id) || !allowed.has(Number(id)))) {
    throw new AppError('validation', undefined, { needs: t('needs.cite.invalid') });
  }
  return inTransaction(ctx, async (tx) => {
    const change = await replaceEvidence(tx.db, planId, ids.map(Number), actor.id, tx.clock.now().toISOString());
    if (change.added.length || change.removed.length) {
      await audit(tx, { actorId: actor.id, action: 'need.cited', subjectType: 'plan', subjectId: planId, data: change });
    }
    return change;
  });
}
