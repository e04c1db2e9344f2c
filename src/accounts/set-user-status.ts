import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { deleteSessionsOfUser, findUserById, setUserStatus } from './accounts.repo.ts';
import { can, type Actor } from './permissions.ts';

/** Disables or re-enables an account; disabling also ends every session it has. */
export async function changeUserStatus(ctx: OpContext, actor: Actor, userId: number, status: 'active' | 'disabled'): Promise<void> {
  if (!can(actor, 'user.manage')) throw new AppError('forbidden');
  if (actor.id === userId) throw new AppError('conflict', t('admin.users.self'));
  await inTransaction(ctx, async (tx) => {
    const user = await findUserById(tx.db, userId);
    if (!user) throw notFound();
    if (user.status === status) return;
    await setUserStatus(tx.db, userId, status, tx.clock.now().toISOString());
    if (status === 'disabled') await deleteSessionsOfUser(tx.db, userId);
    await audit(tx, { actorId: actor.id, action: 'user.status_changed', subjectType: 'user', subjectId: userId, data: { status } });
  });
}
