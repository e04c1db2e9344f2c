import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { findUserByEmail, insertUser, replaceRoles } from './accounts.repo.ts';
import { normalizeEmail } from './login-staff.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { roles as allRoles, type Role } from './roles.ts';

export type CreateStaffUserOptions = {
  /** Who creates the account (null from the command line). */
  actorId: number | null;
  name: string;
  email: string;
  password: string;
  roles: readonly string[];
  mobile?: string | null;
};

/** Creates a staff account with a password and roles; validates everything before writing. */
export async function createStaffUser(ctx: OpContext, o: CreateStaffUserOptions): Promise<number> {
  const errors: Record<string, string> = {};
  const name = normalizePersian(o.name);
  const email = normalizeEmail(o.email);
  if (name.length < 2 || name.length > 80) errors.name = t('auth.name.invalid');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 200) errors.email = t('auth.email.invalid');
  if (o.password.length < MIN_PASSWORD_LENGTH) errors.password = t('auth.password.too_short');
  const roles = [...new Set(o.roles)].filter((r): r is Role => (allRoles as readonly string[]).includes(r));
  if (roles.length === 0 || roles.length !== new Set(o.roles).size) errors.roles = t('admin.users.roles.invalid');
  if (!errors.email && (await findUserByEmail(ctx.db, email))) errors.email = t('admin.users.email_taken');
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  const passwordHash = await hashPassword(o.password);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const id = await insertUser(tx.db, { email, name, passwordHash, mobile: o.mobile ?? null, now });
    await replaceRoles(tx.db, id, roles, now);
    await audit(tx, { actorId: o.actorId, action: 'user.created', subjectType: 'user', subjectId: id, data: { roles, email } });
    return id;
  });
}
