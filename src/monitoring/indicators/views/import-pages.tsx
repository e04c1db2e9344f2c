import { t } from '../../../platform/i18n/t.ts';
import { CsrfField, ErrorSummary, Pager, Table } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';
import type { ImportFormView, ImportPageView, ImportsListView } from '../load-indicator-pages.ts';
import { Code } from './indicator-pages.tsx';

const crumbs = (label: string, extra: { label: string; href?: string }[] = []) => [
  { label: t('nav.admin'), href: '/admin' },
  { label: t('indicators.title'), href: '/admin/indicators' },
  ...extra,
  { label },
];

/** The upload form with a short explanation of both kinds of file. */
export function ImportFormPage({ page, view }: { page: PageContext; view: ImportFormView }) {
  const title = t('indicators.import.title');
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs(title)} head={<MonitoringStyles />}>
      <h1>{title}</h1>
      <p class="lead">{t('indicators.import.lead')}</p>
      <ErrorSummary errors={view.error ? { file: view.error } : {}} labels={{ file: t('indicators.import.file') }} />
      <div class="import-help">
        <section class="card">
          <h2>{t('indicators.import.values_title')}</h2>
          <p>
            {t('indicators.import.values_columns')} <Code>indicator,place,period,value</Code>
          </p>
          <ul>
            <li>{t('indicators.import.values_place')}</li>
            <li>{t('indicators.import.values_period')}</li>
            <li>{t('indicators.import.values_value')}</li>
          </ul>
          <p><a href="/admin/indicators/import/sample.csv" download>{t('indicators.import.sample')}</a></p>
        </section>
        <section class="card">
          <h2>{t('indicators.import.catalogue_title')}</h2>
          <p>
            {t('indicators.import.catalogue_columns')} <Code>code,name,unit,direction,harm,level,source,description</Code>
          </p>
        </section>
      </div>
      <form method="post" action="/admin/indicators/import" enctype="multipart/form-data" class="card narrow">
        <CsrfField token={page.csrfToken} />
        <div class={`field${view.error ? ' field-invalid' : ''}`}>
          <label for="file">{t('indicators.import.file')}</label>
          <p class="hint" id="file-hint">{t('indicators.import.file_hint')} {view.limits}</p>
          {view.error && <p class="field-error" id="file-error">{view.error}</p>}
          <input
            id="file" name="file" type="file" required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={view.error ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <button type="submit" class="button">{t('indicators.import.submit')}</button>
      </form>
      <p><a href="/admin/indicators/imports">{t('indicators.imports_link')}</a></p>
    </Layout>
  );
}

/** One import: its state, a progress bar (refreshing itself while it runs), and its outcome. */
export function ImportStatusPage({ page, view }: { page: PageContext; view: ImportPageView }) {
  const title = t('indicators.import_page.title', { file: view.fileName });
  const head = (
    <>
      <MonitoringStyles />
      {view.running && <meta http-equiv="refresh" content="2" />}
    </>
  );
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs(view.fileName, [{ label: t('indicators.imports.title'), href: '/admin/indicators/imports' }])} head={head}>
      <h1>{title}</h1>
      <dl class="indicator-facts">
        <div><dt>{t('indicators.imports.col.status')}</dt><dd class={`import-status import-status-${view.status}`}>{view.statusLabel}</dd></div>
        <div><dt>{t('indicators.imports.col.kind')}</dt><dd>{view.kind}</dd></div>
        <div><dt>{t('indicators.imports.col.by')}</dt><dd><bdi>{view.createdBy}</bdi></dd></div>
        <div><dt>{t('indicators.imports.col.at')}</dt><dd>{view.createdAt}</dd></div>
      </dl>
      <div class="import-progress" role="status" aria-live="polite">
        <label for="import-progress">{t('indicators.import_page.progress')}</label>
        {view.percent === null ? (
          <progress id="import-progress" max={100} aria-valuetext={view.percentText}>{view.percentText}</progress>
        ) : (
          <progress id="import-progress" max={100} value={view.percent}>{view.percentText}</progress>
        )}
        <span class="import-percent">{view.percentText}</span>
        {view.status === 'importing' ? (
          <p>{t('indicators.import_page.writing', { total: view.total })}</p>
        ) : (
          view.status !== 'queued' && <p>{t('indicators.import_page.counts', { processed: view.processed, total: view.total })}</p>
        )}
        {view.running && <p class="hint">{t('indicators.import_page.refresh')}</p>}
      </div>
      {view.status === 'done' && (
        <div class="flash flash-success">
          <p>{view.isCatalogue ? t('indicators.import_page.done_catalogue', { count: view.imported }) : t('indicators.import_page.done_values', { count: view.imported })}</p>
          <p><a href="/admin/indicators">{t('indicators.import_page.to_list')}</a></p>
        </div>
      )}
      {view.status === 'failed' && <div class="flash flash-error" role="alert">{t('indicators.import_page.failed')}</div>}
      {(view.status === 'rejected' || view.status === 'failed') && view.errors.length > 0 && (
        <section aria-labelledby="import-errors" class="import-errors">
          {view.status === 'rejected' && <p class="error-summary" role="alert">{t('indicators.import_page.rejected', { count: view.errorCount })}</p>}
          <h2 id="import-errors">{t('indicators.import_page.errors_caption')}</h2>
          {view.shownErrors && <p class="hint">{view.shownErrors}</p>}
          <p><a href={`/admin/indicators/imports/${view.id}/errors.csv`} download>{t('indicators.import_page.errors_csv')}</a></p>
          <Table
            caption={t('indicators.import_page.errors_caption')}
            rows={view.errors}
            columns={[
              { header: t('indicators.import_page.col.row'), cell: (r) => r.row, numeric: true },
              { header: t('indicators.import_page.col.column'), cell: (r) => r.column },
              { header: t('indicators.import_page.col.problem'), cell: (r) => r.message },
            ]}
          />
        </section>
      )}
      {!view.running && <p><a class="button button-secondary" href="/admin/indicators/import">{t('indicators.import_page.again')}</a></p>}
    </Layout>
  );
}

export function ImportsListPage({ page, view }: { page: PageContext; view: ImportsListView }) {
  const title = t('indicators.imports.title');
  return (
    <Layout page={page} title={title} breadcrumbs={crumbs(title)} head={<MonitoringStyles />}>
      <h1>{title}</h1>
      <p><a class="button" href="/admin/indicators/import">{t('indicators.import_link')}</a></p>
      <Table
        caption={t('indicators.imports.caption', { count: view.total })}
        rows={view.items}
        empty={t('indicators.imports.empty')}
        columns={[
          { header: t('indicators.imports.col.file'), cell: (r) => <a href={r.href}><bdi>{r.fileName}</bdi></a> },
          { header: t('indicators.imports.col.kind'), cell: (r) => r.kind },
          { header: t('indicators.imports.col.status'), cell: (r) => r.status },
          { header: t('indicators.imports.col.rows'), cell: (r) => r.rows, numeric: true },
          { header: t('indicators.imports.col.by'), cell: (r) => <bdi>{r.by}</bdi> },
          { header: t('indicators.imports.col.at'), cell: (r) => r.at },
        ]}
      />
      <Pager pager={view.pager} />
    </Layout>
  );
}
