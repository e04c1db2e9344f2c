import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { findAgency, type AgencyRow } from '../agencies/agencies.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { formatMoney, parseAmount } from '../platform/persian/money.ts';
import type { CallStatus } from './call-lifecycle.ts';
import { MAX_BUDGET_RIALS } from './call-input.ts';
import { callTitle, deadlineLabel, tomans } from './call-format.ts';
import { creditTotalExcept, findCall, findObligation, removeObligation, upsertObligation, type CallRow, type ObligationRow } from './calls.repo.ts';
import { notifyAgencyOfficers } from './notify-officers.ts';

/** States in which agencies may be invited and credits changed. */
export const invitableCallStatuses: readonly CallStatus[] = ['draft', 'open'];

export type InvitationInput = { agencyId: string; credit: string };

export type CheckedInvitation = { call: CallRow; agency: AgencyRow; creditRials: number; existing: ObligationRow | undefined };

/**
 * Checks an invitation without writing anything, so the secretariat can confirm the amount
 * (shown in words) before it is saved. The credits of a call may not add up to more than its budget.
 */
export async function checkInvitation(ctx: OpContext, actor: Actor, callId: number, input: InvitationInput): Promise<CheckedInvitation> {
  if (!can(actor, 'call.manage')) throw new AppError('forbidden');
  const call = await findCall(ctx.db, callId);
  if (!call) throw notFound();
  if (!invitableCallStatuses.includes(call.status)) throw new AppError('conflict', t('invite.call_closed'));
  const errors: Record<string, string> = {};
  const idText = toAsciiDigits(input.agencyId).trim();
  const agency = /^\d{1,9}$/.test(idText) ? await findAgency(ctx.db, Number(idText)) : undefined;
  if (!agency || agency.active !== 1) errors.agencyId = t('invite.agency_invalid');
  const creditRials = parseAmount(input.credit);
  if (creditRials === null || creditRials <= 0 || creditRials > MAX_BUDGET_RIALS) errors.credit = t('invite.credit_invalid');
  else if (agency) {
    const others = await creditTotalExcept(ctx.db, callId, agency.id);
    if (others + creditRials > call.budget_rials) {
      errors.credit = t('invite.credit_over_budget', { left: formatMoney(Math.max(0, call.budget_rials - others), 'rial') });
    }
  }
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  return { call, agency: agency!, creditRials: creditRials!, existing: await findObligation(ctx.db, callId, agency!.id) };
}

/**
 * Invites an agency to a call with its credit, or changes the credit of one already invited.
 * An agency invited to a call that is already open is told at once.
 */
export async function inviteAgency(ctx: OpContext, actor: Actor, callId: number, input: InvitationInput): Promise<{ agencyId: number; created: boolean }> {
  const { call, agency, creditRials, existing } = await checkInvitation(ctx, actor, callId, input);
  await inTransaction(ctx, async (tx) => {
    await upsertObligation(tx.db, { callId, agencyId: agency.id, creditRials, now: tx.clock.now().toISOString() });
    await audit(tx, {
      actorId: actor.id, action: existing ? 'call.credit_changed' : 'call.agency_invited', subjectType: 'call', subjectId: callId,
      data: { agencyId: agency.id, creditRials, ...(existing ? { previousRials: existing.credit_rials } : {}) },
    });
    if (!existing && call.status === 'open') {
      const params = { title: callTitle(call.title), deadline: deadlineLabel(call.deadline_at), credit: tomans(creditRials) };
      await notifyAgencyOfficers(tx, [agency.id], () => ({
        subject: t('call.notify.opened', params), body: t('call.notify.opened_body', params), link: `/calls/${callId}`,
      }));
    }
  });
  return { agencyId: agency.id, created: !existing };
}

/** Takes an agency off a call's list; only while the call is a draft and nobody has been told. */
export async function removeInvitation(ctx: OpContext, actor: Actor, callId: number, agencyId: number): Promise<void> {
  if (!can(actor, 'call.manage')) throw new AppError('forbidden');
  const call = await findCall(ctx.db, callId);
  const obligation = call ? await findObligation(ctx.db, callId, agencyId) : undefined;
  if (!call || !obligation) throw notFound();
  if (call.status !== 'draft') throw new AppError('conflict', t('invite.remove_only_draft'));
  await inTransaction(ctx, async (tx) => {
    await removeObligation(tx.db, callId, agencyId);
    await audit(tx, { actorId: actor.id, action: 'call.agency_removed', subjectType: 'call', subjectId: callId, data: { agencyId, creditRials: obligation.credit_rials } });
  });
}
