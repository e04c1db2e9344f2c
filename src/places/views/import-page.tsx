import { t } from '../../platform/i18n/t.ts';
import { CsrfField, ErrorSummary, Table } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { placeKinds } from '../place-kinds.ts';

export type ImportPageView = {
  fileError?: string;
  problems: { source: string; message: string }[];
};

export function PlacesImportPage({ page, view }: { page: PageContext; view: ImportPageView }) {
  const crumbs = [
    { label: t('nav.home'), href: '/' },
    { label: t('admin.title'), href: '/admin' },
    { label: t('places.import.title') },
  ];
  return (
    <Layout page={page} title={t('places.import.title')} breadcrumbs={crumbs}>
      <h1>{t('places.import.title')}</h1>
      <p class="lead">{t('places.import.lead')}</p>
      <ErrorSummary errors={view.fileError ? { file: view.fileError } : {}} labels={{ file: t('places.import.file') }} />
      {view.problems.length > 0 && (
        <section aria-labelledby="problems" class="error-summary" tabIndex={-1}>
          <h2 id="problems">{t('places.import.problems', { count: view.problems.length })}</h2>
          <Table
            caption={t('places.import.problems', { count: view.problems.length })}
            rows={view.problems}
            columns={[
              { header: t('places.import.col.where'), cell: (r) => <bdi>{r.source}</bdi> },
              { header: t('places.import.col.problem'), cell: (r) => <bdi>{r.message}</bdi> },
            ]}
          />
        </section>
      )}
      <form method="post" action="/admin/places/import" enctype="multipart/form-data" class="card narrow">
        <CsrfField token={page.csrfToken} />
        <div class={`field${view.fileError ? ' field-invalid' : ''}`}>
          <label for="file">{t('places.import.file')}</label>
          <p class="hint" id="file-hint">
            {t('places.import.hint')} <code dir="ltr">code,name,kind,parent_code,population,population_year,lat,lon</code>
          </p>
          <p class="hint">
            {t('places.import.kinds')}{' '}
            {placeKinds.map((k, i) => (
              <>
                {i > 0 && '، '}
                <code dir="ltr">{k}</code> ({t(`place.kind.${k}`)})
              </>
            ))}
          </p>
          {view.fileError && <p class="field-error" id="file-error">{view.fileError}</p>}
          <input
            id="file" name="file" type="file" accept=".csv,.json,text/csv,application/json" required
            aria-describedby={view.fileError ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <button type="submit" class="button">{t('places.import.submit')}</button>
      </form>
    </Layout>
  );
}
