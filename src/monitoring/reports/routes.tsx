// Routes: progress reports of funded plans (agency workspace and secretariat review).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requirePermission } from '../../accounts/accounts.plugin.ts';
import type { AppContext } from '../../context.ts';
import { parseStoredContent } from '../../plans/plan-content.ts';
import { attachmentDisposition, documentExtensions, readUpload, uploadRoot, type DocumentType } from '../../platform/files/store-upload.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { setFlash } from '../../platform/http/flash.ts';
import { field, submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/plugins.ts';
import { t } from '../../platform/i18n/t.ts';
import { pageFromQuery } from '../../platform/views/pagination.ts';
import { decideProgressReport } from './decide-progress-report.ts';
import {
  ADMIN_PAGE_SIZE, findReportOfPeriod, idOf, loadAdminReport, loadAdminReports, loadMyReport, loadMyReports, parseAdminTab, periodParam, reportForFile,
  type DecisionForm,
} from './load-report-pages.ts';
import { contentFromValues, valuesFromBody, type ReportFormValues } from './report-form.ts';
import { findReportFile, findReportingPlan } from './reports.repo.ts';
import { saveProgressReport } from './save-progress-report.ts';
import { periodName, submitProgressReport } from './submit-progress-report.ts';
import { uploadReportFile } from './upload-report-file.ts';
import { AdminReportPage, AdminReportsPage } from './views/admin-reports-page.tsx';
import { MyReportsPage } from './views/my-reports-page.tsx';
import { MyReportPageView } from './views/report-form-page.tsx';

type Params = { id?: string; period?: string; fid?: string };

const idParam = (raw: string | undefined): number => {
  const id = idOf(raw ?? '');
  if (id === null) throw notFound();
  return id;
};

export async function progressReportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = uploadRoot(ctx.config);
  const officers = { preHandler: requirePermission('plan.workspace') };
  const staff = { preHandler: requirePermission('monitoring.read') };
  const reviewers = { preHandler: requirePermission('report.review') };
  const params = (r: FastifyRequest) => r.params as Params;
  const planAndPeriod = (r: FastifyRequest) => {
    const period = periodParam(params(r).period ?? '');
    if (period === null) throw notFound();
    return { planId: idParam(params(r).id), period };
  };

  // ---- the agency's reports ----
  app.get('/my/reports', officers, async (request, reply) => {
    const view = await loadMyReports(ctx, actorOf(request));
    return sendPage(reply, <MyReportsPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  const renderForm = async (
    request: FastifyRequest, reply: FastifyReply, planId: number, period: string,
    state: { values?: ReportFormValues; errors?: Record<string, string>; fileError?: string } = {}, status = 200,
  ) => {
    const data = await loadMyReport(ctx, actorOf(request), planId, period, state);
    return sendPage(reply, <MyReportPageView page={pageContext(request, reply, ctx.clock)} data={data} />, status);
  };

  app.get('/my/plans/:id/reports/:period', officers, async (request, reply) => {
    const { planId, period } = planAndPeriod(request);
    return renderForm(request, reply, planId, period);
  });

  app.post('/my/plans/:id/reports/:period', officers, async (request, reply) => {
    const { planId, period } = planAndPeriod(request);
    const plan = await findReportingPlan(ctx.db, planId);
    if (!plan) throw notFound();
    const actor = actorOf(request);
    const planContent = parseStoredContent(plan.content);
    const values = valuesFromBody(request.body, planContent);
    const { input, errors } = contentFromValues(values, planContent);
    if (Object.keys(errors).length) {
      // Forbidden comes before field errors: the loader refuses people of other agencies.
      return renderForm(request, reply, planId, period, { values, errors }, 422);
    }
    const saved = await submitForm(() => saveProgressReport(ctx, actor, planId, period, input));
    if (!saved.ok) return renderForm(request, reply, planId, period, { values, errors: saved.errors }, saved.status);
    const here = `/my/plans/${planId}/reports/${period}`;
    if (field(request.body, 'action', 10) !== 'submit') {
      setFlash(reply, { kind: 'success', text: t('reports.flash.saved') });
      return reply.redirect(here, 303);
    }
    const submitted = await submitForm(() => submitProgressReport(ctx, actor, saved.value.reportId));
    if (!submitted.ok) return renderForm(request, reply, planId, period, { values, errors: submitted.errors }, submitted.status);
    setFlash(reply, { kind: 'success', text: t('reports.flash.submitted', { period: periodName(period) }) });
    return reply.redirect('/my/reports', 303);
  });

  app.post('/my/plans/:id/reports/:period/files', { ...officers, bodyLimit: MAX_UPLOAD_BYTES + 65_536 }, async (request, reply) => {
    const { planId, period } = planAndPeriod(request);
    const report = await findReportOfPeriod(ctx.db, planId, period);
    if (!report) throw notFound();
    const file = (request.body as { file?: unknown } | undefined)?.file;
    const result = await submitForm(() =>
      uploadReportFile(ctx, actorOf(request), report.id, { bytes: Buffer.isBuffer(file) ? file : null, fileName: request.uploadNames?.file, root }),
    );
    if (!result.ok) return renderForm(request, reply, planId, period, { fileError: result.errors.file ?? Object.values(result.errors)[0] }, result.status);
    setFlash(reply, { kind: 'success', text: t('reports.flash.uploaded', { name: result.value.fileName }) });
    return reply.redirect(`/my/plans/${planId}/reports/${period}#files-h`, 303);
  });

  // A report's file, for its agency's officers and programme staff.
  app.get('/reports/:id/files/:fid', async (request, reply) => {
    if (!request.actor) throw new AppError('unauthorized');
    const report = await reportForFile(ctx, request.actor, idParam(params(request).id));
    const f = await findReportFile(ctx.db, report.id, idParam(params(request).fid));
    if (!f) throw notFound();
    const bytes = await readUpload(root, f.storage_key);
    if (!bytes) throw notFound();
    const ext = documentExtensions[f.mime as DocumentType] ?? 'bin';
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', attachmentDisposition(f.file_name, `report-file-${f.id}.${ext}`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });

  // ---- the secretariat ----
  app.get('/admin/reports', staff, async (request, reply) => {
    const tab = parseAdminTab(field(request.query, 'tab', 20));
    const p = pageFromQuery(field(request.query, 'page', 10), ADMIN_PAGE_SIZE);
    const view = await loadAdminReports(ctx, tab, p);
    return sendPage(reply, <AdminReportsPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  const renderAdmin = async (request: FastifyRequest, reply: FastifyReply, id: number, form?: DecisionForm, status = 200) => {
    const view = await loadAdminReport(ctx, actorOf(request), id, form);
    return sendPage(reply, <AdminReportPage page={pageContext(request, reply, ctx.clock)} view={view} />, status);
  };

  app.get('/admin/reports/:id', staff, async (request, reply) => renderAdmin(request, reply, idParam(params(request).id)));

  app.post('/admin/reports/:id/decision', reviewers, async (request, reply) => {
    const id = idParam(params(request).id);
    const decision = field(request.body, 'decision', 10) === 'return' ? 'return' : 'approve';
    const note = field(request.body, 'note', 5000);
    const result = await submitForm(() => decideProgressReport(ctx, actorOf(request), id, { decision, note }));
    if (!result.ok) return renderAdmin(request, reply, id, { decision, note, errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t(result.value.status === 'approved' ? 'reports.flash.approved' : 'reports.flash.returned', { count: result.value.notified }) });
    return reply.redirect('/admin/reports', 303);
  });
}
