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
  }
}

/** Builds the per-request view-model every page receives. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, clock: Clock): PageContext {
  return {
    user: request.viewer,
    csrfToken: reply.generateCsrf(),
    flash: takeFlash(request, reply),
    todayLabel: formatJalaliDate(clock.now()),
    path: request.url.split('?')[0] ?? '/',
  };
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
