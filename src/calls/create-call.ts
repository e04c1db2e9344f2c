import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { validateCallInput, type CallInput } from './call-input.ts';
import { insertCall, replaceCallPlaces } from './calls.repo.ts';

/** The secretariat drafts a call: nothing is public and no agency is told until it opens. */
export async function createCall(ctx: OpContext, actor: Actor, input: CallInput, options: { isDemo?: boolean } = {}): Promise<number> {
  if (!can(actor, 'call.manage')) throw new AppError('forbidden');
  const { placeIds, ...write } = await validateCallInput(ctx, input);
  return inTransaction(ctx, async (tx) => {
    const id = await insertCall(tx.db, { ...write, createdBy: actor.id, isDemo: options.isDemo }, tx.clock.now().toISOString());
    await replaceCallPlaces(tx.db, id, placeIds);
    await audit(tx, {
      actorId: actor.id, action: 'call.created', subjectType: 'call', subjectId: id,
      data: { title: write.title, fiscalYear: write.fiscalYear, budgetRials: write.budgetRials, deadlineAt: write.deadlineAt },
    });
    return id;
  });
}
