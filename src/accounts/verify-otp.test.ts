import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock } from '../platform/clock.ts';
import { openTestDatabase } from '../platform/db/testing.ts';
import { AppError } from '../platform/http/errors.ts';
import { requestOtp } from './request-otp.ts';
import { verifyOtp } from './verify-otp.ts';

test('parallel guesses cannot exceed the attempt limit', async () => {
  const h = await openTestDatabase();
  try {
    const ctx = { db: h.db, dialect: h.dialect, clock: manualClock(new Date()) };
    const sent: string[] = [];
    await requestOtp(ctx, {
      mobile: '09121234567', ip: '10.0.0.1', secret: 's'.repeat(40),
      policy: { ttlSeconds: 120, sendsPerNumberPerHour: 5, sendsPerIpPerHour: 20, resendAfterSeconds: 60 },
      sms: { kind: 'log', send: async (_to, text) => { sent.push(text); } },
    });
    const right = /(\d{6})/.exec(sent[0]!)![1]!;
    const wrong = right === '000000' ? '111111' : '000000';
    const base = { mobile: '09121234567', secret: 's'.repeat(40), maxAttempts: 5, sessionDays: 30, ip: null, userAgent: null };
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => verifyOtp(ctx, { ...base, code: wrong })));
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof AppError));
    const row = await h.db.selectFrom('otp_codes').select('attempts').executeTakeFirstOrThrow();
    assert.equal(row.attempts, 5, 'never more than the limit');
    await assert.rejects(verifyOtp(ctx, { ...base, code: right }), (e: AppError) => /بیش از حد/.test(e.fieldErrors?.code ?? ''));
  } finally {
    await h.close();
  }
});
