import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import type { CallStatus } from './call-lifecycle.ts';
import { validateCallInput, type CallInput } from './call-input.ts';
import { creditTotalExcept, findCall, reopenObligations, replaceCallPlaces, updateCall } from './calls.repo.ts';
import { scheduleCallReminders } from './reminders.ts';

/** States in which a call's details may still change. */
export const editableCallStatuses: readonly CallStatus[] = ['draft', 'open'];

/**
 * Edits a draft or open call. The budget may not fall below the credit already granted. When an
 * open call's deadline moves later, agencies marked overdue are invited again and the reminders
 * are scheduled afresh for the new deadline.
 */
export async function updateCallDetails(ctx: OpContext, actor: Actor, callId: number, input: CallInput): Promise<void> {
  if (!can(actor, 'call.manage')) throw new AppError('forbidden');
  const call = await findCall(ctx.db, callId);
  if (!call) throw notFound();
  if (!editableCallStatuses.includes(call.status)) throw new AppError('conflict', t('call.not_editable'));
  const { placeIds, ...write } = await validateCallInput(ctx, input, { minBudgetRials: await creditTotalExcept(ctx.db, callId, 0) });
  await inTransaction(ctx, async (tx) => {
    await updateCall(tx.db, callId, write, tx.clock.now().toISOString());
    await replaceCallPlaces(tx.db, callId, placeIds);
    const deadlineMoved = write.deadlineAt !== call.deadline_at;
    let reinvited = 0;
    if (call.status === 'open' && deadlineMoved) {
      if (write.deadlineAt > call.deadline_at) reinvited = await reopenObligations(tx.db, callId);
      await scheduleCallReminders(tx, callId, write.deadlineAt);
    }
    await audit(tx, {
      actorId: actor.id, action: 'call.updated', subjectType: 'call', subjectId: callId,
      data: {
        title: write.title, budgetRials: write.budgetRials, deadlineAt: write.deadlineAt,
        ...(deadlineMoved ? { previousDeadlineAt: call.deadline_at, reinvited } : {}),
      },
    });
  });
}
