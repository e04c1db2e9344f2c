import { t } from '../../platform/i18n/t.ts';
import {
  Badge, CheckboxGroup, CsrfField, ErrorSummary, Pager, SelectField, Table, TextAreaField, TextField,
  type FieldErrors, type PagerModel, type SelectOption,
} from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';

export const adminCallCrumbs = (...rest: Crumb[]): Crumb[] => [
  { label: t('nav.home'), href: '/' },
  { label: t('admin.title'), href: '/admin' },
  { label: t('calls.admin.title'), href: '/admin/calls' },
  ...rest,
];

export type AdminCallRow = {
  href: string;
  title: string;
  fiscalYear: string;
  statusLabel: string;
  deadline: string;
  agencies: string;
  overdue: string;
  hasOverdue: boolean;
  complianceHref: string;
  isDemo: boolean;
};

export function AdminCallsPage({ page, view }: { page: PageContext; view: { rows: AdminCallRow[]; pager: PagerModel; canManage: boolean } }) {
  return (
    <Layout page={page} title={t('calls.admin.title')} breadcrumbs={adminCallCrumbs()}>
      <h1>{t('calls.admin.title')}</h1>
      {view.canManage && (
        <p>
          <a class="button" href="/admin/calls/new">{t('calls.admin.new')}</a>
        </p>
      )}
      <Table
        caption={t('calls.admin.title')}
        rows={view.rows}
        empty={t('calls.empty')}
        columns={[
          {
            header: t('calls.col.title'),
            cell: (r) => (
              <>
                <a href={r.href}>{r.title}</a>
                {r.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
              </>
            ),
          },
          { header: t('calls.col.fiscal_year'), cell: (r) => r.fiscalYear, numeric: true },
          { header: t('calls.col.status'), cell: (r) => r.statusLabel },
          { header: t('calls.col.deadline'), cell: (r) => r.deadline },
          { header: t('calls.admin.col.agencies'), cell: (r) => r.agencies, numeric: true },
          { header: t('calls.admin.col.overdue'), cell: (r) => (r.hasOverdue ? <Badge tone="warn">{r.overdue}</Badge> : r.overdue), numeric: true },
          { header: t('compliance.title'), cell: (r) => <a href={r.complianceHref}>{t('compliance.open')}</a> },
        ]}
      />
      <Pager pager={view.pager} />
    </Layout>
  );
}

export type CallFormValues = {
  title: string;
  description: string;
  fiscalYear: string;
  budget: string;
  deadline: string;
  harms: string[];
  targetGroups: string[];
  placeIds: string[];
};

export type CallFormView = {
  mode: 'new' | 'edit';
  action: string;
  heading: string;
  values: CallFormValues;
  errors: FieldErrors;
  harmOptions: SelectOption[];
  groupOptions: SelectOption[];
  placeOptions: SelectOption[];
  /** The typed budget in tomans and in words, when it reads as an amount. */
  budgetInWords: string | null;
  cancelHref: string;
};

export const callFieldLabels = () => ({
  title: t('call.field.title'),
  description: t('call.field.description'),
  fiscalYear: t('call.field.fiscal_year'),
  budget: t('call.field.budget'),
  deadline: t('call.field.deadline'),
  harms: t('call.harms'),
  targetGroups: t('call.target_groups'),
  placeIds: t('call.places'),
});

export function CallFormPage({ page, view }: { page: PageContext; view: CallFormView }) {
  const v = view.values;
  const e = view.errors;
  return (
    <Layout page={page} title={view.heading} breadcrumbs={adminCallCrumbs({ label: view.heading })}>
      <section class="card">
        <h1>{view.heading}</h1>
        <ErrorSummary errors={e} labels={callFieldLabels()} />
        <form method="post" action={view.action} novalidate>
          <CsrfField token={page.csrfToken} />
          <TextField name="title" label={t('call.field.title')} value={v.title} error={e.title} required maxLength={200} />
          <TextAreaField name="description" label={t('call.field.description')} value={v.description} error={e.description} required rows={6} maxLength={5000} />
          <TextField name="fiscalYear" label={t('call.field.fiscal_year')} value={v.fiscalYear} error={e.fiscalYear} required inputMode="numeric" maxLength={4} hint={t('call.field.fiscal_year_hint')} />
          <TextField
            name="budget"
            label={t('call.field.budget')}
            value={v.budget}
            error={e.budget}
            required
            inputMode="numeric"
            hint={view.budgetInWords ?? t('call.field.budget_hint')}
          />
          <TextField name="deadline" label={t('call.field.deadline')} value={v.deadline} error={e.deadline} required hint={t('call.field.deadline_hint')} maxLength={20} />
          <CheckboxGroup name="harms" label={t('call.harms')} values={v.harms} options={view.harmOptions} error={e.harms} required />
          <CheckboxGroup name="targetGroups" label={t('call.target_groups')} values={v.targetGroups} options={view.groupOptions} error={e.targetGroups} required />
          <CheckboxGroup name="placeIds" label={t('call.places')} values={v.placeIds} options={view.placeOptions} error={e.placeIds} required hint={t('call.field.places_hint')} />
          <button type="submit" class="button">{view.mode === 'new' ? t('calls.admin.create') : t('form.save')}</button>{' '}
          <a href={view.cancelHref}>{t('call.cancel')}</a>
        </form>
      </section>
    </Layout>
  );
}

export type CallActionView = { action: string; label: string; hint: string; blocked: string | null };

export type AdminAgencyRow = { name: string; href: string; credit: string; statusLabel: string; overdue: boolean; plans: string };

export type AdminCallView = {
  id: number;
  title: string;
  statusLabel: string;
  isDemo: boolean;
  fiscalYear: string;
  budget: string;
  budgetWords: string;
  credits: string;
  deadline: string;
  daysLeft: string;
  harms: string;
  targetGroups: string;
  places: string;
  actions: CallActionView[];
  agencies: AdminAgencyRow[];
  agencyPager: PagerModel;
  canManage: boolean;
  editHref: string | null;
  inviteHref: string | null;
  complianceHref: string;
  publicHref: string | null;
};

export function AdminCallPage({ page, view }: { page: PageContext; view: AdminCallView }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={adminCallCrumbs({ label: view.title })}>
      <div class="place-header">
        <h1>{view.title}</h1>
        <Badge>{view.statusLabel}</Badge>
        {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </div>
      <p>
        {view.editHref && <><a class="button button-secondary" href={view.editHref}>{t('call.edit')}</a>{' '}</>}
        {view.inviteHref && <><a class="button button-secondary" href={view.inviteHref}>{t('invite.title')}</a>{' '}</>}
        <a class="button button-secondary" href={view.complianceHref}>{t('compliance.title')}</a>{' '}
        {view.canManage && <><a class="button button-secondary" href={`/admin/calls/${view.id}/rubric`}>{t('reviewPage.rubric.link')}</a>{' '}</>}
        {view.canManage && <><a class="button button-secondary" href={`/admin/calls/${view.id}/allocation`}>{t('allocationPage.link')}</a>{' '}</>}
        {view.canManage && <><a class="button button-secondary" href="/admin/ballots">{t('ballotAdmin.nav')}</a>{' '}</>}
        {view.publicHref && <a href={view.publicHref}>{t('call.public_page')}</a>}
      </p>
      <dl class="kv">
        <div><dt>{t('calls.col.fiscal_year')}</dt><dd>{view.fiscalYear}</dd></div>
        <div><dt>{t('call.field.budget')}</dt><dd>{view.budget}<span class="meta"> — {view.budgetWords}</span></dd></div>
        <div><dt>{t('call.credits_total')}</dt><dd>{view.credits}</dd></div>
        <div><dt>{t('calls.col.deadline')}</dt><dd>{view.deadline}<span class="meta"> — {view.daysLeft}</span></dd></div>
        <div><dt>{t('call.harms')}</dt><dd>{view.harms}</dd></div>
        <div><dt>{t('call.target_groups')}</dt><dd>{view.targetGroups}</dd></div>
        <div><dt>{t('call.places')}</dt><dd>{view.places}</dd></div>
      </dl>
      {view.canManage && view.actions.length > 0 && (
        <section aria-labelledby="state" class="card">
          <h2 id="state">{t('call.state_actions')}</h2>
          {view.actions.map((a) => (
            <form method="post" action={`/admin/calls/${view.id}/transition`}>
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="action" value={a.action} />
              <p class="hint">{a.hint}</p>
              {a.blocked && <p class="field-error">{a.blocked}</p>}
              <button type="submit" class="button" disabled={!!a.blocked} aria-disabled={a.blocked ? 'true' : undefined}>
                {a.label}
              </button>
            </form>
          ))}
        </section>
      )}
      <section aria-labelledby="agencies">
        <h2 id="agencies">{t('call.agencies_admin')}</h2>
        <Table
          caption={t('call.agencies_admin')}
          rows={view.agencies}
          empty={t('call.agencies_none')}
          columns={[
            { header: t('compliance.col.agency'), cell: (a) => (view.canManage ? <a href={a.href}>{a.name}</a> : a.name) },
            { header: t('compliance.col.credit'), cell: (a) => a.credit, numeric: true },
            { header: t('compliance.col.plans'), cell: (a) => a.plans, numeric: true },
            { header: t('compliance.col.status'), cell: (a) => <Badge tone={a.overdue ? 'warn' : 'info'}>{a.statusLabel}</Badge> },
          ]}
        />
        <Pager pager={view.agencyPager} />
      </section>
    </Layout>
  );
}

export type InviteView = {
  callTitle: string;
  callHref: string;
  action: string;
  values: { agencyId: string; credit: string };
  errors: FieldErrors;
  agencyOptions: SelectOption[];
  budgetLeft: string;
};

export function InvitePage({ page, view }: { page: PageContext; view: InviteView }) {
  return (
    <Layout page={page} title={t('invite.title')} breadcrumbs={adminCallCrumbs({ label: view.callTitle, href: view.callHref }, { label: t('invite.title') })}>
      <section class="narrow card">
        <h1>{t('invite.title')}</h1>
        <p class="meta">{view.callTitle}</p>
        <ErrorSummary errors={view.errors} labels={{ agencyId: t('invite.agency'), credit: t('invite.credit') }} />
        <form method="post" action={view.action} novalidate>
          <CsrfField token={page.csrfToken} />
          <SelectField name="agencyId" label={t('invite.agency')} value={view.values.agencyId} options={view.agencyOptions} placeholder={t('invite.agency_placeholder')} error={view.errors.agencyId} required />
          <TextField name="credit" label={t('invite.credit')} value={view.values.credit} error={view.errors.credit} required inputMode="numeric" hint={t('invite.credit_hint', { left: view.budgetLeft })} />
          <button type="submit" class="button">{t('invite.review')}</button>{' '}
          <a href={view.callHref}>{t('call.cancel')}</a>
        </form>
      </section>
    </Layout>
  );
}

export type InviteConfirmView = {
  callTitle: string;
  callHref: string;
  action: string;
  agencyId: string;
  agencyName: string;
  credit: string;
  creditRials: string;
  creditTomans: string;
  creditWords: string;
  previous: string | null;
  backHref: string;
};

export function InviteConfirmPage({ page, view }: { page: PageContext; view: InviteConfirmView }) {
  return (
    <Layout page={page} title={t('invite.confirm_title')} breadcrumbs={adminCallCrumbs({ label: view.callTitle, href: view.callHref }, { label: t('invite.confirm_title') })}>
      <section class="narrow card">
        <h1>{t('invite.confirm_title')}</h1>
        <dl class="kv">
          <div><dt>{t('invite.agency')}</dt><dd>{view.agencyName}</dd></div>
          <div><dt>{t('invite.credit')}</dt><dd>{view.creditRials}</dd></div>
          <div><dt>{t('invite.credit_tomans')}</dt><dd>{view.creditTomans}</dd></div>
          <div><dt>{t('invite.credit_words')}</dt><dd><strong>{view.creditWords}</strong></dd></div>
          {view.previous && <div><dt>{t('invite.previous')}</dt><dd>{view.previous}</dd></div>}
        </dl>
        <form method="post" action={view.action}>
          <CsrfField token={page.csrfToken} />
          <input type="hidden" name="agencyId" value={view.agencyId} />
          <input type="hidden" name="credit" value={view.credit} />
          <input type="hidden" name="confirm" value="1" />
          <button type="submit" class="button">{t('invite.confirm')}</button>{' '}
          <a href={view.backHref}>{t('invite.change')}</a>
        </form>
      </section>
    </Layout>
  );
}

export type ObligationView = {
  callTitle: string;
  callHref: string;
  base: string;
  agencyName: string;
  statusLabel: string;
  overdue: boolean;
  credit: string;
  creditWords: string;
  plans: string;
  exemptionReason: string | null;
  submittedOn: string;
  lastReminder: string;
  changeCreditHref: string | null;
  canExempt: boolean;
  canLift: boolean;
  canRemove: boolean;
  reason: string;
  errors: FieldErrors;
};

export function ObligationPage({ page, view }: { page: PageContext; view: ObligationView }) {
  return (
    <Layout page={page} title={view.agencyName} breadcrumbs={adminCallCrumbs({ label: view.callTitle, href: view.callHref }, { label: view.agencyName })}>
      <div class="place-header">
        <h1>{view.agencyName}</h1>
        <Badge tone={view.overdue ? 'warn' : 'info'}>{view.statusLabel}</Badge>
      </div>
      <p class="meta">{view.callTitle}</p>
      <ErrorSummary errors={view.errors} labels={{ reason: t('exemption.reason') }} />
      <dl class="kv">
        <div><dt>{t('compliance.col.credit')}</dt><dd>{view.credit}<span class="meta"> — {view.creditWords}</span></dd></div>
        <div><dt>{t('compliance.col.plans')}</dt><dd>{view.plans}</dd></div>
        <div><dt>{t('compliance.col.submitted_on')}</dt><dd>{view.submittedOn}</dd></div>
        <div><dt>{t('compliance.col.last_reminder')}</dt><dd>{view.lastReminder}</dd></div>
        {view.exemptionReason && <div><dt>{t('compliance.col.exemption_reason')}</dt><dd>{view.exemptionReason}</dd></div>}
      </dl>
      <div class="two-columns">
        {view.changeCreditHref && (
          <section class="card">
            <h2>{t('invite.change_credit')}</h2>
            <p><a class="button button-secondary" href={view.changeCreditHref}>{t('invite.change_credit')}</a></p>
          </section>
        )}
        {view.canExempt && (
          <section class="card">
            <h2>{view.exemptionReason ? t('exemption.change') : t('exemption.title')}</h2>
            <form method="post" action={`${view.base}/exempt`} novalidate>
              <CsrfField token={page.csrfToken} />
              <TextAreaField name="reason" label={t('exemption.reason')} value={view.reason} error={view.errors.reason} required rows={3} maxLength={1000} hint={t('exemption.hint')} />
              <button type="submit" class="button">{t('exemption.submit')}</button>
            </form>
          </section>
        )}
        {view.canLift && (
          <section class="card">
            <h2>{t('exemption.lift')}</h2>
            <p class="hint">{t('exemption.lift_hint')}</p>
            <form method="post" action={`${view.base}/lift`}>
              <CsrfField token={page.csrfToken} />
              <button type="submit" class="button button-secondary">{t('exemption.lift')}</button>
            </form>
          </section>
        )}
        {view.canRemove && (
          <section class="card">
            <h2>{t('invite.remove')}</h2>
            <p class="hint">{t('invite.remove_hint')}</p>
            <form method="post" action={`${view.base}/remove`}>
              <CsrfField token={page.csrfToken} />
              <button type="submit" class="button button-danger">{t('invite.remove')}</button>
            </form>
          </section>
        )}
      </div>
    </Layout>
  );
}
