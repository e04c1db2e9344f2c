import { t } from '../../platform/i18n/t.ts';
import { Badge, Pager, Table, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';

export type CallListItem = {
  href: string;
  title: string;
  fiscalYear: string;
  budget: string;
  deadline: string;
  daysLeft: string;
  statusLabel: string;
  isOpen: boolean;
  isDemo: boolean;
};

export type CallsIndexView = { items: CallListItem[]; pager: PagerModel };

const publicCrumbs = (...rest: Crumb[]): Crumb[] => [{ label: t('nav.home'), href: '/' }, { label: t('calls.title'), href: '/calls' }, ...rest];

export function CallsIndexPage({ page, view }: { page: PageContext; view: CallsIndexView }) {
  return (
    <Layout page={page} title={t('calls.title')} breadcrumbs={publicCrumbs()}>
      <h1>{t('calls.title')}</h1>
      <p class="lead">{t('calls.lead')}</p>
      <Table
        caption={t('calls.title')}
        rows={view.items}
        empty={t('calls.empty')}
        columns={[
          {
            header: t('calls.col.title'),
            cell: (c) => (
              <>
                <a href={c.href}>{c.title}</a>
                {c.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
              </>
            ),
          },
          { header: t('calls.col.fiscal_year'), cell: (c) => c.fiscalYear, numeric: true },
          { header: t('calls.col.budget'), cell: (c) => c.budget, numeric: true },
          {
            header: t('calls.col.deadline'),
            cell: (c) => (
              <>
                {c.deadline}
                {c.isOpen && <span class="meta"> — {c.daysLeft}</span>}
              </>
            ),
          },
          { header: t('calls.col.status'), cell: (c) => <Badge tone={c.isOpen ? 'info' : undefined}>{c.statusLabel}</Badge> },
        ]}
      />
      <Pager pager={view.pager} />
    </Layout>
  );
}

/** An invited agency as the public sees it (exemption reasons stay with the council). */
export type InvitedAgencyItem = { name: string; credit: string; statusLabel: string; overdue: boolean };

export type CallView = {
  title: string;
  statusLabel: string;
  isOpen: boolean;
  isDemo: boolean;
  isDraft: boolean;
  fiscalYear: string;
  budget: string;
  deadline: string;
  daysLeft: string;
  paragraphs: string[];
  harms: string[];
  targetGroups: string[];
  places: string[];
  agencies: InvitedAgencyItem[];
  agencyPager: PagerModel;
  agencyCount: string;
  publicPlansText: string;
  plansHref: string;
  complianceHref: string | null;
  manageHref: string | null;
};

function TagList({ items }: { items: string[] }) {
  return (
    <p>
      {items.map((label, i) => (
        <>
          {i > 0 && ' '}
          <Badge>{label}</Badge>
        </>
      ))}
    </p>
  );
}

export function CallPage({ page, view }: { page: PageContext; view: CallView }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={publicCrumbs({ label: view.title })}>
      <div class="place-header">
        <h1>{view.title}</h1>
        <Badge tone={view.isOpen ? 'info' : undefined}>{view.statusLabel}</Badge>
        {view.isDemo && <Badge tone="demo">{t('places.demo_badge')}</Badge>}
      </div>
      {view.isDraft && <p class="flash flash-info">{t('call.draft_note')}</p>}
      {(view.manageHref || view.complianceHref) && (
        <p>
          {view.manageHref && <a class="button button-secondary" href={view.manageHref}>{t('call.manage')}</a>}{' '}
          {view.complianceHref && <a class="button button-secondary" href={view.complianceHref}>{t('compliance.title')}</a>}
        </p>
      )}
      <dl class="kv">
        <div>
          <dt>{t('calls.col.fiscal_year')}</dt>
          <dd>{view.fiscalYear}</dd>
        </div>
        <div>
          <dt>{t('calls.col.budget')}</dt>
          <dd>{view.budget}</dd>
        </div>
        <div>
          <dt>{t('calls.col.deadline')}</dt>
          <dd>
            {view.deadline}
            {view.isOpen && <span class="meta"> — {view.daysLeft}</span>}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="about">
        <h2 id="about">{t('call.about')}</h2>
        {view.paragraphs.map((p) => <p>{p}</p>)}
      </section>
      <div class="two-columns">
        <section aria-labelledby="harms" class="card">
          <h2 id="harms">{t('call.harms')}</h2>
          <TagList items={view.harms} />
        </section>
        <section aria-labelledby="groups" class="card">
          <h2 id="groups">{t('call.target_groups')}</h2>
          <TagList items={view.targetGroups} />
        </section>
      </div>
      <section aria-labelledby="places">
        <h2 id="places">{t('call.places')}</h2>
        <ul>{view.places.map((p) => <li>{p}</li>)}</ul>
      </section>
      <section aria-labelledby="plans">
        <h2 id="plans">{t('call.plans')}</h2>
        <p>
          {view.publicPlansText} <a href={view.plansHref}>{t('call.plans_link')}</a>
        </p>
      </section>
      <section aria-labelledby="agencies">
        <h2 id="agencies">{t('call.agencies', { count: view.agencyCount })}</h2>
        <Table
          caption={t('call.agencies', { count: view.agencyCount })}
          rows={view.agencies}
          empty={t('call.agencies_none')}
          columns={[
            { header: t('compliance.col.agency'), cell: (a) => a.name },
            { header: t('call.col.credit'), cell: (a) => a.credit, numeric: true },
            {
              header: t('compliance.col.status'),
              cell: (a) => <Badge tone={a.overdue ? 'warn' : 'info'}>{a.statusLabel}</Badge>,
            },
          ]}
        />
        <Pager pager={view.agencyPager} />
      </section>
    </Layout>
  );
}
