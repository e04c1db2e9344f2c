import { t } from '../../platform/i18n/t.ts';
import { Badge, Pager, Table, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type DeskRowView = {
  code: string;
  title: string;
  editHref: string;
  status: string;
  tone: 'info' | 'warn' | 'demo';
  when: string;
  updated: string;
  author: string;
  isDemo: boolean;
};

export type AdminNewsView = {
  tabs: { label: string; href: string; current: boolean }[];
  rows: DeskRowView[];
  pager: PagerModel;
  newHref: string;
  caption: string;
};

/** /admin/news: the desk's articles by state, scheduled ones first by their time. */
export function AdminNewsPage({ page, view }: { page: PageContext; view: AdminNewsView }) {
  return (
    <Layout page={page} title={t('news.admin.title')} breadcrumbs={[{ label: t('nav.admin'), href: '/admin' }, { label: t('news.admin.title') }]}>
      <div class="place-header">
        <h1>{t('news.admin.title')}</h1>
        <a class="button" href={view.newHref}>{t('news.admin.new')}</a>
      </div>
      <nav class="tabs" aria-label={t('news.admin.filter')}>
        <ul>
          {view.tabs.map((tab) => (
            <li><a href={tab.href} aria-current={tab.current ? 'page' : undefined}>{tab.label}</a></li>
          ))}
        </ul>
      </nav>
      <Table
        caption={view.caption}
        rows={view.rows}
        empty={t('news.admin.empty')}
        columns={[
          { header: t('news.field.code'), cell: (r) => r.code, numeric: true },
          {
            header: t('news.field.title'),
            cell: (r) => (
              <>
                <a href={r.editHref}>{r.title}</a>
                {r.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
              </>
            ),
          },
          {
            header: t('news.admin.col.status'),
            cell: (r) => (
              <>
                <Badge tone={r.tone}>{r.status}</Badge>
                {r.when !== '—' && <span class="meta choice-meta">{r.when}</span>}
              </>
            ),
          },
          {
            header: t('news.admin.col.updated'),
            cell: (r) => (
              <>
                {r.updated}
                <span class="meta choice-meta"><bdi>{r.author}</bdi></span>
              </>
            ),
          },
        ]}
      />
      <Pager pager={view.pager} />
    </Layout>
  );
}
