import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { can } from '../accounts/permissions.ts';
import { notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import { agencyKinds } from '../taxonomy/codes.ts';
import { agencyKindLabel } from './agency-labels.ts';
import { countAgencies, findAgency, listAgenciesPage, officersOfAgency, scopePlaceChoices } from './agencies.repo.ts';
import { addAgencyOfficer, removeAgencyOfficer } from './manage-officers.ts';
import { createAgency, editAgency, type AgencyInput } from './save-agency.ts';
import { AgenciesPage, AgencyPage, NewAgencyPage, type AgencyFormModel, type AgencyFormValues } from './views/agency-pages.tsx';

const PAGE_SIZE = 30;

function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = toAsciiDigits((request.params as Record<string, string>)[name] ?? '');
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

const formValues = (body: unknown): AgencyFormValues => ({
  name: field(body, 'name', 300),
  kind: field(body, 'kind', 40),
  scopePlaceId: field(body, 'scopePlaceId', 12),
  phone: field(body, 'phone', 60),
  email: field(body, 'email', 300),
  address: field(body, 'address', 500),
  active: fieldList(body, 'active').includes('1'),
});

const toInput = (v: AgencyFormValues): AgencyInput => v;

/** The administration pages for agencies and their officers. */
export async function agenciesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, ctx.clock);

  const formModel = async (action: string, values: AgencyFormValues, errors: Record<string, string>, submitLabel: string): Promise<AgencyFormModel> => {
    const places = await scopePlaceChoices(ctx.db);
    return {
      action,
      values,
      errors,
      kindOptions: agencyKinds.map((k) => ({ value: k, label: agencyKindLabel(k) })),
      scopeOptions: places.map((p) => ({ value: String(p.id), label: `${t(`place.kind.${p.kind}`)} ${p.name}` })),
      submitLabel,
    };
  };

  app.get('/admin/agencies', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), PAGE_SIZE);
    const [rows, total] = await Promise.all([listAgenciesPage(ctx.db, p), countAgencies(ctx.db)]);
    const view = {
      rows: rows.map((a) => ({
        href: `/admin/agencies/${a.id}`,
        name: a.name,
        kind: agencyKindLabel(a.kind),
        scope: a.scope_name && a.scope_kind ? `${t(`place.kind.${a.scope_kind}`)} ${a.scope_name}` : '—',
        officers: formatNumber(a.officer_count),
        active: a.active === 1,
        isDemo: a.is_demo === 1,
        scorecardHref: `/admin/agencies/${a.id}/scorecard`,
      })),
      pager: { page: p.page, pages: pageCount(total, PAGE_SIZE), hrefFor: (n: number) => `/admin/agencies?page=${n}` },
    };
    return sendPage(reply, <AgenciesPage page={page(request, reply)} view={view} />);
  });

  app.get('/admin/agencies/new', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const values: AgencyFormValues = { name: '', kind: '', scopePlaceId: '', phone: '', email: '', address: '', active: true };
    return sendPage(reply, <NewAgencyPage page={page(request, reply)} form={await formModel('/admin/agencies', values, {}, t('agencies.create'))} />);
  });

  app.post('/admin/agencies', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const values = formValues(request.body);
    const result = await submitForm(() => createAgency(ctx, actorOf(request), toInput(values)));
    if (!result.ok) {
      return sendPage(reply, <NewAgencyPage page={page(request, reply)} form={await formModel('/admin/agencies', values, result.errors, t('agencies.create'))} />, result.status);
    }
    setFlash(reply, { kind: 'success', text: t('agencies.created') });
    return reply.redirect(`/admin/agencies/${result.value}`, 303);
  });

  const agencyPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    o: { values?: AgencyFormValues; errors?: Record<string, string>; who?: string; whoError?: string; status?: number },
  ) => {
    const [agency, officers] = await Promise.all([findAgency(ctx.db, id), officersOfAgency(ctx.db, id)]);
    if (!agency) throw notFound();
    const values: AgencyFormValues = o.values ?? {
      name: toPersianDigits(agency.name),
      kind: agency.kind,
      scopePlaceId: agency.scope_place_id === null ? '' : String(agency.scope_place_id),
      phone: agency.phone ?? '',
      email: agency.email ?? '',
      address: agency.address ?? '',
      active: agency.active === 1,
    };
    const view = {
      id,
      name: agency.name,
      isDemo: agency.is_demo === 1,
      form: await formModel(`/admin/agencies/${id}`, values, o.errors ?? {}, t('form.save')),
      officers: officers.map((u) => ({ id: u.id, name: u.name, contact: u.email ?? u.mobile ?? '—', active: u.status === 'active' })),
      who: o.who ?? '',
      whoError: o.whoError,
      scorecardHref: `/admin/agencies/${id}/scorecard`,
      newUserHref: can(actorOf(request), 'user.manage') ? '/admin/users/new' : null,
    };
    return sendPage(reply, <AgencyPage page={page(request, reply)} view={view} />, o.status ?? 200);
  };

  app.get('/admin/agencies/:id', { preHandler: requirePermission('agency.manage') }, async (request, reply) =>
    agencyPage(request, reply, idParam(request), {}),
  );

  app.post('/admin/agencies/:id', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const id = idParam(request);
    const values = formValues(request.body);
    const result = await submitForm(() => editAgency(ctx, actorOf(request), id, toInput(values)));
    if (!result.ok) return agencyPage(request, reply, id, { values, errors: result.errors, status: result.status });
    setFlash(reply, { kind: 'success', text: t('agencies.updated') });
    return reply.redirect(`/admin/agencies/${id}`, 303);
  });

  app.post('/admin/agencies/:id/officers', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const id = idParam(request);
    const who = field(request.body, 'who', 200);
    const result = await submitForm(() => addAgencyOfficer(ctx, actorOf(request), id, who));
    if (!result.ok) return agencyPage(request, reply, id, { who, whoError: result.errors.who ?? Object.values(result.errors)[0], status: result.status });
    setFlash(reply, { kind: 'success', text: t('agency.officer.added') });
    return reply.redirect(`/admin/agencies/${id}`, 303);
  });

  app.post('/admin/agencies/:id/officers/:userId/remove', { preHandler: requirePermission('agency.manage') }, async (request, reply) => {
    const id = idParam(request);
    await removeAgencyOfficer(ctx, actorOf(request), id, idParam(request, 'userId'));
    setFlash(reply, { kind: 'success', text: t('agency.officer.removed') });
    return reply.redirect(`/admin/agencies/${id}`, 303);
  });
}
