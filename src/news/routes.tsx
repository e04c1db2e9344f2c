// The news desk (/admin/news) and the public news: /news, /news/:newsCode, /feed.xml.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { can } from '../accounts/permissions.ts';
import { loadThread, subjectKey, threadParams } from '../comments/load-thread.ts';
import { commentForm } from '../comments/routes.tsx';
import type { AppContext } from '../context.ts';
import { readUpload, uploadRoot } from '../platform/files/store-upload.ts';
import { notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { MAX_UPLOAD_BYTES } from '../platform/http/plugins.ts';
import { t } from '../platform/i18n/t.ts';
import { pageFromQuery } from '../platform/views/pagination.ts';
import { photoExtensions, type PhotoType } from '../needs/need-input.ts';
import type { ArticleInput } from './article-input.ts';
import { effectiveStatus, isPublicAt, type ArticleStatus } from './article-status.ts';
import { asIntent } from './article-write.ts';
import { changeArticleStatus } from './change-article-status.ts';
import { createArticle } from './create-article.ts';
import {
  adminNewsView, articlePageView, codeText, coverHint, emptyFormValues, feedXml, filterPlace, formButtons, formLimits, formValuesOf,
  linkGroups, newsListView, numberOf, parseDeskFilter, parseNewsListParams, statusLabel, statusPanel, valuesFromMeeting,
} from './load-news-pages.ts';
import {
  ADMIN_NEWS_PAGE_SIZE, articleExtras, articleLinksForForm, countDeskArticles, countPublicArticles, feedArticles, findArticle,
  findArticleByCode, hasUpcoming, linkChoices, listDeskArticles, listPublicArticles, NEWS_PAGE_SIZE, publishedMeeting, type ArticleRow,
} from './news.repo.ts';
import { updateArticle } from './update-article.ts';
import { AdminNewsPage } from './views/admin-news.tsx';
import { ArticleFormPage, type ArticleFormValues, type ArticleFormView } from './views/article-form.tsx';
import { ArticlePage } from './views/article-page.tsx';
import { NewsListPage } from './views/news-list.tsx';

/** The form as posted (multipart), with the cover's bytes. */
function postedForm(body: unknown): { values: ArticleFormValues; cover: Buffer | null; intent: string; meeting: string } {
  const cover = (body as { cover?: unknown } | undefined)?.cover;
  return {
    values: {
      overline: field(body, 'overline', 2000),
      title: field(body, 'title', 2000),
      lead: field(body, 'lead', 6000),
      body: field(body, 'body', 200_000),
      dateline: field(body, 'dateline', 200),
      publishDate: field(body, 'publish_date', 40),
      publishTime: field(body, 'publish_time', 20),
      tags: field(body, 'tags', 2000),
      coverCaption: field(body, 'cover_caption', 2000),
      removeCover: field(body, 'remove_cover', 5) === '1',
      plans: fieldList(body, 'plans'),
      meetings: fieldList(body, 'meetings'),
      places: fieldList(body, 'places'),
    },
    cover: Buffer.isBuffer(cover) && cover.length > 0 ? cover : null,
    intent: field(body, 'intent', 20),
    meeting: field(body, 'meeting', 12),
  };
}

const asInput = (v: ArticleFormValues, cover: Buffer | null): ArticleInput => ({ ...v, cover });

export async function newsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = uploadRoot(ctx.config);
  const desk = { preHandler: requirePermission('news.edit') };
  const now = () => ctx.clock.now().toISOString();

  /** The article of /news/:newsCode and who may read it: the public, or the desk for a preview. */
  async function readable(request: FastifyRequest): Promise<{ article: ArticleRow; isPublic: boolean }> {
    const code = numberOf((request.params as { newsCode?: string }).newsCode ?? '', 12);
    const article = code === null ? undefined : await findArticleByCode(ctx.db, code);
    if (!article) throw notFound();
    const isPublic = isPublicAt(article, now());
    if (!isPublic && !can(request.actor, 'news.edit')) throw notFound();
    return { article, isPublic };
  }

  // ---- public ----

  app.get('/news', { config: { publicPage: true } }, async (request, reply) => {
    const params = parseNewsListParams(request.query);
    const p = pageFromQuery(field(request.query, 'page'), NEWS_PAGE_SIZE);
    const q = { tag: params.tag, placeId: params.place, now: now() };
    const [rows, count, place] = await Promise.all([listPublicArticles(ctx.db, q, p), countPublicArticles(ctx.db, q), filterPlace(ctx, params)]);
    // A scheduled article will appear here at its time without any write: keep this page out of
    // the page cache until then.
    if (count.upcoming) request.pageCacheVersion = null;
    const view = newsListView(params, p.page, { rows, total: count.total, place }, request.actor);
    return sendPage(reply, <NewsListPage page={pageContext(request, reply, ctx.clock)} view={view} />);
  });

  app.get('/feed.xml', { config: { publicPage: true } }, async (request, reply) => {
    const at = now();
    const [rows, upcoming] = await Promise.all([feedArticles(ctx.db, at), hasUpcoming(ctx.db, at)]);
    if (upcoming) request.pageCacheVersion = null;
    return reply.type('application/rss+xml; charset=utf-8').send(feedXml(rows, { config: ctx.config, now: at }));
  });

  // Anonymous visitors: the page cache's version, the article, its tags and links, the thread and its counts.
  app.get('/news/:newsCode', { config: { publicPage: true } }, async (request, reply) => {
    const { article, isPublic } = await readable(request);
    const print = field(request.query, 'print', 2) === '1';
    if (!isPublic) {
      // A preview for the desk: personal, never cached.
      request.pageCacheVersion = null;
      reply.header('cache-control', 'private, no-store');
    }
    const subject = { type: 'article' as const, id: article.id, href: `/news/${article.news_code}`, open: true };
    const [extras, thread] = await Promise.all([
      articleExtras(ctx.db, article.id),
      isPublic && !print ? loadThread(ctx, request.actor, subject, threadParams(request.query)) : Promise.resolve(null),
    ]);
    const page = pageContext(request, reply, ctx.clock);
    const view = articlePageView(article, extras, { config: ctx.config, now: now(), actor: request.actor });
    const form = thread && request.actor ? commentForm(ctx, page.csrfToken, { action: '/comments', subject: subjectKey(subject), parentId: null, value: '' }) : null;
    return sendPage(reply, <ArticlePage page={page} view={view} comments={thread ? { thread, form } : null} print={print} />);
  });

  app.get('/news/:newsCode/cover', async (request, reply) => {
    const { article, isPublic } = await readable(request);
    if (!article.cover_key || !article.cover_type) throw notFound();
    const bytes = await readUpload(root, article.cover_key);
    if (!bytes) throw notFound();
    const type = article.cover_type as PhotoType;
    return reply
      .header('content-type', type)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="news-${article.news_code}.${photoExtensions[type] ?? 'bin'}"`)
      .header('cache-control', isPublic ? 'public, max-age=3600' : 'private, no-store')
      .send(bytes);
  });

  // ---- the desk ----

  app.get('/admin/news', desk, async (request, reply) => {
    const status = parseDeskFilter(request.query);
    const p = pageFromQuery(field(request.query, 'page'), ADMIN_NEWS_PAGE_SIZE);
    const at = now();
    const [rows, counts] = await Promise.all([listDeskArticles(ctx.db, status, at, p), countDeskArticles(ctx.db, at)]);
    return sendPage(reply, <AdminNewsPage page={pageContext(request, reply, ctx.clock)} view={adminNewsView(status, p, { rows, counts }, at)} />);
  });

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { article: ArticleRow | null; values: ArticleFormValues; errors?: Record<string, string>; meetingId?: string; notice?: string | null; coverDropped?: boolean; status?: { reason: string; errors: Record<string, string> } },
    code = 200,
  ) {
    const actor = actorOf(request);
    const page = pageContext(request, reply, ctx.clock);
    const a = o.article;
    const heading = a ? t('news.admin.edit_title', { code: codeText(a.news_code) }) : t('news.admin.new');
    const status: ArticleStatus | null = a ? effectiveStatus(a, now()) : null;
    const view: ArticleFormView = {
      heading,
      crumbs: [{ label: t('nav.admin'), href: '/admin' }, { label: t('news.admin.title'), href: '/admin/news' }, { label: heading }],
      action: a ? `/admin/news/${a.id}` : '/admin/news',
      csrfToken: page.csrfToken,
      values: o.values,
      errors: o.errors ?? {},
      notice: o.notice ?? null,
      meetingId: o.meetingId ?? '',
      ...linkGroups(await linkChoices(ctx.db)),
      limits: formLimits,
      coverHint: coverHint(),
      currentCover: a?.cover_key ? { src: `/news/${a.news_code}/cover`, alt: a.cover_caption || a.title } : null,
      coverDropped: o.coverDropped === true,
      buttons: formButtons(actor, status),
      status: a ? statusPanel(a, actor, now(), o.status ?? {}) : null,
    };
    return sendPage(reply, <ArticleFormPage page={page} view={view} />, code);
  }

  app.get('/admin/news/new', desk, async (request, reply) => {
    const meetingRaw = field(request.query, 'meeting', 12);
    if (!meetingRaw) return renderForm(request, reply, { article: null, values: emptyFormValues() });
    const id = numberOf(meetingRaw);
    const meeting = id === null ? undefined : await publishedMeeting(ctx.db, id);
    if (!meeting) return renderForm(request, reply, { article: null, values: emptyFormValues(), notice: t('news.prefill.not_published') });
    return renderForm(request, reply, { article: null, values: valuesFromMeeting(meeting), meetingId: String(meeting.id), notice: t('news.prefill.from_meeting', { title: meeting.title }) });
  });

  app.post('/admin/news', { ...desk, bodyLimit: MAX_UPLOAD_BYTES + 262_144 }, async (request, reply) => {
    const posted = postedForm(request.body);
    const meetingId = posted.meeting ? numberOf(posted.meeting) : null;
    const result = await submitForm(() =>
      createArticle(ctx, actorOf(request), { ...asInput(posted.values, posted.cover), intent: asIntent(posted.intent), meetingId, uploadRoot: root }),
    );
    if (!result.ok) {
      return renderForm(request, reply, { article: null, values: posted.values, errors: result.errors, meetingId: posted.meeting, coverDropped: posted.cover !== null }, result.status);
    }
    const created = await findArticle(ctx.db, result.value.id);
    setFlash(reply, { kind: 'success', text: t('news.saved', { code: codeText(result.value.newsCode), status: statusLabel(created ? effectiveStatus(created, now()) : 'draft') }) });
    return reply.redirect(`/admin/news/${result.value.id}/edit`, 303);
  });

  const articleParam = async (request: FastifyRequest): Promise<ArticleRow> => {
    const id = numberOf((request.params as { id?: string }).id ?? '');
    const a = id === null ? undefined : await findArticle(ctx.db, id);
    if (!a) throw notFound();
    return a;
  };

  app.get('/admin/news/:id/edit', desk, async (request, reply) => {
    const a = await articleParam(request);
    return renderForm(request, reply, { article: a, values: formValuesOf(a, await articleLinksForForm(ctx.db, a.id)) });
  });

  app.post('/admin/news/:id', { ...desk, bodyLimit: MAX_UPLOAD_BYTES + 262_144 }, async (request, reply) => {
    const a = await articleParam(request);
    const posted = postedForm(request.body);
    const result = await submitForm(() => updateArticle(ctx, actorOf(request), a.id, { ...asInput(posted.values, posted.cover), intent: asIntent(posted.intent), uploadRoot: root }));
    if (!result.ok) return renderForm(request, reply, { article: a, values: posted.values, errors: result.errors, coverDropped: posted.cover !== null }, result.status);
    setFlash(reply, { kind: 'success', text: t('news.saved', { code: codeText(result.value.newsCode), status: statusLabel(result.value.status) }) });
    return reply.redirect(`/admin/news/${a.id}/edit`, 303);
  });

  app.post('/admin/news/:id/status', desk, async (request, reply) => {
    const a = await articleParam(request);
    const input = { to: field(request.body, 'to', 20), reason: field(request.body, 'reason', 5000) };
    const result = await submitForm(() => changeArticleStatus(ctx, actorOf(request), a.id, input));
    if (!result.ok) {
      const values = formValuesOf(a, await articleLinksForForm(ctx.db, a.id));
      return renderForm(request, reply, { article: a, values, status: { reason: input.reason, errors: result.errors } }, result.status);
    }
    setFlash(reply, { kind: 'success', text: t('news.status.changed', { code: codeText(result.value.newsCode), status: statusLabel(result.value.status) }) });
    return reply.redirect(`/admin/news/${a.id}/edit`, 303);
  });
}
