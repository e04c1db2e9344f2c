import { t } from '../../../platform/i18n/t.ts';
import { CsrfField, ErrorSummary, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';

export type WeightFieldView = { name: string; label: string; value: string; error?: string; hint?: string };

export type NeedIndexSettingsView = {
  indicators: WeightFieldView[];
  needs: WeightFieldView;
  population: WeightFieldView;
  allError: string | null;
  errors: Record<string, string>;
  updated: string;
  levels: { label: string; href: string }[];
};

function Weight({ f }: { f: WeightFieldView }) {
  return <TextField name={f.name} label={f.label} value={f.value} error={f.error} hint={f.hint} inputMode="text" dir="ltr" maxLength={8} required />;
}

/** /admin/need-index: the need-index weights, with the method explained. */
export function NeedIndexSettingsPage({ page, view }: { page: PageContext; view: NeedIndexSettingsView }) {
  const title = t('dashboard.settings.title');
  const labels: Record<string, string> = Object.fromEntries(
    [...view.indicators, view.needs, view.population].map((f) => [f.name, f.label]),
  );
  labels.weights = t('dashboard.settings.weights');
  return (
    <Layout page={page} title={title} head={<MonitoringStyles />} breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: t('dashboard.title'), href: '/admin/dashboard' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('dashboard.settings.lead')}</p>
      <section class="dash-section" aria-labelledby="method-h">
        <h2 id="method-h">{t('dashboard.settings.method_heading')}</h2>
        <ol class="dash-method-list">
          <li>{t('dashboard.method.levels')}</li>
          <li>{t('dashboard.method.indicators')}</li>
          <li>{t('dashboard.method.needs')}</li>
          <li>{t('dashboard.method.population')}</li>
          <li>{t('dashboard.method.score')}</li>
          <li>{t('dashboard.method.missing')}</li>
          <li>{t('dashboard.method.reach')}</li>
        </ol>
        <p>
          {t('dashboard.settings.see')}{' '}
          {view.levels.map((l, i) => (
            <>
              {i > 0 && '، '}
              <a href={l.href}>{l.label}</a>
            </>
          ))}
        </p>
      </section>
      <form method="post" action="/admin/need-index" class="dash-weights" noValidate>
        <CsrfField token={page.csrfToken} />
        <ErrorSummary errors={view.errors} labels={labels} />
        <p class="meta">{view.updated}</p>
        <fieldset id="weights" class={view.allError ? 'field-invalid' : undefined}>
          <legend>{t('dashboard.settings.weights')}</legend>
          <p class="hint">{t('dashboard.settings.weights_hint')}</p>
          {view.allError && <p class="field-error">{view.allError}</p>}
          <div class="dash-weight-grid">
            <Weight f={view.needs} />
            <Weight f={view.population} />
          </div>
          <h2>{t('dashboard.settings.indicators_heading')}</h2>
          {view.indicators.length === 0 ? (
            <p class="empty">{t('dashboard.settings.no_indicators')}</p>
          ) : (
            <div class="dash-weight-grid">
              {view.indicators.map((f) => <Weight f={f} />)}
            </div>
          )}
        </fieldset>
        <button type="submit" class="button">{t('dashboard.settings.save')}</button>
      </form>
    </Layout>
  );
}
