// What a round decided and why, shared by the secretariat's round page and the public result:
// key figures, the method in plain Persian, the constraints, any infeasible constraints, every
// plan with its explanation, and spending by county, harm and target group as bars.

import { t } from '../../platform/i18n/t.ts';
import { Badge, StatList, Table, type Stat } from '../../platform/views/components.tsx';

export type ExplainedPlanRow = {
  number: string;
  title: string;
  /** The plan's public page (on /results), or null. */
  href: string | null;
  county: string;
  value: string;
  cost: string;
  selected: boolean;
  why: string;
};

export type ChartRow = { label: string; amount: string; share: string; /** 0..100, the bar's length. */ percent: number };
export type ChartView = { id: string; title: string; rows: ChartRow[] };

export type RoundReportView = {
  stats: Stat[];
  methodLabel: string;
  methodExplain: string;
  valueExplain: string;
  tieRule: string;
  constraints: string[];
  /** Constraints were given but the method does not apply them. */
  constraintsIgnored: boolean;
  /** Groups of constraints that cannot hold together (empty when the round is feasible). */
  infeasible: string[][];
  plans: ExplainedPlanRow[];
  charts: ChartView[];
};

/** Horizontal bars without script or inline styles (the CSP forbids them): a <meter> per row, the numbers beside it as text. */
export function SpendingChart({ chart }: { chart: ChartView }) {
  return (
    <section aria-labelledby={`chart-${chart.id}`} class="bar-chart">
      <h3 id={`chart-${chart.id}`}>{chart.title}</h3>
      <Table
        caption={t('allocationPage.charts.caption', { by: chart.title })}
        empty={t('allocationPage.charts.empty')}
        rows={chart.rows}
        columns={[
          { header: chart.title, cell: (r) => r.label },
          { header: t('allocationPage.col.bar'), cell: (r) => <meter min={0} max={100} value={r.percent} aria-hidden="true">{r.share}</meter> },
          { header: t('allocationPage.col.amount'), cell: (r) => r.amount, numeric: true },
          { header: t('allocationPage.col.share'), cell: (r) => r.share, numeric: true },
        ]}
      />
    </section>
  );
}

export function RoundReport({ view }: { view: RoundReportView }) {
  return (
    <>
      <StatList stats={view.stats} />
      {view.infeasible.length > 0 && (
        <section class="error-summary" role="alert" aria-labelledby="infeasible">
          <h2 id="infeasible">{t('allocationPage.infeasible.title')}</h2>
          <p>{t('allocationPage.infeasible.lead')}</p>
          {view.infeasible.map((group, i) => (
            <>
              {view.infeasible.length > 1 && <p><strong>{t('allocationPage.infeasible.group', { n: i + 1 })}</strong></p>}
              <ul>{group.map((line) => <li>{line}</li>)}</ul>
            </>
          ))}
        </section>
      )}
      <section aria-labelledby="how" class="card">
        <h2 id="how">{t('allocationPage.how.title')}</h2>
        <p><strong>{view.methodLabel}:</strong> {view.methodExplain}</p>
        <p>{view.valueExplain}</p>
        <p class="hint">{view.tieRule}</p>
        <h3>{t('allocationPage.round.constraints')}</h3>
        {view.constraints.length ? <ul>{view.constraints.map((c) => <li>{c}</li>)}</ul> : <p>{t('allocationPage.round.no_constraints')}</p>}
        {view.constraintsIgnored && <p class="hint">{t('allocationPage.round.constraints_ignored')}</p>}
      </section>
      <h2 id="explanations">{t('allocationPage.explain.title')}</h2>
      <Table
        caption={t('allocationPage.explain.title')}
        rows={view.plans}
        columns={[
          { header: t('allocationPage.col.number'), cell: (r) => r.number, numeric: true },
          { header: t('allocationPage.col.plan'), cell: (r) => (r.href ? <a href={r.href}>{r.title}</a> : r.title) },
          { header: t('allocationPage.col.county'), cell: (r) => r.county },
          { header: t('allocationPage.col.value'), cell: (r) => r.value, numeric: true },
          { header: t('allocationPage.col.cost'), cell: (r) => r.cost, numeric: true },
          { header: t('allocationPage.col.result'), cell: (r) => (r.selected ? <Badge>{t('allocationPage.selected')}</Badge> : <Badge tone="warn">{t('allocationPage.not_selected')}</Badge>) },
          { header: t('allocationPage.col.why'), cell: (r) => r.why },
        ]}
      />
      <h2 id="charts">{t('allocationPage.charts.title')}</h2>
      <p class="hint">{t('allocationPage.charts.note')}</p>
      {view.charts.map((c) => <SpendingChart chart={c} />)}
    </>
  );
}
