// Routes: /admin/indicators (catalogue, values, CSV/XLSX upload and its progress page).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requirePermission } from '../../accounts/accounts.plugin.ts';
import { can } from '../../accounts/permissions.ts';
import type { AppContext } from '../../context.ts';
import { attachmentDisposition } from '../../platform/files/store-upload.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { field, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/plugins.ts';
import { t } from '../../platform/i18n/t.ts';
import { pageFromQuery } from '../../platform/views/pagination.ts';
import { deleteIndicator } from './delete-indicator.ts';
import { findDataImport, findIndicator } from './indicators.repo.ts';
import {
  emptyIndicatorInput, errorsCsv, idOf, importFormView, importPageView, indicatorFormView, inputOfRow, loadImportsList, loadIndicatorList,
  loadIndicatorPage, parseListParams, parseValuesParams, readIndicatorForm, sampleCsv,
} from './load-indicator-pages.ts';
import { saveIndicator } from './save-indicator.ts';
import { startIndicatorImport } from './start-indicator-import.ts';
import { IndicatorFormPage, IndicatorListPage, IndicatorPage } from './views/indicator-pages.tsx';
import { ImportFormPage, ImportsListPage, ImportStatusPage } from './views/import-pages.tsx';

const idParam = (request: FastifyRequest): number => {
  const id = idOf((request.params as { id?: string }).id ?? '');
  if (id === null) throw notFound();
  return id;
};

/** Readers of the catalogue: the secretariat (who keep it) and the council (monitoring.read). */
async function catalogueReader(request: FastifyRequest, reply: FastifyReply) {
  if (!request.actor) {
    if (request.method !== 'GET') throw new AppError('unauthorized');
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  if (!can(request.actor, 'indicator.manage') && !can(request.actor, 'monitoring.read')) throw new AppError('forbidden');
}

export async function indicatorRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const readers = { preHandler: catalogueReader };
  const managers = { preHandler: requirePermission('indicator.manage') };
  const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, ctx.clock);

  // ---- the catalogue ----
  app.get('/admin/indicators', readers, async (request, reply) => {
    const view = await loadIndicatorList(ctx, actorOf(request), parseListParams(request.query));
    return sendPage(reply, <IndicatorListPage page={page(request, reply)} view={view} />);
  });

  app.get('/admin/indicators/new', managers, async (request, reply) =>
    sendPage(reply, <IndicatorFormPage page={page(request, reply)} view={indicatorFormView(null, null, emptyIndicatorInput())} />),
  );

  app.post('/admin/indicators', managers, async (request, reply) => {
    const input = readIndicatorForm(request.body);
    const result = await submitForm(() => saveIndicator(ctx, actorOf(request), null, input));
    if (!result.ok) return sendPage(reply, <IndicatorFormPage page={page(request, reply)} view={indicatorFormView(null, null, input, result.errors)} />, result.status);
    setFlash(reply, { kind: 'success', text: t('indicators.saved') });
    return reply.redirect(`/admin/indicators/${result.value.id}`, 303);
  });

  // ---- imports (before /:id so the literal paths win) ----
  app.get('/admin/indicators/import', managers, async (request, reply) =>
    sendPage(reply, <ImportFormPage page={page(request, reply)} view={importFormView()} />),
  );

  app.get('/admin/indicators/import/sample.csv', managers, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition('indicator-values-sample.csv', 'indicator-values-sample.csv'))
      .send(await sampleCsv(ctx)),
  );

  app.post('/admin/indicators/import', { ...managers, bodyLimit: MAX_UPLOAD_BYTES + 65_536 }, async (request, reply) => {
    const raw = (request.body as { file?: unknown } | undefined)?.file;
    const bytes = Buffer.isBuffer(raw) ? raw : null;
    const result = await submitForm(() => startIndicatorImport(ctx, actorOf(request), { name: request.uploadNames?.file, bytes }));
    if (!result.ok) return sendPage(reply, <ImportFormPage page={page(request, reply)} view={importFormView(result.errors.file)} />, result.status);
    setFlash(reply, { kind: 'info', text: t('indicators.import.queued') });
    return reply.redirect(`/admin/indicators/imports/${result.value.id}`, 303);
  });

  app.get('/admin/indicators/imports', managers, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), 30);
    return sendPage(reply, <ImportsListPage page={page(request, reply)} view={await loadImportsList(ctx, p.page)} />);
  });

  app.get('/admin/indicators/imports/:id', managers, async (request, reply) => {
    const row = await findDataImport(ctx.db, idParam(request));
    if (!row) throw notFound();
    const view = importPageView(row);
    // A running import's page is refreshed by the browser; never serve it from a cache.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <ImportStatusPage page={page(request, reply)} view={view} />);
  });

  app.get('/admin/indicators/imports/:id/errors.csv', managers, async (request, reply) => {
    const row = await findDataImport(ctx.db, idParam(request));
    if (!row) throw notFound();
    const name = `indicator-import-${row.id}-errors.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(name, name)).send(errorsCsv(row));
  });

  // ---- one indicator ----
  app.get('/admin/indicators/:id', readers, async (request, reply) => {
    const view = await loadIndicatorPage(ctx, actorOf(request), idParam(request), parseValuesParams(request.query));
    if (!view) throw notFound();
    return sendPage(reply, <IndicatorPage page={page(request, reply)} view={view} />);
  });

  app.get('/admin/indicators/:id/edit', managers, async (request, reply) => {
    const row = await findIndicator(ctx.db, idParam(request));
    if (!row) throw notFound();
    return sendPage(reply, <IndicatorFormPage page={page(request, reply)} view={indicatorFormView(row.id, row.code, inputOfRow(row))} />);
  });

  app.post('/admin/indicators/:id', managers, async (request, reply) => {
    const id = idParam(request);
    const row = await findIndicator(ctx.db, id);
    if (!row) throw notFound();
    const input = readIndicatorForm(request.body);
    const result = await submitForm(() => saveIndicator(ctx, actorOf(request), id, input));
    if (!result.ok) return sendPage(reply, <IndicatorFormPage page={page(request, reply)} view={indicatorFormView(id, row.code, input, result.errors)} />, result.status);
    setFlash(reply, { kind: 'success', text: t('indicators.saved') });
    return reply.redirect(`/admin/indicators/${id}`, 303);
  });

  app.post('/admin/indicators/:id/delete', managers, async (request, reply) => {
    const id = idParam(request);
    try {
      const { code } = await deleteIndicator(ctx, actorOf(request), id);
      setFlash(reply, { kind: 'success', text: t('indicators.delete.done', { code }) });
      return reply.redirect('/admin/indicators', 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') {
        setFlash(reply, { kind: 'error', text: t('indicators.delete.has_values') });
        return reply.redirect(`/admin/indicators/${id}`, 303);
      }
      throw err;
    }
  });
}
