import { t } from '../../../platform/i18n/t.ts';
import { BarChart, type BarDatum } from '../../../platform/views/charts.tsx';
import { Badge, Pager, StatList, Table, type PagerModel, type SelectOption, type Stat } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';
import { percentFormat } from '../load-targeting.ts';

export type RankRowView = {
  id: number;
  rank: string;
  name: string;
  href: string;
  demo: boolean;
  county: string;
  score: string;
  coverage: string;
  /** Some component is missing: the coverage is shown emphasised. */
  partial: boolean;
  population: string;
  plans: string;
  rials: string;
  top: boolean;
};

export type TargetingView = {
  level: string;
  levelLabel: string;
  levelOptions: SelectOption[];
  stats: Stat[];
  shareSentence: string | null;
  shareChart: BarDatum[];
  topLabel: string;
  unreached: RankRowView[];
  rows: RankRowView[];
  pager: PagerModel;
  csvHref: string;
  settingsHref: string | null;
  generatedAt: string;
};

/** A place's name linked to its page, with the «نمونه» badge on demo places. */
export function PlaceName({ r }: { r: { href: string; name: string; demo: boolean } }) {
  return (
    <>
      <a href={r.href}>{r.name}</a>
      {r.demo && <> <Badge tone="demo">{t('indicators.demo')}</Badge></>}
    </>
  );
}

function rankColumns(showCounty: boolean) {
  return [
    { header: t('dashboard.col.rank'), cell: (r: RankRowView) => r.rank, numeric: true },
    { header: t('dashboard.col.place'), cell: (r: RankRowView) => <PlaceName r={r} /> },
    ...(showCounty ? [{ header: t('dashboard.col.county'), cell: (r: RankRowView) => r.county }] : []),
    { header: t('dashboard.col.score'), cell: (r: RankRowView) => (r.top ? <strong>{r.score}</strong> : r.score), numeric: true },
    { header: t('dashboard.col.coverage'), cell: (r: RankRowView) => (r.partial ? <span class="dash-partial">{r.coverage}</span> : r.coverage) },
    { header: t('dashboard.col.population'), cell: (r: RankRowView) => r.population, numeric: true },
    { header: t('dashboard.col.plans'), cell: (r: RankRowView) => r.plans, numeric: true },
    { header: t('dashboard.col.rials'), cell: (r: RankRowView) => r.rials, numeric: true },
  ];
}

/** /admin/targeting: places of a level ranked by need index, with the funded plans and money reaching them. */
export function TargetingPage({ page, view }: { page: PageContext; view: TargetingView }) {
  const title = t('dashboard.targeting.title');
  const showCounty = view.level === 'home';
  return (
    <Layout page={page} title={title} head={<MonitoringStyles />} breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: t('dashboard.title'), href: '/admin/dashboard' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('dashboard.targeting.lead')}</p>
      <form method="get" action="/admin/targeting" role="search" aria-label={t('dashboard.targeting.level_legend')}>
        <div class="search-form">
          <div class="field">
            <label for="level">{t('dashboard.targeting.level')}</label>
            <select id="level" name="level">
              {view.levelOptions.map((o) => <option value={o.value} selected={o.value === view.level}>{o.label}</option>)}
            </select>
          </div>
          <button type="submit" class="button">{t('dashboard.targeting.show')}</button>
        </div>
      </form>
      <p class="dash-actions">
        <a class="button button-secondary" href={view.csvHref}>{t('dashboard.targeting.csv')}</a>
        {view.settingsHref && <a class="button button-secondary" href={view.settingsHref}>{t('dashboard.targeting.settings')}</a>}
      </p>
      <StatList stats={view.stats} />

      <section class="dash-section" aria-labelledby="share-h">
        <h2 id="share-h">{t('dashboard.targeting.share_heading')}</h2>
        <p class="dash-note">{view.topLabel}</p>
        {view.shareSentence ? <p class="dash-figure">{view.shareSentence}</p> : <p class="empty">{t('dashboard.targeting.share_none')}</p>}
        <BarChart title={t('dashboard.targeting.share_chart')} data={view.shareChart} format={percentFormat} valueName={t('dashboard.targeting.share_value')} />
      </section>

      <section class="dash-section dash-alert" aria-labelledby="unreached-h">
        <h2 id="unreached-h">{t('dashboard.targeting.unreached_heading')}</h2>
        <Table caption={t('dashboard.targeting.unreached_caption', { level: view.levelLabel })} rows={view.unreached} empty={t('dashboard.targeting.unreached_none')} columns={rankColumns(showCounty)} />
      </section>

      <section class="dash-section" aria-labelledby="ranking-h">
        <h2 id="ranking-h">{t('dashboard.targeting.ranking_heading', { level: view.levelLabel })}</h2>
        <details class="dash-method">
          <summary>{t('dashboard.targeting.method_summary')}</summary>
          <p>{t('dashboard.method.score')}</p>
          <p>{t('dashboard.method.missing')}</p>
          <p>{t('dashboard.method.reach')}</p>
        </details>
        <Table caption={t('dashboard.targeting.ranking_caption', { level: view.levelLabel })} rows={view.rows} empty={t('dashboard.targeting.no_places')} columns={rankColumns(showCounty)} />
        <Pager pager={view.pager} />
      </section>
      <p class="meta">{t('dashboard.generated', { at: view.generatedAt })}</p>
    </Layout>
  );
}
