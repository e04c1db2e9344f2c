import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Flash } from '../views/page-context.ts';

const COOKIE = 'flash';

/** Sets a one-time message shown on the next page (Post/Redirect/Get). */
export function setFlash(reply: FastifyReply, flash: Flash): void {
  reply.setCookie(COOKIE, JSON.stringify(flash), { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

/** Reads and clears the flash message, if any. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = request.cookies[COOKIE];
  if (!raw) return null;
  reply.clearCookie(COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const f = JSON.parse(unsigned.value) as Flash;
    return typeof f.text === 'string' && ['success', 'info', 'error'].includes(f.kind) ? f : null;
  } catch {
    return null;
  }
}
