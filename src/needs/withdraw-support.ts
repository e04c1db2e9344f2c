import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { adjustSupportCount, deleteSupport, findNeed } from './needs.repo.ts';

/** Someone takes back their support, whatever the need's state; withdrawing twice changes nothing. */
export async function withdrawSupport(ctx: OpContext, actor: Actor, needId: number): Promise<{ removed: boolean; count: number }> {
  const need = await findNeed(ctx.db, needId);
  if (!need) throw notFound();
  if (!can(actor, 'need.support', { authorId: need.author_id })) throw new AppError('forbidden');
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (!(await deleteSupport(tx.db, needId, actor.id))) return { removed: false, count: need.support_count };
    const count = await adjustSupportCount(tx.db, needId, -1, now);
    await audit(tx, { actorId: actor.id, action: 'need.support_withdrawn', subjectType: 'need', subjectId: needId, data: { count } });
    return { removed: true, count };
  });
}
