import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { uploadRoot } from '../platform/files/store-upload.ts';
import { notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { sendPlanAttachment } from './form-routes.tsx';
import { loadDiff, loadPlanFor, loadScreeningList, loadScreeningPlan } from './load-plan-pages.ts';
import type { PlanRow } from './plans.repo.ts';
import { passScreening, returnPlan, startScreening } from './screen-plan.ts';
import { PlanDiffPage } from './views/form-overview-page.tsx';
import { ScreeningListPage, ScreeningPlanPage } from './views/screening-pages.tsx';

type Params = { id: string; aid?: string; range?: string };

/** The secretariat's screening: the queue, each plan read-only with its versions, and start / pass / return. */
export async function planScreeningRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = uploadRoot(ctx.config);
  const guard = { preHandler: requirePermission('plan.screen') };
  const params = (r: FastifyRequest) => r.params as Params;
  /** A plan submitted at least once: drafts are their agency's alone until then. */
  const planOf = async (request: FastifyRequest) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'read');
    if (plan.version === 0) throw notFound();
    return plan;
  };

  const renderPlan = async (request: FastifyRequest, reply: FastifyReply, plan: PlanRow, typed: Parameters<typeof loadScreeningPlan>[2] = {}, status = 200) => {
    const view = await loadScreeningPlan(ctx, plan, typed);
    return sendPage(reply, <ScreeningPlanPage page={pageContext(request, reply, ctx.clock)} view={view} />, status);
  };

  app.get('/admin/screening', guard, async (request, reply) => {
    const rows = await loadScreeningList(ctx);
    return sendPage(reply, <ScreeningListPage page={pageContext(request, reply, ctx.clock)} rows={rows} />);
  });

  app.get('/admin/screening/:id', guard, async (request, reply) => renderPlan(request, reply, await planOf(request)));

  app.get('/admin/screening/:id/versions/:range', guard, async (request, reply) => {
    const plan = await planOf(request);
    const base = `/admin/screening/${plan.id}`;
    const view = await loadDiff(ctx, plan, params(request).range ?? '', base);
    const crumbs = [{ label: t('nav.admin'), href: '/admin' }, { label: t('planForm.screening.title'), href: '/admin/screening' }, { label: t('planForm.overview_link'), href: base }];
    return sendPage(reply, <PlanDiffPage page={pageContext(request, reply, ctx.clock)} view={view} crumbs={crumbs} />);
  });

  app.get('/admin/screening/:id/attachments/:aid', guard, async (request, reply) =>
    sendPlanAttachment(reply, root, await planOf(request), params(request).aid ?? '', ctx.db),
  );

  app.post('/admin/screening/:id/start', guard, async (request, reply) => {
    const plan = await planOf(request);
    await startScreening(ctx, actorOf(request), plan.id);
    setFlash(reply, { kind: 'success', text: t('planForm.screening.started') });
    return reply.redirect(`/admin/screening/${plan.id}`, 303);
  });

  app.post('/admin/screening/:id/pass', guard, async (request, reply) => {
    const plan = await planOf(request);
    const checked = fieldList(request.body, 'checklist');
    const result = await submitForm(() => passScreening(ctx, actorOf(request), plan.id, checked));
    if (!result.ok) return renderPlan(request, reply, plan, { checked, errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t('planForm.screening.passed') });
    return reply.redirect(`/admin/screening/${plan.id}`, 303);
  });

  app.post('/admin/screening/:id/return', guard, async (request, reply) => {
    const plan = await planOf(request);
    const message = field(request.body, 'message', 3000);
    const result = await submitForm(() => returnPlan(ctx, actorOf(request), plan.id, message));
    if (!result.ok) return renderPlan(request, reply, plan, { message, errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t('planForm.screening.returned') });
    return reply.redirect(`/admin/screening/${plan.id}`, 303);
  });
}
