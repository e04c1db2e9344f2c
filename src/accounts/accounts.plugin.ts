import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext } from '../context.ts';
import { addSeconds } from '../platform/clock.ts';
import { AppError } from '../platform/http/errors.ts';
import { wantsJson } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { agencyIdsOfOfficer } from '../agencies/agencies.repo.ts';
import { extendSession, findLiveSession, rolesOf } from './accounts.repo.ts';
import { can, type Actor, type RoleAction } from './permissions.ts';
import { staffRoles } from './roles.ts';
import { hashSessionToken } from './session-token.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionHash: string | null;
  }
}

export const SESSION_COOKIE = 'sid';

export function sessionCookieOptions(ctx: AppContext, expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.BASE_URL.startsWith('https:'),
    ...(expires ? { expires } : {}),
  };
}

/** Loads the signed-in person from the session cookie on every request that carries one. */
export async function registerSessions(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionHash', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || request.url.startsWith('/static/')) return;
    const hash = hashSessionToken(token);
    const now = ctx.clock.now();
    const session = await findLiveSession(ctx.db, hash, now.toISOString());
    if (!session || session.status !== 'active') {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    const roles = await rolesOf(ctx.db, session.user_id);
    // Only officers need their agencies; everyone else is spared the query.
    const agencyIds = roles.includes('agency_officer') ? await agencyIdsOfOfficer(ctx.db, session.user_id) : [];
    const actor: Actor = { id: session.user_id, roles, agencyIds };
    request.actor = actor;
    request.sessionHash = hash;
    request.viewer = {
      name: session.name,
      roleLabels: roles.map((r) => t(`role.${r}`)),
      isStaff: roles.some((r) => staffRoles.includes(r)),
      canAdmin: can(actor, 'admin.access'),
      hasWorkspace: can(actor, 'plan.workspace'),
      hasReviews: can(actor, 'review.workspace'),
    };
    // Sliding expiry: renewed once past half its life, so active people stay signed in.
    const lifetime = ctx.config.SESSION_DAYS * 86400_000;
    if (Date.parse(session.expires_at) - now.getTime() < lifetime / 2) {
      const expires = addSeconds(now, ctx.config.SESSION_DAYS * 86400);
      await extendSession(ctx.db, hash, expires.toISOString());
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx, expires));
    }
  });
}

/** Route guard: signed out → to the login page (or 401 JSON); signed in without the permission → 403. */
export function requirePermission(action: RoleAction): preHandlerAsyncHookHandler {
  return async function guard(request: FastifyRequest, reply: FastifyReply) {
    if (!request.actor) {
      if (wantsJson(request) || request.method !== 'GET') throw new AppError('unauthorized');
      return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    if (!can(request.actor, action)) throw new AppError('forbidden');
  };
}

/** The actor of a guarded route (the guard has already refused anonymous requests). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthorized');
  return request.actor;
}
