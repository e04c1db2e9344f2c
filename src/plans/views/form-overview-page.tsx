import type { ComponentChildren } from 'preact';
import { t } from '../../platform/i18n/t.ts';
import { Badge, Table } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import type { DiffView, EventView, ReadonlyPlanView, VersionLink } from '../form-view.ts';
import { WithdrawForm, type WithdrawView } from './form-review-page.tsx';
import { PlanReadonly } from './plan-readonly.tsx';

export type PlanSummaryView = {
  title: string;
  status: string;
  call: string;
  agency: string;
  amount: string;
  version: string;
  updated: string;
};

export type HistoryView = { versions: VersionLink[]; draftCompare: { href: string; label: string } | null; events: EventView[] };

export type OverviewView = {
  summary: PlanSummaryView;
  editHref: string | null;
  returnedMessage: string | null;
  history: HistoryView;
  plan: ReadonlyPlanView;
  withdraw: WithdrawView | null;
};

export function PlanSummary({ s }: { s: PlanSummaryView }) {
  return (
    <dl class="kv card">
      <div><dt>{t('planForm.meta.status')}</dt><dd><Badge>{s.status}</Badge></dd></div>
      <div><dt>{t('planForm.meta.call')}</dt><dd>{s.call}</dd></div>
      <div><dt>{t('planForm.meta.agency')}</dt><dd>{s.agency}</dd></div>
      <div><dt>{t('planForm.meta.amount')}</dt><dd>{s.amount}</dd></div>
      <div><dt>{t('planForm.meta.version')}</dt><dd>{s.version}</dd></div>
      <div><dt>{t('planForm.meta.updated')}</dt><dd>{s.updated}</dd></div>
    </dl>
  );
}

/** Submitted versions with links to what changed, and the timeline of the plan's states and messages. */
export function PlanHistory({ h }: { h: HistoryView }) {
  return (
    <div class="two-columns">
      <section class="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('planForm.versions.title')}</h2>
        {h.versions.length === 0 ? (
          <p>{t('planForm.versions.none')}</p>
        ) : (
          <ul>
            {h.versions.map((v) => (
              <li>
                {v.label}
                {v.href && <>، <a href={v.href}>{v.compareLabel}</a></>}
              </li>
            ))}
          </ul>
        )}
        {h.draftCompare && <p><a href={h.draftCompare.href}>{h.draftCompare.label}</a></p>}
      </section>
      <section class="card" aria-labelledby="events-title">
        <h2 id="events-title">{t('planForm.events.title')}</h2>
        {h.events.length === 0 ? (
          <p>{t('planForm.events.none')}</p>
        ) : (
          <ul class="timeline">
            {h.events.map((e) => (
              <li>
                <p>
                  <strong>{e.label}</strong> <span class="meta">{e.when}{e.actor ? `، ${e.actor}` : ''}</span>
                </p>
                {e.message && <blockquote>{e.message}</blockquote>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** /my/plans/:id: where the plan stands, its versions and events, and the whole plan read-only; children (the review result) follow the summary. */
export function PlanOverviewPage({ page, view, children }: { page: PageContext; view: OverviewView; children?: ComponentChildren }) {
  const title = t('planForm.overview.title', { title: view.summary.title });
  return (
    <Layout page={page} title={title} breadcrumbs={[{ label: t('planForm.workspace.title'), href: '/my/plans' }, { label: view.summary.title }]}>
      <h1>{title}</h1>
      {view.returnedMessage && (
        <div class="flash flash-info" role="status">
          <p>{t('planForm.returned_message')}</p>
          <p>{view.returnedMessage}</p>
        </div>
      )}
      <PlanSummary s={view.summary} />
      {view.editHref && <p><a href={view.editHref} class="button">{t('planForm.overview.edit')}</a></p>}
      {children}
      <PlanHistory h={view.history} />
      <h2>{t('planForm.content.title')}</h2>
      <PlanReadonly plan={view.plan} />
      {view.withdraw && <WithdrawForm page={page} view={view.withdraw} />}
    </Layout>
  );
}

/** Two versions side by side, field by field: before and after. */
export function PlanDiffPage({ page, view, crumbs }: { page: PageContext; view: DiffView; crumbs: Crumb[] }) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={[...crumbs, { label: view.title }]}>
      <h1>{view.title}</h1>
      <Table
        caption={view.title}
        empty={t('planForm.diff.none')}
        rows={view.changes}
        columns={[
          { header: t('planForm.diff.field'), cell: (c) => <strong>{c.label}</strong> },
          { header: t('planForm.diff.before'), cell: (c) => <del>{c.before}</del> },
          { header: t('planForm.diff.after'), cell: (c) => <ins>{c.after}</ins> },
        ]}
      />
      <p><a href={view.backHref}>{t('planForm.diff.back')}</a></p>
    </Layout>
  );
}
