import { t } from '../../platform/i18n/t.ts';
import { Pager, Table, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { EmptyState, FilterSelect, NeedStatusBadge, type NeedCardView, type NeedFilterSelect, type NeedListView } from './need-list.tsx';

export type AdminNeedsView = {
  q: string;
  selects: NeedFilterSelect[];
  place: NeedListView['place'];
  countText: string;
  rows: (NeedCardView & { placeText: string })[];
  empty: NeedListView['empty'];
  pager: PagerModel;
};

/** /admin/needs: the secretariat's queue, new needs first (oldest of them first), with filters. */
export function AdminNeedsPage({ page, view }: { page: PageContext; view: AdminNeedsView }) {
  return (
    <Layout page={page} title={t('needs.admin.title')} breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: t('needs.admin.title') }]}>
      <h1>{t('needs.admin.title')}</h1>
      <p class="lead">{t('needs.admin.lead')}</p>
      <form method="get" action="/admin/needs" role="search" aria-label={t('needs.filter.legend')}>
        <div class="search-form">
          <div class="field">
            <label for="q">{t('needs.filter.q')}</label>
            <input id="q" name="q" type="search" value={view.q} maxLength={100} />
          </div>
          {view.selects.map((s) => (
            <FilterSelect select={s} placeholder={t('needs.filter.all')} />
          ))}
          <button type="submit" class="button">{t('needs.filter.submit')}</button>
        </div>
        {view.place && <input type="hidden" name="place" value={view.place.id} />}
      </form>
      {view.place && (
        <p class="flash flash-info">
          {view.place.text} <a href={view.place.removeHref}>{t('needs.filter.place_remove')}</a>
        </p>
      )}
      <p class="meta" role="status">{view.countText}</p>
      {view.empty ? (
        <EmptyState empty={view.empty} />
      ) : (
        <Table
          caption={t('needs.admin.title')}
          rows={view.rows}
          columns={[
            { header: t('needs.field.title'), cell: (r) => <a href={r.href}>{r.title}</a> },
            { header: t('needs.field.place'), cell: (r) => <a href={r.placeHref}>{r.placeText}</a> },
            { header: t('needs.page.status'), cell: (r) => <NeedStatusBadge status={r.status} label={r.statusLabel} /> },
            { header: t('needs.admin.col.supports'), cell: (r) => r.supports, numeric: true },
            { header: t('needs.page.date'), cell: (r) => r.date },
          ]}
        />
      )}
      <Pager pager={view.pager} />
    </Layout>
  );
}
