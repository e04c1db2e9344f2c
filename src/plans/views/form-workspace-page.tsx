import { t } from '../../platform/i18n/t.ts';
import { Badge, CsrfField, Pager, Table, TextField, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type WorkspacePlanRow = { href: string; title: string; agency: string; call: string; status: string; amount: string; updated: string; version: string };

export type WorkspaceInvitation = {
  callId: number;
  agencyId: number;
  callTitle: string;
  meta: string;
  /** Typed title and its error after a refused «طرح تازه». */
  title: string;
  error?: string;
};

export type WorkspaceView = {
  hasAgency: boolean;
  plans: WorkspacePlanRow[];
  pager: PagerModel;
  invitations: WorkspaceInvitation[];
};

/** /my/plans: the officer's agencies' plans and the open calls they may answer with a new plan. */
export function WorkspacePage({ page, view }: { page: PageContext; view: WorkspaceView }) {
  return (
    <Layout page={page} title={t('planForm.workspace.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('planForm.workspace.title') }]}>
      <h1>{t('planForm.workspace.title')}</h1>
      <p class="lead">{t('planForm.workspace.lead')}</p>
      <p><a href="/my/resolutions">{t('resolutions.my.link')}</a> · <a href="/my/reports">{t('reports.my.title')}</a></p>
      {!view.hasAgency && <p class="empty">{t('planForm.workspace.no_agency')}</p>}
      <h2>{t('planForm.workspace.plans')}</h2>
      <Table
        caption={t('planForm.workspace.plans')}
        empty={t('planForm.workspace.no_plans')}
        rows={view.plans}
        columns={[
          { header: t('planForm.col.title'), cell: (r) => <a href={r.href}>{r.title}</a> },
          { header: t('planForm.col.agency'), cell: (r) => r.agency },
          { header: t('planForm.col.call'), cell: (r) => r.call },
          { header: t('planForm.col.status'), cell: (r) => <Badge>{r.status}</Badge> },
          { header: t('planForm.col.amount'), cell: (r) => r.amount, numeric: true },
          { header: t('planForm.col.updated'), cell: (r) => r.updated },
          { header: t('planForm.col.version'), cell: (r) => r.version, numeric: true },
        ]}
      />
      <Pager pager={view.pager} />
      <h2>{t('planForm.workspace.calls')}</h2>
      {view.invitations.length === 0 && <p class="empty">{t('planForm.workspace.no_calls')}</p>}
      {view.invitations.map((inv) => {
        const id = `title-${inv.callId}-${inv.agencyId}`;
        return (
          <section class="card">
            <h3>{inv.callTitle}</h3>
            <p class="meta">{inv.meta}</p>
            <form method="post" action="/my/plans" novalidate class="search-form">
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="call_id" value={String(inv.callId)} />
              <input type="hidden" name="agency_id" value={String(inv.agencyId)} />
              <TextField name={id} label={t('planForm.new.title_label')} value={inv.title} error={inv.error} required maxLength={200} />
              <button type="submit" class="button">{t('planForm.new.submit')}</button>
            </form>
          </section>
        );
      })}
    </Layout>
  );
}
