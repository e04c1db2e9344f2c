import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { countAudit, listAuditPage, verifyAuditChain } from '../platform/audit/audit.repo.ts';
import { notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { hasMessage, t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import { countUsers, findUserById, listUsersPage, namesOfUsers, rolesOf } from './accounts.repo.ts';
import { actorOf, requirePermission } from './accounts.plugin.ts';
import { can } from './permissions.ts';
import { createStaffUser } from './create-staff-user.ts';
import { roles } from './roles.ts';
import { setUserRoles } from './set-user-roles.ts';
import { changeUserStatus } from './set-user-status.ts';
import { AdminAuditPage, AdminEditUserPage, AdminHomePage, AdminNewUserPage, AdminUsersPage } from './views/admin-pages.tsx';

const roleOptions = () => roles.map((r) => ({ value: r, label: t(`role.${r}`) }));

/** The administration area: the admin home, staff accounts and roles, the audit log. */
export async function adminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, ctx.clock);

  app.get('/admin', { preHandler: requirePermission('admin.access') }, async (request, reply) => {
    const actor = actorOf(request);
    const links = [
      ...(can(actor, 'user.manage') ? [{ href: '/admin/users', label: t('admin.users.title') }] : []),
      ...(can(actor, 'audit.read') ? [{ href: '/admin/audit', label: t('admin.audit.title') }] : []),
      ...(can(actor, 'compliance.read') ? [{ href: '/admin/calls', label: t('admin.links.calls') }] : []),
      ...(can(actor, 'plan.screen') ? [{ href: '/admin/screening', label: t('admin.links.screening') }] : []),
      ...(can(actor, 'review.read_all') ? [{ href: '/admin/reviews', label: t('reviewPage.list.title') }] : []),
      ...(can(actor, 'meeting.read') ? [{ href: '/admin/meetings', label: t('meetings.admin.title') }] : []),
      ...(can(actor, 'meeting.read') ? [{ href: '/admin/resolutions', label: t('resolutions.follow.title') }] : []),
      ...(can(actor, 'monitoring.read') ? [{ href: '/admin/dashboard', label: t('dashboard.title') }] : []),
      ...(can(actor, 'monitoring.read') ? [{ href: '/admin/reports', label: t('reports.admin.title') }] : []),
      ...(can(actor, 'monitoring.read') ? [{ href: '/admin/targeting', label: t('dashboard.targeting.title') }] : []),
      ...(can(actor, 'indicator.manage') || can(actor, 'monitoring.read') ? [{ href: '/admin/indicators', label: t('indicators.title') }] : []),
      ...(can(actor, 'news.edit') ? [{ href: '/admin/news', label: t('news.admin.title') }] : []),
      ...(can(actor, 'ballot.manage') ? [{ href: '/admin/ballots', label: t('ballotAdmin.nav') }] : []),
      ...(can(actor, 'residency.manage') ? [{ href: '/admin/residency', label: t('residency.page.admin_nav') }] : []),
      ...(can(actor, 'agency.manage') ? [{ href: '/admin/agencies', label: t('admin.links.agencies') }] : []),
      ...(can(actor, 'place.manage') ? [{ href: '/admin/places/import', label: t('places.import.title') }] : []),
      ...(can(actor, 'comment.moderate') ? [{ href: '/admin/moderation', label: t('moderationQueue.title') }] : []),
      { href: '/places', label: t('places.title') },
    ];
    const stats = [{ label: t('admin.users.title'), value: formatNumber(await countUsers(ctx.db)) }];
    return sendPage(reply, <AdminHomePage page={page(request, reply)} view={{ links, stats }} />);
  });

  app.get('/admin/users', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), 50);
    const [users, total] = await Promise.all([listUsersPage(ctx.db, p), countUsers(ctx.db)]);
    const rows = users.map((u) => ({
      id: u.id,
      name: u.name,
      contact: u.email ?? (u.mobile ? toPersianDigits(u.mobile) : '—'),
      roles: u.roles.map((r) => t(`role.${r}`)).join('، '),
      active: u.status === 'active',
      created: formatJalaliDate(u.created_at),
    }));
    const pager = { page: p.page, pages: pageCount(total, 50), hrefFor: (n: number) => `/admin/users?page=${n}` };
    return sendPage(reply, <AdminUsersPage page={page(request, reply)} rows={rows} pager={pager} />);
  });

  app.get('/admin/users/new', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const view = { values: { name: '', email: '', roles: [] }, errors: {}, roleOptions: roleOptions() };
    return sendPage(reply, <AdminNewUserPage page={page(request, reply)} view={view} />);
  });

  app.post('/admin/users', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const values = { name: field(request.body, 'name', 200), email: field(request.body, 'email', 300), roles: fieldList(request.body, 'roles') };
    const result = await submitForm(() =>
      createStaffUser(ctx, { actorId: actorOf(request).id, ...values, password: field(request.body, 'password', 500) }),
    );
    if (!result.ok) {
      const view = { values, errors: result.errors, roleOptions: roleOptions() };
      return sendPage(reply, <AdminNewUserPage page={page(request, reply)} view={view} />, result.status);
    }
    setFlash(reply, { kind: 'success', text: t('admin.users.created', { name: values.name.trim() }) });
    return reply.redirect('/admin/users', 303);
  });

  const userIdParam = (request: FastifyRequest): number => {
    const raw = (request.params as { id: string }).id;
    if (!/^\d{1,9}$/.test(raw)) throw notFound();
    return Number(raw);
  };

  const editView = async (id: number, errors: Record<string, string>, rolesOverride?: string[]) => {
    const user = await findUserById(ctx.db, id);
    if (!user) throw notFound();
    return {
      id,
      name: user.name,
      contact: user.email ?? (user.mobile ? toPersianDigits(user.mobile) : ''),
      active: user.status === 'active',
      roles: rolesOverride ?? (await rolesOf(ctx.db, id)),
      roleOptions: roleOptions(),
      errors,
    };
  };

  app.get('/admin/users/:id', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const view = await editView(userIdParam(request), {});
    return sendPage(reply, <AdminEditUserPage page={page(request, reply)} view={view} />);
  });

  app.post('/admin/users/:id/roles', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const id = userIdParam(request);
    const requested = fieldList(request.body, 'roles');
    const result = await submitForm(() => setUserRoles(ctx, actorOf(request), id, requested));
    if (!result.ok) {
      const view = await editView(id, result.errors, requested);
      return sendPage(reply, <AdminEditUserPage page={page(request, reply)} view={view} />, result.status);
    }
    const user = await findUserById(ctx.db, id);
    setFlash(reply, { kind: 'success', text: t('admin.users.updated', { name: user?.name ?? '' }) });
    return reply.redirect(`/admin/users/${id}`, 303);
  });

  app.post('/admin/users/:id/status', { preHandler: requirePermission('user.manage') }, async (request, reply) => {
    const id = userIdParam(request);
    const status = field(request.body, 'status') === 'disabled' ? 'disabled' : 'active';
    await changeUserStatus(ctx, actorOf(request), id, status);
    const user = await findUserById(ctx.db, id);
    setFlash(reply, { kind: 'success', text: t('admin.users.status_changed', { name: user?.name ?? '' }) });
    return reply.redirect(`/admin/users/${id}`, 303);
  });

  app.get('/admin/audit', { preHandler: requirePermission('audit.read') }, async (request, reply) => {
    const p = pageFromQuery(field(request.query, 'page'), 50);
    const [entries, total] = await Promise.all([listAuditPage(ctx.db, p), countAudit(ctx.db)]);
    const names = await namesOfUsers(ctx.db, entries.flatMap((e) => (e.actor_id ? [e.actor_id] : [])));
    let verification: { ok: boolean; text: string } | null = null;
    if (field(request.query, 'verify') === '1') {
      const v = await verifyAuditChain(ctx.db);
      verification = v.ok
        ? { ok: true, text: t('admin.audit.verify_ok', { count: v.checked }) }
        : { ok: false, text: t('admin.audit.verify_broken', { id: v.firstBrokenId ?? 0 }) };
    }
    const label = (key: string, fallback: string) => (hasMessage(key) ? t(key) : fallback);
    const rows = entries.map((e) => ({
      id: toPersianDigits(e.id),
      at: formatJalaliDateTime(e.at),
      actor: e.actor_id ? names.get(e.actor_id) ?? toPersianDigits(e.actor_id) : '—',
      action: label(`audit.action.${e.action}`, e.action),
      code: e.action,
      subject: `${label(`audit.subject.${e.subject_type}`, e.subject_type)}${e.subject_id ? ` ${toPersianDigits(e.subject_id)}` : ''}`,
    }));
    const pager = { page: p.page, pages: pageCount(total, 50), hrefFor: (n: number) => `/admin/audit?page=${n}` };
    return sendPage(reply, <AdminAuditPage page={page(request, reply)} rows={rows} pager={pager} verification={verification} />);
  });
}
