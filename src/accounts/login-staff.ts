import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { findUserByEmail } from './accounts.repo.ts';
import { createSession } from './create-session.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';

export type LoginStaffOptions = { email: string; password: string; sessionDays: number; ip: string | null; userAgent: string | null };

export function normalizeEmail(email: string): string {
  return matchKey(email).toLowerCase();
}

/** Password sign-in for staff; the same message for an unknown email and a wrong password. */
export async function loginStaff(ctx: OpContext, o: LoginStaffOptions): Promise<{ userId: number; token: string; expiresAt: Date }> {
  const email = normalizeEmail(o.email);
  const user = email ? await findUserByEmail(ctx.db, email) : undefined;
  const failed = () => new AppError('validation', undefined, { password: t('auth.staff.failed') });
  if (!user?.password_hash) {
    await burnPasswordCheck(o.password);
    await inTransaction(ctx, (tx) => audit(tx, { actorId: null, action: 'login.failed', subjectType: 'email', subjectId: email.slice(0, 120), ip: o.ip }));
    throw failed();
  }
  if (!(await verifyPassword(user.password_hash, o.password))) {
    await inTransaction(ctx, (tx) => audit(tx, { actorId: null, action: 'login.failed', subjectType: 'user', subjectId: user.id, ip: o.ip }));
    throw failed();
  }
  if (user.status !== 'active') throw new AppError('forbidden', t('auth.account_disabled'));
  return inTransaction(ctx, async (tx) => {
    const s = await createSession(tx, { userId: user.id, method: 'password', days: o.sessionDays, ip: o.ip, userAgent: o.userAgent });
    return { userId: user.id, ...s };
  });
}
