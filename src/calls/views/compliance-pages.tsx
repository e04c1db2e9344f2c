import { PrintDocument } from '../../platform/views/print-document.tsx';
import { t } from '../../platform/i18n/t.ts';
import { Badge, Pager, StatList, Table, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { adminCallCrumbs } from './admin-call-pages.tsx';

export type ComplianceLineView = {
  name: string;
  scorecardHref: string;
  credit: string;
  plans: string;
  statusLabel: string;
  overdue: boolean;
  exemptionReason: string | null;
  days: string;
  submittedOn: string;
  lastReminder: string;
};

export type ComplianceView = {
  callTitle: string;
  callHref: string;
  statusLabel: string;
  deadline: string;
  daysLeft: string;
  generatedAt: string;
  summary: { label: string; value: string }[];
  lines: ComplianceLineView[];
  pager: PagerModel;
  printHref: string;
  csvHref: string;
  xlsxHref: string;
  print: boolean;
};

function ComplianceTable({ lines, linkAgencies }: { lines: ComplianceLineView[]; linkAgencies: boolean }) {
  return (
    <Table
      caption={t('compliance.title')}
      rows={lines}
      empty={t('call.agencies_none')}
      columns={[
        { header: t('compliance.col.agency'), cell: (l) => (linkAgencies ? <a href={l.scorecardHref}>{l.name}</a> : l.name) },
        { header: t('compliance.col.credit'), cell: (l) => l.credit, numeric: true },
        { header: t('compliance.col.plans'), cell: (l) => l.plans, numeric: true },
        {
          header: t('compliance.col.status'),
          cell: (l) => (
            <>
              <Badge tone={l.overdue ? 'warn' : 'info'}>{l.statusLabel}</Badge>
              {l.exemptionReason && <span class="meta"> — {l.exemptionReason}</span>}
            </>
          ),
        },
        { header: t('compliance.col.days'), cell: (l) => l.days },
        { header: t('compliance.col.submitted_on'), cell: (l) => l.submittedOn },
        { header: t('compliance.col.last_reminder'), cell: (l) => l.lastReminder },
      ]}
    />
  );
}

function Report({ view }: { view: ComplianceView }) {
  return (
    <>
      <p>
        {t('compliance.deadline', { deadline: view.deadline })} — {view.daysLeft} — {view.statusLabel}
      </p>
      <StatList stats={view.summary} />
      <ComplianceTable lines={view.lines} linkAgencies={!view.print} />
      <p class="meta">{t('compliance.generated', { at: view.generatedAt })}</p>
    </>
  );
}

export function CompliancePage({ page, view }: { page: PageContext; view: ComplianceView }) {
  const heading = t('compliance.heading', { title: view.callTitle });
  if (view.print) {
    return (
      <PrintDocument title={heading}>
        <h1>{heading}</h1>
        <Report view={view} />
      </PrintDocument>
    );
  }
  return (
    <Layout page={page} title={heading} breadcrumbs={adminCallCrumbs({ label: view.callTitle, href: view.callHref }, { label: t('compliance.title') })}>
      <h1>{heading}</h1>
      <p>
        <a class="button button-secondary" href={view.printHref}>{t('compliance.print')}</a>{' '}
        <a class="button button-secondary" href={view.csvHref}>{t('compliance.csv')}</a>{' '}
        <a class="button button-secondary" href={view.xlsxHref}>{t('compliance.xlsx')}</a>
      </p>
      <Report view={view} />
      <Pager pager={view.pager} />
    </Layout>
  );
}

export type ScorecardRowView = {
  callTitle: string;
  complianceHref: string;
  fiscalYear: string;
  credit: string;
  statusLabel: string;
  overdue: boolean;
  plans: string;
  approved: string;
  submittedOn: string;
  onTime: string;
};

export type ScorecardView = {
  agencyName: string;
  agencyHref: string | null;
  stats: { label: string; value: string }[];
  rows: ScorecardRowView[];
  pager: PagerModel;
};

export function ScorecardPage({ page, view }: { page: PageContext; view: ScorecardView }) {
  const heading = t('scorecard.heading', { name: view.agencyName });
  return (
    <Layout
      page={page}
      title={heading}
      breadcrumbs={[
        { label: t('nav.home'), href: '/' },
        { label: t('admin.title'), href: '/admin' },
        ...(view.agencyHref ? [{ label: view.agencyName, href: view.agencyHref }] : []),
        { label: t('scorecard.title') },
      ]}
    >
      <h1>{heading}</h1>
      <p class="lead">{t('scorecard.lead')}</p>
      <dl class="stats">
        {view.stats.map((s) => (
          <div>
            <dt>{s.label}</dt>
            <dd>{s.value}</dd>
          </div>
        ))}
      </dl>
      <Table
        caption={t('scorecard.title')}
        rows={view.rows}
        empty={t('scorecard.empty')}
        columns={[
          { header: t('calls.col.title'), cell: (r) => <a href={r.complianceHref}>{r.callTitle}</a> },
          { header: t('calls.col.fiscal_year'), cell: (r) => r.fiscalYear, numeric: true },
          { header: t('compliance.col.credit'), cell: (r) => r.credit, numeric: true },
          { header: t('compliance.col.status'), cell: (r) => <Badge tone={r.overdue ? 'warn' : 'info'}>{r.statusLabel}</Badge> },
          { header: t('compliance.col.plans'), cell: (r) => r.plans, numeric: true },
          { header: t('scorecard.col.approved'), cell: (r) => r.approved, numeric: true },
          { header: t('compliance.col.submitted_on'), cell: (r) => r.submittedOn },
          { header: t('scorecard.col.on_time'), cell: (r) => r.onTime },
        ]}
      />
      <Pager pager={view.pager} />
    </Layout>
  );
}
