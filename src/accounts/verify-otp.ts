import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { notify } from '../platform/notify/notify.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { consumeOtp, findUserByMobile, insertUser, latestOtp, replaceRoles, reserveOtpAttempt } from './accounts.repo.ts';
import { createSession } from './create-session.ts';
import { maskMobile, parseIranMobile } from './mobile.ts';
import { hashOtp, sameHash } from './session-token.ts';

export type VerifyOtpOptions = {
  mobile: string;
  code: string;
  /** Name given at registration, used only when the number has no account yet. */
  name?: string;
  secret: string;
  maxAttempts: number;
  sessionDays: number;
  ip: string | null;
  userAgent: string | null;
};

export type VerifyOtpResult = { userId: number; token: string; expiresAt: Date; isNew: boolean };

const codeError = (key: Parameters<typeof t>[0], params?: Record<string, number>) =>
  new AppError('validation', undefined, { code: t(key, params) });

/**
 * Checks a one-time code and signs the person in, creating a citizen account for a new number.
 * Every try costs one attempt, taken before the check and kept even when the request fails.
 */
export async function verifyOtp(ctx: OpContext, o: VerifyOtpOptions): Promise<VerifyOtpResult> {
  const mobile = parseIranMobile(o.mobile);
  if (!mobile) throw new AppError('validation', undefined, { mobile: t('auth.mobile.invalid') });
  const code = toAsciiDigits(o.code).replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) throw codeError('auth.otp.code_format');

  const now = ctx.clock.now();
  const otp = await latestOtp(ctx.db, mobile);
  if (!otp || otp.consumed_at) throw codeError('auth.otp.none');
  if (Date.parse(otp.expires_at) <= now.getTime()) throw codeError('auth.otp.expired');
  if (!(await reserveOtpAttempt(ctx.db, otp.id, o.maxAttempts))) throw codeError('auth.otp.too_many_attempts');

  if (!sameHash(otp.code_hash, hashOtp(o.secret, mobile, code))) {
    const left = o.maxAttempts - otp.attempts - 1;
    throw left > 0 ? codeError('auth.otp.wrong', { left }) : codeError('auth.otp.too_many_attempts');
  }

  return inTransaction(ctx, async (tx) => {
    if (!(await consumeOtp(tx.db, otp.id, now.toISOString()))) throw codeError('auth.otp.none');
    let user = await findUserByMobile(tx.db, mobile);
    let isNew = false;
    if (!user) {
      const name = (o.name ?? '').trim().slice(0, 80);
      const id = await insertUser(tx.db, { mobile, name, now: now.toISOString() });
      await replaceRoles(tx.db, id, ['citizen'], now.toISOString());
      await audit(tx, { actorId: id, action: 'user.registered', subjectType: 'user', subjectId: id, data: { mobile: maskMobile(mobile) }, ip: o.ip });
      await notify(tx.db, tx.clock, {
        userId: id, email: null, subject: t('notifications.welcome.subject'), body: t('notifications.welcome.body'), link: '/profile',
      });
      user = await findUserByMobile(tx.db, mobile);
      isNew = true;
    }
    if (!user) throw new AppError('internal');
    if (user.status !== 'active') throw new AppError('forbidden', t('auth.account_disabled'));
    const session = await createSession(tx, { userId: user.id, method: 'otp', days: o.sessionDays, ip: o.ip, userAgent: o.userAgent });
    return { userId: user.id, token: session.token, expiresAt: session.expiresAt, isNew };
  });
}
