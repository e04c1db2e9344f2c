import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../schema.ts';
import type { Db } from '../platform/db/database.ts';
import { publicStatuses } from '../plans/plan-lifecycle.ts';
import type { ArticleLinkKind, ArticleStatus } from './news.tables.ts';

// The only SQL of the news desk: articles, their tags and links, the public lists and the feed,
// and what the desk reads of plans, meetings and places. An article is public when it is
// published, or scheduled with its time come (article-status.ts says the same in code).

export const NEWS_PAGE_SIZE = 10;
export const ADMIN_NEWS_PAGE_SIZE = 30;
export const FEED_SIZE = 30;

type ArticleEb = ExpressionBuilder<Database & { a: Database['articles'] }, 'a'>;

/** Public at `now`: published, or scheduled and due. */
const isPublic = (now: string) => (eb: ArticleEb) =>
  eb.or([eb('a.status', '=', 'published'), eb.and([eb('a.status', '=', 'scheduled'), eb('a.publish_at', '<=', now)])]);

/** When it went public (the recorded publication, else the scheduled time that has come). */
const publicTimeSql = sql<string>`coalesce(a.published_at, a.publish_at)`;

// ---- writing ------------------------------------------------------------------------------------

export async function largestNewsCode(db: Db): Promise<number | null> {
  const r = await db.selectFrom('articles').select((eb) => eb.fn.max('news_code').as('m')).executeTakeFirst();
  return r?.m === null || r?.m === undefined ? null : Number(r.m);
}

export type ArticleWrite = {
  overline: string;
  title: string;
  lead: string;
  body: string;
  dateline: string;
  publishAt: string | null;
  coverKey: string | null;
  coverType: string | null;
  coverCaption: string;
  searchKey: string;
  meetingId: number | null;
};

export async function insertArticle(db: Db, a: ArticleWrite & { newsCode: number; authorId: number | null; isDemo?: boolean; now: string }): Promise<number> {
  const row = await db
    .insertInto('articles')
    .values({
      news_code: a.newsCode, overline: a.overline, title: a.title, lead: a.lead, body: a.body, dateline: a.dateline, status: 'draft',
      publish_at: a.publishAt, published_at: null, unpublished_at: null, cover_key: a.coverKey, cover_type: a.coverType,
      cover_caption: a.coverCaption, search_key: a.searchKey, meeting_id: a.meetingId, author_id: a.authorId, published_by: null,
      is_demo: a.isDemo ? 1 : 0, created_at: a.now, updated_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the content; false when the article changed state meanwhile (the caller read `status`). */
export async function updateArticleContent(db: Db, id: number, status: ArticleStatus, a: ArticleWrite & { now: string }): Promise<boolean> {
  const r = await db
    .updateTable('articles')
    .set({
      overline: a.overline, title: a.title, lead: a.lead, body: a.body, dateline: a.dateline, publish_at: a.publishAt,
      cover_key: a.coverKey, cover_type: a.coverType, cover_caption: a.coverCaption, search_key: a.searchKey, meeting_id: a.meetingId,
      updated_at: a.now,
    })
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceArticleTags(db: Db, articleId: number, tags: readonly string[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tags.length) await db.insertInto('article_tags').values(tags.map((tag) => ({ article_id: articleId, tag }))).execute();
}

export async function replaceArticleLinks(db: Db, articleId: number, links: Record<ArticleLinkKind, readonly number[]>): Promise<void> {
  await db.deleteFrom('article_links').where('article_id', '=', articleId).execute();
  const rows = (Object.entries(links) as [ArticleLinkKind, readonly number[]][]).flatMap(([kind, ids]) => ids.map((ref_id) => ({ article_id: articleId, kind, ref_id })));
  if (rows.length) await db.insertInto('article_links').values(rows).execute();
}

/**
 * Moves an article from the state it was read in; false when another request moved it first.
 * The patch carries the times the move writes (article-status.ts transitionPatch).
 */
export async function setArticleStatus(
  db: Db,
  id: number,
  from: ArticleStatus,
  to: ArticleStatus,
  patch: { publish_at?: string | null; published_at?: string | null; unpublished_at?: string | null; published_by?: number | null; now: string },
): Promise<boolean> {
  const { now, ...times } = patch;
  const r = await db
    .updateTable('articles')
    .set({ ...times, status: to, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Scheduled articles whose time has come, oldest first (the articles_due_idx range). */
export async function dueArticles(db: Db, now: string, limit = 200): Promise<{ id: number; publish_at: string }[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'publish_at'])
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .orderBy('publish_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, publish_at: r.publish_at! }));
}

/**
 * Records the publication of one due article at its scheduled time; true only for the one sweep
 * that moved it (the status in the WHERE makes concurrent sweeps publish it once).
 */
export async function markDuePublished(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('articles')
    .set((eb) => ({ status: 'published', published_at: eb.ref('publish_at'), unpublished_at: null, updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** For tests and demo data: sets the cover of an article directly. */
export async function setArticleCover(db: Db, id: number, cover: { key: string; type: string; caption: string }): Promise<void> {
  await db.updateTable('articles').set({ cover_key: cover.key, cover_type: cover.type, cover_caption: cover.caption }).where('id', '=', id).execute();
}

// ---- reading one article ------------------------------------------------------------------------

export type ArticleRow = {
  id: number;
  news_code: number;
  overline: string;
  title: string;
  lead: string;
  body: string;
  dateline: string;
  status: ArticleStatus;
  publish_at: string | null;
  published_at: string | null;
  unpublished_at: string | null;
  cover_key: string | null;
  cover_type: string | null;
  cover_caption: string;
  meeting_id: number | null;
  author_id: number | null;
  published_by: number | null;
  is_demo: 0 | 1;
  created_at: string;
  updated_at: string;
};

const articleColumns = [
  'a.id', 'a.news_code', 'a.overline', 'a.title', 'a.lead', 'a.body', 'a.dateline', 'a.status', 'a.publish_at', 'a.published_at',
  'a.unpublished_at', 'a.cover_key', 'a.cover_type', 'a.cover_caption', 'a.meeting_id', 'a.author_id', 'a.published_by', 'a.is_demo',
  'a.created_at', 'a.updated_at',
] as const;

const asArticle = <R extends { news_code: number | string }>(r: R) => ({ ...r, news_code: Number(r.news_code) });

export async function findArticle(db: Db, id: number): Promise<ArticleRow | undefined> {
  const row = await db.selectFrom('articles as a').select(articleColumns).where('a.id', '=', id).executeTakeFirst();
  return row && asArticle(row);
}

/** An article by its news code, whatever its state (the page decides who may read it). */
export async function findArticleByCode(db: Db, newsCode: number): Promise<ArticleRow | undefined> {
  const row = await db.selectFrom('articles as a').select(articleColumns).where('a.news_code', '=', newsCode).executeTakeFirst();
  return row && asArticle(row);
}

export type ArticleExtraRow =
  | { kind: 'tag'; id: number; label: string; extra: string }
  | { kind: 'plan' | 'meeting' | 'place'; id: number; label: string; extra: string };

/**
 * Tags and related plans (public ones), meetings (published ones) and places of an article, in
 * one statement: extra is a meeting's start and a place's kind.
 */
export async function articleExtras(db: Db, articleId: number): Promise<ArticleExtraRow[]> {
  const statuses = sql.join(publicStatuses.map((s) => sql.lit(s)));
  const r = await sql<{ kind: string; id: number; label: string; extra: string; sort: string }>`
    select 'tag' as kind, 0 as id, t.tag as label, '' as extra, t.tag as sort from article_tags t where t.article_id = ${articleId}
    union all
    select 'plan', p.id, p.title, '', p.title from article_links l join plans p on p.id = l.ref_id
      where l.article_id = ${articleId} and l.kind = 'plan' and p.is_public = 1 and p.status in (${statuses})
    union all
    select 'meeting', m.id, m.title, m.starts_at, m.starts_at from article_links l join meetings m on m.id = l.ref_id
      where l.article_id = ${articleId} and l.kind = 'meeting' and m.status = 'published'
    union all
    select 'place', pl.id, pl.name, pl.kind, pl.sort_key from article_links l join places pl on pl.id = l.ref_id
      where l.article_id = ${articleId} and l.kind = 'place'`.execute(db);
  return r.rows
    .map((x) => ({ ...x, id: Number(x.id) }))
    .sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
    .map(({ sort: _sort, ...x }) => x as ArticleExtraRow);
}

/** Every tag and link of an article as stored (the edit form). */
export async function articleLinksForForm(db: Db, articleId: number) {
  const [tags, links] = await Promise.all([
    db.selectFrom('article_tags').select('tag').where('article_id', '=', articleId).orderBy('tag').execute(),
    db.selectFrom('article_links').select(['kind', 'ref_id']).where('article_id', '=', articleId).execute(),
  ]);
  return { tags: tags.map((r) => r.tag), links: links.map((l) => ({ kind: l.kind, id: Number(l.ref_id) })) };
}

// ---- the public list and the feed ---------------------------------------------------------------

export type ArticleCardRow = {
  id: number;
  news_code: number;
  overline: string;
  title: string;
  lead: string;
  has_cover: 0 | 1;
  cover_caption: string;
  public_at: string;
  is_demo: 0 | 1;
};

export type PublicNewsQuery = { tag: string | null; placeId: number | null; now: string };

function publicArticles(db: Db, q: PublicNewsQuery) {
  let qb = db.selectFrom('articles as a').where(isPublic(q.now));
  if (q.tag !== null) {
    const tag = q.tag;
    qb = qb.where((eb) => eb.exists(eb.selectFrom('article_tags as t').select('t.article_id').whereRef('t.article_id', '=', 'a.id').where('t.tag', '=', tag)));
  }
  if (q.placeId !== null) {
    // The place or any place inside it (a county's news includes its neighborhoods').
    const placeId = q.placeId;
    qb = qb.where(
      sql<SqlBool>`exists (
        with recursive sub(id) as (select id from places where id = ${placeId} union all select p.id from places p join sub on p.parent_id = sub.id)
        select 1 from article_links l where l.article_id = a.id and l.kind = 'place' and l.ref_id in (select id from sub))`,
    );
  }
  return qb;
}

/** A page of public articles, latest first. */
export async function listPublicArticles(db: Db, q: PublicNewsQuery, page: { limit: number; offset: number }): Promise<ArticleCardRow[]> {
  const rows = await publicArticles(db, q)
    .select([
      'a.id', 'a.news_code', 'a.overline', 'a.title', 'a.lead', 'a.cover_caption', 'a.is_demo',
      sql<0 | 1>`case when a.cover_key is null then 0 else 1 end`.as('has_cover'),
      publicTimeSql.as('public_at'),
    ])
    .orderBy(publicTimeSql, 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...asArticle(r), has_cover: Number(r.has_cover) as 0 | 1 }));
}

/**
 * How many public articles match, and whether any article is scheduled for later: a page that
 * lists articles must not be kept in the page cache past that moment.
 */
export async function countPublicArticles(db: Db, q: PublicNewsQuery): Promise<{ total: number; upcoming: boolean }> {
  const now = q.now;
  const r = await publicArticles(db, q)
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.exists(eb.selectFrom('articles as s').select('s.id').where('s.status', '=', 'scheduled').where('s.publish_at', '>', now)).as('upcoming'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(r.n), upcoming: Boolean(Number(r.upcoming)) || r.upcoming === true };
}

/** True when an article is scheduled to go public after `now`. */
export async function hasUpcoming(db: Db, now: string): Promise<boolean> {
  const r = await db.selectFrom('articles').select('id').where('status', '=', 'scheduled').where('publish_at', '>', now).limit(1).executeTakeFirst();
  return r !== undefined;
}

export type FeedRow = { id: number; news_code: number; title: string; lead: string; public_at: string; tags: string[] };

/** The latest public articles with their tags, for the feed: two statements. */
export async function feedArticles(db: Db, now: string, limit = FEED_SIZE): Promise<FeedRow[]> {
  const rows = await db
    .selectFrom('articles as a')
    .where(isPublic(now))
    .select(['a.id', 'a.news_code', 'a.title', 'a.lead', publicTimeSql.as('public_at')])
    .orderBy(publicTimeSql, 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  if (!rows.length) return [];
  const tags = await db.selectFrom('article_tags').select(['article_id', 'tag']).where('article_id', 'in', rows.map((r) => r.id)).orderBy('tag').execute();
  return rows.map((r) => ({ ...asArticle(r), tags: tags.filter((x) => x.article_id === r.id).map((x) => x.tag) }));
}

// ---- the desk's list ----------------------------------------------------------------------------

export type AdminArticleRow = {
  id: number;
  news_code: number;
  title: string;
  status: ArticleStatus;
  publish_at: string | null;
  published_at: string | null;
  updated_at: string;
  author_name: string | null;
  is_demo: 0 | 1;
};

/** Filters by the state readers see: a scheduled article whose time has come counts as published. */
function byEffectiveStatus(status: ArticleStatus | null, now: string) {
  return (eb: ArticleEb) => {
    switch (status) {
      case null:
        return sql<SqlBool>`1 = 1`;
      case 'published':
        return isPublic(now)(eb);
      case 'scheduled':
        return eb.and([eb('a.status', '=', 'scheduled'), eb.or([eb('a.publish_at', 'is', null), eb('a.publish_at', '>', now)])]);
      default:
        return eb('a.status', '=', status);
    }
  };
}

/** The desk's articles: scheduled ones by their time, the others most recently changed first. */
export async function listDeskArticles(db: Db, status: ArticleStatus | null, now: string, page: { limit: number; offset: number }): Promise<AdminArticleRow[]> {
  const rows = await db
    .selectFrom('articles as a')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .where(byEffectiveStatus(status, now))
    .select(['a.id', 'a.news_code', 'a.title', 'a.status', 'a.publish_at', 'a.published_at', 'a.updated_at', 'a.is_demo', 'u.name as author_name'])
    .orderBy(sql`case when a.status = 'scheduled' then 0 else 1 end`)
    .orderBy(sql`case when a.status = 'scheduled' then a.publish_at else null end`)
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(asArticle);
}

/** How many articles the desk has in each state as stored (due scheduled ones are counted apart). */
export async function countDeskArticles(db: Db, now: string): Promise<Record<ArticleStatus | 'due', number>> {
  const rows = await db
    .selectFrom('articles')
    .select([
      'status',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when status = 'scheduled' and publish_at <= ${now} then 1 else 0 end)`.as('due'),
    ])
    .groupBy('status')
    .execute();
  const out = { draft: 0, scheduled: 0, published: 0, unpublished: 0, due: 0 };
  for (const r of rows) {
    const due = Number(r.due ?? 0);
    out[r.status] += Number(r.n) - (r.status === 'scheduled' ? due : 0);
    if (r.status === 'scheduled') out.due += due;
  }
  return out;
}

// ---- what the desk links to ---------------------------------------------------------------------

/** A meeting as "draft news from this meeting" reads it: only a published meeting. */
export async function publishedMeeting(db: Db, id: number): Promise<{ id: number; title: string; starts_at: string; venue: string; public_summary: string } | undefined> {
  return db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at', 'venue', 'public_summary'])
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

export const LINK_CHOICES_LIMIT = 300;

/** What the form offers to link: public plans, published meetings, and places down to neighborhoods and villages. */
export async function linkChoices(db: Db) {
  const [plans, meetings, places] = await Promise.all([
    db.selectFrom('plans').select(['id', 'title']).where('is_public', '=', 1).where('status', 'in', publicStatuses).orderBy('id', 'desc').limit(LINK_CHOICES_LIMIT).execute(),
    db.selectFrom('meetings').select(['id', 'title', 'starts_at']).where('status', '=', 'published').orderBy('starts_at', 'desc').limit(LINK_CHOICES_LIMIT).execute(),
    db
      .selectFrom('places as p')
      .leftJoin('places as parent', 'parent.id', 'p.parent_id')
      .select(['p.id', 'p.name', 'p.kind', 'p.is_demo', 'parent.name as parent_name'])
      .where('p.kind', 'in', ['province', 'county', 'city', 'neighborhood', 'village'])
      .orderBy(sql`case p.kind when 'province' then 0 when 'county' then 1 when 'city' then 2 else 3 end`)
      .orderBy('p.sort_key')
      .limit(LINK_CHOICES_LIMIT * 2)
      .execute(),
  ]);
  return { plans, meetings, places };
}

/** Which of the given ids may be linked: public plans, published meetings, existing places. */
export async function linkableIds(db: Db, kind: ArticleLinkKind, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows =
    kind === 'plan'
      ? await db.selectFrom('plans').select('id').where('id', 'in', ids).where('is_public', '=', 1).where('status', 'in', publicStatuses).execute()
      : kind === 'meeting'
        ? await db.selectFrom('meetings').select('id').where('id', 'in', ids).where('status', '=', 'published').execute()
        : await db.selectFrom('places').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => Number(r.id));
}

// ---- articles as comment subjects ---------------------------------------------------------------

export async function publicArticleForComments(db: Db, id: number, now: string): Promise<{ id: number; news_code: number; title: string; lead: string; body: string } | undefined> {
  const row = await db
    .selectFrom('articles as a')
    .select(['a.id', 'a.news_code', 'a.title', 'a.lead', 'a.body'])
    .where('a.id', '=', id)
    .where(isPublic(now))
    .executeTakeFirst();
  return row && asArticle(row);
}

export async function articleTitles(db: Db, ids: readonly number[]): Promise<{ id: number; news_code: number; title: string }[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('articles').select(['id', 'news_code', 'title']).where('id', 'in', ids).execute();
  return rows.map(asArticle);
}

/** Title, lead and body of every public article: documents of the comment relevance phase. */
export async function publicArticleTexts(db: Db, now: string): Promise<string[]> {
  const rows = await db.selectFrom('articles as a').select(['a.title', 'a.lead', 'a.body']).where(isPublic(now)).execute();
  return rows.map((r) => `${r.title}\n${r.lead}\n${r.body}`);
}

// ---- demo data ----------------------------------------------------------------------------------

/** Titles of the demo articles already there (the seed adds each once). */
export async function demoArticleTitles(db: Db): Promise<string[]> {
  return (await db.selectFrom('articles').select('title').where('is_demo', '=', 1).execute()).map((r) => r.title);
}

/** Dates a demo article's publication back to when the demo says it went out. */
export async function backdateDemoArticle(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('articles').set({ publish_at: at, published_at: at, created_at: at, updated_at: at }).where('id', '=', id).where('is_demo', '=', 1).execute();
}

/** The newest published meeting, and the demo ballot round by its title: what the demo news reports. */
export async function demoNewsFacts(db: Db, roundTitle: string) {
  const [meeting, round] = await Promise.all([
    db.selectFrom('meetings').select(['id', 'title', 'starts_at', 'venue', 'public_summary']).where('status', '=', 'published').orderBy('starts_at', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('ballot_rounds').select(['id', 'closes_at']).where('title', '=', roundTitle).orderBy('id').limit(1).executeTakeFirst(),
  ]);
  return { meeting, round };
}
