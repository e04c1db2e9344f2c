import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { findUserById, replaceRoles, rolesOf } from './accounts.repo.ts';
import { can, type Actor } from './permissions.ts';
import { roles as allRoles, type Role } from './roles.ts';

/** Replaces a user's roles; an admin cannot take admin away from themselves (no lock-out). */
export async function setUserRoles(ctx: OpContext, actor: Actor, userId: number, requested: readonly string[]): Promise<void> {
  if (!can(actor, 'user.manage')) throw new AppError('forbidden');
  const roles = [...new Set(requested)].filter((r): r is Role => (allRoles as readonly string[]).includes(r));
  if (roles.length === 0 || roles.length !== new Set(requested).size) {
    throw new AppError('validation', undefined, { roles: t('admin.users.roles.invalid') });
  }
  if (actor.id === userId && !roles.includes('admin')) throw new AppError('validation', undefined, { roles: t('admin.users.self') });
  await inTransaction(ctx, async (tx) => {
    if (!(await findUserById(tx.db, userId))) throw notFound();
    const before = await rolesOf(tx.db, userId);
    await replaceRoles(tx.db, userId, roles, tx.clock.now().toISOString());
    await audit(tx, { actorId: actor.id, action: 'user.roles_changed', subjectType: 'user', subjectId: userId, data: { before, after: roles } });
  });
}
