import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Clock } from '../clock.ts';
import { formatJalaliDate } from '../persian/jalali.ts';
import { renderPage } from '../views/render.ts';
import type { PageContext } from '../views/page-context.ts';
import { takeFlash } from './flash.ts';

export type Viewer = NonNullable<PageContext['user']>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person as the views see them; set by the accounts module. */
    viewer: Viewer | null;
    /** True once this response carries a CSRF token, which makes it personal (never cached). */
    csrfIssued: boolean;
  }
}

/** Builds the per-request view-model every page receives. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, clock: Clock): PageContext {
  let token: string | undefined;
  return {
    user: request.viewer,
    // Made only when a form asks for it: pages without forms stay free of cookies and cacheable.
    get csrfToken() {
      request.csrfIssued = true;
      return (token ??= reply.generateCsrf());
    },
    flash: takeFlash(request, reply),
    todayLabel: todayLabel(clock),
    path: request.url.split('?')[0] ?? '/',
  };
}

let today = { day: '', label: '' };
/** Today's Jalali date; formatted once per day rather than on every page. */
export function todayLabel(clock: Clock): string {
  const now = clock.now();
  // The Tehran day changes at 20:30 UTC at the latest, so the UTC hour bucket is a safe cache key.
  const day = now.toISOString().slice(0, 13);
  if (today.day !== day) today = { day, label: formatJalaliDate(now) };
  return today.label;
}

/** Sends a rendered page with the given status. */
export function sendPage(reply: FastifyReply, vnode: VNode<any>, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderPage(vnode));
}

/** True when the client asked for JSON rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
