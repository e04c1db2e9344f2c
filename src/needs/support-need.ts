import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { supportableStatuses } from './need-status.ts';
import { adjustSupportCount, findNeed, insertSupport } from './needs.repo.ts';

/**
 * Someone supports another resident's need. One support per person (the primary key decides, so
 * a second click or a race adds nothing); the kept count moves in the same transaction. Authors
 * do not support their own need: posting it is their voice, and the count shows everyone else's.
 * A declined or resolved need takes no new support.
 */
export async function supportNeed(ctx: OpContext, actor: Actor, needId: number): Promise<{ added: boolean; count: number }> {
  const need = await findNeed(ctx.db, needId);
  if (!need) throw notFound();
  if (!can(actor, 'need.support', { authorId: need.author_id })) throw new AppError('forbidden', t('needs.support.own'));
  if (!supportableStatuses.includes(need.status)) throw new AppError('conflict', t('needs.support.closed'));
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (!(await insertSupport(tx.db, needId, actor.id, now))) return { added: false, count: need.support_count };
    const count = await adjustSupportCount(tx.db, needId, 1, now);
    await audit(tx, { actorId: actor.id, action: 'need.supported', subjectType: 'need', subjectId: needId, data: { count } });
    return { added: true, count };
  });
}
