import { t } from '../../platform/i18n/t.ts';
import { Badge, Pager, type PagerModel } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';

export type ArticleCardView = {
  href: string;
  overline: string;
  title: string;
  lead: string;
  date: string;
  dateIso: string;
  cover: { src: string; alt: string } | null;
  isDemo: boolean;
};

export type NewsListView = {
  /** Filters in force, each with the address that removes it. */
  filters: { text: string; removeHref: string }[];
  countText: string;
  items: ArticleCardView[];
  empty: { title: string; link?: { href: string; label: string } } | null;
  pager: PagerModel;
  deskHref: string | null;
};

/** The RSS feed's alternate link, for the layout's head. */
export const FeedLink = () => <link rel="alternate" type="application/rss+xml" title={t('news.feed.title')} href="/feed.xml" />;

export function ArticleCard({ a }: { a: ArticleCardView }) {
  return (
    <article class="card need-card news-card">
      {a.cover && <img class="news-thumb" src={a.cover.src} alt={a.cover.alt} loading="lazy" width="160" height="90" />}
      <div>
        {a.overline && <p class="overline">{a.overline}</p>}
        <h2>
          <a href={a.href}>{a.title}</a>
          {a.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
        </h2>
        {a.lead && <p>{a.lead}</p>}
        <p class="meta"><time datetime={a.dateIso}>{a.date}</time></p>
      </div>
    </article>
  );
}

/** /news: the latest public articles, by tag or place, with the feed. */
export function NewsListPage({ page, view }: { page: PageContext; view: NewsListView }) {
  return (
    <Layout page={page} title={t('news.list.title')} breadcrumbs={[{ label: t('nav.home'), href: '/' }, { label: t('news.list.title') }]} head={<FeedLink />}>
      <div class="place-header">
        <h1>{t('news.list.title')}</h1>
        {view.deskHref && <a class="button button-secondary" href={view.deskHref}>{t('news.list.desk')}</a>}
      </div>
      <p class="lead">{t('news.list.lead')}</p>
      {view.filters.map((f) => (
        <p class="flash flash-info">
          {f.text} <a href={f.removeHref}>{t('news.filter.remove')}</a>
        </p>
      ))}
      <p class="meta" role="status">
        {view.countText}، <a href="/feed.xml">{t('news.feed.link')}</a>
      </p>
      {view.empty ? (
        <div class="empty">
          <p><strong>{view.empty.title}</strong></p>
          {view.empty.link && <p><a href={view.empty.link.href}>{view.empty.link.label}</a></p>}
        </div>
      ) : (
        <div>{view.items.map((a) => <ArticleCard a={a} />)}</div>
      )}
      <Pager pager={view.pager} />
    </Layout>
  );
}
