import type { OpContext } from '../context.ts';
import { addSeconds } from '../platform/clock.ts';
import { audit } from '../platform/audit/audit.ts';
import { insertSession, touchLogin } from './accounts.repo.ts';
import { newSessionToken } from './session-token.ts';

export type CreateSessionOptions = {
  userId: number;
  /** How the person proved who they are, for the audit log. */
  method: 'otp' | 'password';
  days: number;
  ip: string | null;
  userAgent: string | null;
};

/** Starts a signed-in session; returns the token for the cookie. Call inside a transaction. */
export async function createSession(ctx: OpContext, o: CreateSessionOptions): Promise<{ token: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  const { token, hash } = newSessionToken();
  const expiresAt = addSeconds(now, o.days * 86400);
  await insertSession(ctx.db, {
    tokenHash: hash, userId: o.userId, now: now.toISOString(), expiresAt: expiresAt.toISOString(),
    ip: o.ip, userAgent: o.userAgent?.slice(0, 300) ?? null,
  });
  await touchLogin(ctx.db, o.userId, now.toISOString());
  await audit(ctx, { actorId: o.userId, action: 'session.created', subjectType: 'user', subjectId: o.userId, data: { method: o.method }, ip: o.ip });
  return { token, expiresAt };
}
