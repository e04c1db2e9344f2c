// Residents' needs: /needs, /needs/new, /needs/:id (support, the secretariat's status, comments),
// the photo, the secretariat's queue /admin/needs, and an officer's citations of a plan.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { findUserById } from '../accounts/accounts.repo.ts';
import { loadThread, subjectKey, threadParams } from '../comments/load-thread.ts';
import { commentForm } from '../comments/routes.tsx';
import type { AppContext } from '../context.ts';
import { readUpload, uploadRoot } from '../platform/files/store-upload.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { MAX_UPLOAD_BYTES } from '../platform/http/plugins.ts';
import { t } from '../platform/i18n/t.ts';
import { pageFromQuery } from '../platform/views/pagination.ts';
import { citeNeeds } from './cite-needs.ts';
import {
  adminNeedsView, idOf, loadNeedList, loadNeedPage, needFormView, needListView, needPageView, parseNeedListParams, stateLabel,
  type NeedFormState, type NeedManageState,
} from './load-need-pages.ts';
import { photoExtensions, type PhotoType } from './need-input.ts';
import { findNeed, NEEDS_PAGE_SIZE } from './needs.repo.ts';
import { postNeed } from './post-need.ts';
import { setNeedStatus } from './set-need-status.ts';
import { supportNeed } from './support-need.ts';
import { withdrawSupport } from './withdraw-support.ts';
import { AdminNeedsPage } from './views/admin-needs.tsx';
import { NeedFormPage } from './views/need-form.tsx';
import { NeedListPage } from './views/need-list.tsx';
import { NeedPage } from './views/need-page.tsx';

const needIdParam = (request: FastifyRequest): number => {
  const id = idOf((request.params as { id?: string }).id ?? '');
  if (id === null) throw notFound();
  return id;
};

export async function needsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = uploadRoot(ctx.config);
  const signedIn = { preHandler: requirePermission('need.post') };
  const secretariat = { preHandler: requirePermission('need.manage') };

  // ---- the list ----
  app.get('/needs', { config: { publicPage: true } }, async (request, reply) => {
    const params = parseNeedListParams(request.query);
    const p = pageFromQuery(field(request.query, 'page'), NEEDS_PAGE_SIZE);
    const data = await loadNeedList(ctx, params, p, params.sort);
    return sendPage(reply, <NeedListPage page={pageContext(request, reply, ctx.clock)} view={needListView(params, p.page, data, request.actor)} />);
  });

  // ---- posting ----
  const renderForm = async (request: FastifyRequest, reply: FastifyReply, state: NeedFormState, o: { errors?: Record<string, string>; photoDropped?: boolean } = {}, status = 200) => {
    const page = pageContext(request, reply, ctx.clock);
    const view = await needFormView(ctx, state, { csrfToken: page.csrfToken, ...o });
    return sendPage(reply, <NeedFormPage page={page} view={view} />, status);
  };

  app.get('/needs/new', signedIn, async (request, reply) => {
    const fromQuery = idOf(field(request.query, 'place', 12));
    const home = fromQuery === null ? ((await findUserById(ctx.db, actorOf(request).id))?.home_place_id ?? null) : fromQuery;
    return renderForm(request, reply, { placeId: home === null ? '' : String(home), title: '', body: '', harms: [], targets: [] });
  });

  app.post('/needs', { ...signedIn, bodyLimit: MAX_UPLOAD_BYTES + 65_536 }, async (request, reply) => {
    const body = request.body;
    const photo = (body as { photo?: unknown } | undefined)?.photo;
    const bytes = Buffer.isBuffer(photo) && photo.length > 0 ? photo : null;
    const state: NeedFormState = {
      placeId: field(body, 'place_id', 12),
      title: field(body, 'title', 1000),
      body: field(body, 'body', 20_000),
      harms: fieldList(body, 'harms'),
      targets: fieldList(body, 'targets'),
    };
    const result = await submitForm(() => postNeed(ctx, actorOf(request), { ...state, photo: bytes, uploadRoot: root }));
    if (!result.ok) return renderForm(request, reply, state, { errors: result.errors, photoDropped: bytes !== null }, result.status);
    setFlash(reply, { kind: 'success', text: t('needs.posted') });
    return reply.redirect(`/needs/${result.value.id}`, 303);
  });

  // ---- the need page ----
  const renderNeed = async (request: FastifyRequest, reply: FastifyReply, id: number, manage?: NeedManageState, status = 200) => {
    const actor = request.actor;
    const subject = { type: 'need' as const, id, href: `/needs/${id}`, open: true };
    const [data, thread] = await Promise.all([loadNeedPage(ctx, id, actor), loadThread(ctx, actor, subject, threadParams(request.query))]);
    if (!data) throw notFound();
    const page = pageContext(request, reply, ctx.clock);
    const view = needPageView(data, { actor, csrfToken: () => page.csrfToken, ...(manage ? { manage } : {}) });
    const form = actor ? commentForm(ctx, page.csrfToken, { action: '/comments', subject: subjectKey(subject), parentId: null, value: '' }) : null;
    return sendPage(reply, <NeedPage page={page} view={view} comments={{ thread, form }} />, status);
  };

  // Anonymous visitors: the page cache's version, the need, its places and plans, the thread and its counts.
  app.get('/needs/:id', { config: { publicPage: true } }, async (request, reply) => renderNeed(request, reply, needIdParam(request)));

  app.get('/needs/:id/photo', async (request, reply) => {
    const need = await findNeed(ctx.db, needIdParam(request));
    if (!need?.photo_path || !need.photo_type) throw notFound();
    const bytes = await readUpload(root, need.photo_path);
    if (!bytes) throw notFound();
    const type = need.photo_type as PhotoType;
    return reply
      .header('content-type', type)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="need-${need.id}.${photoExtensions[type] ?? 'bin'}"`)
      .header('cache-control', 'public, max-age=86400')
      .send(bytes);
  });

  app.post('/needs/:id/support', signedIn, async (request, reply) => {
    const id = needIdParam(request);
    const r = await supportNeed(ctx, actorOf(request), id);
    setFlash(reply, { kind: 'success', text: r.added ? t('needs.support.thanks') : t('needs.support.already') });
    return reply.redirect(`/needs/${id}#support`, 303);
  });

  app.post('/needs/:id/withdraw', signedIn, async (request, reply) => {
    const id = needIdParam(request);
    await withdrawSupport(ctx, actorOf(request), id);
    setFlash(reply, { kind: 'info', text: t('needs.support.withdrawn') });
    return reply.redirect(`/needs/${id}#support`, 303);
  });

  app.post('/needs/:id/status', secretariat, async (request, reply) => {
    const id = needIdParam(request);
    const input = { status: field(request.body, 'status', 20), note: field(request.body, 'note', 5000), planIds: fieldList(request.body, 'plans') };
    const result = await submitForm(() => setNeedStatus(ctx, actorOf(request), id, input));
    if (!result.ok) {
      return renderNeed(request, reply, id, { status: input.status, note: input.note, plans: input.planIds, errors: result.errors }, result.status);
    }
    setFlash(reply, { kind: 'success', text: t('needs.manage.saved', { status: stateLabel(result.value.status), count: result.value.notified }) });
    return reply.redirect(`/needs/${id}`, 303);
  });

  // ---- the secretariat's queue ----
  app.get('/admin/needs', secretariat, async (request, reply) => {
    const params = parseNeedListParams(request.query);
    const p = pageFromQuery(field(request.query, 'page'), NEEDS_PAGE_SIZE);
    const data = await loadNeedList(ctx, params, p, 'queue');
    return sendPage(reply, <AdminNeedsPage page={pageContext(request, reply, ctx.clock)} view={adminNeedsView(params, p.page, data)} />);
  });

  // ---- an officer cites needs in a plan (the section is on /my/plans/:id) ----
  app.post('/my/plans/:id/needs', { preHandler: requirePermission('plan.workspace') }, async (request, reply) => {
    const planId = needIdParam(request);
    const result = await submitForm(() => citeNeeds(ctx, actorOf(request), planId, fieldList(request.body, 'needs')));
    if (!result.ok) throw new AppError('validation', Object.values(result.errors)[0]);
    const { added, removed } = result.value;
    setFlash(reply, { kind: 'success', text: added.length || removed.length ? t('needs.cite.saved', { added: added.length, removed: removed.length }) : t('needs.cite.unchanged') });
    return reply.redirect(`/my/plans/${planId}#needs`, 303);
  });

}
