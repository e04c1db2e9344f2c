import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, ErrorSummary, Table, type FieldErrors } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { ReadonlyPlanView } from '../form-view.ts';
import { Checkboxes, TextAreaField } from './form-parts.tsx';
import { PlanHistory, PlanSummary, type HistoryView, type PlanSummaryView } from './form-overview-page.tsx';
import { PlanReadonly } from './plan-readonly.tsx';

const crumbs = () => [{ label: t('nav.admin'), href: '/admin' }, { label: t('planForm.screening.title'), href: '/admin/screening' }];

export type ScreeningRow = { href: string; title: string; agency: string; call: string; status: string; submitted: string; version: string; amount: string };

/** /admin/screening: plans waiting for the secretariat, oldest first. */
export function ScreeningListPage({ page, rows }: { page: PageContext; rows: ScreeningRow[] }) {
  return (
    <Layout page={page} title={t('planForm.screening.title')} breadcrumbs={crumbs().map((c, i) => (i === 1 ? { label: c.label } : c))}>
      <h1>{t('planForm.screening.title')}</h1>
      <p class="lead">{t('planForm.screening.lead')}</p>
      <Table
        caption={t('planForm.screening.title')}
        empty={t('planForm.screening.empty')}
        rows={rows}
        columns={[
          { header: t('planForm.col.title'), cell: (r) => <a href={r.href}>{r.title}</a> },
          { header: t('planForm.col.agency'), cell: (r) => r.agency },
          { header: t('planForm.col.call'), cell: (r) => r.call },
          { header: t('planForm.col.status'), cell: (r) => <Badge>{r.status}</Badge> },
          { header: t('planForm.col.submitted'), cell: (r) => r.submitted },
          { header: t('planForm.col.version'), cell: (r) => r.version, numeric: true },
          { header: t('planForm.col.amount'), cell: (r) => r.amount, numeric: true },
        ]}
      />
    </Layout>
  );
}

export type ScreeningPlanView = {
  id: number;
  summary: PlanSummaryView;
  history: HistoryView;
  plan: ReadonlyPlanView;
  canStart: boolean;
  canPass: boolean;
  canReturn: boolean;
  checklist: { value: string; label: string; checked: boolean }[];
  message: string;
  errors: FieldErrors;
};

/** /admin/screening/:id: the whole plan read-only, its versions, and the secretariat's decisions. */
export function ScreeningPlanPage({ page, view }: { page: PageContext; view: ScreeningPlanView }) {
  const title = t('planForm.screening.plan_title', { title: view.summary.title });
  const base = `/admin/screening/${view.id}`;
  const none = !view.canStart && !view.canPass && !view.canReturn;
  return (
    <Layout page={page} title={title} breadcrumbs={[...crumbs(), { label: view.summary.title }]}>
      <h1>{title}</h1>
      <ErrorSummary errors={view.errors} labels={{ checklist: t('planForm.screening.checklist'), message: t('planForm.screening.message') }} />
      <PlanSummary s={view.summary} />
      <section class="card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('planForm.screening.actions')}</h2>
        {none && <p>{t('planForm.screening.no_actions')}</p>}
        {view.canStart && (
          <form method="post" action={`${base}/start`}>
            <CsrfField token={page.csrfToken} />
            <button type="submit" class="button">{t('planForm.screening.start')}</button>
          </form>
        )}
        {view.canPass && (
          <form method="post" action={`${base}/pass`} novalidate>
            <CsrfField token={page.csrfToken} />
            <Checkboxes
              name="checklist" label={t('planForm.screening.checklist')} hint={t('planForm.screening.checklist_hint')}
              values={view.checklist.filter((c) => c.checked).map((c) => c.value)} options={view.checklist} error={view.errors.checklist}
            />
            <button type="submit" class="button">{t('planForm.screening.pass')}</button>
          </form>
        )}
      </section>
      {view.canReturn && (
        <section class="card" aria-labelledby="return-title">
          <h2 id="return-title">{t('planForm.screening.return_title')}</h2>
          <form method="post" action={`${base}/return`} novalidate>
            <CsrfField token={page.csrfToken} />
            <TextAreaField
              name="message" label={t('planForm.screening.message')} hint={t('planForm.screening.message_hint')} value={view.message}
              error={view.errors.message} rows={4} maxLength={3000}
            />
            <button type="submit" class="button button-danger">{t('planForm.screening.return')}</button>
          </form>
        </section>
      )}
      <PlanHistory h={view.history} />
      <h2>{t('planForm.content.title')}</h2>
      <PlanReadonly plan={view.plan} />
    </Layout>
  );
}
