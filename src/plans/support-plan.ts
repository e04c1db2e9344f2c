import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { statusLabel } from './form-view.ts';
import { publicStatuses } from './plan-lifecycle.ts';
import { isOpenForSupport } from './support-rules.ts';
import { adjustSupportCount, insertSupport, planForSupport, planPlaceNames, supporterState, type SupportPlanRow } from './support-plans.repo.ts';
import { joinNames, placeLabel } from './support-view.ts';

/** The public plan behind a support action, or 404 (as on its page). */
export async function publicPlanForSupport(ctx: OpContext, planId: number): Promise<SupportPlanRow> {
  const plan = await planForSupport(ctx.db, planId);
  if (!plan || plan.is_public !== 1 || !publicStatuses.includes(plan.status)) throw notFound();
  return plan;
}

/**
 * A resident backs a plan of their place: signed in, living (users.home_place_id) in one of the
 * plan's places or below one, not an officer of the plan's agency, while the plan is open for
 * support. One support per person (the primary key): a second one changes nothing and says so.
 * The supporter's home at that moment is kept as the support's place, for the geography.
 */
export async function supportPlan(ctx: OpContext, actor: Actor, planId: number): Promise<{ added: boolean; count: number }> {
  return inTransaction(ctx, async (tx) => {
    const plan = await publicPlanForSupport(tx, planId);
    if (!can(actor, 'plan.support', { agencyId: plan.agency_id })) throw new AppError('forbidden', t('planSupport.refused.own_agency'));
    const state = await supporterState(tx.db, plan.id, actor.id);
    // Already supporting: say so whatever has changed since (the plan closing, a move).
    if (state.supported) return { added: false, count: plan.support_count };
    if (!isOpenForSupport(plan.status)) throw new AppError('conflict', t('planSupport.refused.closed', { status: statusLabel(plan.status) }));
    if (state.home === null) throw new AppError('forbidden', t('planSupport.refused.no_home'));
    if (!state.within) {
      const places = (await planPlaceNames(tx.db, plan.id)).map((p) => placeLabel(p.kind, p.name));
      const home = state.homeKind && state.homeName ? placeLabel(state.homeKind, state.homeName) : '—';
      throw new AppError('forbidden', t('planSupport.refused.outside', { places: joinNames(places), home }));
    }
    const added = await insertSupport(tx.db, { planId: plan.id, userId: actor.id, placeId: state.home, now: tx.clock.now().toISOString() });
    // A concurrent request of the same person won the primary key: nothing changed.
    if (!added) return { added: false, count: plan.support_count };
    const count = await adjustSupportCount(tx.db, plan.id, 1);
    await audit(tx, { actorId: actor.id, action: 'plan.supported', subjectType: 'plan', subjectId: plan.id, data: { place_id: state.home, count } });
    return { added: true, count };
  });
}
