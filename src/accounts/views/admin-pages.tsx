import { t } from '../../platform/i18n/t.ts';
import {
  Badge, CheckboxGroup, CsrfField, ErrorSummary, Pager, Table, TextField,
  StatList, type FieldErrors, type PagerModel, type SelectOption,
} from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';

const adminCrumbs = (...rest: Crumb[]): Crumb[] => [{ label: t('nav.home'), href: '/' }, { label: t('admin.title'), href: '/admin' }, ...rest];

export type AdminHomeView = { links: { href: string; label: string }[]; stats: { label: string; value: string }[] };

export function AdminHomePage({ page, view }: { page: PageContext; view: AdminHomeView }) {
  return (
    <Layout page={page} title={t('admin.title')} breadcrumbs={adminCrumbs()}>
      <h1>{t('admin.title')}</h1>
      <StatList stats={view.stats} />
      <ul class="link-cards">
        {view.links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export type UserRowView = { id: number; name: string; contact: string; roles: string; active: boolean; created: string };

export function AdminUsersPage({ page, rows, pager }: { page: PageContext; rows: UserRowView[]; pager: PagerModel }) {
  return (
    <Layout page={page} title={t('admin.users.title')} breadcrumbs={adminCrumbs({ label: t('admin.users.title') })}>
      <h1>{t('admin.users.title')}</h1>
      <p>
        <a class="button" href="/admin/users/new">{t('admin.users.new')}</a>
      </p>
      <Table
        caption={t('admin.users.title')}
        rows={rows}
        columns={[
          { header: t('admin.users.col.name'), cell: (r) => <a href={`/admin/users/${r.id}`}><bdi>{r.name || '—'}</bdi></a> },
          { header: t('admin.users.col.contact'), cell: (r) => <bdi dir="ltr">{r.contact}</bdi> },
          { header: t('admin.users.col.roles'), cell: (r) => r.roles },
          {
            header: t('admin.users.col.status'),
            cell: (r) => <Badge tone={r.active ? 'info' : 'warn'}>{r.active ? t('admin.users.status.active') : t('admin.users.status.disabled')}</Badge>,
          },
          { header: t('admin.users.col.created'), cell: (r) => r.created },
        ]}
      />
      <Pager pager={pager} />
    </Layout>
  );
}

export type NewUserView = { values: { name: string; email: string; roles: string[] }; errors: FieldErrors; roleOptions: SelectOption[] };

export function AdminNewUserPage({ page, view }: { page: PageContext; view: NewUserView }) {
  return (
    <Layout page={page} title={t('admin.users.new')} breadcrumbs={adminCrumbs({ label: t('admin.users.title'), href: '/admin/users' }, { label: t('admin.users.new') })}>
      <section class="narrow card">
        <h1>{t('admin.users.new')}</h1>
        <ErrorSummary
          errors={view.errors}
          labels={{ name: t('auth.name.label'), email: t('auth.email.label'), password: t('auth.password.label'), roles: t('admin.users.roles.label') }}
        />
        <form method="post" action="/admin/users" novalidate>
          <CsrfField token={page.csrfToken} />
          <TextField name="name" label={t('auth.name.label')} value={view.values.name} error={view.errors.name} required />
          <TextField name="email" label={t('auth.email.label')} value={view.values.email} error={view.errors.email} required type="email" dir="ltr" />
          <TextField name="password" label={t('auth.password.label')} error={view.errors.password} required type="password" autocomplete="new-password" dir="ltr" hint={t('auth.password.too_short')} />
          <CheckboxGroup name="roles" label={t('admin.users.roles.label')} values={view.values.roles} options={view.roleOptions} error={view.errors.roles} required />
          <button type="submit" class="button">{t('admin.users.create')}</button>
        </form>
      </section>
    </Layout>
  );
}

export type EditUserView = {
  id: number;
  name: string;
  contact: string;
  active: boolean;
  roles: string[];
  roleOptions: SelectOption[];
  errors: FieldErrors;
};

export function AdminEditUserPage({ page, view }: { page: PageContext; view: EditUserView }) {
  return (
    <Layout page={page} title={view.name || view.contact} breadcrumbs={adminCrumbs({ label: t('admin.users.title'), href: '/admin/users' }, { label: view.name || view.contact })}>
      <h1><bdi>{view.name || view.contact}</bdi></h1>
      <p dir="ltr" class="start-aligned">{view.contact}</p>
      <div class="two-columns">
        <section class="card">
          <h2>{t('admin.users.edit_roles')}</h2>
          <form method="post" action={`/admin/users/${view.id}/roles`}>
            <CsrfField token={page.csrfToken} />
            <CheckboxGroup name="roles" label={t('admin.users.roles.label')} values={view.roles} options={view.roleOptions} error={view.errors.roles} required />
            <button type="submit" class="button">{t('form.save')}</button>
          </form>
        </section>
        <section class="card">
          <h2>{t('admin.users.col.status')}</h2>
          <p>{view.active ? t('admin.users.status.active') : t('admin.users.status.disabled')}</p>
          <form method="post" action={`/admin/users/${view.id}/status`}>
            <CsrfField token={page.csrfToken} />
            <input type="hidden" name="status" value={view.active ? 'disabled' : 'active'} />
            <button type="submit" class={view.active ? 'button button-danger' : 'button'}>
              {view.active ? t('admin.users.disable') : t('admin.users.enable')}
            </button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

export type AuditRowView = { id: string; at: string; actor: string; action: string; code: string; subject: string };

export function AdminAuditPage({ page, rows, pager, verification }: { page: PageContext; rows: AuditRowView[]; pager: PagerModel; verification: { ok: boolean; text: string } | null }) {
  return (
    <Layout page={page} title={t('admin.audit.title')} breadcrumbs={adminCrumbs({ label: t('admin.audit.title') })}>
      <h1>{t('admin.audit.title')}</h1>
      {verification ? (
        <div class={`flash ${verification.ok ? 'flash-success' : 'flash-error'}`} role="status">{verification.text}</div>
      ) : (
        <p>
          <a class="button button-secondary" href="/admin/audit?verify=1">{t('admin.audit.verify')}</a>
        </p>
      )}
      <Table
        caption={t('admin.audit.title')}
        rows={rows}
        columns={[
          { header: t('admin.audit.col.id'), cell: (r) => r.id, numeric: true },
          { header: t('admin.audit.col.at'), cell: (r) => r.at },
          { header: t('admin.audit.col.actor'), cell: (r) => <bdi>{r.actor}</bdi> },
          { header: t('admin.audit.col.action'), cell: (r) => <span title={r.code}>{r.action}</span> },
          { header: t('admin.audit.col.subject'), cell: (r) => <bdi>{r.subject}</bdi> },
        ]}
      />
      <Pager pager={pager} />
    </Layout>
  );
}
