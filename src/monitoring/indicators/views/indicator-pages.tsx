import { t } from '../../../platform/i18n/t.ts';
import { LineChart } from '../../../platform/views/charts.tsx';
import {
  Badge, CsrfField, ErrorSummary, Pager, SelectField, Table, TextAreaField, TextField, type PagerModel,
} from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';
import type { IndicatorFormView, IndicatorListView, IndicatorPageView } from '../load-indicator-pages.ts';

const crumbs = (...rest: { label: string; href?: string }[]) => [
  { label: t('nav.admin'), href: '/admin' },
  { label: t('indicators.title'), href: '/admin/indicators' },
  ...rest,
];

/** A code of ASCII letters, kept left to right inside the Persian text. */
export const Code = ({ children }: { children: string }) => <code dir="ltr">{children}</code>;

// ---- the catalogue ------------------------------------------------------------------------------

export function IndicatorListPage({ page, view }: { page: PageContext; view: IndicatorListView }) {
  return (
    <Layout page={page} title={t('indicators.title')} breadcrumbs={crumbs().slice(0, 1).concat({ label: t('indicators.title') })} head={<MonitoringStyles />}>
      <div class="indicators-head">
        <h1>{t('indicators.title')}</h1>
        {view.canManage && (
          <p class="indicators-actions">
            <a class="button" href="/admin/indicators/new">{t('indicators.new')}</a>
            <a class="button button-secondary" href="/admin/indicators/import">{t('indicators.import_link')}</a>
            <a href="/admin/indicators/imports">{t('indicators.imports_link')}</a>
          </p>
        )}
      </div>
      <p class="lead">{t('indicators.lead')}</p>
      <form method="get" action="/admin/indicators" class="indicators-filter" role="search">
        <TextField name="q" type="search" label={t('indicators.search.label')} value={view.q} hideOptional />
        <SelectField name="harm" label={t('indicators.search.harm')} value={view.harm} placeholder={t('indicators.search.any_harm')} options={view.harmOptions} hideOptional />
        <button type="submit" class="button">{t('indicators.search.submit')}</button>
      </form>
      <Table
        caption={t('indicators.list.caption', { count: view.total })}
        rows={view.items}
        empty={t('indicators.list.empty')}
        columns={[
          { header: t('indicators.col.code'), cell: (r) => <Code>{r.code}</Code> },
          {
            header: t('indicators.col.name'),
            cell: (r) => (
              <>
                <a href={r.href}>{r.name}</a>
                {r.isDemo && <> <Badge tone="demo">{t('indicators.demo')}</Badge></>}
              </>
            ),
          },
          { header: t('indicators.col.unit'), cell: (r) => r.unit },
          { header: t('indicators.col.direction'), cell: (r) => r.direction },
          { header: t('indicators.col.harm'), cell: (r) => r.harm },
          { header: t('indicators.col.level'), cell: (r) => r.level },
          { header: t('indicators.col.source'), cell: (r) => r.source },
          { header: t('indicators.col.values'), cell: (r) => r.values, numeric: true },
          { header: t('indicators.col.latest'), cell: (r) => r.latest, numeric: true },
        ]}
      />
      <Pager pager={view.pager} />
    </Layout>
  );
}

// ---- the form -----------------------------------------------------------------------------------

export function IndicatorFormPage({ page, view }: { page: PageContext; view: IndicatorFormView }) {
  const title = view.id === null ? t('indicators.form.new_title') : t('indicators.form.edit_title', { code: view.code ?? '' });
  const action = view.id === null ? '/admin/indicators' : `/admin/indicators/${view.id}`;
  const v = view.values;
  const labels = {
    code: t('indicators.col.code'), name: t('indicators.form.name'), unit: t('indicators.form.unit'), direction: t('indicators.form.direction'),
    harm: t('indicators.form.harm'), level: t('indicators.form.level'), source: t('indicators.form.source'), description: t('indicators.form.description'),
  };
  const back = view.id === null ? '/admin/indicators' : `/admin/indicators/${view.id}`;
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs({ label: title })} head={<MonitoringStyles />}>
      <h1>{title}</h1>
      <ErrorSummary errors={view.errors} labels={labels} />
      <form method="post" action={action} class="card narrow indicator-form">
        <CsrfField token={page.csrfToken} />
        <TextField name="code" label={labels.code} value={v.code} required dir="ltr" maxLength={60} hint={t('indicators.form.code_hint')} error={view.errors.code} />
        <TextField name="name" label={labels.name} value={v.name} required maxLength={200} error={view.errors.name} />
        <TextField name="unit" label={labels.unit} value={v.unit} required maxLength={40} hint={t('indicators.form.unit_hint')} error={view.errors.unit} />
        <SelectField name="direction" label={labels.direction} value={v.direction} required options={view.directionOptions} error={view.errors.direction} />
        <SelectField name="harm" label={labels.harm} value={v.harm} placeholder={t('indicators.form.no_harm')} options={view.harmOptions} error={view.errors.harm} />
        <SelectField name="level" label={labels.level} value={v.level} required options={view.levelOptions} hint={t('indicators.form.level_hint')} error={view.errors.level} />
        <TextField name="source" label={labels.source} value={v.source} maxLength={300} error={view.errors.source} />
        <TextAreaField name="description" label={labels.description} value={v.description} rows={4} maxLength={4000} error={view.errors.description} />
        <p class="form-actions">
          <button type="submit" class="button">{t('indicators.form.save')}</button> <a href={back}>{t('indicators.form.cancel')}</a>
        </p>
      </form>
    </Layout>
  );
}

// ---- one indicator ------------------------------------------------------------------------------

export function IndicatorPage({ page, view }: { page: PageContext; view: IndicatorPageView }) {
  const pager: PagerModel = view.pager;
  return (
    <Layout page={page} title={view.name} breadcrumbs={crumbs({ label: view.name })} head={<MonitoringStyles />}>
      <h1>
        {view.name} {view.isDemo && <Badge tone="demo">{t('indicators.demo')}</Badge>}
      </h1>
      {view.isDemo && <p class="hint">{t('indicators.demo_note')}</p>}
      <dl class="indicator-facts">
        <div><dt>{t('indicators.col.code')}</dt><dd><Code>{view.code}</Code></dd></div>
        <div><dt>{t('indicators.col.unit')}</dt><dd>{view.unit}</dd></div>
        <div><dt>{t('indicators.col.direction')}</dt><dd>{view.direction}</dd></div>
        <div><dt>{t('indicators.col.harm')}</dt><dd>{view.harm}</dd></div>
        <div><dt>{t('indicators.col.level')}</dt><dd>{view.level}</dd></div>
        <div><dt>{t('indicators.col.source')}</dt><dd>{view.source}</dd></div>
      </dl>
      <p class="indicator-description">{view.description || t('indicators.page.no_description')}</p>
      {view.canManage && (
        <div class="indicators-actions">
          <a class="button button-secondary" href={`/admin/indicators/${view.id}/edit`}>{t('indicators.page.edit')}</a>
          {view.canDelete && (
            <form method="post" action={`/admin/indicators/${view.id}/delete`} class="inline-form">
              <CsrfField token={page.csrfToken} />
              <button type="submit" class="button button-danger" aria-describedby="delete-hint">{t('indicators.delete.button')}</button>
              <span class="hint" id="delete-hint"> {t('indicators.delete.hint')}</span>
            </form>
          )}
        </div>
      )}
      {view.chart && (
        <section class="indicator-chart">
          <LineChart title={view.chart.title} series={view.chart.series} unit={view.chart.unit} />
        </section>
      )}
      <section aria-labelledby="values" id="values-section">
        <h2 id="values">{t('indicators.page.values')}</h2>
        {view.placeOptions.length > 0 && (
          <form method="get" action={`/admin/indicators/${view.id}`} class="indicators-filter">
            <SelectField name="place" label={t('indicators.page.filter_place')} value={view.placeId} placeholder={t('indicators.page.any_place')} options={view.placeOptions} hideOptional />
            <SelectField
              name="type" label={t('indicators.page.filter_type')} value={view.periodType} placeholder={t('indicators.page.any_type')} hideOptional
              options={[
                { value: 'year', label: t('indicators.page.type.year') },
                { value: 'quarter', label: t('indicators.page.type.quarter') },
                { value: 'month', label: t('indicators.page.type.month') },
              ]}
            />
            <button type="submit" class="button">{t('indicators.search.submit')}</button>
          </form>
        )}
        <Table
          caption={t('indicators.page.values_caption', { count: view.total })}
          rows={view.values}
          empty={t('indicators.page.no_values')}
          columns={[
            { header: t('indicators.page.col.place'), cell: (r) => <>{r.place}{r.placeDemo && <> <Badge tone="demo">{t('indicators.demo')}</Badge></>}</> },
            { header: t('indicators.page.col.period'), cell: (r) => r.period },
            { header: t('indicators.page.col.value'), cell: (r) => r.value, numeric: true },
            { header: t('indicators.page.col.updated'), cell: (r) => r.updated },
          ]}
        />
        <Pager pager={pager} />
      </section>
    </Layout>
  );
}
