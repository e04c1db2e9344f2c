// View-models of the needs pages: the routes parse and call these; the views receive only what
// they show, already formatted (Persian digits, Jalali dates, labels).

import { can, type Actor } from '../accounts/permissions.ts';
import type { AppContext } from '../context.ts';
import { field } from '../platform/http/forms.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { formatMoney, formatNumber } from '../platform/persian/money.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import type { SelectOption } from '../platform/views/components.tsx';
import { pageCount } from '../platform/views/pagination.ts';
import { homeChoices } from '../places/home-places.ts';
import { placeKinds, type PlaceKind } from '../places/place-kinds.ts';
import { editableStatuses, type PlanStatus } from '../plans/plan-lifecycle.ts';
import type { PlanRow } from '../plans/plans.repo.ts';
import { harms, isCode, targetGroups } from '../taxonomy/codes.ts';
import { needTransitions, needStatuses, type NeedStatus } from './need-status.ts';
import { NEED_BODY_MAX, NEED_PHOTO_MAX_BYTES, NEED_TITLE_MAX } from './need-input.ts';
import {
  citableNeeds, countNeeds, listNeeds, needFilterPlaces, needForPage, needPageExtras, NEEDS_PAGE_SIZE, needSorts, plansOfPlace, topNeedsOfPlace,
  type NeedListRow, type NeedPageRow, type NeedQuery, type NeedSort,
} from './needs.repo.ts';
import { plansForNeed } from './set-need-status.ts';
import type { NeedCardView, NeedFilterSelect, NeedListView } from './views/need-list.tsx';
import type { NeedFormView } from './views/need-form.tsx';
import type { NeedManageView, NeedPageView } from './views/need-page.tsx';
import type { AdminNeedsView } from './views/admin-needs.tsx';
import type { CitedNeedView, NeedCitationView, PlaceParticipationView } from './views/need-sections.tsx';

// ---- formatting ---------------------------------------------------------------------------------

export const stateLabel = (s: NeedStatus) => t(`needs.state.${s}`);
const text = (s: string) => toPersianDigits(s);
const supportsText = (n: number) => t('needs.supports', { count: formatNumber(n) });
const paragraphs = (s: string) => toPersianDigits(s).split(/\n+/).map((p) => p.trim()).filter(Boolean);
const excerpt = (s: string, max = 160) => {
  const flat = toPersianDigits(s.replace(/\s+/g, ' ').trim());
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max);
  return `${flat.slice(0, cut > max / 2 ? cut : max)}…`;
};
const parseCodes = <T extends string>(list: readonly T[], json: string): T[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((c): c is T => typeof c === 'string' && isCode(list, c)) : [];
  } catch {
    return [];
  }
};
const harmLabels = (json: string) => parseCodes(harms, json).map((h) => t(`harm.${h}`));
const targetLabels = (json: string) => parseCodes(targetGroups, json).map((g) => t(`target.${g}`));
const joinList = (items: string[]) => (items.length ? items.join('، ') : '—');
const hasKind = (s: string): s is PlaceKind => isCode(placeKinds, s);
const kindLabel = (s: string) => (hasKind(s) ? t(`place.kind.${s}`) : '');

/** A numeric id from a URL or form (any digit kind), or null. */
export function idOf(raw: string): number | null {
  const s = toAsciiDigits(raw.trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
}

let fixed: { harms: SelectOption[]; targets: SelectOption[]; statuses: SelectOption[] } | null = null;
/** Choices that come from the code, labelled once per process. */
export const fixedOptions = () =>
  (fixed ??= {
    harms: harms.map((h) => ({ value: h, label: t(`harm.${h}`) })),
    targets: targetGroups.map((g) => ({ value: g, label: t(`target.${g}`) })),
    statuses: needStatuses.map((s) => ({ value: s, label: stateLabel(s) })),
  });

// ---- /needs and /admin/needs --------------------------------------------------------------------

export type NeedListParams = {
  q: string;
  county: number | null;
  place: number | null;
  harm: (typeof harms)[number] | null;
  target: (typeof targetGroups)[number] | null;
  status: NeedStatus | null;
  sort: (typeof needSorts)[number];
};

export function parseNeedListParams(query: unknown): NeedListParams {
  const code = <T extends string>(list: readonly T[], name: string): T | null => {
    const v = field(query, name, 40);
    return isCode(list, v) ? v : null;
  };
  return {
    q: field(query, 'q', 100).trim(),
    county: idOf(field(query, 'county', 12)),
    place: idOf(field(query, 'place', 12)),
    harm: code(harms, 'harm'),
    target: code(targetGroups, 'target'),
    status: code(needStatuses, 'status'),
    sort: code(needSorts, 'sort') ?? 'support',
  };
}

/** The canonical address of a list: parameters in a fixed order, defaults left out. */
export function needListHref(base: '/needs' | '/admin/needs', p: NeedListParams, page = 1): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set('q', p.q);
  for (const name of ['county', 'place', 'harm', 'target', 'status'] as const) {
    const v = p[name];
    if (v !== null) qs.set(name, String(v));
  }
  if (base === '/needs' && p.sort !== 'support') qs.set('sort', p.sort);
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}

/** Words of a search, normalized (Arabic ي/ك, digits, ZWNJ folded); one-letter words are dropped. */
export const searchWords = (q: string) => [...new Set(matchKey(q).split(' ').filter((w) => w.length >= 2))].slice(0, 6);

/** The list's data: two statements (three when a page past the end needs a count). */
export async function loadNeedList(ctx: Pick<AppContext, 'db'>, p: NeedListParams, page: { limit: number; offset: number }, sort: NeedSort) {
  const words = p.q ? searchWords(p.q) : [];
  const noWords = p.q !== '' && words.length === 0;
  const query: NeedQuery = { countyId: p.county, placeId: p.place, harm: p.harm, target: p.target, status: p.status, words, sort };
  const [list, places] = await Promise.all([
    noWords ? Promise.resolve({ rows: [] as NeedListRow[], total: 0 as number | null }) : listNeeds(ctx.db, query, page),
    needFilterPlaces(ctx.db, p.place),
  ]);
  const total = list.total ?? (page.offset > 0 && !noWords ? await countNeeds(ctx.db, query) : 0);
  return { rows: list.rows, total, places, noWords };
}

function cardView(r: NeedListRow): NeedCardView {
  return {
    href: `/needs/${r.id}`,
    title: text(r.title),
    status: r.status,
    statusLabel: stateLabel(r.status),
    excerpt: excerpt(r.body),
    place: r.parent_name ? t('needs.card.place_in', { place: r.place_name, parent: r.parent_name }) : r.place_name,
    placeHref: `/places/${r.place_id}`,
    harms: joinList(harmLabels(r.harms)),
    targets: joinList(targetLabels(r.target_groups)),
    supports: supportsText(r.support_count),
    date: formatJalaliDate(r.created_at),
    isDemo: r.is_demo === 1,
    hasPhoto: r.has_photo === 1,
  };
}

function filterSelects(p: NeedListParams, data: Awaited<ReturnType<typeof loadNeedList>>, withTags: boolean): NeedFilterSelect[] {
  const value = (v: string | number | null) => (v === null ? '' : String(v));
  const counties = data.places.filter((x) => x.kind === 'county').map((c) => ({ value: String(c.id), label: c.name }));
  return [
    { name: 'county', label: t('needs.filter.county'), value: value(p.county), options: counties },
    ...(withTags
      ? [
          { name: 'harm', label: t('needs.filter.harm'), value: value(p.harm), options: fixedOptions().harms },
          { name: 'target', label: t('needs.filter.target'), value: value(p.target), options: fixedOptions().targets },
        ]
      : []),
    { name: 'status', label: t('needs.filter.status'), value: value(p.status), options: fixedOptions().statuses },
  ];
}

function chosenPlace(p: NeedListParams, data: Awaited<ReturnType<typeof loadNeedList>>, base: '/needs' | '/admin/needs') {
  if (p.place === null) return null;
  const chosen = data.places.find((x) => x.kind === 'place');
  return {
    id: String(p.place),
    text: t('needs.filter.place', { place: chosen ? `${kindLabel(chosen.place_kind)} ${chosen.name}`.trim() : toPersianDigits(p.place) }),
    removeHref: needListHref(base, { ...p, place: null }),
  };
}

function emptyState(p: NeedListParams, data: Awaited<ReturnType<typeof loadNeedList>>, base: '/needs' | '/admin/needs'): NeedListView['empty'] {
  const filtered = p.county ?? p.place ?? p.harm ?? p.target ?? p.status ?? (p.q || null);
  if (data.noWords) return { title: t('needs.empty.no_words') };
  if (data.rows.length > 0) return null;
  if (data.total > 0) return { title: t('needs.empty.past_end'), link: { href: needListHref(base, p), label: t('needs.empty.first_page') } };
  if (filtered !== null) return { title: t('needs.empty.no_match'), link: { href: base, label: t('needs.filter.clear') } };
  return { title: t('needs.empty.none_yet'), body: t('needs.empty.none_yet_body') };
}

export function needListView(p: NeedListParams, page: number, data: Awaited<ReturnType<typeof loadNeedList>>, actor: Actor | null): NeedListView {
  const filtered = p.county ?? p.place ?? p.harm ?? p.target ?? p.status ?? (p.q || null);
  return {
    q: p.q,
    selects: filterSelects(p, data, true),
    sort: {
      name: 'sort',
      label: t('needs.filter.sort'),
      value: p.sort,
      options: needSorts.map((s) => ({ value: s, label: t(`needs.sort.${s}`) })),
    },
    filtersOpen: (p.county ?? p.harm ?? p.target ?? p.status) !== null,
    place: chosenPlace(p, data, '/needs'),
    clearHref: filtered !== null ? '/needs' : null,
    countText: t('needs.count', { count: formatNumber(data.total) }),
    items: data.rows.map(cardView),
    empty: emptyState(p, data, '/needs'),
    pager: { page, pages: pageCount(data.total, NEEDS_PAGE_SIZE), hrefFor: (n) => needListHref('/needs', p, n) },
    newHref: p.place !== null ? `/needs/new?place=${p.place}` : '/needs/new',
    queueHref: can(actor, 'need.manage') ? needListHref('/admin/needs', { ...p, sort: 'support' }) : null,
  };
}

export function adminNeedsView(p: NeedListParams, page: number, data: Awaited<ReturnType<typeof loadNeedList>>): AdminNeedsView {
  return {
    q: p.q,
    selects: filterSelects(p, data, false),
    place: chosenPlace(p, data, '/admin/needs'),
    countText: t('needs.count', { count: formatNumber(data.total) }),
    rows: data.rows.map((r) => ({ ...cardView(r), placeText: r.place_name })),
    empty: emptyState(p, data, '/admin/needs'),
    pager: { page, pages: pageCount(data.total, NEEDS_PAGE_SIZE), hrefFor: (n) => needListHref('/admin/needs', p, n) },
  };
}

// ---- /needs/new ---------------------------------------------------------------------------------

export type NeedFormState = { placeId: string; title: string; body: string; harms: string[]; targets: string[] };

export async function needFormView(
  ctx: Pick<AppContext, 'db'>,
  state: NeedFormState,
  o: { csrfToken: string; errors?: Record<string, string>; photoDropped?: boolean },
): Promise<NeedFormView> {
  const choices = await homeChoices(ctx.db, null);
  const demo = t('places.demo_badge');
  return {
    csrfToken: o.csrfToken,
    values: state,
    errors: o.errors ?? {},
    placeGroups: choices.groups.map((g) => ({
      label: g.label,
      options: g.options.map((x) => ({ value: String(x.id), label: x.isDemo ? `${x.name} (${demo})` : x.name })),
    })),
    harmOptions: fixedOptions().harms,
    targetOptions: fixedOptions().targets,
    titleMax: NEED_TITLE_MAX,
    bodyMax: NEED_BODY_MAX,
    photoHint: t('needs.form.photo_hint', { max: toPersianDigits(NEED_PHOTO_MAX_BYTES / (1024 * 1024)) }),
    photoDropped: o.photoDropped === true,
  };
}

// ---- /needs/:id ---------------------------------------------------------------------------------

export type NeedManageState = { status: string; note: string; plans: string[]; errors: Record<string, string> };

/**
 * The need page's data in two statements run side by side (the need; its place chain and public
 * linked plans); the secretariat's plan choices are a third, only for them.
 */
export async function loadNeedPage(ctx: Pick<AppContext, 'db'>, id: number, actor: Actor | null) {
  const [need, extras] = await Promise.all([needForPage(ctx.db, id, actor?.id ?? null), needPageExtras(ctx.db, id)]);
  if (!need) return null;
  // A resolved need still shows the secretariat that its state is final; only a live one needs plan choices.
  const candidates = !can(actor, 'need.manage') ? null : needTransitions[need.status].includes('addressed') ? await plansForNeed(ctx, need.place_id) : [];
  return { need, extras, candidates };
}

const planLink = (id: number, title: string, status: string) => ({
  href: `/plans/${id}`,
  title: text(title),
  status: t(`planStatus.${status as PlanStatus}`),
});

export function needPageView(
  data: NonNullable<Awaited<ReturnType<typeof loadNeedPage>>>,
  o: { actor: Actor | null; csrfToken: () => string; manage?: NeedManageState },
): NeedPageView {
  const { need, extras, candidates } = data;
  const chain = extras.filter((x) => x.kind === 'place').sort((a, b) => a.depth - b.depth);
  const plans = extras.filter((x) => x.kind === 'plan');
  const title = text(need.title);
  return {
    id: need.id,
    title,
    status: need.status,
    statusLabel: stateLabel(need.status),
    isDemo: need.is_demo === 1,
    crumbs: [{ label: t('nav.home'), href: '/' }, { label: t('needs.list.title'), href: '/needs' }, { label: title }],
    places: chain.map((p) => ({ href: `/places/${p.id}`, label: `${kindLabel(p.detail)} ${p.label}`.trim() })),
    author: need.author_name || t('needs.page.author_unknown'),
    date: formatJalaliDate(need.created_at),
    statusNote: need.status_note ? paragraphs(need.status_note) : [],
    statusWhen: need.status_at ? formatJalaliDateTime(need.status_at) : null,
    harms: harmLabels(need.harms),
    targets: targetLabels(need.target_groups),
    photo: need.photo_path ? { src: `/needs/${need.id}/photo`, alt: t('needs.page.photo_alt', { title }) } : null,
    paragraphs: paragraphs(need.body),
    addressing: plans.filter((p) => p.detail === 'addresses').map((p) => planLink(p.id, p.label, p.extra ?? '')),
    citing: plans.filter((p) => p.detail === 'evidence').map((p) => planLink(p.id, p.label, p.extra ?? '')),
    support: supportView(need, o.actor, o.csrfToken),
    manage: candidates === null ? null : manageView(need, candidates, o.csrfToken, o.manage),
    listHref: `/needs?place=${need.place_id}`,
  };
}

function supportView(need: NeedPageRow, actor: Actor | null, csrfToken: () => string): NeedPageView['support'] {
  const count = supportsText(need.support_count);
  const base = `/needs/${need.id}`;
  if (!actor) return { count, state: 'anonymous', loginHref: `/login?next=${encodeURIComponent(`${base}#support`)}` };
  if (need.author_id === actor.id) return { count, state: 'own' };
  if (need.viewer_supports === 1) return { count, state: 'supported', action: `${base}/withdraw`, csrfToken: csrfToken() };
  if (need.status === 'declined' || need.status === 'resolved') return { count, state: 'closed' };
  return { count, state: 'can', action: `${base}/support`, csrfToken: csrfToken() };
}

function manageView(
  need: NeedPageRow,
  candidates: Awaited<ReturnType<typeof plansForNeed>>,
  csrfToken: () => string,
  state?: NeedManageState,
): NeedManageView {
  const next = needTransitions[need.status];
  const chosen = state?.plans ?? [];
  return {
    action: `/needs/${need.id}/status`,
    csrfToken: csrfToken(),
    statusOptions: next.map((s) => ({ value: s, label: stateLabel(s) })),
    offerPlans: next.includes('addressed'),
    status: state?.status ?? '',
    note: state?.note ?? '',
    plans: candidates.map((p) => ({
      value: String(p.id),
      label: `${text(p.title)} — ${p.agency_name} (${t(`planStatus.${p.status}`)})`,
      checked: chosen.includes(String(p.id)),
    })),
    errors: state?.errors ?? {},
  };
}

// ---- the neighborhood page ----------------------------------------------------------------------

/** Needs, plans and results of a neighborhood or village: two statements, run side by side. */
export async function loadPlaceParticipation(ctx: Pick<AppContext, 'db'>, placeId: number): Promise<PlaceParticipationView> {
  const [needs, plans] = await Promise.all([topNeedsOfPlace(ctx.db, placeId, 5), plansOfPlace(ctx.db, placeId, 10)]);
  return {
    needs: needs.map((n) => ({ href: `/needs/${n.id}`, title: text(n.title), status: stateLabel(n.status), supports: supportsText(n.support_count), isDemo: n.is_demo === 1 })),
    allNeedsHref: `/needs?place=${placeId}`,
    newNeedHref: `/needs/new?place=${placeId}`,
    plans: plans.map((p) => ({ ...planLink(p.id, p.title, p.status), agency: p.agency_name, isDemo: p.is_demo === 1 })),
    results: plans
      .filter((p) => p.round_id !== null && p.funded_rials !== null)
      .map((p) => ({ href: `/plans/${p.id}`, title: text(p.title), amount: formatMoney(p.funded_rials!, 'toman'), resultsHref: `/results/${p.round_id}` })),
  };
}

// ---- plans: the officer's citations and the public list ---------------------------------------

/** The officer's section of /my/plans/:id: needs of the plan's places to cite, or those cited. */
export async function loadNeedCitations(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  plan: Pick<PlanRow, 'id' | 'agency_id' | 'status'>,
  o: { csrfToken: () => string; error?: string },
): Promise<NeedCitationView | null> {
  if (!can(actor, 'need.cite', { agencyId: plan.agency_id })) return null;
  const editable = editableStatuses.includes(plan.status);
  const rows = await citableNeeds(ctx.db, plan.id);
  const items = (editable ? rows : rows.filter((r) => r.cited === 1)).map((r) => ({
    id: String(r.id),
    href: `/needs/${r.id}`,
    title: text(r.title),
    place: r.place_name,
    supports: supportsText(r.support_count),
    status: stateLabel(r.status),
    cited: r.cited === 1,
  }));
  return {
    action: `/my/plans/${plan.id}/needs`,
    csrfToken: editable ? o.csrfToken() : '',
    editable,
    items,
    error: o.error ?? null,
  };
}

/** Needs a public plan cites, as its page shows them (rows come with the plan page's extras). */
export function citedNeedsView(rows: readonly { id: number; label: string; sort: string }[]): CitedNeedView[] {
  return rows
    .map((r) => ({ id: r.id, title: r.label, count: Number(r.sort) || 0 }))
    .sort((a, b) => b.count - a.count || b.id - a.id)
    .map((r) => ({ href: `/needs/${r.id}`, title: text(r.title), supports: supportsText(r.count) }));
}
