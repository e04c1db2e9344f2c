import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import csrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import { createElement } from 'preact';
import type { Clock } from '../clock.ts';
import { t, type MessageKey } from '../i18n/t.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { AppError, toAppError } from './errors.ts';
import { pageContext, sendPage, wantsJson } from './page.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The file names of a multipart upload, by field; null for other requests. */
    uploadNames: Record<string, string> | null;
  }
  interface FastifyContextConfig {
    /** Set false on the few POST routes that authenticate otherwise (none yet). */
    csrf?: boolean;
  }
}

const publicDir = fileURLToPath(new URL('../../../public/', import.meta.url));
const fontDir = fileURLToPath(new URL('../../../node_modules/vazirmatn/misc/Non-Latin/fonts/webfonts/', import.meta.url));

/** The largest file any form accepts. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type PlatformOptions = { cookieSecret: string; secureCookies: boolean; clock: Clock };

/** Security headers, cookies, forms, CSRF, rate limits, static files and the error pages. */
export async function registerPlatform(app: FastifyInstance, options: PlatformOptions): Promise<void> {
  app.decorateRequest('viewer', null);
  app.decorateRequest('csrfIssued', false);
  await app.register(cookie, { secret: options.cookieSecret });
  await app.register(formbody);
  // helmet's middleware is built once here; @fastify/helmet rebuilt it (and re-parsed the CSP) on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: options.secureCookies,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  // Uploads arrive as fields on request.body (files as Buffers), so the CSRF check reads them
  // like any form; routes that take files raise their own bodyLimit.
  // keyValues bodies carry only the bytes of a file; its name as the browser sent it is kept in
  // request.uploadNames (field → name) for pages that show it again.
  app.decorateRequest('uploadNames', null);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 5, fields: 100 },
    async onFile(this: FastifyRequest, part) {
      this.uploadNames = { ...(this.uploadNames ?? {}), [part.fieldname]: part.filename };
      await part.toBuffer();
    },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: options.secureCookies },
  });
  // As a preHandler, not onRequest: the token is in the form body, parsed only after onRequest.
  app.addHook('preHandler', (request, reply, done) => {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (!unsafe || request.routeOptions.config?.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });

  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/static/',
    maxAge: '7d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: fontDir,
    prefix: '/static/fonts/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    allowedPath: (path) => /^\/Vazirmatn-NL-(Regular|Bold)\.woff2$/.test(path),
  });

  const sendError = (err: AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (err.status >= 500) request.log.error({ err: err.cause ?? err }, 'request failed');
    if (wantsJson(request)) {
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: t(`error.${err.code}.title` as MessageKey),
          detail: err.detail,
          fields: err.fieldErrors,
        },
      });
    }
    return sendPage(
      reply,
      createElement(ErrorPage, { page: pageContext(request, reply, options.clock), code: err.code, status: err.status, detail: err.detail }),
      err.status,
    );
  };

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'internal') request.log.error({ err: error }, 'unhandled error');
    return sendError(appError, request, reply);
  });
  app.setNotFoundHandler((request, reply) => sendError(new AppError('not_found'), request, reply));
}
