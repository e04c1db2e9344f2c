import { t } from '../../platform/i18n/t.ts';
import { Badge } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { Crumb, PageContext } from '../../platform/views/page-context.ts';
import { CommentThread, type CommentFormModel, type ThreadView } from '../../comments/views/thread.tsx';
import type { ShareTarget } from '../share.ts';
import { FeedLink } from './news-list.tsx';

type Link = { href: string; label: string };

export type ArticlePageView = {
  title: string;
  overline: string;
  lead: string;
  /** «قزوین – محله –», printed before the body. */
  dateline: string;
  /** Markdown rendered without raw HTML (platform/views/markdown.ts). */
  bodyHtml: string;
  date: string | null;
  dateIso: string | null;
  codeText: string;
  tags: Link[];
  cover: { src: string; caption: string; alt: string } | null;
  plans: Link[];
  meetings: (Link & { date: string })[];
  places: Link[];
  share: { target: ShareTarget; label: string; href: string }[];
  printHref: string;
  backHref: string;
  isDemo: boolean;
  crumbs: Crumb[];
  /** For the desk reading an article the public cannot see yet. */
  preview: { status: string; editHref: string } | null;
  /** For the desk on a public article. */
  editHref: string | null;
  /** Open Graph and Twitter card metadata. */
  meta: { url: string; description: string; image: string | null; publishedIso: string | null; siteName: string; tags: string[] };
};

function ArticleHead({ view, print }: { view: ArticlePageView; print: boolean }) {
  const m = view.meta;
  return (
    <>
      <link rel="canonical" href={m.url} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={m.siteName} />
      <meta property="og:locale" content="fa_IR" />
      <meta property="og:title" content={view.title} />
      <meta property="og:description" content={m.description} />
      <meta property="og:url" content={m.url} />
      {m.image && <meta property="og:image" content={m.image} />}
      {m.image && view.cover && <meta property="og:image:alt" content={view.cover.alt} />}
      {m.publishedIso && <meta property="article:published_time" content={m.publishedIso} />}
      {m.tags.map((tag) => <meta property="article:tag" content={tag} />)}
      <meta name="twitter:card" content={m.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={view.title} />
      <meta name="twitter:description" content={m.description} />
      {m.image && <meta name="twitter:image" content={m.image} />}
      {(print || view.preview) && <meta name="robots" content="noindex" />}
      <FeedLink />
    </>
  );
}

function Related({ view }: { view: ArticlePageView }) {
  if (!view.plans.length && !view.meetings.length && !view.places.length) return null;
  return (
    <section class="card no-print" aria-labelledby="related-title">
      <h2 id="related-title">{t('news.page.related')}</h2>
      <dl class="kv">
        {view.plans.length > 0 && (
          <div>
            <dt>{t('news.field.plans')}</dt>
            <dd>{view.plans.map((p, i) => <>{i > 0 && '، '}<a href={p.href}>{p.label}</a></>)}</dd>
          </div>
        )}
        {view.meetings.length > 0 && (
          <div>
            <dt>{t('news.field.meetings')}</dt>
            <dd>{view.meetings.map((m, i) => <>{i > 0 && '، '}<a href={m.href}>{m.label}</a> <span class="meta">({m.date})</span></>)}</dd>
          </div>
        )}
        {view.places.length > 0 && (
          <div>
            <dt>{t('news.field.places')}</dt>
            <dd>{view.places.map((p, i) => <>{i > 0 && '، '}<a href={p.href}>{p.label}</a></>)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/**
 * /news/:newsCode: overline, title, lead, dateline and body, the date and news code, tags, the
 * cover with its caption, related plans, meetings and places, share links and the comments.
 * With ?print=1 the article alone, for printing.
 */
export function ArticlePage({
  page,
  view,
  comments,
  print,
}: {
  page: PageContext;
  view: ArticlePageView;
  comments: { thread: ThreadView; form: CommentFormModel | null } | null;
  print: boolean;
}) {
  return (
    <Layout page={page} title={view.title} breadcrumbs={print ? [] : view.crumbs} head={<ArticleHead view={view} print={print} />}>
      {view.preview && (
        <div class="flash flash-info" role="note">
          {t('news.page.preview', { status: view.preview.status })} <a href={view.preview.editHref}>{t('news.page.edit')}</a>
        </div>
      )}
      <article class="news-article" aria-labelledby="article-title">
        <header>
          {view.overline && <p class="overline">{view.overline}</p>}
          <h1 id="article-title">
            {view.title}
            {view.isDemo && <> <Badge tone="demo">{t('places.demo_badge')}</Badge></>}
          </h1>
          <p class="meta">
            {view.date && view.dateIso && <time datetime={view.dateIso}>{view.date}</time>}
            {view.date && ' · '}
            <span>{view.codeText}</span>
            {view.editHref && <> · <a href={view.editHref} class="no-print">{t('news.page.edit')}</a></>}
          </p>
          {view.lead && <p class="news-lead">{view.lead}</p>}
        </header>
        {view.cover && (
          <figure class="news-cover">
            <img src={view.cover.src} alt={view.cover.alt} />
            <figcaption>{view.cover.caption}</figcaption>
          </figure>
        )}
        <div class="news-body">
          <p class="dateline">{view.dateline}</p>
          <div dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
        </div>
        {view.tags.length > 0 && (
          <p class="news-tags">
            <span class="meta">{t('news.field.tags')}: </span>
            {view.tags.map((tag, i) => <>{i > 0 && '، '}<a href={tag.href} rel="tag">{tag.label}</a></>)}
          </p>
        )}
      </article>
      {print ? (
        <p class="no-print"><a href={view.backHref}>{t('news.page.print_back')}</a></p>
      ) : (
        <>
          <Related view={view} />
          <nav class="news-share no-print" aria-label={t('news.share.label')}>
            <span>{t('news.share.label')}: </span>
            {view.share.map((s) => (
              <a href={s.href} rel="noopener noreferrer" target={s.target === 'email' ? undefined : '_blank'}>{s.label}</a>
            ))}
            <a href={view.printHref} rel="nofollow">{t('news.page.print')}</a>
          </nav>
          {comments && <CommentThread thread={comments.thread} form={comments.form} />}
          <p class="no-print"><a href="/news">{t('news.page.more')}</a></p>
        </>
      )}
    </Layout>
  );
}
