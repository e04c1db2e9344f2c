// View-models of the news pages: the routes parse and call these; the views receive only what
// they show, already formatted (Persian digits, Jalali dates, labels, absolute addresses).

import { can, type Actor } from '../accounts/permissions.ts';
import type { AppContext } from '../context.ts';
import { field } from '../platform/http/forms.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatNumber } from '../platform/persian/money.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import type { SelectGroup } from '../platform/views/components.tsx';
import { renderMarkdown } from '../platform/views/markdown.ts';
import { pageCount } from '../platform/views/pagination.ts';
import { findPlace } from '../places/places.repo.ts';
import { placeKinds, type PlaceKind } from '../places/place-kinds.ts';
import { CAPTION_MAX, COVER_MAX_BYTES, dateTimeFields, LEAD_MAX, OVERLINE_MAX, TITLE_MAX } from './article-input.ts';
import { articleTransitions, effectiveStatus, isArticleStatus, permissionFor, publicTime, type ArticleStatus } from './article-status.ts';
import { FEED_SIZE, NEWS_PAGE_SIZE, type AdminArticleRow, type ArticleCardRow, type ArticleExtraRow, type ArticleRow, type FeedRow, type linkChoices } from './news.repo.ts';
import { buildRss } from './feed.ts';
import { shareLinks, shareTargets } from './share.ts';
import type { ArticleFormValues, ArticleFormView, ArticleStatusPanel } from './views/article-form.tsx';
import type { ArticlePageView } from './views/article-page.tsx';
import type { AdminNewsView, DeskRowView } from './views/admin-news.tsx';
import type { NewsListView } from './views/news-list.tsx';

// ---- formatting ---------------------------------------------------------------------------------

export const statusLabel = (s: ArticleStatus) => t(`news.state.${s}`);
export const codeText = (code: number) => t('news.page.code', { code: toPersianDigits(code) });
const text = (s: string) => toPersianDigits(s);
const base = (config: { BASE_URL: string }) => config.BASE_URL.replace(/\/+$/, '');
export const articleHref = (code: number) => `/news/${code}`;
export const coverHref = (code: number) => `/news/${code}/cover`;
const hasKind = (s: string): s is PlaceKind => (placeKinds as readonly string[]).includes(s);
const kindLabel = (s: string) => (hasKind(s) ? t(`place.kind.${s}`) : '');

/** A number from a URL or form (any digit kind), or null. */
export function numberOf(raw: string, maxDigits = 9): number | null {
  const s = toAsciiDigits(raw.trim());
  return new RegExp(`^\\d{1,${maxDigits}}$`).test(s) ? Number(s) : null;
}

/** «قزوین – محله –»: the city of the dateline and the site, before the body. */
export const datelineText = (city: string) => (city ? `${city} – ${t('site.name')} –` : `${t('site.name')} –`);

// ---- /news --------------------------------------------------------------------------------------

export type NewsListParams = { tag: string | null; place: number | null };

export function parseNewsListParams(query: unknown): NewsListParams {
  const tag = matchKey(field(query, 'tag', 80));
  return { tag: tag || null, place: numberOf(field(query, 'place', 12)) };
}

export function newsListHref(p: NewsListParams, page = 1): string {
  const qs = new URLSearchParams();
  if (p.tag) qs.set('tag', p.tag);
  if (p.place !== null) qs.set('place', String(p.place));
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `/news?${s}` : '/news';
}

export const tagHref = (tag: string) => newsListHref({ tag, place: null });

/** The place a list is filtered by, for its label (only when filtered). */
export async function filterPlace(ctx: Pick<AppContext, 'db'>, p: NewsListParams) {
  return p.place === null ? null : ((await findPlace(ctx.db, p.place)) ?? null);
}

export function newsListView(
  p: NewsListParams,
  page: number,
  data: { rows: ArticleCardRow[]; total: number; place: Awaited<ReturnType<typeof filterPlace>> },
  actor: Actor | null,
): NewsListView {
  const filters: NewsListView['filters'] = [];
  if (p.tag) filters.push({ text: t('news.filter.tag', { tag: text(p.tag) }), removeHref: newsListHref({ ...p, tag: null }) });
  if (p.place !== null) {
    const name = data.place ? `${kindLabel(data.place.kind)} ${data.place.name}`.trim() : toPersianDigits(p.place);
    filters.push({ text: t('news.filter.place', { place: name }), removeHref: newsListHref({ ...p, place: null }) });
  }
  const filtered = filters.length > 0;
  return {
    filters,
    countText: t('news.list.count', { count: formatNumber(data.total) }),
    items: data.rows.map(cardView),
    empty:
      data.rows.length > 0
        ? null
        : data.total > 0
          ? { title: t('news.empty.past_end'), link: { href: newsListHref(p), label: t('news.empty.first_page') } }
          : filtered
            ? { title: t('news.empty.no_match'), link: { href: '/news', label: t('news.filter.clear') } }
            : { title: t('news.empty.none_yet') },
    pager: { page, pages: pageCount(data.total, NEWS_PAGE_SIZE), hrefFor: (n) => newsListHref(p, n) },
    deskHref: can(actor, 'news.edit') ? '/admin/news' : null,
  };
}

function cardView(r: ArticleCardRow): NewsListView['items'][number] {
  const title = text(r.title);
  return {
    href: articleHref(r.news_code),
    overline: text(r.overline),
    title,
    lead: text(r.lead),
    date: formatJalaliDateTime(r.public_at),
    dateIso: r.public_at,
    cover: r.has_cover ? { src: coverHref(r.news_code), alt: r.cover_caption || title } : null,
    isDemo: r.is_demo === 1,
  };
}

// ---- /news/:newsCode ----------------------------------------------------------------------------

export function articlePageView(
  a: ArticleRow,
  extras: ArticleExtraRow[],
  o: { config: { BASE_URL: string }; now: string; actor: Actor | null },
): ArticlePageView {
  const status = effectiveStatus(a, o.now);
  const isPublic = status === 'published';
  const when = isPublic ? publicTime(a) : null;
  const title = text(a.title);
  const url = `${base(o.config)}${articleHref(a.news_code)}`;
  const tags = extras.filter((x) => x.kind === 'tag').map((x) => x.label);
  const links = share(url, a.title);
  const editHref = can(o.actor, 'news.edit') ? `/admin/news/${a.id}/edit` : null;
  return {
    title,
    overline: text(a.overline),
    lead: text(a.lead),
    dateline: datelineText(a.dateline),
    bodyHtml: renderMarkdown(a.body),
    date: when ? formatJalaliDateTime(when) : null,
    dateIso: when,
    codeText: codeText(a.news_code),
    tags: tags.map((tag) => ({ href: tagHref(tag), label: text(tag) })),
    cover: a.cover_key ? { src: coverHref(a.news_code), caption: text(a.cover_caption), alt: text(a.cover_caption) || title } : null,
    plans: extras.filter((x) => x.kind === 'plan').map((x) => ({ href: `/plans/${x.id}`, label: text(x.label) })),
    meetings: extras.filter((x) => x.kind === 'meeting').map((x) => ({ href: `/meetings/${x.id}`, label: text(x.label), date: formatJalaliDate(x.extra) })),
    places: extras.filter((x) => x.kind === 'place').map((x) => ({ href: newsListHref({ tag: null, place: x.id }), label: `${kindLabel(x.extra)} ${x.label}`.trim() })),
    share: shareTargets.map((target) => ({ target, label: t(`news.share.${target}`), href: links[target] })),
    printHref: `${articleHref(a.news_code)}?print=1`,
    backHref: articleHref(a.news_code),
    isDemo: a.is_demo === 1,
    crumbs: [{ label: t('nav.home'), href: '/' }, { label: t('news.list.title'), href: '/news' }, { label: title }],
    preview: isPublic ? null : { status: statusLabel(status), editHref: editHref ?? '/admin/news' },
    editHref: isPublic ? editHref : null,
    meta: {
      url,
      description: a.lead || a.title,
      image: a.cover_key ? `${base(o.config)}${coverHref(a.news_code)}` : null,
      publishedIso: when,
      siteName: t('site.name'),
      tags,
    },
  };
}

const share = (url: string, title: string) => shareLinks(url, title);

// ---- /feed.xml ----------------------------------------------------------------------------------

export function feedXml(rows: FeedRow[], o: { config: { BASE_URL: string }; now: string }): string {
  const root = base(o.config);
  return buildRss(
    { title: t('news.feed.title'), link: `${root}/news`, self: `${root}/feed.xml`, description: t('news.feed.description'), now: o.now },
    rows.slice(0, FEED_SIZE).map((r) => ({
      title: r.title,
      link: `${root}${articleHref(r.news_code)}`,
      description: r.lead,
      published: r.public_at,
      categories: r.tags,
    })),
  );
}

// ---- /admin/news --------------------------------------------------------------------------------

export const deskFilters = ['all', 'draft', 'scheduled', 'published', 'unpublished'] as const;
export type DeskFilter = (typeof deskFilters)[number];

export function parseDeskFilter(query: unknown): ArticleStatus | null {
  const s = field(query, 'status', 20);
  return isArticleStatus(s) ? s : null;
}

const deskHref = (status: ArticleStatus | null, page = 1) => {
  const qs = new URLSearchParams();
  if (status) qs.set('status', status);
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `/admin/news?${s}` : '/admin/news';
};

export function adminNewsView(
  status: ArticleStatus | null,
  page: { page: number; limit: number },
  data: { rows: AdminArticleRow[]; counts: Record<ArticleStatus | 'due', number> },
  now: string,
): AdminNewsView {
  const c = data.counts;
  const countOf: Record<DeskFilter, number> = {
    all: c.draft + c.scheduled + c.published + c.unpublished + c.due,
    draft: c.draft, scheduled: c.scheduled, published: c.published + c.due, unpublished: c.unpublished,
  };
  const total = status === null ? countOf.all : countOf[status];
  return {
    tabs: deskFilters.map((f) => {
      const s = f === 'all' ? null : f;
      return { label: t('news.admin.tab', { label: f === 'all' ? t('news.admin.all') : statusLabel(f), count: formatNumber(countOf[f]) }), href: deskHref(s), current: s === status };
    }),
    rows: data.rows.map((r) => deskRow(r, now)),
    pager: { page: page.page, pages: pageCount(total, page.limit), hrefFor: (n) => deskHref(status, n) },
    newHref: '/admin/news/new',
    caption: status ? statusLabel(status) : t('news.admin.all'),
  };
}

function deskRow(r: AdminArticleRow, now: string): DeskRowView {
  const status = effectiveStatus(r, now);
  const due = status !== r.status;
  const when = status === 'scheduled' ? r.publish_at : status === 'published' || status === 'unpublished' ? publicTime(r) : null;
  return {
    code: toPersianDigits(r.news_code),
    title: text(r.title),
    editHref: `/admin/news/${r.id}/edit`,
    status: due ? t('news.state.due') : statusLabel(status),
    tone: status === 'scheduled' ? 'warn' : status === 'published' ? 'info' : 'demo',
    when: when ? (status === 'scheduled' ? t('news.admin.scheduled_for', { when: formatJalaliDateTime(when) }) : formatJalaliDateTime(when)) : '—',
    updated: formatJalaliDateTime(r.updated_at),
    author: r.author_name || '—',
    isDemo: r.is_demo === 1,
  };
}

// ---- the form -----------------------------------------------------------------------------------

export const emptyFormValues = (): ArticleFormValues => ({
  overline: '', title: '', lead: '', body: '', dateline: t('news.form.default_city'), publishDate: '', publishTime: '', tags: '',
  coverCaption: '', removeCover: false, plans: [], meetings: [], places: [],
});

/** The form's values from an article as stored. */
export function formValuesOf(a: ArticleRow, stored: { tags: string[]; links: { kind: string; id: number }[] }): ArticleFormValues {
  const ids = (kind: string) => stored.links.filter((l) => l.kind === kind).map((l) => String(l.id));
  return {
    overline: a.overline, title: a.title, lead: a.lead, body: a.body, dateline: a.dateline, ...dateTimeFields(a.publish_at),
    tags: stored.tags.join('، '), coverCaption: a.cover_caption, removeCover: false,
    plans: ids('plan'), meetings: ids('meeting'), places: ids('place'),
  };
}

/** A plain first paragraph of markdown: no heading, list or quote marks, links as their text. */
export function firstParagraph(markdown: string): string {
  const block = markdown.split(/\n\s*\n/).map((b) => b.trim()).find((b) => b && !/^#{1,6}\s/.test(b)) ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*+]|\d+[.)]|>)\s+/, ''))
    .join(' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, Math.max(0, s.lastIndexOf(' ', max - 1)) || max - 1)}…`);

/** "Draft news from this meeting": the form prefilled from a published meeting's public summary. */
export function valuesFromMeeting(m: { id: number; title: string; starts_at: string; venue: string; public_summary: string }): ArticleFormValues {
  const date = formatJalaliDate(m.starts_at);
  const opening = m.venue
    ? t('news.prefill.lead', { title: m.title, date, venue: m.venue })
    : t('news.prefill.lead_no_venue', { title: m.title, date });
  const first = firstParagraph(m.public_summary);
  // The first paragraph becomes part of the lead, so the body starts after it (a news page shows
  // the lead above the body: the same paragraph twice would read as a mistake).
  const blocks = m.public_summary.split(/\n\s*\n/);
  const firstAt = blocks.findIndex((b) => b.trim() && !/^#{1,6}\s/.test(b.trim()));
  const body = first && firstAt >= 0 ? blocks.filter((_, i) => i !== firstAt).join('\n\n').trim() : m.public_summary;
  return {
    ...emptyFormValues(),
    overline: clip(t('news.prefill.overline', { date }), OVERLINE_MAX),
    title: clip(t('news.prefill.title', { title: m.title }), TITLE_MAX),
    lead: clip(first ? `${opening} ${first}` : opening, LEAD_MAX),
    body,
    meetings: [String(m.id)],
  };
}

/** The link choices as option groups (places by kind, with their parent). */
export function linkGroups(choices: Awaited<ReturnType<typeof linkChoices>>): { plans: SelectGroup[]; meetings: SelectGroup[]; places: SelectGroup[] } {
  const demo = t('places.demo_badge');
  const placeGroups = new Map<string, SelectGroup>();
  for (const p of choices.places) {
    const label = hasKind(p.kind) ? t(`place.kind.${p.kind}`) : p.kind;
    const g = placeGroups.get(p.kind) ?? { label, options: [] };
    const name = p.parent_name && (p.kind === 'neighborhood' || p.kind === 'village') ? `${p.name} (${p.parent_name})` : p.name;
    g.options.push({ value: String(p.id), label: p.is_demo ? `${name} — ${demo}` : name });
    placeGroups.set(p.kind, g);
  }
  return {
    plans: choices.plans.length ? [{ label: t('news.form.public_plans'), options: choices.plans.map((p) => ({ value: String(p.id), label: text(p.title) })) }] : [],
    meetings: choices.meetings.length
      ? [{ label: t('news.form.published_meetings'), options: choices.meetings.map((m) => ({ value: String(m.id), label: `${text(m.title)} (${formatJalaliDate(m.starts_at)})` })) }]
      : [],
    places: [...placeGroups.values()],
  };
}

/** The buttons of the form for this person and article state. */
export function formButtons(actor: Actor, status: ArticleStatus | null): ArticleFormView['buttons'] {
  const publisher = can(actor, 'news.publish');
  // What is public or about to be is the publisher's to change.
  if ((status === 'published' || status === 'scheduled') && !publisher) return [];
  if (status === 'published') return [{ intent: 'save', label: t('news.form.save_published'), primary: true }];
  const buttons: ArticleFormView['buttons'] = [
    { intent: 'save', label: status === 'scheduled' ? t('news.form.save_scheduled') : t('news.form.save_draft'), primary: !publisher },
  ];
  if (publisher) {
    if (status !== 'scheduled') buttons.push({ intent: 'schedule', label: t('news.form.schedule'), primary: false });
    buttons.push({ intent: 'publish', label: status === 'unpublished' ? t('news.form.republish') : t('news.form.publish'), primary: true });
  }
  return buttons;
}

export const formLimits = { overline: OVERLINE_MAX, title: TITLE_MAX, lead: LEAD_MAX, caption: CAPTION_MAX };
export const coverHint = () => t('news.form.cover_hint', { max: toPersianDigits(COVER_MAX_BYTES / (1024 * 1024)) });

const actionLabels: Record<'draft' | 'unpublished', (from: ArticleStatus) => string> = {
  draft: (from) => (from === 'scheduled' ? t('news.action.unschedule') : t('news.action.to_draft')),
  unpublished: () => t('news.action.unpublish'),
};

/** The state of an article on its edit page and the moves this person may make from it. */
export function statusPanel(a: ArticleRow, actor: Actor, now: string, o: { reason?: string; errors?: Record<string, string> } = {}): ArticleStatusPanel {
  const status = effectiveStatus(a, now);
  const times: string[] = [];
  if (status === 'scheduled' && a.publish_at) times.push(t('news.admin.scheduled_for', { when: formatJalaliDateTime(a.publish_at) }));
  const went = publicTime(a);
  if ((status === 'published' || status === 'unpublished') && went) times.push(t('news.admin.published_at', { when: formatJalaliDateTime(went) }));
  if (status === 'unpublished' && a.unpublished_at) times.push(t('news.admin.unpublished_at', { when: formatJalaliDateTime(a.unpublished_at) }));
  // Scheduling and publishing are the form's buttons (they save the text too); here are the
  // moves that take an article back: to the desk, or down.
  const actions = articleTransitions[status]
    .filter((to) => to !== 'scheduled' && to !== 'published' && can(actor, permissionFor(to)))
    .map((to) => ({ to, label: actionLabels[to as 'draft' | 'unpublished'](status), ...(to === 'unpublished' ? { reason: true, danger: true } : {}) }));
  return {
    codeText: codeText(a.news_code),
    statusText: status === a.status ? statusLabel(status) : t('news.state.due'),
    times,
    previewHref: articleHref(a.news_code),
    action: `/admin/news/${a.id}/status`,
    actions,
    reason: o.reason ?? '',
    errors: o.errors ?? {},
  };
}
