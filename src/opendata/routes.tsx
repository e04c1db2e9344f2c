// Routes: open data exports (/open-data), the read-only JSON API (/api/v1) and its docs (/api/docs).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError, notFound, toAppError } from '../platform/http/errors.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { apiHandlers } from './api-handlers.ts';
import { parseParams } from './api-query.ts';
import { datasets, isDatasetName } from './datasets.ts';
import { contentTypes, csvStream, exportFormats, jsonStream, xlsxStream, type ExportFormat } from './export-formats.ts';
import { apiDocsView, loadOpenDataView } from './load-pages.ts';
import { endpoints, openApiDocument } from './openapi.ts';
import { siteUrl } from './records.ts';
import { ApiDocsPage } from './views/api-docs-page.tsx';
import { OpenDataPage } from './views/open-data-page.tsx';

export const API_PREFIX = '/api/v1';
/** Requests per minute per address on the API. */
export const API_RATE_PER_MINUTE = 600;
/** How long browsers and proxies may keep an answer or a download. */
const API_MAX_AGE = 60;
/** Whole-dataset downloads per minute per address (each reads every row). */
const DOWNLOADS_PER_MINUTE = 60;
const DOWNLOAD_MAX_AGE = 300;

/** Sends an API error as {error: {code, message}}: the message is the specific Persian reason when there is one. */
function sendApiError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const e = toAppError(err);
  if (e.status >= 500) request.log.error({ err }, 'api request failed');
  const code = e.code === 'validation' ? 'bad_request' : e.code;
  return reply
    .status(e.status)
    .header('access-control-allow-origin', '*')
    .header('cache-control', 'no-store')
    .send({ error: { code, message: e.detail ?? t(`error.${code}.title` as MessageKey), ...(e.fieldErrors ? { fields: e.fieldErrors } : {}) } });
}

async function apiV1(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.setErrorHandler((err, request, reply) => sendApiError(err, request, reply));
  api.setNotFoundHandler((request, reply) => sendApiError(new AppError('not_found', t('openData.api.error.no_endpoint')), request, reply));
  api.addHook('onSend', async (_request, reply, payload) => {
    // Readable from any site: the API is public and takes no cookies.
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
    return payload;
  });
  for (const e of endpoints) {
    const h = apiHandlers[e.path];
    if (!h) throw new Error(`no handler for ${e.path}`);
    api.get(
      e.path.slice(API_PREFIX.length),
      { config: { rateLimit: { max: API_RATE_PER_MINUTE, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const params = parseParams(h.params, request.params);
        const query = parseParams(h.query, request.query);
        const path = request.url.split('?')[0] ?? e.path;
        const body = await h.run(ctx, params, query, path);
        return reply.header('cache-control', `public, max-age=${API_MAX_AGE}`).type('application/json; charset=utf-8').send(body);
      },
    );
  }
}

export async function openDataRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/open-data', { config: { publicPage: true } }, async (request, reply) => {
    const view = await loadOpenDataView(ctx);
    return sendPage(reply, <OpenDataPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  // /open-data/plans.csv, /open-data/indicator-values.xlsx, … streamed while they are read.
  app.get('/open-data/:file', { config: { rateLimit: { max: DOWNLOADS_PER_MINUTE, timeWindow: '1 minute' } } }, async (request, reply) => {
    const file = (request.params as { file?: string }).file ?? '';
    const m = /^([a-z-]+)\.([a-z]+)$/.exec(file);
    const name = m?.[1] ?? '';
    const format = (m?.[2] ?? '') as ExportFormat;
    if (!isDatasetName(name) || !exportFormats.includes(format)) throw notFound();
    const dataset = datasets[name];
    const now = ctx.clock.now().toISOString();
    const batches = dataset.batches(ctx);
    const stream = format === 'csv' ? csvStream(dataset.columns, batches) : format === 'json' ? jsonStream(dataset, now, batches) : xlsxStream(dataset, batches);
    return reply
      .header('content-type', contentTypes[format])
      .header('content-disposition', `attachment; filename="mahalle-${name}-${now.slice(0, 10)}.${format}"`)
      .header('cache-control', `public, max-age=${DOWNLOAD_MAX_AGE}`)
      .header('access-control-allow-origin', '*')
      .send(stream);
  });

  app.get('/api/docs', { config: { publicPage: true } }, async (request, reply) => {
    return sendPage(reply, <ApiDocsPage page={pageContext(request, reply, ctx.clock)} view={apiDocsView(ctx)} />);
  });

  let document: string | null = null;
  app.get('/api/docs/openapi.json', async (_request, reply) => {
    document ??= JSON.stringify(openApiDocument(siteUrl(ctx)), null, 2);
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', `public, max-age=${DOWNLOAD_MAX_AGE}`)
      .header('access-control-allow-origin', '*')
      .send(document);
  });

  await app.register(async (api) => apiV1(api, ctx), { prefix: API_PREFIX });
}
