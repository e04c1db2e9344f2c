import { randomInt } from 'node:crypto';
import { inTransaction, type OpContext } from '../context.ts';
import { addSeconds } from '../platform/clock.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import type { SmsSender } from '../platform/notify/sms.ts';
import { countOtpsSince, insertOtp, latestOtp } from './accounts.repo.ts';
import { maskMobile, parseIranMobile } from './mobile.ts';
import { hashOtp } from './session-token.ts';

export type OtpPolicy = {
  ttlSeconds: number;
  sendsPerNumberPerHour: number;
  sendsPerIpPerHour: number;
  /** Minimum wait between two codes to the same number. */
  resendAfterSeconds: number;
};

export type RequestOtpOptions = {
  mobile: string;
  ip: string | null;
  secret: string;
  policy: OtpPolicy;
  sms: SmsSender;
};

/**
 * Sends a six-digit one-time code to a mobile number. Limits per number and per IP are
 * counted in the database, so they hold across processes and restarts.
 */
export async function requestOtp(ctx: OpContext, o: RequestOtpOptions): Promise<{ mobile: string }> {
  const mobile = parseIranMobile(o.mobile);
  if (!mobile) throw new AppError('validation', undefined, { mobile: t('auth.mobile.invalid') });
  const now = ctx.clock.now();
  const hourAgo = addSeconds(now, -3600).toISOString();

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await inTransaction(ctx, async (tx) => {
    const last = await latestOtp(tx.db, mobile);
    if (last) {
      const wait = Math.ceil(o.policy.resendAfterSeconds - (now.getTime() - Date.parse(last.created_at)) / 1000);
      if (wait > 0) throw new AppError('rate_limited', undefined, { mobile: t('auth.otp.too_soon', { seconds: wait }) });
    }
    if ((await countOtpsSince(tx.db, { mobile }, hourAgo)) >= o.policy.sendsPerNumberPerHour) {
      throw new AppError('rate_limited', undefined, { mobile: t('auth.otp.rate_number') });
    }
    if (o.ip && (await countOtpsSince(tx.db, { ip: o.ip }, hourAgo)) >= o.policy.sendsPerIpPerHour) {
      throw new AppError('rate_limited', undefined, { mobile: t('auth.otp.rate_ip') });
    }
    await insertOtp(tx.db, {
      mobile, codeHash: hashOtp(o.secret, mobile, code), ip: o.ip,
      now: now.toISOString(), expiresAt: addSeconds(now, o.policy.ttlSeconds).toISOString(),
    });
    await audit(tx, { actorId: null, action: 'otp.requested', subjectType: 'mobile', subjectId: maskMobile(mobile), ip: o.ip });
  });
  // Sent after commit: a code that was never stored must never reach the phone.
  await o.sms.send(mobile, t('auth.otp.sms', { code }));
  return { mobile };
}
