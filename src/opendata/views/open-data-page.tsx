import { t } from '../../platform/i18n/t.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../monitoring/styles.tsx';
import type { DatasetView, OpenDataView } from '../load-pages.ts';

function DatasetCard({ d }: { d: DatasetView }) {
  const headingId = `dataset-${d.name}`;
  return (
    <section class="card open-dataset" aria-labelledby={headingId}>
      <h2 id={headingId}>{d.title}</h2>
      <p>{d.description}</p>
      <dl class="open-dataset-facts">
        <div>
          <dt>{t('openData.rows')}</dt>
          <dd>{d.rows}</dd>
        </div>
        <div>
          <dt>{t('openData.updated')}</dt>
          <dd>{d.updated}</dd>
        </div>
      </dl>
      <ul class="open-downloads" aria-label={t('openData.downloads_of', { title: d.title })}>
        {d.downloads.map((x) => (
          <li>
            <a class="button button-small button-secondary" href={x.href} download>
              {x.label}
            </a>
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('openData.columns_summary')}</summary>
        <div class="table-wrap" role="region" aria-label={t('openData.columns_caption', { title: d.title })} tabIndex={0}>
          <table>
            <caption>{t('openData.columns_caption', { title: d.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('openData.col_key')}</th>
                <th scope="col">{t('openData.col_title')}</th>
                <th scope="col">{t('openData.col_type')}</th>
              </tr>
            </thead>
            <tbody>
              {d.columns.map((c) => (
                <tr>
                  <td>
                    <code dir="ltr">{c.key}</code>
                  </td>
                  <td>{c.title}</td>
                  <td>{c.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

/** /open-data: every dataset with its size, last change, columns and downloads, and the licence. */
export function OpenDataPage({ page, view }: { page: PageContext; view: OpenDataView }) {
  return (
    <Layout page={page} title={t('openData.title')} head={<MonitoringStyles />} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('openData.title') }]}>
      <h1>{t('openData.title')}</h1>
      <p class="lead">{t('openData.intro')}</p>
      <section class="open-license" aria-labelledby="open-license-title">
        <h2 id="open-license-title">{t('openData.license.title')}</h2>
        <p>{t('openData.license.body')}</p>
        <p>{t('openData.license.geometry')}</p>
        <p>{t('openData.license.demo')}</p>
        <p>{t('openData.license.formats')}</p>
      </section>
      <div class="open-datasets">
        {view.datasets.map((d) => (
          <DatasetCard d={d} />
        ))}
      </div>
      <section class="card" aria-labelledby="open-api-title">
        <h2 id="open-api-title">{t('openData.api_title')}</h2>
        <p>{t('openData.api_body')}</p>
        <p class="button-row">
          <a class="button" href={view.apiDocsHref}>
            {t('openData.api_docs_link')}
          </a>
          <a class="button button-secondary" href={view.openApiHref}>
            {t('openData.api_openapi_link')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
