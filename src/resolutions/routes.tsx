// Resolutions: the council's follow-up page, each resolution's page, the secretariat's status
// changes and the responsible agency's progress notes. Resolutions are recorded on the meeting's
// page (src/meetings), through createResolution.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { pageFromQuery } from '../platform/views/pagination.ts';
import {
  idOf, loadAdminResolution, loadFollowUp, loadMyResolution, loadMyResolutions, MY_PAGE_SIZE, parseFollowUpParams,
  type ProgressFormState,
} from './load-resolution-pages.ts';
import { postProgressNote } from './post-progress-note.ts';
import { setResolutionStatus } from './set-resolution-status.ts';
import { FollowUpPage } from './views/follow-up-page.tsx';
import { MyResolutionPage, MyResolutionsPage } from './views/my-resolutions-page.tsx';
import { ResolutionPage } from './views/resolution-page.tsx';

const idParam = (request: FastifyRequest): number => {
  const id = idOf((request.params as { id?: string }).id ?? '');
  if (id === null) throw notFound();
  return id;
};

export async function resolutionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const council = { preHandler: requirePermission('meeting.read') };
  const secretariat = { preHandler: requirePermission('resolution.manage') };
  const officers = { preHandler: requirePermission('plan.workspace') };

  // ---- the council's follow-up ----
  app.get('/admin/resolutions', council, async (request, reply) => {
    const view = await loadFollowUp(ctx, parseFollowUpParams(request.query));
    return sendPage(reply, <FollowUpPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  // ---- one resolution, for the council and the secretariat ----
  const renderResolution = async (request: FastifyRequest, reply: FastifyReply, id: number, form?: { status: string; note: string; errors: Record<string, string> }, status = 200) => {
    const data = await loadAdminResolution(ctx, actorOf(request), id, form);
    if (!data) throw notFound();
    return sendPage(reply, <ResolutionPage page={pageContext(request, reply, ctx.clock)} view={data.view} form={data.form} />, status);
  };

  app.get('/admin/resolutions/:id', council, async (request, reply) => renderResolution(request, reply, idParam(request)));

  app.post('/admin/resolutions/:id/status', secretariat, async (request, reply) => {
    const id = idParam(request);
    const input = { status: field(request.body, 'status', 20), note: field(request.body, 'note', 5000) };
    const result = await submitForm(() => setResolutionStatus(ctx, actorOf(request), id, input));
    if (!result.ok) return renderResolution(request, reply, id, { ...input, errors: result.errors }, result.status);
    const text = input.status === ''
      ? t('resolutions.manage.noted', { count: result.value.notified })
      : t('resolutions.manage.saved', { status: t(`resolutions.status.${result.value.status}`), count: result.value.notified });
    setFlash(reply, { kind: 'success', text });
    return reply.redirect(`/admin/resolutions/${id}`, 303);
  });

  // ---- the responsible agency ----
  app.get('/my/resolutions', officers, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), MY_PAGE_SIZE);
    const view = await loadMyResolutions(ctx, actorOf(request), p);
    return sendPage(reply, <MyResolutionsPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  const renderMine = async (request: FastifyRequest, reply: FastifyReply, id: number, state?: ProgressFormState, status = 200) => {
    const data = await loadMyResolution(ctx, actorOf(request), id, state);
    if (!data) throw notFound();
    return sendPage(reply, <MyResolutionPage page={pageContext(request, reply, ctx.clock)} view={data.view} form={data.form} />, status);
  };

  app.get('/my/resolutions/:id', officers, async (request, reply) => renderMine(request, reply, idParam(request)));

  app.post('/my/resolutions/:id/notes', officers, async (request, reply) => {
    const id = idParam(request);
    // Each form on the list carries its resolution's prefix, so labels and ids stay unique on the page.
    const prefix = `r${id}-`;
    const state = { report: field(request.body, `${prefix}report`, 20), body: field(request.body, `${prefix}body`, 5000) };
    const result = await submitForm(() => postProgressNote(ctx, actorOf(request), id, state));
    if (!result.ok) {
      const errors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [`${prefix}${k === 'status' ? 'report' : k}`, v]));
      return renderMine(request, reply, id, { ...state, errors }, result.status);
    }
    const report = result.value.report;
    setFlash(reply, { kind: 'success', text: t(report === 'done' ? 'resolutions.progress.proposed' : report === 'in_progress' ? 'resolutions.progress.started' : 'resolutions.progress.saved') });
    return reply.redirect(field(request.body, 'from', 8) === 'list' ? `/my/resolutions#r-${id}` : `/my/resolutions/${id}`, 303);
  });
}
