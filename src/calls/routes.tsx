import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { can } from '../accounts/permissions.ts';
import { activeAgencyChoices, findAgency } from '../agencies/agencies.repo.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { currentFiscalYear, formatJalaliDate, formatJalaliDateTime, formatJalaliNumeric } from '../platform/persian/jalali.ts';
import { amountInWords, formatMoney, formatNumber, parseAmount } from '../platform/persian/money.ts';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import { harms, targetGroups } from '../taxonomy/codes.ts';
import { availableCallActions, callActionBlocker, type CallStatus } from './call-lifecycle.ts';
import { callTitle, daysLeftLabel, deadlineLabel, fiscalYearLabel, tomans } from './call-format.ts';
import { callActionHint, callActionLabel, callBlockerText, callStatusLabel } from './call-labels.ts';
import type { CallInput } from './call-input.ts';
import {
  callPlacesWithNames, complianceRows, countCalls, countPublicCalls, creditTotalExcept, eligiblePlaceOptions,
  findCall, findCallWithCounts, listCallsPage, listPublicCallsPage, obligationSummary, scorecardRows, scorecardTotals,
  type CallRow,
} from './calls.repo.ts';
import { complianceLine, lastReminderOf } from './compliance.ts';
import { complianceCsv, complianceXlsx } from './compliance-export.ts';
import { createCall } from './create-call.ts';
import { lastDayOfDeadline } from './deadline.ts';
import { exemptAgency, liftExemption } from './exempt-agency.ts';
import { checkInvitation, invitableCallStatuses, inviteAgency, removeInvitation } from './invite-agency.ts';
import { formatRate, scorecardRates } from './scorecard.ts';
import { transitionCall } from './transition-call.ts';
import { editableCallStatuses, updateCallDetails } from './update-call.ts';
import { CallPage, CallsIndexPage } from './views/call-pages.tsx';
import {
  AdminCallPage, AdminCallsPage, CallFormPage, InviteConfirmPage, InvitePage, ObligationPage,
  type CallFormValues, type CallFormView, type InviteView, type ObligationView,
} from './views/admin-call-pages.tsx';
import { CompliancePage, ScorecardPage, type ComplianceView } from './views/compliance-pages.tsx';

const PUBLIC_PAGE = 20;
const AGENCY_PAGE = 50;
const ADMIN_PAGE = 30;
const SCORECARD_PAGE = 30;

const statusLabel = (s: CallStatus) => callStatusLabel(s);
const parseCodes = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};
const harmLabels = (c: CallRow) => parseCodes(c.harms).filter((h) => (harms as readonly string[]).includes(h)).map((h) => t(`harm.${h as (typeof harms)[number]}`));
const groupLabels = (c: CallRow) =>
  parseCodes(c.target_groups).filter((g) => (targetGroups as readonly string[]).includes(g)).map((g) => t(`target.${g as (typeof targetGroups)[number]}`));
const placeLabel = (p: { name: string; kind: Parameters<typeof kindOf>[0]; parent_name: string | null }) =>
  `${kindOf(p.kind)} ${p.name}${p.kind !== 'province' && p.kind !== 'county' && p.parent_name ? ` (${p.parent_name})` : ''}`;
function kindOf(kind: 'province' | 'county' | 'district' | 'city' | 'urban_district' | 'rural_district' | 'village' | 'neighborhood') {
  return t(`place.kind.${kind}`);
}
const rials = (n: number) => formatMoney(n, 'rial');
const paragraphs = (text: string) => toPersianDigits(text).split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);

function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = toAsciiDigits((request.params as Record<string, string>)[name] ?? '');
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

/** /calls, /calls/:id, the secretariat's call pages, the compliance report and the agency scorecard. */
export async function callsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, ctx.clock);

  // ---------------------------------------------------------------- public

  app.get('/calls', { config: { publicPage: true } }, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), PUBLIC_PAGE);
    const [calls, total] = await Promise.all([listPublicCallsPage(ctx.db, p), countPublicCalls(ctx.db)]);
    const now = ctx.clock.now();
    const view = {
      items: calls.map((c) => ({
        href: `/calls/${c.id}`,
        title: callTitle(c.title),
        fiscalYear: fiscalYearLabel(c.fiscal_year),
        budget: tomans(c.budget_rials),
        deadline: deadlineLabel(c.deadline_at),
        daysLeft: daysLeftLabel(c.deadline_at, now),
        statusLabel: statusLabel(c.status),
        isOpen: c.status === 'open',
        isDemo: c.is_demo === 1,
      })),
      pager: { page: p.page, pages: pageCount(total, PUBLIC_PAGE), hrefFor: (n: number) => `/calls?page=${n}` },
    };
    return sendPage(reply, <CallsIndexPage page={page(request, reply)} view={view} />);
  });

  app.get('/calls/:id', { config: { publicPage: true } }, async (request, reply) => {
    const id = idParam(request);
    const p = pageFromQuery(field(request.query, 'page'), AGENCY_PAGE);
    const [call, places, obligations] = await Promise.all([
      findCallWithCounts(ctx.db, id),
      callPlacesWithNames(ctx.db, id),
      complianceRows(ctx.db, id, { page: p }),
    ]);
    const manager = can(request.actor, 'call.manage');
    if (!call || (call.status === 'draft' && !manager)) throw notFound();
    const now = ctx.clock.now();
    const view = {
      title: callTitle(call.title),
      statusLabel: statusLabel(call.status),
      isOpen: call.status === 'open',
      isDemo: call.is_demo === 1,
      isDraft: call.status === 'draft',
      fiscalYear: fiscalYearLabel(call.fiscal_year),
      budget: tomans(call.budget_rials),
      deadline: deadlineLabel(call.deadline_at),
      daysLeft: daysLeftLabel(call.deadline_at, now),
      paragraphs: paragraphs(call.description),
      harms: harmLabels(call),
      targetGroups: groupLabels(call),
      places: places.length ? places.map(placeLabel) : [t('call.places_all')],
      agencies: obligations.map((o) => ({
        name: o.agency_name,
        credit: tomans(o.credit_rials),
        statusLabel: t(`obligation.${o.status}`),
        overdue: o.status === 'overdue',
      })),
      agencyPager: { page: p.page, pages: pageCount(call.agency_count, AGENCY_PAGE), hrefFor: (n: number) => `/calls/${id}?page=${n}` },
      agencyCount: formatNumber(call.agency_count),
      publicPlansText: call.public_plans ? t('call.plans_count', { count: formatNumber(call.public_plans) }) : t('call.plans_none'),
      plansHref: `/plans?call=${id}`,
      complianceHref: can(request.actor, 'compliance.read') ? `/admin/calls/${id}/compliance` : null,
      manageHref: can(request.actor, 'compliance.read') ? `/admin/calls/${id}` : null,
    };
    return sendPage(reply, <CallPage page={page(request, reply)} view={view} />);
  });

  // ---------------------------------------------------------------- secretariat: list, create, edit

  app.get('/admin/calls', { preHandler: requirePermission('compliance.read') }, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), ADMIN_PAGE);
    const [calls, total] = await Promise.all([listCallsPage(ctx.db, p), countCalls(ctx.db)]);
    const view = {
      rows: calls.map((c) => ({
        href: `/admin/calls/${c.id}`,
        title: callTitle(c.title),
        fiscalYear: fiscalYearLabel(c.fiscal_year),
        statusLabel: statusLabel(c.status),
        deadline: deadlineLabel(c.deadline_at),
        agencies: formatNumber(c.agencies),
        overdue: formatNumber(c.overdue),
        hasOverdue: c.overdue > 0,
        complianceHref: `/admin/calls/${c.id}/compliance`,
        isDemo: c.is_demo === 1,
      })),
      pager: { page: p.page, pages: pageCount(total, ADMIN_PAGE), hrefFor: (n: number) => `/admin/calls?page=${n}` },
      canManage: can(actorOf(request), 'call.manage'),
    };
    return sendPage(reply, <AdminCallsPage page={page(request, reply)} view={view} />);
  });

  const formValues = (body: unknown): CallFormValues => ({
    title: field(body, 'title', 300),
    description: field(body, 'description', 6000),
    fiscalYear: field(body, 'fiscalYear', 20),
    budget: field(body, 'budget', 60),
    deadline: field(body, 'deadline', 40),
    harms: fieldList(body, 'harms'),
    targetGroups: fieldList(body, 'targetGroups'),
    placeIds: fieldList(body, 'placeIds'),
  });
  const toInput = (v: CallFormValues): CallInput => v;

  const formView = async (mode: 'new' | 'edit', callId: number | null, values: CallFormValues, errors: Record<string, string>): Promise<CallFormView> => {
    const places = await eligiblePlaceOptions(ctx.db);
    const budget = parseAmount(values.budget);
    return {
      mode,
      action: callId === null ? '/admin/calls' : `/admin/calls/${callId}`,
      heading: mode === 'new' ? t('calls.admin.new') : t('call.edit'),
      values,
      errors,
      harmOptions: harms.map((h) => ({ value: h, label: t(`harm.${h}`) })),
      groupOptions: targetGroups.map((g) => ({ value: g, label: t(`target.${g}`) })),
      placeOptions: places.map((p) => ({ value: String(p.id), label: placeLabel(p) })),
      budgetInWords: budget && budget > 0 && budget < 1e18 ? t('call.budget_words', { tomans: tomans(budget), words: amountInWords(budget, 'rial') }) : null,
      cancelHref: callId === null ? '/admin/calls' : `/admin/calls/${callId}`,
    };
  };

  app.get('/admin/calls/new', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const fy = fiscalYearLabel(currentFiscalYear(ctx.clock.now()));
    const values: CallFormValues = { title: '', description: '', fiscalYear: fy, budget: '', deadline: '', harms: [], targetGroups: [], placeIds: [] };
    return sendPage(reply, <CallFormPage page={page(request, reply)} view={await formView('new', null, values, {})} />);
  });

  app.post('/admin/calls', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const values = formValues(request.body);
    const result = await submitForm(() => createCall(ctx, actorOf(request), toInput(values)));
    if (!result.ok) return sendPage(reply, <CallFormPage page={page(request, reply)} view={await formView('new', null, values, result.errors)} />, result.status);
    setFlash(reply, { kind: 'success', text: t('call.created') });
    return reply.redirect(`/admin/calls/${result.value}`, 303);
  });

  const loadCall = async (id: number) => {
    const call = await findCall(ctx.db, id);
    if (!call) throw notFound();
    return call;
  };

  app.get('/admin/calls/:id/edit', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const id = idParam(request);
    const [call, places] = await Promise.all([loadCall(id), callPlacesWithNames(ctx.db, id)]);
    if (!editableCallStatuses.includes(call.status)) throw new AppError('conflict', t('call.not_editable'));
    const values: CallFormValues = {
      title: callTitle(call.title),
      description: toPersianDigits(call.description),
      fiscalYear: fiscalYearLabel(call.fiscal_year),
      budget: formatNumber(call.budget_rials),
      deadline: formatJalaliNumeric(lastDayOfDeadline(call.deadline_at)),
      harms: parseCodes(call.harms),
      targetGroups: parseCodes(call.target_groups),
      placeIds: places.map((p) => String(p.id)),
    };
    return sendPage(reply, <CallFormPage page={page(request, reply)} view={await formView('edit', id, values, {})} />);
  });

  app.post('/admin/calls/:id', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const id = idParam(request);
    const values = formValues(request.body);
    const result = await submitForm(() => updateCallDetails(ctx, actorOf(request), id, toInput(values)));
    if (!result.ok) return sendPage(reply, <CallFormPage page={page(request, reply)} view={await formView('edit', id, values, result.errors)} />, result.status);
    setFlash(reply, { kind: 'success', text: t('call.updated') });
    return reply.redirect(`/admin/calls/${id}`, 303);
  });

  // ---------------------------------------------------------------- secretariat: one call

  app.get('/admin/calls/:id', { preHandler: requirePermission('compliance.read') }, async (request, reply) => {
    const id = idParam(request);
    const p = pageFromQuery(field(request.query, 'page'), AGENCY_PAGE);
    const [call, places, obligations] = await Promise.all([findCallWithCounts(ctx.db, id), callPlacesWithNames(ctx.db, id), complianceRows(ctx.db, id, { page: p })]);
    if (!call) throw notFound();
    const actor = actorOf(request);
    const manage = can(actor, 'call.manage');
    const now = ctx.clock.now();
    const facts = { status: call.status, deadlineAt: call.deadline_at, budgetRials: call.budget_rials, invitedAgencies: call.agency_count, now };
    const view = {
      id,
      title: callTitle(call.title),
      statusLabel: statusLabel(call.status),
      isDemo: call.is_demo === 1,
      fiscalYear: fiscalYearLabel(call.fiscal_year),
      budget: rials(call.budget_rials),
      budgetWords: amountInWords(call.budget_rials, 'rial'),
      credits: t('call.credits_of_budget', { credits: rials(call.credit_total), left: rials(Math.max(0, call.budget_rials - call.credit_total)) }),
      deadline: deadlineLabel(call.deadline_at),
      daysLeft: daysLeftLabel(call.deadline_at, now),
      harms: harmLabels(call).join('، '),
      targetGroups: groupLabels(call).join('، '),
      places: places.length ? places.map(placeLabel).join('، ') : t('call.places_all'),
      actions: availableCallActions(call.status).map((a) => {
        const blocker = callActionBlocker(a, facts);
        return { action: a, label: callActionLabel(a), hint: callActionHint(a), blocked: blocker ? callBlockerText(blocker) : null };
      }),
      agencies: obligations.map((o) => ({
        name: o.agency_name,
        href: `/admin/calls/${id}/agencies/${o.agency_id}`,
        credit: rials(o.credit_rials),
        statusLabel: t(`obligation.${o.status}`),
        overdue: o.status === 'overdue',
        plans: formatNumber(o.plans_submitted),
      })),
      agencyPager: { page: p.page, pages: pageCount(call.agency_count, AGENCY_PAGE), hrefFor: (n: number) => `/admin/calls/${id}?page=${n}` },
      canManage: manage,
      editHref: manage && editableCallStatuses.includes(call.status) ? `/admin/calls/${id}/edit` : null,
      inviteHref: manage && invitableCallStatuses.includes(call.status) ? `/admin/calls/${id}/invite` : null,
      complianceHref: `/admin/calls/${id}/compliance`,
      publicHref: call.status === 'draft' ? null : `/calls/${id}`,
    };
    return sendPage(reply, <AdminCallPage page={page(request, reply)} view={view} />);
  });

  app.post('/admin/calls/:id/transition', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const id = idParam(request);
    const to = await transitionCall(ctx, actorOf(request), id, field(request.body, 'action', 40));
    setFlash(reply, { kind: 'success', text: t('call.moved', { status: statusLabel(to) }) });
    return reply.redirect(`/admin/calls/${id}`, 303);
  });

  // ---------------------------------------------------------------- invitations and credits

  const inviteView = async (call: CallRow, values: { agencyId: string; credit: string }, errors: Record<string, string>): Promise<InviteView> => {
    const [agencies, credits] = await Promise.all([activeAgencyChoices(ctx.db), creditTotalExcept(ctx.db, call.id, 0)]);
    return {
      callTitle: callTitle(call.title),
      callHref: `/admin/calls/${call.id}`,
      action: `/admin/calls/${call.id}/invite`,
      values,
      errors,
      agencyOptions: agencies.map((a) => ({ value: String(a.id), label: a.name })),
      budgetLeft: rials(Math.max(0, call.budget_rials - credits)),
    };
  };

  app.get('/admin/calls/:id/invite', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const call = await loadCall(idParam(request));
    if (!invitableCallStatuses.includes(call.status)) throw new AppError('conflict', t('invite.call_closed'));
    const values = { agencyId: field(request.query, 'agency', 12), credit: field(request.query, 'credit', 60) };
    return sendPage(reply, <InvitePage page={page(request, reply)} view={await inviteView(call, values, {})} />);
  });

  app.post('/admin/calls/:id/invite', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const id = idParam(request);
    const actor = actorOf(request);
    const values = { agencyId: field(request.body, 'agencyId', 12), credit: field(request.body, 'credit', 60) };
    const confirmed = field(request.body, 'confirm') === '1';
    const checked = await submitForm(() => checkInvitation(ctx, actor, id, values));
    if (!checked.ok) {
      return sendPage(reply, <InvitePage page={page(request, reply)} view={await inviteView(await loadCall(id), values, checked.errors)} />, checked.status);
    }
    const { call, agency, creditRials, existing } = checked.value;
    if (!confirmed) {
      const view = {
        callTitle: callTitle(call.title),
        callHref: `/admin/calls/${id}`,
        action: `/admin/calls/${id}/invite`,
        agencyId: String(agency.id),
        agencyName: agency.name,
        credit: String(creditRials),
        creditRials: rials(creditRials),
        creditTomans: tomans(creditRials),
        creditWords: amountInWords(creditRials, 'rial'),
        previous: existing ? rials(existing.credit_rials) : null,
        backHref: `/admin/calls/${id}/invite?agency=${agency.id}&credit=${creditRials}`,
      };
      return sendPage(reply, <InviteConfirmPage page={page(request, reply)} view={view} />);
    }
    const result = await submitForm(() => inviteAgency(ctx, actor, id, values));
    if (!result.ok) return sendPage(reply, <InvitePage page={page(request, reply)} view={await inviteView(call, values, result.errors)} />, result.status);
    setFlash(reply, { kind: 'success', text: t(result.value.created ? 'invite.done' : 'invite.credit_changed', { name: agency.name, credit: rials(creditRials) }) });
    return reply.redirect(`/admin/calls/${id}`, 303);
  });

  const obligationView = async (callId: number, agencyId: number, reason: string, errors: Record<string, string>): Promise<ObligationView> => {
    const [call, [obligation]] = await Promise.all([findCall(ctx.db, callId), complianceRows(ctx.db, callId, { agencyId })]);
    if (!call || !obligation) throw notFound();
    const last = lastReminderOf(obligation);
    return {
      callTitle: callTitle(call.title),
      callHref: `/admin/calls/${callId}`,
      base: `/admin/calls/${callId}/agencies/${agencyId}`,
      agencyName: obligation.agency_name,
      statusLabel: t(`obligation.${obligation.status}`),
      overdue: obligation.status === 'overdue',
      credit: rials(obligation.credit_rials),
      creditWords: amountInWords(obligation.credit_rials, 'rial'),
      plans: formatNumber(obligation.plans_submitted),
      exemptionReason: obligation.exemption_reason ? toPersianDigits(obligation.exemption_reason) : null,
      submittedOn: obligation.submitted_at ? formatJalaliDate(obligation.submitted_at) : '—',
      lastReminder: last ? t(`compliance.reminder.${last.kind}`, { at: formatJalaliDateTime(last.at) }) : '—',
      changeCreditHref: invitableCallStatuses.includes(call.status) ? `/admin/calls/${callId}/invite?agency=${agencyId}` : null,
      canExempt: obligation.status !== 'submitted',
      canLift: obligation.status === 'exempted',
      canRemove: call.status === 'draft',
      reason,
      errors,
    };
  };

  app.get('/admin/calls/:id/agencies/:agencyId', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const view = await obligationView(idParam(request), idParam(request, 'agencyId'), '', {});
    return sendPage(reply, <ObligationPage page={page(request, reply)} view={view} />);
  });

  app.post('/admin/calls/:id/agencies/:agencyId/exempt', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const id = idParam(request);
    const agencyId = idParam(request, 'agencyId');
    const reason = field(request.body, 'reason', 2000);
    const result = await submitForm(() => exemptAgency(ctx, actorOf(request), id, agencyId, reason));
    if (!result.ok) return sendPage(reply, <ObligationPage page={page(request, reply)} view={await obligationView(id, agencyId, reason, result.errors)} />, result.status);
    setFlash(reply, { kind: 'success', text: t('exemption.done') });
    return reply.redirect(`/admin/calls/${id}/agencies/${agencyId}`, 303);
  });

  app.post('/admin/calls/:id/agencies/:agencyId/lift', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const id = idParam(request);
    const agencyId = idParam(request, 'agencyId');
    await liftExemption(ctx, actorOf(request), id, agencyId);
    setFlash(reply, { kind: 'success', text: t('exemption.lifted') });
    return reply.redirect(`/admin/calls/${id}/agencies/${agencyId}`, 303);
  });

  app.post('/admin/calls/:id/agencies/:agencyId/remove', { preHandler: requirePermission('call.manage') }, async (request, reply) => {
    const id = idParam(request);
    await removeInvitation(ctx, actorOf(request), id, idParam(request, 'agencyId'));
    setFlash(reply, { kind: 'success', text: t('invite.removed') });
    return reply.redirect(`/admin/calls/${id}`, 303);
  });

  // ---------------------------------------------------------------- compliance and scorecard

  app.get('/admin/calls/:id/compliance', { preHandler: requirePermission('compliance.read') }, async (request, reply) => {
    const id = idParam(request);
    const format = field(request.query, 'format', 10);
    const print = field(request.query, 'print', 2) === '1';
    const everything = print || format === 'csv' || format === 'xlsx';
    const p = pageFromQuery(field(request.query, 'page'), AGENCY_PAGE);
    const [call, rows, summary] = await Promise.all([
      findCallWithCounts(ctx.db, id),
      complianceRows(ctx.db, id, everything ? {} : { page: p }),
      obligationSummary(ctx.db, id),
    ]);
    if (!call) throw notFound();
    const now = ctx.clock.now();
    const lines = rows.map((r) => complianceLine(r, call.deadline_at, now));
    const fileName = `compliance-call-${id}`;
    if (format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}.csv"`)
        .send(complianceCsv(lines));
    }
    if (format === 'xlsx') {
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName}.xlsx"`)
        .send(await complianceXlsx(lines, t('compliance.title')));
    }
    const count = (s: keyof typeof summary) => formatNumber(summary[s].agencies);
    const view: ComplianceView = {
      callTitle: callTitle(call.title),
      callHref: `/admin/calls/${id}`,
      statusLabel: statusLabel(call.status),
      deadline: deadlineLabel(call.deadline_at),
      daysLeft: daysLeftLabel(call.deadline_at, now),
      generatedAt: formatJalaliDateTime(now),
      summary: [
        { label: t('compliance.stat.agencies'), value: formatNumber(call.agency_count) },
        { label: t('compliance.stat.overdue'), value: count('overdue') },
        { label: t('compliance.stat.invited'), value: count('invited') },
        { label: t('compliance.stat.submitted'), value: count('submitted') },
        { label: t('compliance.stat.exempted'), value: count('exempted') },
        { label: t('compliance.stat.credit'), value: rials(call.credit_total) },
        { label: t('compliance.stat.credit_without_plan'), value: rials(summary.invited.creditRials + summary.overdue.creditRials) },
      ],
      lines: lines.map((l) => ({
        name: l.agencyName,
        scorecardHref: `/admin/agencies/${l.agencyId}/scorecard`,
        credit: rials(l.creditRials),
        plans: formatNumber(l.plansSubmitted),
        statusLabel: l.statusLabel,
        overdue: l.status === 'overdue',
        exemptionReason: l.exemptionReason ? toPersianDigits(l.exemptionReason) : null,
        days: l.daysText,
        submittedOn: l.submittedOn,
        lastReminder: l.lastReminderText,
      })),
      pager: everything
        ? { page: 1, pages: 1, hrefFor: () => '' }
        : { page: p.page, pages: pageCount(call.agency_count, AGENCY_PAGE), hrefFor: (n: number) => `/admin/calls/${id}/compliance?page=${n}` },
      printHref: `/admin/calls/${id}/compliance?print=1`,
      csvHref: `/admin/calls/${id}/compliance?format=csv`,
      xlsxHref: `/admin/calls/${id}/compliance?format=xlsx`,
      print,
    };
    return sendPage(reply, <CompliancePage page={page(request, reply)} view={view} />);
  });

  app.get('/admin/agencies/:id/scorecard', { preHandler: requirePermission('compliance.read') }, async (request, reply) => {
    const id = idParam(request);
    const p = pageFromQuery(field(request.query, 'page'), SCORECARD_PAGE);
    const [agency, rows, totals] = await Promise.all([
      findAgency(ctx.db, id),
      scorecardRows(ctx.db, id, p),
      scorecardTotals(ctx.db, id, ctx.clock.now().toISOString()),
    ]);
    if (!agency) throw notFound();
    const rates = scorecardRates(totals);
    const view = {
      agencyName: agency.name,
      agencyHref: can(actorOf(request), 'agency.manage') ? `/admin/agencies/${id}` : null,
      stats: [
        { label: t('scorecard.stat.calls'), value: formatNumber(totals.calls) },
        { label: t('scorecard.stat.submission_rate'), value: formatRate(rates.submissionRate) },
        { label: t('scorecard.stat.on_time_rate'), value: formatRate(rates.onTimeRate) },
        { label: t('scorecard.stat.approval_rate'), value: formatRate(rates.approvalRate) },
        { label: t('scorecard.stat.credit'), value: rials(totals.creditRials) },
        { label: t('compliance.stat.exempted'), value: formatNumber(totals.exempted) },
      ],
      rows: rows.map((r) => ({
        callTitle: callTitle(r.title),
        complianceHref: `/admin/calls/${r.call_id}/compliance`,
        fiscalYear: fiscalYearLabel(r.fiscal_year),
        credit: rials(r.credit_rials),
        statusLabel: t(`obligation.${r.status}`),
        overdue: r.status === 'overdue',
        plans: formatNumber(r.plans_submitted),
        approved: formatNumber(r.plans_approved),
        submittedOn: r.submitted_at ? formatJalaliDate(r.submitted_at) : '—',
        onTime: r.submitted_at ? t(r.submitted_at <= r.deadline_at ? 'scorecard.on_time' : 'scorecard.late') : '—',
      })),
      pager: { page: p.page, pages: pageCount(totals.calls, SCORECARD_PAGE), hrefFor: (n: number) => `/admin/agencies/${id}/scorecard?page=${n}` },
    };
    return sendPage(reply, <ScorecardPage page={page(request, reply)} view={view} />);
  });
}
