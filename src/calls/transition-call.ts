import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { enqueueJob } from '../platform/jobs/worker.ts';
import { callActionBlocker, callTransitions, type CallAction, type CallStatus } from './call-lifecycle.ts';
import { callTitle, deadlineLabel, tomans } from './call-format.ts';
import { callBlockerText } from './call-labels.ts';
import { countObligations, findCall, moveCallStatus, obligationsOfCall } from './calls.repo.ts';
import { notifyAgencyOfficers } from './notify-officers.ts';
import { CALL_REMINDERS_JOB, scheduleCallReminders } from './reminders.ts';

export const isCallAction = (value: string): value is CallAction => Object.hasOwn(callTransitions, value);

/**
 * Moves a call along its lifecycle. Refused with the Persian reason when callActionBlocker
 * says no. Opening tells every officer of the invited agencies their credit and the deadline
 * and schedules the reminders; closing sweeps for agencies that let the deadline pass.
 */
export async function transitionCall(ctx: OpContext, actor: Actor, callId: number, action: string): Promise<CallStatus> {
  if (!can(actor, 'call.manage')) throw new AppError('forbidden');
  if (!isCallAction(action)) throw new AppError('bad_request');
  const call = await findCall(ctx.db, callId);
  if (!call) throw notFound();
  const blocker = callActionBlocker(action, {
    status: call.status, deadlineAt: call.deadline_at, budgetRials: call.budget_rials,
    invitedAgencies: await countObligations(ctx.db, callId), now: ctx.clock.now(),
  });
  if (blocker) throw new AppError('conflict', callBlockerText(blocker));
  const to = callTransitions[action].to;
  return inTransaction(ctx, async (tx) => {
    if (!(await moveCallStatus(tx.db, callId, call.status, to, tx.clock.now().toISOString()))) {
      throw new AppError('conflict', callBlockerText('wrong_state'));
    }
    let told = 0;
    if (action === 'open') {
      const credits = new Map((await obligationsOfCall(tx.db, callId)).map((o) => [o.agency_id, o.credit_rials]));
      const params = { title: callTitle(call.title), deadline: deadlineLabel(call.deadline_at) };
      told = await notifyAgencyOfficers(tx, [...credits.keys()], (agencyId) => ({
        subject: t('call.notify.opened', params),
        body: t('call.notify.opened_body', { ...params, credit: tomans(credits.get(agencyId) ?? 0) }),
        link: `/calls/${callId}`,
      }));
      await scheduleCallReminders(tx, callId, call.deadline_at);
    }
    if (action === 'close') await enqueueJob(tx.db, tx.clock, CALL_REMINDERS_JOB, { callId });
    await audit(tx, { actorId: actor.id, action: `call.${action}`, subjectType: 'call', subjectId: callId, data: { from: call.status, to, ...(told ? { notified: told } : {}) } });
    return to;
  });
}
