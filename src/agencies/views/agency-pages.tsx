import { t } from '../../platform/i18n/t.ts';
import {
  Badge, CheckboxGroup, CsrfField, ErrorSummary, Pager, SelectField, Table, TextField,
  type FieldErrors, type PagerModel, type SelectOption,
} from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';

const crumbs = (...rest: Crumb[]): Crumb[] => [
  { label: t('nav.home'), href: '/' },
  { label: t('admin.title'), href: '/admin' },
  { label: t('agencies.title'), href: '/admin/agencies' },
  ...rest,
];

export type AgencyRowView = {
  href: string;
  name: string;
  kind: string;
  scope: string;
  officers: string;
  active: boolean;
  isDemo: boolean;
  scorecardHref: string;
};

export function AgenciesPage({ page, view }: { page: PageContext; view: { rows: AgencyRowView[]; pager: PagerModel } }) {
  return (
    <Layout page={page} title={t('agencies.title')} breadcrumbs={crumbs()}>
      <h1>{t('agencies.title')}</h1>
      <p>
        <a class="button" href="/admin/agencies/new">{t('agencies.new')}</a>
      </p>
      <Table
        caption={t('agencies.title')}
        rows={view.rows}
        empty={t('agencies.empty')}
        columns={[
          {
            header: t('agency.field.name'),
            cell: (r) => (
              <>
                <a href={r.href}>{r.name}</a>
                {r.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
              </>
            ),
          },
          { header: t('agency.field.kind'), cell: (r) => r.kind },
          { header: t('agency.field.scope'), cell: (r) => r.scope },
          { header: t('agencies.col.officers'), cell: (r) => r.officers, numeric: true },
          {
            header: t('agencies.col.status'),
            cell: (r) => <Badge tone={r.active ? 'info' : 'warn'}>{r.active ? t('agency.status.active') : t('agency.status.inactive')}</Badge>,
          },
          { header: t('agency.scorecard'), cell: (r) => <a href={r.scorecardHref}>{t('agency.scorecard')}</a> },
        ]}
      />
      <Pager pager={view.pager} />
    </Layout>
  );
}

export type AgencyFormValues = { name: string; kind: string; scopePlaceId: string; phone: string; email: string; address: string; active: boolean };

export type AgencyFormModel = {
  action: string;
  values: AgencyFormValues;
  errors: FieldErrors;
  kindOptions: SelectOption[];
  scopeOptions: SelectOption[];
  submitLabel: string;
};

const agencyLabels = () => ({
  name: t('agency.field.name'),
  kind: t('agency.field.kind'),
  scopePlaceId: t('agency.field.scope'),
  phone: t('agency.field.phone'),
  email: t('agency.field.email'),
  address: t('agency.field.address'),
  who: t('agency.officer.who'),
});

function AgencyForm({ page, form }: { page: PageContext; form: AgencyFormModel }) {
  const v = form.values;
  const e = form.errors;
  return (
    <form method="post" action={form.action} novalidate>
      <CsrfField token={page.csrfToken} />
      <TextField name="name" label={t('agency.field.name')} value={v.name} error={e.name} required maxLength={150} />
      <SelectField name="kind" label={t('agency.field.kind')} value={v.kind} options={form.kindOptions} placeholder={t('agency.field.kind_placeholder')} error={e.kind} required />
      <SelectField name="scopePlaceId" label={t('agency.field.scope')} value={v.scopePlaceId} options={form.scopeOptions} placeholder={t('agency.field.scope_none')} error={e.scopePlaceId} />
      <TextField name="phone" label={t('agency.field.phone')} value={v.phone} error={e.phone} type="tel" dir="ltr" maxLength={40} />
      <TextField name="email" label={t('agency.field.email')} value={v.email} error={e.email} type="email" dir="ltr" maxLength={200} />
      <TextField name="address" label={t('agency.field.address')} value={v.address} error={e.address} maxLength={300} />
      <CheckboxGroup name="active" label={t('agencies.col.status')} values={v.active ? ['1'] : []} options={[{ value: '1', label: t('agency.field.active') }]} />
      <button type="submit" class="button">{form.submitLabel}</button>
    </form>
  );
}

export function NewAgencyPage({ page, form }: { page: PageContext; form: AgencyFormModel }) {
  return (
    <Layout page={page} title={t('agencies.new')} breadcrumbs={crumbs({ label: t('agencies.new') })}>
      <section class="narrow card">
        <h1>{t('agencies.new')}</h1>
        <ErrorSummary errors={form.errors} labels={agencyLabels()} />
        <AgencyForm page={page} form={form} />
      </section>
    </Layout>
  );
}

export type OfficerView = { id: number; name: string; contact: string; active: boolean };

export type AgencyPageView = {
  id: number;
  name: string;
  isDemo: boolean;
  form: AgencyFormModel;
  officers: OfficerView[];
  who: string;
  whoError?: string;
  scorecardHref: string;
  newUserHref: string | null;
};

export function AgencyPage({ page, view }: { page: PageContext; view: AgencyPageView }) {
  return (
    <Layout page={page} title={view.name} breadcrumbs={crumbs({ label: view.name })}>
      <div class="place-header">
        <h1>{view.name}</h1>
        {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </div>
      <p>
        <a class="button button-secondary" href={view.scorecardHref}>{t('agency.scorecard')}</a>
      </p>
      <ErrorSummary errors={{ ...view.form.errors, ...(view.whoError ? { who: view.whoError } : {}) }} labels={agencyLabels()} />
      <div class="two-columns">
        <section class="card" aria-labelledby="details">
          <h2 id="details">{t('agency.edit')}</h2>
          <AgencyForm page={page} form={view.form} />
        </section>
        <section class="card" aria-labelledby="officers">
          <h2 id="officers">{t('agency.officers')}</h2>
          <Table
            caption={t('agency.officers')}
            rows={view.officers}
            empty={t('agency.officers_none')}
            columns={[
              { header: t('agency.field.name'), cell: (o) => <bdi>{o.name || '—'}</bdi> },
              { header: t('agency.officer.contact'), cell: (o) => <bdi dir="ltr">{o.contact}</bdi> },
              {
                header: t('agencies.col.status'),
                cell: (o) => (
                  <>
                    {!o.active && <Badge tone="warn">{t('agency.status.inactive')}</Badge>}
                    <form method="post" action={`/admin/agencies/${view.id}/officers/${o.id}/remove`} class="inline-form">
                      <CsrfField token={page.csrfToken} />
                      <button type="submit" class="link-button">{t('agency.officer.remove')}</button>
                    </form>
                  </>
                ),
              },
            ]}
          />
          <form method="post" action={`/admin/agencies/${view.id}/officers`} novalidate>
            <CsrfField token={page.csrfToken} />
            <TextField name="who" label={t('agency.officer.who')} value={view.who} error={view.whoError} required dir="ltr" hint={t('agency.officer.who_hint')} maxLength={200} />
            <button type="submit" class="button">{t('agency.officer.add')}</button>
          </form>
          {view.newUserHref && (
            <p class="meta">
              <a href={view.newUserHref}>{t('agency.officer.new_account')}</a>
            </p>
          )}
        </section>
      </div>
    </Layout>
  );
}
