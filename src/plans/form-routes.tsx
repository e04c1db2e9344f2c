import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { attachmentDisposition, documentExtensions, readUpload, uploadRoot, type DocumentType } from '../platform/files/store-upload.ts';
import { notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { MAX_UPLOAD_BYTES } from '../platform/http/plugins.ts';
import { t } from '../platform/i18n/t.ts';
import { pageFromQuery } from '../platform/views/pagination.ts';
import { deletePlanAttachment } from './delete-attachment.ts';
import {
  BLANK_ROWS, blankRowCount, MAX_BLANK_ROWS, patchFromState, stateFromBody, stepFromParam, stepNumber, STEP_COUNT, blankRowsFromQuery,
  type StepKey,
} from './form-steps.ts';
import { statusLabel } from './form-view.ts';
import { idFrom, isEditable, loadDiff, loadOverview, loadPlanFor, loadStepPage, loadWorkspace, WORKSPACE_PAGE_SIZE, type StepPageOptions } from './load-plan-pages.ts';
import { findAttachment, type PlanRow } from './plans.repo.ts';
import { createPlanDraft, savePlanDraft } from './save-plan-draft.ts';
import { submitPlan } from './submit-plan.ts';
import { uploadAttachment } from './upload-attachment.ts';
import { withdrawPlan } from './withdraw-plan.ts';
import { PlanAttachmentsPage } from './views/form-attachments-page.tsx';
import { PlanDiffPage, PlanOverviewPage } from './views/form-overview-page.tsx';
import { PlanReviewPage } from './views/form-review-page.tsx';
import { PlanStepPage } from './views/form-step-page.tsx';
import { WorkspacePage } from './views/form-workspace-page.tsx';
import { loadAgencyReview } from '../reviews/agency-view.ts';
import { AgencyReviewSection } from '../reviews/views/agency-review.tsx';
import { loadNeedCitations } from '../needs/load-need-pages.ts';
import { NeedCitationSection } from '../needs/views/need-sections.tsx';

type Params = { id: string; step?: string; aid?: string; range?: string };

/** Sends a plan's attachment as a download under its original name, with the type sniffed at upload. */
export async function sendPlanAttachment(reply: FastifyReply, root: string, plan: PlanRow, rawAid: string, db: AppContext['db']) {
  const aid = idFrom(rawAid);
  const a = aid === null ? undefined : await findAttachment(db, aid);
  if (!a || a.plan_id !== plan.id) throw notFound();
  const bytes = await readUpload(root, a.storage_key);
  if (!bytes) throw notFound();
  const ext = documentExtensions[a.mime as DocumentType] ?? 'bin';
  return reply
    .header('content-type', a.mime)
    .header('content-disposition', attachmentDisposition(a.file_name, `attachment-${a.id}.${ext}`))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

/** The agency workspace and the multi-step plan form (every step works without JavaScript). */
export async function planFormRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = uploadRoot(ctx.config);
  const guard = { preHandler: requirePermission('plan.workspace') };
  const params = (r: FastifyRequest) => r.params as Params;

  const renderStep = async (request: FastifyRequest, reply: FastifyReply, plan: PlanRow, step: StepKey, o: StepPageOptions = {}, status = 200) => {
    const p = await loadStepPage(ctx, plan, step, o);
    const page = pageContext(request, reply, ctx.clock);
    if (p.kind === 'attachments') return sendPage(reply, <PlanAttachmentsPage page={page} view={p.view} />, status);
    if (p.kind === 'review') return sendPage(reply, <PlanReviewPage page={page} view={p.view} />, status);
    return sendPage(reply, <PlanStepPage page={page} view={p.view} />, status);
  };

  /** An editable plan for the form, or a redirect to its overview saying why not. */
  const editablePlan = async (request: FastifyRequest, reply: FastifyReply) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'edit');
    if (isEditable(plan)) return plan;
    setFlash(reply, { kind: 'info', text: t('planForm.not_editable_now', { status: statusLabel(plan.status) }) });
    reply.redirect(`/my/plans/${plan.id}`, 303);
    return null;
  };

  // ---- workspace ----
  app.get('/my/plans', guard, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), WORKSPACE_PAGE_SIZE);
    const view = await loadWorkspace(ctx, actorOf(request), p);
    return sendPage(reply, <WorkspacePage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  app.post('/my/plans', guard, async (request, reply) => {
    const callId = idFrom(field(request.body, 'call_id', 12));
    const agencyId = idFrom(field(request.body, 'agency_id', 12));
    if (callId === null || agencyId === null) throw notFound();
    const title = field(request.body, `title-${callId}-${agencyId}`, 300);
    const result = await submitForm(() => createPlanDraft(ctx, actorOf(request), { callId, agencyId, title }));
    if (!result.ok) {
      const view = await loadWorkspace(ctx, actorOf(request), pageFromQuery('1', WORKSPACE_PAGE_SIZE), { callId, agencyId, title, error: result.errors.title ?? Object.values(result.errors)[0] });
      return sendPage(reply, <WorkspacePage page={pageContext(request, reply, ctx.clock)} view={view} />, result.status);
    }
    setFlash(reply, { kind: 'success', text: t('planForm.created') });
    return reply.redirect(`/my/plans/${result.value}/edit/1`, 303);
  });

  // ---- overview, versions ----
  app.get('/my/plans/:id', guard, async (request, reply) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'read');
    const page = pageContext(request, reply, ctx.clock);
    const [view, review, needs] = await Promise.all([
      loadOverview(ctx, plan), loadAgencyReview(ctx, plan), loadNeedCitations(ctx, actorOf(request), plan, { csrfToken: () => page.csrfToken }),
    ]);
    return sendPage(
      reply,
      <PlanOverviewPage page={page} view={view}>
        {review && <AgencyReviewSection view={review} />}
        {needs && <NeedCitationSection view={needs} />}
      </PlanOverviewPage>,
    );
  });

  app.get('/my/plans/:id/versions/:range', guard, async (request, reply) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'read');
    const base = `/my/plans/${plan.id}`;
    const view = await loadDiff(ctx, plan, params(request).range ?? '', base);
    const crumbs = [{ label: t('planForm.workspace.title'), href: '/my/plans' }, { label: t('planForm.overview_link'), href: base }];
    return sendPage(reply, <PlanDiffPage page={pageContext(request, reply, ctx.clock)} view={view} crumbs={crumbs} />);
  });

  // ---- the form ----
  app.get('/my/plans/:id/edit', guard, async (request, reply) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'edit');
    return reply.redirect(`/my/plans/${plan.id}/edit/1`, 303);
  });

  app.get('/my/plans/:id/edit/:step', guard, async (request, reply) => {
    const step = stepFromParam(params(request).step ?? '');
    const plan = await editablePlan(request, reply);
    if (!plan) return reply;
    if (!step) throw notFound();
    const blank = blankRowsFromQuery(field(request.query, 'blank', 4));
    return renderStep(request, reply, plan, step, { blank, query: field(request.query, 'q', 100) });
  });

  app.post('/my/plans/:id/edit/:step', guard, async (request, reply) => {
    const step = stepFromParam(params(request).step ?? '');
    const plan = await editablePlan(request, reply);
    if (!plan) return reply;
    if (!step || step === 'attachments' || step === 'review') throw notFound();
    const action = field(request.body, 'action', 20);
    const state = stateFromBody(step, request.body);
    const parsed = patchFromState(step, state);
    const more = action === 'more';
    const withMore = () => {
      // Keep what was typed, and add empty rows if they were asked for.
      if (more) for (const set of Object.keys(state.rows) as (keyof typeof state.rows)[]) state.rows[set] = (state.rows[set] ?? 0) + BLANK_ROWS;
      return state;
    };
    if (Object.keys(parsed.errors).length) return renderStep(request, reply, plan, step, { state: withMore(), errors: parsed.errors }, 422);
    const saved = await submitForm(() => savePlanDraft(ctx, actorOf(request), plan.id, parsed.patch));
    if (!saved.ok) return renderStep(request, reply, plan, step, { state: withMore(), errors: saved.errors }, saved.status);
    const here = `/my/plans/${plan.id}/edit/${stepNumber(step)}`;
    if (more) return reply.redirect(`${here}?blank=${Math.min(MAX_BLANK_ROWS, blankRowCount(step, state) + BLANK_ROWS)}`, 303);
    if (action === 'save') {
      setFlash(reply, { kind: 'success', text: t('planForm.saved') });
      return reply.redirect(here, 303);
    }
    return reply.redirect(`/my/plans/${plan.id}/edit/${Math.min(STEP_COUNT, stepNumber(step) + 1)}`, 303);
  });

  // ---- attachments ----
  app.post('/my/plans/:id/attachments', { ...guard, bodyLimit: MAX_UPLOAD_BYTES + 65_536 }, async (request, reply) => {
    const plan = await editablePlan(request, reply);
    if (!plan) return reply;
    const file = (request.body as { file?: unknown } | undefined)?.file;
    const result = await submitForm(() =>
      uploadAttachment(ctx, actorOf(request), plan.id, { bytes: Buffer.isBuffer(file) ? file : null, fileName: request.uploadNames?.file, root }),
    );
    if (!result.ok) return renderStep(request, reply, plan, 'attachments', { errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t('planForm.uploaded', { name: result.value.fileName }) });
    return reply.redirect(`/my/plans/${plan.id}/edit/${stepNumber('attachments')}`, 303);
  });

  app.get('/my/plans/:id/attachments/:aid', guard, async (request, reply) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'read');
    return sendPlanAttachment(reply, root, plan, params(request).aid ?? '', ctx.db);
  });

  app.post('/my/plans/:id/attachments/:aid/delete', guard, async (request, reply) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'edit');
    const aid = idFrom(params(request).aid ?? '');
    if (aid === null) throw notFound();
    await deletePlanAttachment(ctx, actorOf(request), plan.id, aid, root);
    setFlash(reply, { kind: 'success', text: t('planForm.deleted') });
    return reply.redirect(`/my/plans/${plan.id}/edit/${stepNumber('attachments')}`, 303);
  });

  // ---- submit, withdraw ----
  app.post('/my/plans/:id/submit', guard, async (request, reply) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'edit');
    const result = await submitForm(() => submitPlan(ctx, actorOf(request), plan.id));
    if (!result.ok) return renderStep(request, reply, plan, 'review', { submitFailed: true }, result.status);
    setFlash(reply, { kind: 'success', text: t('planForm.submitted', { version: result.value.version }) });
    return reply.redirect(`/my/plans/${plan.id}`, 303);
  });

  app.post('/my/plans/:id/withdraw', guard, async (request, reply) => {
    const plan = await loadPlanFor(ctx, actorOf(request), params(request).id, 'edit');
    const reason = field(request.body, 'reason', 2000);
    const result = await submitForm(() => withdrawPlan(ctx, actorOf(request), plan.id, reason));
    if (!result.ok) {
      const typed = { reason, error: result.errors.reason ?? Object.values(result.errors)[0] };
      if (field(request.body, 'from', 20) === 'review' && isEditable(plan)) {
        return renderStep(request, reply, plan, 'review', { withdraw: typed }, result.status);
      }
      const view = await loadOverview(ctx, plan, typed);
      return sendPage(reply, <PlanOverviewPage page={pageContext(request, reply, ctx.clock)} view={view} />, result.status);
    }
    setFlash(reply, { kind: 'info', text: t('planForm.withdrawn') });
    return reply.redirect(`/my/plans/${plan.id}`, 303);
  });
}
