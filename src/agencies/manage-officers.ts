import { inTransaction, type OpContext } from '../context.ts';
import { findUserByEmail, findUserByMobile, replaceRoles, rolesOf } from '../accounts/accounts.repo.ts';
import { parseIranMobile } from '../accounts/mobile.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { addOfficer, findAgency, removeOfficer } from './agencies.repo.ts';

/**
 * Makes an existing user (found by email or mobile) an officer of the agency, granting the
 * agency_officer role if they do not have it.
 */
export async function addAgencyOfficer(ctx: OpContext, actor: Actor | null, agencyId: number, who: string): Promise<number> {
  if (actor && !can(actor, 'agency.manage')) throw new AppError('forbidden');
  if (!(await findAgency(ctx.db, agencyId))) throw notFound();
  const mobile = parseIranMobile(who);
  const user = mobile ? await findUserByMobile(ctx.db, mobile) : await findUserByEmail(ctx.db, who.trim().toLowerCase());
  if (!user) throw new AppError('validation', undefined, { who: t('agency.officer_not_found') });
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const roles = await rolesOf(tx.db, user.id);
    if (!roles.includes('agency_officer')) await replaceRoles(tx.db, user.id, [...roles, 'agency_officer'], now);
    await addOfficer(tx.db, agencyId, user.id, now);
    await audit(tx, { actorId: actor?.id ?? null, action: 'agency.officer_added', subjectType: 'agency', subjectId: agencyId, data: { userId: user.id } });
  });
  return user.id;
}

/** Removes someone from an agency's officers (their role stays for their other agencies). */
export async function removeAgencyOfficer(ctx: OpContext, actor: Actor, agencyId: number, userId: number): Promise<void> {
  if (!can(actor, 'agency.manage')) throw new AppError('forbidden');
  await inTransaction(ctx, async (tx) => {
    await removeOfficer(tx.db, agencyId, userId);
    await audit(tx, { actorId: actor.id, action: 'agency.officer_removed', subjectType: 'agency', subjectId: agencyId, data: { userId } });
  });
}
