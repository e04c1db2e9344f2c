import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Public page: the same HTML for every anonymous visitor, so it may be served from cache. */
    publicPage?: boolean;
  }
  interface FastifyRequest {
    pageCacheVersion: string | null;
  }
}

type Entry = { version: string; body: Buffer; contentType: string };

export type PageCacheOptions = {
  /**
   * A string that changes whenever anything a public page shows may have changed. Read once per
   * request, so several processes sharing one database stay consistent.
   */
  version: () => Promise<string>;
  maxEntries?: number;
  enabled?: boolean;
};

const cacheable = (request: FastifyRequest) =>
  request.method === 'GET' && request.routeOptions.config?.publicPage === true && !request.actor && !request.cookies.flash;

/**
 * Serves anonymous GETs of public pages from memory while the data version is unchanged. Signed-in
 * people, flash messages and any response that set a cookie or carries a CSRF token bypass it.
 */
export function registerPageCache(app: FastifyInstance, options: PageCacheOptions): void {
  app.decorateRequest('pageCacheVersion', null);
  if (options.enabled === false) return;
  const maxEntries = options.maxEntries ?? 1000;
  const cache = new Map<string, Entry>();

  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return;
    const version = await options.version();
    const hit = cache.get(request.url);
    if (hit && hit.version === version) {
      return reply.header('content-type', hit.contentType).header('x-page-cache', 'hit').send(hit.body);
    }
    request.pageCacheVersion = version;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const version = request.pageCacheVersion;
    if (version === null || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (request.csrfIssued || reply.hasHeader('set-cookie')) return payload;
    // Oldest first out: a Map iterates in insertion order.
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    // Kept as bytes so a hit is sent without encoding the text again.
    cache.set(request.url, { version, body: Buffer.from(payload), contentType: String(reply.getHeader('content-type') ?? 'text/html') });
    reply.header('x-page-cache', 'miss');
    return payload;
  });
}
