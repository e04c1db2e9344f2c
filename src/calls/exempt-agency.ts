import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { nextObligation } from './call-lifecycle.ts';
import { findCall, findObligation, setObligation } from './calls.repo.ts';
import { countSubmittedPlans } from '../plans/plans.repo.ts';
import { applyReminder } from './reminders.ts';

async function load(ctx: OpContext, actor: Actor, callId: number, agencyId: number) {
  if (!can(actor, 'call.manage')) throw new AppError('forbidden');
  const call = await findCall(ctx.db, callId);
  const obligation = call ? await findObligation(ctx.db, callId, agencyId) : undefined;
  if (!call || !obligation) throw notFound();
  return { call, obligation };
}

/**
 * Excuses an agency from submitting to a call, for a reason the council will read. An agency
 * that has already submitted cannot be exempted; an exempted one may have its reason changed.
 */
export async function exemptAgency(ctx: OpContext, actor: Actor, callId: number, agencyId: number, reason: string): Promise<void> {
  const { obligation } = await load(ctx, actor, callId, agencyId);
  const text = normalizePersian(reason);
  if (text.length < 10 || text.length > 1000) throw new AppError('validation', undefined, { reason: t('exemption.reason_required') });
  const next = nextObligation(obligation.status, 'exempted');
  if (next !== 'exempted') throw new AppError('conflict', t('exemption.already_submitted'));
  await inTransaction(ctx, async (tx) => {
    await setObligation(tx.db, callId, agencyId, { status: next, exemption_reason: text });
    await audit(tx, { actorId: actor.id, action: 'call.agency_exempted', subjectType: 'call', subjectId: callId, data: { agencyId, from: obligation.status, reason: text } });
  });
}

/**
 * Ends an exemption: the agency counts as having submitted if it sent a plan meanwhile, or else
 * is invited again, and overdue at once if the deadline of a running call has already passed.
 */
export async function liftExemption(ctx: OpContext, actor: Actor, callId: number, agencyId: number): Promise<void> {
  const { call, obligation } = await load(ctx, actor, callId, agencyId);
  if (obligation.status !== 'exempted') throw new AppError('conflict', t('exemption.not_exempted'));
  const sentPlans = await countSubmittedPlans(ctx.db, callId, agencyId);
  await inTransaction(ctx, async (tx) => {
    const invited = nextObligation(obligation.status, 'exemption_lifted');
    const status = sentPlans > 0 ? nextObligation(invited, 'plan_submitted') : invited;
    await setObligation(tx.db, callId, agencyId, {
      status, exemption_reason: null, ...(status === 'submitted' ? { submitted_at: obligation.submitted_at ?? tx.clock.now().toISOString() } : {}),
    });
    await audit(tx, { actorId: actor.id, action: 'call.exemption_lifted', subjectType: 'call', subjectId: callId, data: { agencyId, to: status } });
    if (status === 'invited' && call.status !== 'draft' && Date.parse(call.deadline_at) <= tx.clock.now().getTime()) {
      await applyReminder(tx, { ...obligation, title: call.title, deadline_at: call.deadline_at }, 'overdue');
    }
  });
}
