// The public results pages: the progress hub, the map, and results per plan, place and harm.
// Everything works with JavaScript off: the map's choices are a GET form, tables sit in <details>.

import type { ComponentChildren } from 'preact';
import { t } from '../../../platform/i18n/t.ts';
import { formatMoney } from '../../../platform/persian/money.ts';
import { BarChart, LineChart } from '../../../platform/views/charts.tsx';
import { Badge, Pager, StatList, Table } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { ChoroplethMap } from '../../../platform/views/map.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';
import type {
  HarmResultsView, HubView, IndicatorChangeView, MapPageView, MapView, OptionView, PlaceResultsView, PlanResultsView, PlanRowView,
} from '../load-results-pages.ts';
import { percentSign } from '../load-results-pages.ts';

const money = (n: number) => formatMoney(Math.round(n), 'rial');

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="results-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A progress bar with its number written beside it (the bar alone says nothing to a screen reader). */
export function ProgressBar({ value, text }: { value: number | null; text: string }) {
  return (
    <span class="progress-cell">
      {value !== null && <progress max={100} value={value} aria-hidden="true" />}
      <span>{text}</span>
    </span>
  );
}

function Select({ name, label, options }: { name: string; label: string; options: OptionView[] }) {
  return (
    <div class="field">
      <label for={`results-${name}`}>{label}</label>
      <select id={`results-${name}`} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function MapBlock({ map }: { map: MapView }) {
  return (
    <>
      <ChoroplethMap title={map.title} areas={map.areas} legendTitle={map.legendTitle} format={map.format} higherIsWorse={map.higherIsWorse} attribution={map.attribution} />
      {map.note && <p class="meta">{map.note}</p>}
    </>
  );
}

function PlansTable({ rows, caption }: { rows: PlanRowView[]; caption: string }) {
  return (
    <Table
      caption={caption}
      rows={rows}
      empty={t('results.plans.empty')}
      columns={[
        {
          header: t('results.col.plan'),
          cell: (r: PlanRowView) => (
            <>
              <a href={r.href}>{r.title}</a>
              {r.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
            </>
          ),
        },
        { header: t('results.col.status'), cell: (r: PlanRowView) => r.status },
        { header: t('results.col.funded'), cell: (r: PlanRowView) => r.funded, numeric: true },
        { header: t('results.col.spent'), cell: (r: PlanRowView) => r.spent, numeric: true },
        { header: t('results.col.progress'), cell: (r: PlanRowView) => <ProgressBar value={r.progress} text={r.progressText} /> },
      ]}
    />
  );
}

// ---- /results/progress --------------------------------------------------------------------------

export function HubPage({ page, view, hrefFor }: { page: PageContext; view: HubView; hrefFor: (page: number) => string }) {
  const title = t('results.hub.title');
  return (
    <Layout page={page} title={title} breadcrumbs={view.crumbs} head={<MonitoringStyles />}>
      <h1>{title}</h1>
      <p class="lead">{t('results.hub.lead')}</p>
      <StatList stats={view.stats} />
      <p class="meta">{view.progressNote}</p>
      {view.hasDemo && <p class="meta"><Badge tone="demo">{t('places.demo_badge')}</Badge> {t('results.note.demoPlans')}</p>}

      <Section id="by-harm" title={t('results.hub.byHarm')}>
        <BarChart title={t('results.hub.byHarmChart')} data={view.harmChart.data} compare={{ name: t('results.series.funded'), values: view.harmChart.compare }} valueName={t('results.series.spent')} format={money} unit={t('results.unit.rials')} />
        <p class="meta">{t('results.note.split')}</p>
      </Section>

      <Section id="map" title={t('results.hub.map')}>
        <form method="get" action="/results/progress" class="results-filter">
          <Select name="metric" label={t('results.filter.metric')} options={view.metricOptions} />
          <button type="submit" class="button">{t('results.filter.show')}</button>
        </form>
        <MapBlock map={view.map} />
        <p>
          <a href="/results/map?layer=neighborhood">{t('results.hub.neighborhoodMap')}</a>
        </p>
      </Section>

      <Section id="plans" title={t('results.hub.plans')}>
        <PlansTable rows={view.plans} caption={t('results.hub.plans')} />
        <Pager pager={{ page: view.page, pages: view.pages, hrefFor }} />
      </Section>
    </Layout>
  );
}

// ---- /results/map -------------------------------------------------------------------------------

export function MapPage({ page, view }: { page: PageContext; view: MapPageView }) {
  const title = t('results.map.title');
  return (
    <Layout page={page} title={title} breadcrumbs={view.crumbs} head={<MonitoringStyles />}>
      <h1>{title}</h1>
      <p class="lead">{t('results.map.lead')}</p>
      <form method="get" action="/results/map" class="results-filter">
        <Select name="layer" label={t('results.filter.layer')} options={view.layerOptions} />
        {view.layer === 'neighborhood' && view.cityOptions.length > 0 && <Select name="city" label={t('results.filter.city')} options={view.cityOptions} />}
        <Select name="metric" label={t('results.filter.metric')} options={view.metricOptions} />
        <button type="submit" class="button">{t('results.filter.show')}</button>
      </form>
      <MapBlock map={view.map} />
    </Layout>
  );
}

// ---- /results/plans/:id -------------------------------------------------------------------------

const trendText = (trend: IndicatorChangeView['trend']) =>
  trend === 'good' ? t('results.trend.good') : trend === 'bad' ? t('results.trend.bad') : trend === 'flat' ? t('results.trend.flat') : t('results.trend.unknown');

function Trend({ trend }: { trend: IndicatorChangeView['trend'] }) {
  const mark = trend === 'good' ? '▲' : trend === 'bad' ? '▼' : '•';
  return (
    <span class={`trend trend-${trend ?? 'unknown'}`}>
      <span aria-hidden="true">{mark} </span>
      {trendText(trend)}
    </span>
  );
}

export function PlanResultsPage({ page, view }: { page: PageContext; view: PlanResultsView }) {
  return (
    <Layout page={page} title={t('results.plan.pageTitle', { title: view.title })} breadcrumbs={view.crumbs} head={<MonitoringStyles />}>
      <div class="place-header">
        <h1>{view.title}</h1>
        {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </div>
      <p class="lead">
        {t('results.plan.lead')} <a href={view.planHref}>{t('results.plan.planLink')}</a>
      </p>
      <StatList stats={view.stats} />

      <Section id="money" title={t('results.plan.money')}>
        {view.spentShare && (
          <p class="spent-share">
            <progress max={view.spentShare.max} value={view.spentShare.value} aria-hidden="true" />
            <span>{view.spentShare.text}</span>
          </p>
        )}
        <BarChart title={t('results.plan.spentChart')} data={view.spentChart} format={money} unit={t('results.unit.rials')} valueName={t('results.series.spent')} />
      </Section>

      <Section id="progress" title={t('results.plan.progress')}>
        <LineChart title={t('results.plan.progressChart')} series={view.progressSeries.length ? [{ name: t('results.stat.progress'), points: view.progressSeries }] : []} format={percentSign} />
        <h3>{t('results.plan.timeline')}</h3>
        {view.timeline.length ? (
          <ol class="results-timeline">
            {view.timeline.map((e) => (
              <li>
                <span class="meta">{e.date}</span> {e.label}
              </li>
            ))}
          </ol>
        ) : (
          <p class="empty">{t('results.plan.noTimeline')}</p>
        )}
      </Section>

      <Section id="reached" title={t('results.plan.reached')}>
        <BarChart title={t('results.plan.reachedChart')} data={view.reached.data} compare={{ name: t('results.series.planned'), values: view.reached.compare }} valueName={t('results.series.reached')} />
        <Table
          caption={t('results.plan.reachedTable')}
          rows={view.reached.rows}
          empty={t('results.plan.noGroups')}
          columns={[
            { header: t('results.col.group'), cell: (r) => r.group },
            { header: t('results.col.female'), cell: (r) => r.female, numeric: true },
            { header: t('results.col.male'), cell: (r) => r.male, numeric: true },
            { header: t('results.col.reached'), cell: (r) => r.reached, numeric: true },
            { header: t('results.col.planned'), cell: (r) => r.planned, numeric: true },
          ]}
        />
      </Section>

      <Section id="indicators" title={t('results.plan.indicators')}>
        <Table
          caption={t('results.plan.indicatorsTable')}
          rows={view.indicators}
          empty={t('results.plan.noIndicators')}
          columns={[
            { header: t('results.col.indicator'), cell: (r: IndicatorChangeView) => <>{r.statement}{r.unit && <span class="meta"> ({r.unit})</span>}</> },
            { header: t('results.col.baseline'), cell: (r: IndicatorChangeView) => r.baseline, numeric: true },
            { header: t('results.col.actual'), cell: (r: IndicatorChangeView) => <>{r.actual}{r.actualPeriod && <span class="meta"> ({r.actualPeriod})</span>}</>, numeric: true },
            { header: t('results.col.target'), cell: (r: IndicatorChangeView) => r.target, numeric: true },
            { header: t('results.col.trend'), cell: (r: IndicatorChangeView) => <Trend trend={r.trend} /> },
          ]}
        />
        <BarChart title={t('results.plan.towardsChart')} data={view.indicatorChart} format={percentSign} />
      </Section>

      <Section id="reports" title={t('results.plan.reports')}>
        <Table
          caption={t('results.plan.reports')}
          rows={view.reports}
          empty={t('results.plan.noReports')}
          columns={[
            { header: t('results.col.period'), cell: (r) => r.period },
            { header: t('results.col.decided'), cell: (r) => r.decided },
            { header: t('results.col.progress'), cell: (r) => r.progress, numeric: true },
            { header: t('results.col.spent'), cell: (r) => r.spent, numeric: true },
            { header: t('results.col.reached'), cell: (r) => r.reached, numeric: true },
          ]}
        />
      </Section>

      {(view.places.length > 0 || view.harms.length > 0) && (
        <Section id="links" title={t('results.plan.links')}>
          <ul class="results-links">
            {view.places.map((p) => <li><a href={p.href}>{p.label}</a></li>)}
            {view.harms.map((h) => <li><a href={h.href}>{h.label}</a></li>)}
          </ul>
        </Section>
      )}
    </Layout>
  );
}

// ---- /results/places/:id ------------------------------------------------------------------------

export function PlaceResultsPage({ page, view }: { page: PageContext; view: PlaceResultsView }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={view.crumbs} head={<MonitoringStyles />}>
      <div class="place-header">
        <h1>{view.title}</h1>
        {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </div>
      <p class="lead">
        {t('results.place.lead')} <a href={view.placeHref}>{t('results.place.placeLink')}</a>
      </p>
      <StatList stats={view.stats} />
      <p class="meta">{view.progressNote}</p>

      <Section id="place-map" title={t('results.place.map')}>
        <MapBlock map={view.map} />
      </Section>

      <Section id="trends" title={t('results.place.trends')}>
        {view.trends.length ? (
          view.trends.map((tr) => (
            <div class="results-trend">
              {tr.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
              <LineChart title={tr.title} unit={tr.unit || undefined} series={[{ name: tr.name, points: tr.points }]} />
            </div>
          ))
        ) : (
          <p class="empty">{t('results.place.noIndicators')}</p>
        )}
      </Section>

      <Section id="plans" title={t('results.place.plans')}>
        <PlansTable rows={view.plans} caption={t('results.place.plans')} />
        {view.morePlans > 0 && <p class="meta">{t('results.plans.more', { count: view.morePlans })}</p>}
      </Section>
    </Layout>
  );
}

// ---- /results/harms/:code -----------------------------------------------------------------------

export function HarmResultsPage({ page, view }: { page: PageContext; view: HarmResultsView }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={view.crumbs} head={<MonitoringStyles />}>
      <h1>{view.title}</h1>
      <p class="lead">{t('results.harm.lead')}</p>
      <StatList stats={view.stats} />
      <p class="meta">{view.progressNote}</p>

      <Section id="by-county" title={t('results.harm.byCounty')}>
        <BarChart title={t('results.harm.byCountyChart')} data={view.countyChart.data} compare={{ name: t('results.series.funded'), values: view.countyChart.compare }} valueName={t('results.series.spent')} format={money} unit={t('results.unit.rials')} />
        <p class="meta">{t('results.note.splitCounties')}</p>
      </Section>

      <Section id="harm-map" title={t('results.harm.map')}>
        <form method="get" action={`/results/harms/${view.code}`} class="results-filter">
          <Select name="metric" label={t('results.filter.metric')} options={view.metricOptions} />
          <button type="submit" class="button">{t('results.filter.show')}</button>
        </form>
        <MapBlock map={view.map} />
        {view.indicatorChart ? (
          <BarChart title={view.indicatorChart.title} data={view.indicatorChart.data} unit={view.indicatorChart.unit || undefined} />
        ) : (
          <p class="empty">{t('results.harm.noIndicators')}</p>
        )}
      </Section>

      <Section id="plans" title={t('results.harm.plans')}>
        <PlansTable rows={view.plans} caption={t('results.harm.plans')} />
        {view.morePlans > 0 && <p class="meta">{t('results.plans.more', { count: view.morePlans })}</p>}
      </Section>
    </Layout>
  );
}
