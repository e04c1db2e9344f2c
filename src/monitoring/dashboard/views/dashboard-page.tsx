import type { ComponentChildren } from 'preact';
import { t } from '../../../platform/i18n/t.ts';
import { BarChart, type BarDatum } from '../../../platform/views/charts.tsx';
import { StatList, Table, type Stat } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MonitoringStyles } from '../../styles.tsx';
import { percentFormat } from '../load-targeting.ts';
import { PlaceName } from './targeting-page.tsx';

export type TimelinessRowView = { period: string; onTime: string; late: string; missing: string; onTimeShare: string; onTimeValue: number; notOnTimeValue: number };
export type TopPlaceView = { rank: string; name: string; href: string; demo: boolean; county: string; score: string; coverage: string; plans: string };

export type DashboardView = {
  generatedAt: string;
  recentDays: string;
  budget: { stats: Stat[]; byCounty: BarDatum[]; spentByCounty: number[]; byHarm: BarDatum[]; byTarget: BarDatum[]; withoutCounty: string | null };
  compliance: {
    call: { title: string; href: string; status: string; deadline: string } | null;
    stats: Stat[];
    chart: BarDatum[];
    overdueAgencies: { name: string; credit: string; days: string; reminder: string }[];
    lateReporters: { name: string; missing: string; late: string }[];
  };
  resolutions: {
    stats: Stat[];
    overdue: { href: string; label: string; text: string; agency: string; deadline: string; remaining: string }[];
    moreHref: string | null;
  };
  timeliness: { stats: Stat[]; rows: TimelinessRowView[] };
  participation: { rows: { label: string; recent: string; all: string }[]; queue: string };
  needIndex: { top: TopPlaceView[]; shareSentence: string | null; shareChart: BarDatum[]; unreached: string };
};

const sections = [
  { id: 'budget', key: 'dashboard.budget.heading' },
  { id: 'compliance', key: 'dashboard.compliance.heading' },
  { id: 'resolutions', key: 'dashboard.resolutions.heading' },
  { id: 'timeliness', key: 'dashboard.timeliness.heading' },
  { id: 'participation', key: 'dashboard.participation.heading' },
  { id: 'need-index', key: 'dashboard.need.heading' },
] as const;

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="dash-section" id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

const rialsUnit = () => t('dashboard.unit.rials');

function Budget({ v }: { v: DashboardView['budget'] }) {
  const spent = v.byCounty.map((c, i) => ({ label: c.label, value: v.spentByCounty[i] ?? 0, ...(c.href ? { href: c.href } : {}) }));
  return (
    <Section id="budget" title={t('dashboard.budget.heading')}>
      <StatList stats={v.stats} />
      <p class="dash-note">{t('dashboard.budget.split_note')}</p>
      <div class="dash-grid">
        <BarChart title={t('dashboard.budget.by_county')} data={v.byCounty} unit={rialsUnit()} valueName={t('dashboard.budget.funded')} />
        <BarChart
          title={t('dashboard.budget.funded_vs_spent')}
          data={spent}
          unit={rialsUnit()}
          valueName={t('dashboard.budget.spent')}
          compare={{ name: t('dashboard.budget.funded'), values: v.byCounty.map((c) => c.value) }}
        />
        <BarChart title={t('dashboard.budget.by_harm')} data={v.byHarm} unit={rialsUnit()} valueName={t('dashboard.budget.funded')} />
        <BarChart title={t('dashboard.budget.by_target')} data={v.byTarget} unit={rialsUnit()} valueName={t('dashboard.budget.funded')} />
      </div>
      {v.withoutCounty && <p class="dash-note">{v.withoutCounty}</p>}
    </Section>
  );
}

function Compliance({ v }: { v: DashboardView['compliance'] }) {
  return (
    <Section id="compliance" title={t('dashboard.compliance.heading')}>
      {v.call ? (
        <>
          <p>
            {t('dashboard.compliance.call')} <a href={v.call.href}>{v.call.title}</a>
            {' — '}
            {t('dashboard.compliance.call_meta', { status: v.call.status, deadline: v.call.deadline })}
          </p>
          <StatList stats={v.stats} />
          <BarChart title={t('dashboard.compliance.chart')} data={v.chart} unit={t('dashboard.unit.agencies')} valueName={t('dashboard.compliance.agencies')} />
          <Table
            caption={t('dashboard.compliance.overdue_caption')}
            rows={v.overdueAgencies}
            empty={t('dashboard.compliance.no_overdue')}
            columns={[
              { header: t('dashboard.col.agency'), cell: (r) => r.name },
              { header: t('dashboard.col.credit'), cell: (r) => r.credit, numeric: true },
              { header: t('dashboard.col.delay'), cell: (r) => r.days },
              { header: t('dashboard.col.reminder'), cell: (r) => r.reminder },
            ]}
          />
        </>
      ) : (
        <p class="empty">{t('dashboard.compliance.no_call')}</p>
      )}
      <h3>{t('dashboard.compliance.reports_heading')}</h3>
      <Table
        caption={t('dashboard.compliance.reports_caption')}
        rows={v.lateReporters}
        empty={t('dashboard.compliance.no_late_reports')}
        columns={[
          { header: t('dashboard.col.agency'), cell: (r) => r.name },
          { header: t('dashboard.col.missing'), cell: (r) => r.missing, numeric: true },
          { header: t('dashboard.col.late'), cell: (r) => r.late, numeric: true },
        ]}
      />
    </Section>
  );
}

function Resolutions({ v }: { v: DashboardView['resolutions'] }) {
  return (
    <Section id="resolutions" title={t('dashboard.resolutions.heading')}>
      <StatList stats={v.stats} />
      <Table
        caption={t('dashboard.resolutions.caption')}
        rows={v.overdue}
        empty={t('dashboard.resolutions.none')}
        columns={[
          { header: t('dashboard.col.resolution'), cell: (r) => <a href={r.href}>{r.label}</a> },
          { header: t('dashboard.col.text'), cell: (r) => r.text },
          { header: t('dashboard.col.agency'), cell: (r) => r.agency },
          { header: t('dashboard.col.deadline'), cell: (r) => <span class="nowrap">{r.deadline}</span> },
          { header: t('dashboard.col.delay'), cell: (r) => r.remaining },
        ]}
      />
      <p>
        <a href={v.moreHref ?? '/admin/resolutions'}>{t(v.moreHref ? 'dashboard.resolutions.more' : 'dashboard.resolutions.all')}</a>
      </p>
    </Section>
  );
}

function Timeliness({ v }: { v: DashboardView['timeliness'] }) {
  return (
    <Section id="timeliness" title={t('dashboard.timeliness.heading')}>
      <p class="dash-note">{t('dashboard.timeliness.note')}</p>
      <StatList stats={v.stats} />
      <BarChart
        title={t('dashboard.timeliness.chart')}
        data={v.rows.map((r) => ({ label: r.period, value: r.onTimeValue }))}
        unit={t('dashboard.unit.reports')}
        valueName={t('dashboard.timeliness.on_time')}
        compare={{ name: t('dashboard.timeliness.due'), values: v.rows.map((r) => r.onTimeValue + r.notOnTimeValue) }}
      />
      <Table
        caption={t('dashboard.timeliness.caption')}
        rows={v.rows}
        empty={t('dashboard.timeliness.none')}
        columns={[
          { header: t('dashboard.col.quarter'), cell: (r) => r.period },
          { header: t('dashboard.timeliness.on_time'), cell: (r) => r.onTime, numeric: true },
          { header: t('dashboard.timeliness.late'), cell: (r) => r.late, numeric: true },
          { header: t('dashboard.timeliness.missing'), cell: (r) => r.missing, numeric: true },
          { header: t('dashboard.timeliness.share'), cell: (r) => r.onTimeShare, numeric: true },
        ]}
      />
    </Section>
  );
}

function Participation({ v, days }: { v: DashboardView['participation']; days: string }) {
  return (
    <Section id="participation" title={t('dashboard.participation.heading')}>
      <Table
        caption={t('dashboard.participation.caption', { days })}
        rows={v.rows}
        columns={[
          { header: t('dashboard.col.measure'), cell: (r) => r.label },
          { header: t('dashboard.col.recent', { days }), cell: (r) => r.recent, numeric: true },
          { header: t('dashboard.col.all'), cell: (r) => r.all, numeric: true },
        ]}
      />
      <p>
        {t('dashboard.participation.queue', { count: v.queue })} <a href="/admin/moderation">{t('dashboard.participation.queue_link')}</a>
      </p>
    </Section>
  );
}

function NeedIndex({ v }: { v: DashboardView['needIndex'] }) {
  return (
    <Section id="need-index" title={t('dashboard.need.heading')}>
      <Table
        caption={t('dashboard.need.caption')}
        rows={v.top}
        empty={t('dashboard.need.none')}
        columns={[
          { header: t('dashboard.col.rank'), cell: (r) => r.rank, numeric: true },
          { header: t('dashboard.col.place'), cell: (r) => <PlaceName r={r} /> },
          { header: t('dashboard.col.county'), cell: (r) => r.county },
          { header: t('dashboard.col.score'), cell: (r) => r.score, numeric: true },
          { header: t('dashboard.col.coverage'), cell: (r) => r.coverage },
          { header: t('dashboard.col.plans'), cell: (r) => r.plans, numeric: true },
        ]}
      />
      {v.shareSentence && <p class="dash-figure">{v.shareSentence}</p>}
      <BarChart title={t('dashboard.targeting.share_chart')} data={v.shareChart} format={percentFormat} valueName={t('dashboard.targeting.share_value')} />
      <p>
        {t('dashboard.need.unreached', { count: v.unreached })} <a href="/admin/targeting">{t('dashboard.need.targeting_link')}</a>
      </p>
    </Section>
  );
}

/** /admin/dashboard: the council's overview of money, compliance, follow-up, reporting, participation and need. */
export function DashboardPage({ page, view }: { page: PageContext; view: DashboardView }) {
  const title = t('dashboard.title');
  return (
    <Layout page={page} title={title} head={<MonitoringStyles />} breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('dashboard.lead')}</p>
      <nav class="dash-toc" aria-label={t('dashboard.toc')}>
        <ul>
          {sections.map((s) => (
            <li>
              <a href={`#${s.id}`}>{t(s.key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Budget v={view.budget} />
      <Compliance v={view.compliance} />
      <Resolutions v={view.resolutions} />
      <Timeliness v={view.timeliness} />
      <Participation v={view.participation} days={view.recentDays} />
      <NeedIndex v={view.needIndex} />
      <p class="meta">{t('dashboard.generated', { at: view.generatedAt })}</p>
    </Layout>
  );
}
