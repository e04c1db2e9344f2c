import { inTransaction, type OpContext } from '../context.ts';
import { activeUsersWithRole } from '../accounts/accounts.repo.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { nextObligation } from '../calls/call-lifecycle.ts';
import { eligiblePlaceIds, findCall, findObligation, setObligation } from '../calls/calls.repo.ts';
import { fiscalYearBounds } from '../calls/fiscal-year.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { notify } from '../platform/notify/notify.ts';
import { parseStoredContent } from './plan-content.ts';
import { checkGate, type GateErrors } from './plan-gate.ts';
import { committedStatuses } from './plan-lifecycle.ts';
import { resolvePlanPlaces } from './plan-places.ts';
import { committedRials, findPlan, insertPlanVersion } from './plans.repo.ts';
import { applyPlanTransition } from './transition-plan.ts';

/** The gate's verdict on a plan as it stands, with the facts it was judged on. */
export async function gateReport(ctx: OpContext, planId: number): Promise<GateErrors> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  const call = await findCall(ctx.db, plan.call_id);
  const obligation = await findObligation(ctx.db, plan.call_id, plan.agency_id);
  if (!call || !obligation) throw notFound();
  const content = parseStoredContent(plan.content);
  const bounds = fiscalYearBounds(call.fiscal_year);
  const { ineligible } = await resolvePlanPlaces(ctx.db, content.placeIds, await eligiblePlaceIds(ctx.db, call.id));
  return checkGate(content, {
    fiscalYearStart: bounds.start,
    fiscalYearEnd: bounds.end,
    callCeilingRials: call.budget_rials,
    agencyCreditRials: obligation.credit_rials,
    committedElsewhereRials: await committedRials(ctx.db, call.id, plan.agency_id, plan.id, committedStatuses),
    ineligiblePlaceIds: ineligible,
  });
}

/**
 * Submits (or resubmits) a plan: the gate must hold; the submitted content is kept as a new
 * numbered version; the agency's obligation in the call counts as met; the secretariat is told.
 */
export async function submitPlan(ctx: OpContext, actor: Actor, planId: number): Promise<{ version: number }> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (!can(actor, 'plan.submit', { agencyId: plan.agency_id, status: plan.status })) throw new AppError('forbidden');
  const call = await findCall(ctx.db, plan.call_id);
  if (!call) throw notFound();
  const callAccepts = plan.status === 'returned' ? ['open', 'closed', 'reviewing'].includes(call.status) : call.status === 'open';
  if (!callAccepts) throw new AppError('conflict', t('plan.call_not_open'));
  const errors = await gateReport(ctx, planId);
  if (Object.keys(errors).length) throw new AppError('validation', t('plan.gate_failed'), errors as Record<string, string>);

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const version = plan.version + 1;
    await insertPlanVersion(tx.db, { planId, version, title: plan.title, content: plan.content, submittedBy: actor.id, now });
    await applyPlanTransition(tx, plan, 'submit', { actorId: actor.id, submittedAt: now, version, data: { version } });
    const obligation = await findObligation(tx.db, plan.call_id, plan.agency_id);
    if (obligation) {
      const next = nextObligation(obligation.status, 'plan_submitted');
      if (next !== obligation.status) await setObligation(tx.db, plan.call_id, plan.agency_id, { status: next, submitted_at: now });
    }
    for (const s of await activeUsersWithRole(tx.db, 'secretary')) {
      await notify(tx.db, tx.clock, {
        userId: s.id, email: s.email, link: `/admin/screening/${planId}`,
        subject: t(version > 1 ? 'plan.notify.resubmitted' : 'plan.notify.submitted', { title: plan.title }),
        body: t('plan.notify.submitted_body', { title: plan.title, version }),
      });
    }
    return { version };
  });
}
