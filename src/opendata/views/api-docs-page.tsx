import { t } from '../../platform/i18n/t.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../monitoring/styles.tsx';
import type { ApiDocsView, EndpointView } from '../load-pages.ts';

function Endpoint({ e }: { e: EndpointView }) {
  return (
    <section class="card api-endpoint" id={e.id} aria-labelledby={`${e.id}-title`}>
      <h3 id={`${e.id}-title`}>{e.summary}</h3>
      <p class="api-path">
        <code dir="ltr">{e.path}</code>
      </p>
      <p>{e.description}</p>
      {e.params.length > 0 ? (
        <div class="table-wrap" role="region" aria-label={t('openData.docs.params_caption', { title: e.summary })} tabIndex={0}>
          <table>
            <caption>{t('openData.docs.params_caption', { title: e.summary })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('openData.docs.param_name')}</th>
                <th scope="col">{t('openData.docs.param_in')}</th>
                <th scope="col">{t('openData.docs.param_type')}</th>
                <th scope="col">{t('openData.docs.param_expects')}</th>
              </tr>
            </thead>
            <tbody>
              {e.params.map((p) => (
                <tr>
                  <td>
                    <code dir="ltr" class="api-param-name">{p.name}</code>
                    {p.required && <span class="api-required"> {t('openData.docs.required')}</span>}
                  </td>
                  <td>{p.where}</td>
                  <td>
                    <code dir="ltr">{p.type}</code>
                  </td>
                  <td>{p.expects}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('openData.docs.no_params')}</p>
      )}
      <h4>{t('openData.docs.example_request')}</h4>
      <pre class="api-code" dir="ltr" tabIndex={0}>
        <code>{e.curl}</code>
      </pre>
      <details>
        <summary>{t('openData.docs.example_response')}</summary>
        <pre class="api-code" dir="ltr" tabIndex={0}>
          <code>{e.example}</code>
        </pre>
      </details>
      {e.notFound && <p class="hint">{t('openData.docs.not_found_note')}</p>}
    </section>
  );
}

/** /api/docs: the JSON API in Persian, rendered on the server from the same list as openapi.json. */
export function ApiDocsPage({ page, view }: { page: PageContext; view: ApiDocsView }) {
  return (
    <Layout
      page={page}
      title={t('openData.docs.title')}
      head={<MonitoringStyles />}
      breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('openData.title'), href: view.openDataHref }, { label: t('openData.docs.title') }]}
    >
      <h1>{t('openData.docs.title')}</h1>
      <p class="lead">{t('openData.api.intro')}</p>
      <p class="button-row">
        <a class="button" href={view.openApiHref}>
          {t('openData.api_openapi_link')}
        </a>
        <a class="button button-secondary" href={view.openDataHref}>
          {t('openData.docs.downloads_link')}
        </a>
      </p>
      <section aria-labelledby="api-rules-title">
        <h2 id="api-rules-title">{t('openData.docs.rules_title')}</h2>
        <ul>
          <li>{t('openData.docs.rule_get')}</li>
          <li>{t('openData.docs.rule_pages')}</li>
          <li>{t('openData.docs.rule_errors')}</li>
          <li>{t('openData.docs.rule_digits')}</li>
          <li>{t('openData.docs.rule_demo')}</li>
          <li>{t('openData.docs.rule_money')}</li>
          <li>{t('openData.docs.rule_stability')}</li>
        </ul>
      </section>
      <nav aria-labelledby="api-index-title" class="api-index">
        <h2 id="api-index-title">{t('openData.docs.index_title')}</h2>
        <ul>
          {view.endpoints.map((e) => (
            <li>
              <a href={`#${e.id}`}>{e.summary}</a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t('openData.docs.endpoints_title')}</h2>
      {view.endpoints.map((e) => (
        <Endpoint e={e} />
      ))}
    </Layout>
  );
}
