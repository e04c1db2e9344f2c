import { sendPlanAttachment } from './form-routes.tsx';
import { loadThread, subjectKey, threadParams } from '../comments/load-thread.ts';
import { commentForm } from '../comments/routes.tsx';
import { findPlan } from './plans.repo.ts';
import { uploadRoot } from '../platform/files/store-upload.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../accounts/permissions.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../platform/http/errors.ts';
import { field } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDate, gregorianIsoToJalali, jalaliMonthNames } from '../platform/persian/jalali.ts';
import { amountInWords, formatMoney, formatNumber } from '../platform/persian/money.ts';
import type { SelectOption } from '../platform/views/components.tsx';
import { pageCount, pageFromQuery } from '../platform/views/pagination.ts';
import { placeKinds, type PlaceKind } from '../places/place-kinds.ts';
import { ageBands, harms, isCode, targetGroups } from '../taxonomy/codes.ts';
import { parseStoredContent, type PlanContent } from './plan-content.ts';
import { publicStatuses, type PlanStatus } from './plan-lifecycle.ts';
import {
  countPublicPlans, findPlanForPage, LIST_SEPARATOR, listPublicPlans, parsePlanSearch, planFilterOptions, planPageExtras, planSorts,
  PUBLIC_PLANS_PAGE_SIZE, type FilterOptionRow, type PlanPageExtraRow, type PlanPageRow, type PlanSort, type PublicPlanListRow,
  type PublicPlanQuery,
} from './plans-public.repo.ts';
import { PlanListPage, type PlanCardView, type PlanListView } from './views/public-list.tsx';
import { PublicPlanPage, type PublicPlanView } from './views/public-plan.tsx';
import { supportBoxOfPage } from './support-view.ts';
import { citedNeedsView } from '../needs/load-need-pages.ts';

// ---- shared formatting ----------------------------------------------------------------------------

const tomans = (rials: number) => formatMoney(rials, 'toman');
const statusLabel = (s: PlanStatus) => t(`planStatus.${s}`);
const joinList = (items: string[]) => (items.length ? items.join('، ') : '—');
const paragraphs = (text: string) => toPersianDigits(text).split(/\n+/).map((p) => p.trim()).filter(Boolean);
const split = (packed: string | null) => (packed ? packed.split(LIST_SEPARATOR) : []);
/** A Gregorian ISO date (YYYY-MM-DD) as a Jalali date, e.g. ۱ دی ۱۴۰۵. */
const jalaliDay = (iso: string | null) => {
  if (!iso) return '—';
  const d = gregorianIsoToJalali(iso);
  return toPersianDigits(`${d.jd} ${jalaliMonthNames[d.jm - 1] ?? ''} ${d.jy}`);
};
const idOf = (raw: string): number | null => {
  const s = toAsciiDigits(raw.trim());
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
};
const excerpt = (text: string, max = 180) => {
  const s = toPersianDigits(text.replace(/\s+/g, ' ').trim());
  return s.length <= max ? s : `${s.slice(0, s.lastIndexOf(' ', max) > max / 2 ? s.lastIndexOf(' ', max) : max)}…`;
};

// ---- /plans ---------------------------------------------------------------------------------------

/** The list's query string, parsed; anything invalid is ignored rather than refused. */
export type PlanListParams = {
  q: string;
  call: number | null;
  county: number | null;
  place: number | null;
  harm: (typeof harms)[number] | null;
  target: (typeof targetGroups)[number] | null;
  agency: number | null;
  status: PlanStatus | null;
  /** The sort asked for, or null for the default (relevance with a query, else newest). */
  sort: PlanSort | null;
};

export function parsePlanListParams(query: unknown): PlanListParams {
  const code = <T extends string>(list: readonly T[], name: string): T | null => {
    const v = field(query, name, 40);
    return isCode(list, v) ? v : null;
  };
  return {
    q: field(query, 'q', 100).trim(),
    call: idOf(field(query, 'call', 12)),
    county: idOf(field(query, 'county', 12)),
    place: idOf(field(query, 'place', 12)),
    harm: code(harms, 'harm'),
    target: code(targetGroups, 'target'),
    agency: idOf(field(query, 'agency', 12)),
    status: code(publicStatuses, 'status'),
    sort: code(planSorts, 'sort'),
  };
}

const defaultSort = (p: PlanListParams): PlanSort => (p.q ? 'relevance' : 'newest');
const sortLabels = {
  relevance: 'planPublic.sort.relevance',
  newest: 'planPublic.sort.newest',
  amount_desc: 'planPublic.sort.amount_desc',
  amount_asc: 'planPublic.sort.amount_asc',
  title: 'planPublic.sort.title',
} as const satisfies Record<PlanSort, MessageKey>;

/** The canonical address of a list: parameters in a fixed order, defaults left out. */
export function planListHref(p: PlanListParams, page = 1): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set('q', p.q);
  for (const name of ['call', 'county', 'place', 'harm', 'target', 'agency', 'status'] as const) {
    const v = p[name];
    if (v !== null) qs.set(name, String(v));
  }
  if (p.sort && p.sort !== defaultSort(p)) qs.set('sort', p.sort);
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `/plans?${s}` : '/plans';
}

function cardView(r: PublicPlanListRow): PlanCardView {
  const places = split(r.places);
  const shown = places.length > 3 ? t('planPublic.card.more_places', { names: places.slice(0, 3).join('، '), count: places.length - 3 }) : joinList(places);
  const counties = split(r.counties);
  const byOrder = <T extends string>(list: readonly T[], packed: string | null) =>
    split(packed).filter((c): c is T => isCode(list, c)).sort((a, b) => list.indexOf(a) - list.indexOf(b));
  return {
    href: `/plans/${r.id}`,
    title: toPersianDigits(r.title),
    statusLabel: statusLabel(r.status),
    summary: excerpt(r.summary),
    agency: r.agency_name,
    call: toPersianDigits(r.call_title),
    callHref: `/calls/${r.call_id}`,
    places: counties.length && places.length ? t('planPublic.card.in_counties', { places: shown, counties: counties.join('، ') }) : shown,
    harms: joinList(byOrder(harms, r.harms).map((h) => t(`harm.${h}`))),
    targets: joinList(byOrder(targetGroups, r.targets).map((g) => t(`target.${g}`))),
    amount: tomans(r.requested_rials),
    supporters: r.support_count > 0 ? t('planSupport.card.count', { count: formatNumber(r.support_count) }) : null,
  };
}

function optionsOf(rows: FilterOptionRow[], kind: FilterOptionRow['kind']) {
  const byKey = (a: FilterOptionRow, b: FilterOptionRow) =>
    kind === 'call' ? b.year - a.year || b.id - a.id : a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0;
  return rows.filter((r) => r.kind === kind).sort(byKey).map((r) => ({ value: String(r.id), label: toPersianDigits(r.label) }));
}

let fixed: { harms: SelectOption[]; targets: SelectOption[]; statuses: SelectOption[] } | null = null;
/** Choices that come from the code, not the data: labelled once per process. */
const fixedOptions = () =>
  (fixed ??= {
    harms: harms.map((h) => ({ value: h, label: t(`harm.${h}`) })),
    targets: targetGroups.map((g) => ({ value: g, label: t(`target.${g}`) })),
    statuses: publicStatuses.map((s) => ({ value: s, label: statusLabel(s) })),
  });

function listView(p: PlanListParams, page: number, data: Awaited<ReturnType<typeof loadPlanList>>): PlanListView {
  const value = (v: string | number | null) => (v === null ? '' : String(v));
  const sort = p.sort ?? defaultSort(p);
  const filtered = p.call ?? p.county ?? p.place ?? p.harm ?? p.target ?? p.agency ?? p.status ?? (p.q || null);
  const chosenPlace = data.options.find((o) => o.kind === 'place');
  const empty: PlanListView['empty'] = data.noWords
    ? { title: t('planPublic.empty.no_words'), body: t('planPublic.empty.no_words_body') }
    : data.rows.length > 0
      ? null
      : data.total > 0
        ? { title: t('planPublic.empty.past_end'), link: { href: planListHref(p), label: t('planPublic.empty.first_page') } }
        : filtered !== null
          ? { title: t('planPublic.empty.no_match'), body: t('planPublic.empty.no_match_body'), link: { href: '/plans', label: t('planPublic.filter.clear') } }
          : { title: t('planPublic.empty.none_yet'), body: t('planPublic.empty.none_yet_body') };
  return {
    q: p.q,
    selects: [
      { name: 'call', label: t('planPublic.filter.call'), value: value(p.call), options: optionsOf(data.options, 'call') },
      { name: 'county', label: t('planPublic.filter.county'), value: value(p.county), options: optionsOf(data.options, 'county') },
      { name: 'harm', label: t('planPublic.filter.harm'), value: value(p.harm), options: fixedOptions().harms },
      { name: 'target', label: t('planPublic.filter.target'), value: value(p.target), options: fixedOptions().targets },
      { name: 'agency', label: t('planPublic.filter.agency'), value: value(p.agency), options: optionsOf(data.options, 'agency') },
      { name: 'status', label: t('planPublic.filter.status'), value: value(p.status), options: fixedOptions().statuses },
    ],
    sort: {
      name: 'sort',
      label: t('planPublic.filter.sort'),
      value: sort,
      options: planSorts.filter((s) => s !== 'relevance' || p.q).map((s) => ({ value: s, label: t(sortLabels[s]) })),
    },
    filtersOpen: (p.call ?? p.county ?? p.harm ?? p.target ?? p.agency ?? p.status) !== null,
    place:
      p.place === null
        ? null
        : {
            id: String(p.place),
            text: t('planPublic.filter.place', {
              place: chosenPlace ? `${hasKind(chosenPlace.sort) ? `${t(`place.kind.${chosenPlace.sort}`)} ` : ''}${chosenPlace.label}` : toPersianDigits(p.place),
            }),
            removeHref: planListHref({ ...p, place: null }),
          },
    clearHref: filtered !== null ? '/plans' : null,
    countText: p.q && !data.noWords ? t('planPublic.count_search', { count: formatNumber(data.total), q: p.q }) : t('planPublic.count', { count: formatNumber(data.total) }),
    items: data.rows.map(cardView),
    empty,
    pager: { page, pages: pageCount(data.total, PUBLIC_PLANS_PAGE_SIZE), hrefFor: (n) => planListHref(p, n) },
  };
}

const hasKind = (s: string): s is PlaceKind => isCode(placeKinds, s);

/** The list page's data: at most two statements (three when a page past the end needs a count). */
async function loadPlanList(ctx: AppContext, p: PlanListParams, page: { limit: number; offset: number }) {
  const search = p.q ? parsePlanSearch(p.q) : null;
  const noWords = search !== null && search.terms.length === 0;
  const query: PublicPlanQuery = {
    callId: p.call, countyId: p.county, placeId: p.place, harm: p.harm, target: p.target, agencyId: p.agency, status: p.status,
    search, sort: p.sort ?? defaultSort(p),
  };
  const [list, options] = await Promise.all([
    noWords ? Promise.resolve({ rows: [], total: 0 }) : listPublicPlans(ctx.db, ctx.dialect, query, page),
    planFilterOptions(ctx.db, p.place),
  ]);
  const total = list.total ?? (page.offset > 0 ? await countPublicPlans(ctx.db, ctx.dialect, query) : 0);
  return { rows: list.rows, total, options, noWords };
}

// ---- /plans/:id -------------------------------------------------------------------------------------

const mimeLabel = (mime: string) => (mime === 'application/pdf' ? t('planPublic.mime.pdf') : t('planPublic.mime.image'));
const num = (n: number | null) => (n === null ? '—' : formatNumber(n));

function planView(plan: PlanPageRow, c: PlanContent, extras: PlanPageExtraRow[], visibleToPublic: boolean, isDemo: boolean): PublicPlanView {
  const budgetSum = c.budgetLines.reduce((s, l) => s + l.total, 0);
  const text = (s: string) => toPersianDigits(s.trim());
  return {
    title: toPersianDigits(plan.title),
    statusLabel: statusLabel(plan.status),
    isPublic: visibleToPublic,
    isDemo,
    crumbs: [{ label: t('nav.home'), href: '/' }, { label: t('planPublic.list.title'), href: '/plans' }, { label: toPersianDigits(plan.title) }],
    facts: [
      { label: t('planPublic.page.status'), value: statusLabel(plan.status) },
      { label: t('planPublic.page.agency'), value: plan.agency_name, href: `/plans?agency=${plan.agency_id}` },
      { label: t('planPublic.page.call'), value: toPersianDigits(plan.call_title), href: `/calls/${plan.call_id}` },
      {
        label: t('planPublic.page.requested'),
        value: tomans(plan.requested_rials),
        extra: t('planPublic.page.requested_words', { words: amountInWords(plan.requested_rials, 'toman') }),
      },
      { label: t('planPublic.page.period'), value: t('planPublic.page.period_value', { start: jalaliDay(c.startDate), end: jalaliDay(c.endDate) }) },
      ...(plan.public_at ? [{ label: t('planPublic.page.published'), value: formatJalaliDate(plan.public_at) }] : []),
      { label: t('planPublic.page.updated'), value: formatJalaliDate(plan.updated_at) },
      // A funded plan's results (money spent, people reached, progress) have their own page.
      ...(visibleToPublic && ['funded', 'in_progress', 'completed'].includes(plan.status)
        ? [{ label: t('results.plan.factLabel'), value: t('results.hub.title'), href: `/results/plans/${plan.id}` }]
        : []),
    ],
    summary: paragraphs(plan.summary),
    harms: c.harms.map((h) => t(`harm.${h}`)),
    interventions: c.interventionTypes.map((x) => t(`intervention.${x}`)),
    ageHeaders: ageBands.map((b) => t(`age.${b}`)),
    targets: c.targetGroups.map((g) => ({
      group: t(`target.${g.group}`),
      female: formatNumber(g.female),
      male: formatNumber(g.male),
      total: formatNumber(g.female + g.male),
      byAge: ageBands.map((b) => formatNumber(g.ageBands[b])),
    })),
    places: extras
      .filter((x) => x.kind === 'place')
      .map((x) => ({
        href: `/places/${x.id}`,
        name: x.label,
        kind: hasKind(x.detail) ? t(`place.kind.${x.detail}`) : '',
        county: x.parent ? `${t('place.kind.county')} ${x.parent}` : null,
      })),
    evidence: c.evidence.map((e) => ({ statement: text(e.statement), value: text(e.value), year: text(e.year), source: text(e.source) })),
    goal: text(c.goal),
    outcomes: c.outcomes.map(text).filter(Boolean),
    outputs: c.outputs.map(text).filter(Boolean),
    activities: c.activities.map(text).filter(Boolean),
    assumptions: paragraphs(c.assumptions),
    indicators: c.indicators.map((i) => ({
      level: t(`planFormat.level.${i.level}`),
      statement: text(i.statement),
      unit: text(i.unit),
      baselineToTarget: `${num(i.baseline)} ← ${num(i.target)}`,
      period: text(i.period),
      verification: text(i.meansOfVerification),
    })),
    budgetLines: c.budgetLines.map((l) => ({
      item: text(l.item),
      unit: text(l.unit),
      unitCost: tomans(l.unitCost),
      quantity: formatNumber(l.quantity),
      total: tomans(l.total),
    })),
    budgetTotal: t('planPublic.page.budget_total', { amount: tomans(budgetSum) }),
    cofunding: c.cofunding.map((x) => ({ source: text(x.source), amount: tomans(x.amount) })),
    schedule: c.schedule.map((s) => ({ activity: text(s.activity), start: jalaliDay(s.start), end: jalaliDay(s.end) })),
    partners: c.partners.map((x) => `${text(x.name)} (${t(`partnerKind.${x.kind}`)})`),
    participation: paragraphs(c.participationPlan),
    overlap: { declared: c.hasOverlap, text: paragraphs(c.overlapDescription) },
    attachments: extras
      .filter((x) => x.kind === 'attachment')
      .map((x) => ({ href: `/plans/${plan.id}/attachments/${x.id}`, name: x.label, type: mimeLabel(x.detail) })),
    citedNeeds: citedNeedsView(extras.filter((x) => x.kind === 'need')),
  };
}

function planIdParam(request: FastifyRequest): number {
  const id = idOf((request.params as { id?: string }).id ?? '');
  if (id === null) throw notFound();
  return id;
}

/** /plans and /plans/:id. */
export async function planPublicRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/plans', { config: { publicPage: true } }, async (request, reply) => {
    const params = parsePlanListParams(request.query);
    const p = pageFromQuery(field(request.query, 'page'), PUBLIC_PLANS_PAGE_SIZE);
    const data = await loadPlanList(ctx, params, p);
    return sendPage(reply, <PlanListPage page={pageContext(request, reply, ctx.clock)} view={listView(params, p.page, data)} />);
  });

  // Two statements: the plan with its call, agency and residents' support, then its places and attachments.
  app.get('/plans/:id', { config: { publicPage: true } }, async (request, reply) => {
    const plan = await findPlanForPage(ctx.db, planIdParam(request), request.actor?.id ?? null);
    if (!plan) throw notFound();
    const visibleToPublic = plan.is_public === 1 && publicStatuses.includes(plan.status);
    // Anyone may read a public plan; its agency's officers and the programme staff also read the
    // others. Everyone else gets the same 404 as for a plan that does not exist.
    if (!visibleToPublic && !can(request.actor, 'plan.read', { agencyId: plan.agency_id, status: plan.status })) throw notFound();
    if (!visibleToPublic) {
      // Never cached, here or on the way: the page is personal to whoever may read it.
      request.pageCacheVersion = null;
      reply.header('cache-control', 'private, no-store');
    }
    const subject = { type: 'plan' as const, id: plan.id, href: `/plans/${plan.id}`, open: true };
    // Only public plans have a public conversation.
    const [extras, thread] = await Promise.all([
      planPageExtras(ctx.db, plan.id),
      visibleToPublic ? loadThread(ctx, request.actor, subject, threadParams(request.query)) : Promise.resolve(null),
    ]);
    const view = planView(plan, parseStoredContent(plan.content), extras, visibleToPublic, plan.is_demo === 1);
    const page = pageContext(request, reply, ctx.clock);
    const comments = thread && {
      thread,
      form: request.actor ? commentForm(ctx, page.csrfToken, { action: '/comments', subject: subjectKey(subject), parentId: null, value: '' }) : null,
    };
    const support = visibleToPublic ? supportBoxOfPage(plan, request.actor, extras) : null;
    return sendPage(reply, <PublicPlanPage page={page} view={view} comments={comments} support={support} />);
  });

  // Attachments of a plan are readable by whoever may read the plan.
  app.get('/plans/:id/attachments/:aid', async (request, reply) => {
    const plan = await findPlan(ctx.db, planIdParam(request));
    if (!plan) throw notFound();
    const visibleToPublic = plan.is_public === 1 && publicStatuses.includes(plan.status);
    if (!visibleToPublic && !can(request.actor, 'plan.read', { agencyId: plan.agency_id, status: plan.status })) throw notFound();
    return sendPlanAttachment(reply, uploadRoot(ctx.config), plan, (request.params as { aid: string }).aid, ctx.db);
  });
}
