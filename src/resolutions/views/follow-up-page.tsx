import { PrintDocument } from '../../platform/views/print-document.tsx';
import { t } from '../../platform/i18n/t.ts';
import { Pager, StatList, Table, type PagerModel, type SelectOption, type Stat } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { ResolutionTable, type ResolutionRowView } from './parts.tsx';

export type AgencySummaryView = { name: string; href: string; active: string; overdue: string; done: string; hasOverdue: boolean };

export type FollowUpView = {
  status: string;
  agency: string;
  statusOptions: SelectOption[];
  agencyOptions: SelectOption[];
  stats: Stat[];
  heading: string;
  countText: string;
  rows: ResolutionRowView[];
  agencies: AgencySummaryView[];
  pager: PagerModel;
  printHref: string;
  print: boolean;
  generatedAt: string;
};

function Filters({ view }: { view: FollowUpView }) {
  const select = (name: string, label: string, value: string, options: SelectOption[]) => (
    <div class="field">
      <label for={name}>{label}</label>
      <select id={name} name={name}>
        {options.map((o) => <option value={o.value} selected={o.value === value}>{o.label}</option>)}
      </select>
    </div>
  );
  return (
    <form method="get" action="/admin/resolutions" role="search" aria-label={t('resolutions.filter.legend')}>
      <div class="search-form">
        {select('status', t('resolutions.filter.status'), view.status, view.statusOptions)}
        {select('agency', t('resolutions.filter.agency'), view.agency, view.agencyOptions)}
        <button type="submit" class="button">{t('resolutions.filter.submit')}</button>
      </div>
    </form>
  );
}

function AgencySummary({ agencies, link }: { agencies: AgencySummaryView[]; link: boolean }) {
  return (
    <Table
      caption={t('resolutions.follow.by_agency')}
      rows={agencies}
      empty={t('resolutions.follow.none')}
      columns={[
        { header: t('resolutions.col.agency'), cell: (a) => (link ? <a href={a.href}>{a.name}</a> : a.name) },
        { header: t('resolutions.count.active'), cell: (a) => a.active, numeric: true },
        { header: t('resolutions.count.overdue'), cell: (a) => (a.hasOverdue ? <strong>{a.overdue}</strong> : a.overdue), numeric: true },
        { header: t('resolutions.count.done'), cell: (a) => a.done, numeric: true },
      ]}
    />
  );
}

function Report({ view }: { view: FollowUpView }) {
  return (
    <>
      <StatList stats={view.stats} />
      <h2>{view.heading}</h2>
      <p class="meta" role="status">{view.countText}</p>
      <ResolutionTable rows={view.rows} caption={view.heading} empty={t('resolutions.follow.none')} linkMeetings={!view.print} />
      <h2>{t('resolutions.follow.by_agency')}</h2>
      <AgencySummary agencies={view.agencies} link={!view.print} />
      <p class="meta">{t('resolutions.follow.generated', { at: view.generatedAt })}</p>
    </>
  );
}

/** /admin/resolutions: the council's follow-up of its resolutions, overdue first. */
export function FollowUpPage({ page, view }: { page: PageContext; view: FollowUpView }) {
  const title = t('resolutions.follow.title');
  if (view.print) {
    return (
      <PrintDocument title={title}>
        <h1>{title}</h1>
        <Report view={view} />
      </PrintDocument>
    );
  }
  return (
    <Layout page={page} title={title} breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('resolutions.follow.lead')}</p>
      <Filters view={view} />
      <p>
        <a class="button button-secondary" href={view.printHref}>{t('resolutions.follow.print')}</a>
      </p>
      <Report view={view} />
      <Pager pager={view.pager} />
    </Layout>
  );
}
