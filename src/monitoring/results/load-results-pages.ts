// View-models of the public results pages: the routes parse the request and call these; the
// views receive only what they show, already formatted (Persian digits, Jalali dates, labels).
// Each loader keeps to a handful of queries whatever the data size; lists are capped or paged.

import type { Geometry } from 'geojson';
import type { Db } from '../../platform/db/database.ts';
import { field } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/t.ts';
import { toAsciiDigits, toPersianDigits } from '../../platform/persian/digits.ts';
import { formatJalaliDate } from '../../platform/persian/jalali.ts';
import { formatMoney, formatNumber } from '../../platform/persian/money.ts';
import type { BarDatum } from '../../platform/views/charts.tsx';
import { tickNumber } from '../../platform/views/charts.tsx';
import type { MapArea } from '../../platform/views/map.tsx';
import type { Crumb } from '../../platform/views/page-context.ts';
import { pageCount } from '../../platform/views/pagination.ts';
import { placeWithAncestors, type PlaceRow } from '../../places/places.repo.ts';
import type { PlaceKind } from '../../places/place-kinds.ts';
import { harms, isCode, targetGroups, type Harm } from '../../taxonomy/codes.ts';
import { periodLabel } from '../period-label.ts';
import { parsePeriod } from '../periods.ts';
import { loadPlanResults } from '../reports/plan-results.ts';
import { latestValues, percentOf, perThousand, sortPeriods, splitEqually, totalsOf, towardsTarget, type Share, type Totals } from './results-figures.ts';
import {
  cityNeighborhoods, citiesWithNeighborhoodShapes, indicatorValuesAtKind, indicatorValuesAtPlace, indicatorsValuesAtKind, listIndicators,
  placeAndNeighbours, placesOfKindWithShapes, planFacts, planPlacesAndHarms, planPlacesOf, planTagsOf,
  type IndicatorRow, type MapPlaceRow, type PlanFactRow, type ValueRow,
} from './results.repo.ts';

// ---- formatting ---------------------------------------------------------------------------------

export const money = (rials: number) => formatMoney(Math.round(rials), 'rial');
const compactMoney = (rials: number) => t('results.unit.compactRials', { amount: tickNumber(Math.round(rials)) });
const num = (n: number) => formatNumber(Math.round(n * 10) / 10);
/** «۴۵٪» (the percent sign follows the number in Persian). */
export const percentSign = (n: number) => `${formatNumber(n)}٪`;
const percentText = (p: number | null) => (p === null ? t('results.progress.none') : percentSign(percentOf(p) ?? 0));
const kindName = (k: PlaceKind, name: string) => `${kindLabel(k)} ${name}`;
const periodName = (code: string) => {
  const p = parsePeriod(code);
  return p ? periodLabel(p) : toPersianDigits(code);
};
const harmLabel = (code: string) => (isCode(harms, code) ? t(`harm.${code}`) : toPersianDigits(code));
const groupLabel = (code: string) => (isCode(targetGroups, code) ? t(`target.${code}`) : toPersianDigits(code));
const kindLabel = (k: PlaceKind) => t(`place.kind.${k}`);

export const HUB_PATH = '/results/progress';
export const MAP_PATH = '/results/map';
export const planResultsHref = (id: number) => `/results/plans/${id}`;
export const placeResultsHref = (id: number) => `/results/places/${id}`;
export const harmResultsHref = (code: string) => `/results/harms/${code}`;

/** A number from a URL (any digit kind), or null. */
export function idOf(raw: string, maxDigits = 12): number | null {
  const s = toAsciiDigits(raw.trim());
  return new RegExp(`^\\d{1,${maxDigits}}$`).test(s) ? Number(s) : null;
}

const hubCrumbs = (...rest: Crumb[]): Crumb[] => [
  { label: t('nav.home'), href: '/' },
  ...(rest.length ? [{ label: t('results.hub.title'), href: HUB_PATH }, ...rest] : [{ label: t('results.hub.title') }]),
];

// ---- shared pieces ------------------------------------------------------------------------------

export type StatView = { label: string; value: string };
export type PlanRowView = { href: string; title: string; isDemo: boolean; status: string; funded: string; spent: string; progress: number | null; progressText: string };
export type MapView = { title: string; areas: MapArea[]; legendTitle: string; format: (n: number) => string; higherIsWorse: boolean; attribution?: string; note?: string };
export type OptionView = { value: string; label: string; selected: boolean };

function statsOf(totals: Totals): StatView[] {
  return [
    { label: t('results.stat.plans'), value: formatNumber(totals.plans) },
    { label: t('results.stat.funded'), value: money(totals.fundedRials) },
    { label: t('results.stat.spent'), value: money(totals.spentRials) },
    { label: t('results.stat.reached'), value: formatNumber(Math.round(totals.reached)) },
    { label: t('results.stat.progress'), value: percentText(totals.progress) },
  ];
}

function progressNote(totals: Totals): string {
  return totals.plans === 0 ? t('results.note.noPlans') : t('results.note.reporting', { reporting: totals.reporting, plans: totals.plans });
}

function planRow(p: PlanFactRow): PlanRowView {
  return {
    href: planResultsHref(p.id),
    title: toPersianDigits(p.title),
    isDemo: p.isDemo,
    status: t(`planStatus.${p.status}`),
    funded: money(p.fundedRials),
    spent: money(p.spentRials),
    progress: percentOf(p.progress),
    progressText: percentText(p.progress),
  };
}

function geometryOf(text: string | null): Geometry | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Geometry;
  } catch {
    return null;
  }
}

/** Map areas from places with shapes (places without one are left out of the drawing). */
function areasOf(places: readonly MapPlaceRow[], valueOf: (p: MapPlaceRow) => number | null, href: (p: MapPlaceRow) => string | undefined = (p) => placeResultsHref(p.id)): MapArea[] {
  const out: MapArea[] = [];
  for (const p of places) {
    const geometry = geometryOf(p.geometry);
    if (!geometry) continue;
    out.push({ id: p.id, name: p.name, geometry, value: valueOf(p), href: href(p), illustrative: p.illustrative });
  }
  return out;
}

const attributionFor = (areas: readonly MapArea[]) => (areas.some((a) => !a.illustrative) ? t('results.map.osm') : undefined);

// ---- metrics ------------------------------------------------------------------------------------

export type MetricKey = 'funded_per_1000' | 'funded' | 'plans' | `indicator-${number}`;

export function parseMetric(raw: string): MetricKey {
  const s = toAsciiDigits(raw.trim());
  if (s === 'funded_per_1000' || s === 'funded' || s === 'plans') return s;
  const m = /^indicator-(\d{1,9})$/.exec(s);
  return m ? (`indicator-${Number(m[1])}` as MetricKey) : 'funded_per_1000';
}

const indicatorIdOf = (m: MetricKey): number | null => (m.startsWith('indicator-') ? Number(m.slice('indicator-'.length)) : null);

function metricOptions(selected: MetricKey, indicators: readonly IndicatorRow[], withPerThousand: boolean): OptionView[] {
  const base: { value: MetricKey; label: string }[] = [
    ...(withPerThousand ? [{ value: 'funded_per_1000' as const, label: t('results.metric.funded_per_1000') }] : []),
    { value: 'funded', label: t('results.metric.funded') },
    { value: 'plans', label: t('results.metric.plans') },
  ];
  return [
    ...base.map((o) => ({ ...o, selected: o.value === selected })),
    ...indicators.map((i) => ({
      value: `indicator-${i.id}`,
      label: i.isDemo ? t('results.metric.indicatorDemo', { name: i.name }) : t('results.metric.indicator', { name: i.name }),
      selected: selected === `indicator-${i.id}`,
    })),
  ];
}

type Measured = { legend: string; format: (n: number) => string; higherIsWorse: boolean; valueOf: (placeId: number, population: number | null) => number | null; note?: string };

/** What a map shows for a metric: money and plans from funded plans, or an indicator's latest values. */
function measure(metric: MetricKey, shares: Map<number, Share>, indicator: IndicatorRow | null, values: readonly ValueRow[]): Measured {
  if (indicator) {
    const latest = latestValues(values);
    return {
      legend: t('results.metric.indicatorLegend', { name: indicator.name, unit: indicator.unit, period: latest.period ? periodName(latest.period) : t('results.map.noData') }),
      format: num,
      higherIsWorse: indicator.direction === 'lower_better',
      valueOf: (id) => latest.byPlace.get(id) ?? null,
      note: indicator.isDemo ? t('results.note.demoIndicator') : undefined,
    };
  }
  if (metric === 'plans') {
    return { legend: t('results.metric.plans'), format: (n) => formatNumber(n), higherIsWorse: true, valueOf: (id) => shares.get(id)?.plans ?? 0 };
  }
  if (metric === 'funded') {
    return { legend: t('results.metric.funded'), format: compactMoney, higherIsWorse: true, valueOf: (id) => Math.round(shares.get(id)?.fundedRials ?? 0), note: t('results.note.splitCounties') };
  }
  return {
    legend: t('results.metric.funded_per_1000'),
    format: compactMoney,
    higherIsWorse: true,
    valueOf: (id, population) => perThousand(shares.get(id)?.fundedRials ?? 0, population),
    note: t('results.note.splitCounties'),
  };
}

// ---- /results/progress --------------------------------------------------------------------------

export const HUB_PAGE_SIZE = 20;

export type HubView = {
  stats: StatView[];
  progressNote: string;
  hasDemo: boolean;
  harmChart: { data: BarDatum[]; compare: (number | null)[] };
  metricOptions: OptionView[];
  map: MapView;
  plans: PlanRowView[];
  page: number;
  pages: number;
  crumbs: Crumb[];
};

export async function loadHub(db: Db, query: unknown): Promise<HubView> {
  const metric = parseMetric(field(query, 'metric', 40));
  const requestedPage = idOf(field(query, 'page', 8)) ?? 1;
  const [facts, harmTags, places, counties, indicators] = await Promise.all([
    planFacts(db, {}),
    planTagsOf(db, {}, 'harm'),
    planPlacesOf(db, {}),
    placesOfKindWithShapes(db, 'county'),
    listIndicators(db, { level: 'county' }),
  ]);
  const indicator = indicators.find((i) => i.id === indicatorIdOf(metric)) ?? null;
  const values = indicator ? await indicatorValuesAtKind(db, indicator.id, 'county') : [];
  const totals = totalsOf(facts);

  const byHarm = [...splitEqually(facts, harmTags.map((x) => ({ planId: x.planId, key: x.code })))].sort((a, b) => b[1].fundedRials - a[1].fundedRials);
  const byCounty = splitEqually(facts, places.flatMap((p) => (p.countyId === null ? [] : [{ planId: p.planId, key: p.countyId }])));
  const m = measure(indicator ? metric : metric.startsWith('indicator-') ? 'funded_per_1000' : metric, byCounty, indicator, values);
  const areas = areasOf(counties, (c) => m.valueOf(c.id, c.population));

  const pages = pageCount(facts.length, HUB_PAGE_SIZE);
  const page = Math.min(requestedPage, pages);
  return {
    stats: statsOf(totals),
    progressNote: progressNote(totals),
    hasDemo: facts.some((p) => p.isDemo),
    harmChart: {
      data: byHarm.map(([code, s]) => ({ label: harmLabel(code), value: Math.round(s.spentRials), href: harmResultsHref(code) })),
      compare: byHarm.map(([, s]) => Math.round(s.fundedRials)),
    },
    metricOptions: metricOptions(indicator ? metric : metric.startsWith('indicator-') ? 'funded_per_1000' : metric, indicators, true),
    map: { title: t('results.map.countiesTitle'), areas, legendTitle: m.legend, format: m.format, higherIsWorse: m.higherIsWorse, attribution: attributionFor(areas), note: m.note },
    plans: facts.slice((page - 1) * HUB_PAGE_SIZE, page * HUB_PAGE_SIZE).map(planRow),
    page,
    pages,
    crumbs: hubCrumbs(),
  };
}

export const hubHref = (page: number, metric: MetricKey) => {
  const qs = new URLSearchParams();
  if (metric !== 'funded_per_1000') qs.set('metric', metric);
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `${HUB_PATH}?${s}` : HUB_PATH;
};

// ---- /results/map -------------------------------------------------------------------------------

export type MapPageView = {
  layer: 'county' | 'neighborhood';
  layerOptions: OptionView[];
  metricOptions: OptionView[];
  cityOptions: OptionView[];
  map: MapView;
  crumbs: Crumb[];
};

export async function loadMapPage(db: Db, query: unknown): Promise<MapPageView> {
  const layer = field(query, 'layer', 20) === 'neighborhood' ? 'neighborhood' : 'county';
  const metric = parseMetric(field(query, 'metric', 40));
  const layerOptions: OptionView[] = (['county', 'neighborhood'] as const).map((l) => ({ value: l, label: t(`results.layer.${l}`), selected: l === layer }));
  const crumbs = hubCrumbs({ label: t('results.map.title') });

  if (layer === 'county') {
    const [facts, places, counties, indicators] = await Promise.all([planFacts(db, {}), planPlacesOf(db, {}), placesOfKindWithShapes(db, 'county'), listIndicators(db, { level: 'county' })]);
    const indicator = indicators.find((i) => i.id === indicatorIdOf(metric)) ?? null;
    const values = indicator ? await indicatorValuesAtKind(db, indicator.id, 'county') : [];
    const chosen: MetricKey = indicator ? metric : metric.startsWith('indicator-') ? 'funded_per_1000' : metric;
    const shares = splitEqually(facts, places.flatMap((p) => (p.countyId === null ? [] : [{ planId: p.planId, key: p.countyId }])));
    const m = measure(chosen, shares, indicator, values);
    const areas = areasOf(counties, (c) => m.valueOf(c.id, c.population));
    return {
      layer, layerOptions, crumbs, cityOptions: [],
      metricOptions: metricOptions(chosen, indicators, true),
      map: { title: t('results.map.countiesTitle'), areas, legendTitle: m.legend, format: m.format, higherIsWorse: m.higherIsWorse, attribution: attributionFor(areas), note: m.note },
    };
  }

  const cities = await citiesWithNeighborhoodShapes(db);
  // Without a choice, the city with the most drawn neighborhoods.
  const busiest = cities.reduce<(typeof cities)[number] | null>((best, c) => (best === null || c.shapes > best.shapes ? c : best), null);
  const cityId = idOf(field(query, 'city', 12));
  const city = cities.find((c) => c.id === cityId) ?? busiest;
  const cityOptions = cities.map((c) => ({ value: String(c.id), label: toPersianDigits(c.name), selected: c.id === city?.id }));
  const [facts, places, homes, indicators] = await Promise.all([
    planFacts(db, city ? { placeId: city.id } : {}),
    planPlacesOf(db, city ? { placeId: city.id } : {}),
    city ? cityNeighborhoods(db, city.id) : Promise.resolve([] as MapPlaceRow[]),
    listIndicators(db, { level: 'neighborhood' }),
  ]);
  const indicator = indicators.find((i) => i.id === indicatorIdOf(metric)) ?? null;
  const values = indicator ? await indicatorValuesAtKind(db, indicator.id, 'neighborhood') : [];
  const chosen: MetricKey = indicator ? metric : metric === 'funded_per_1000' || metric.startsWith('indicator-') ? 'funded' : metric;
  // Neighborhood money: a plan's amount split equally among its places.
  const shares = splitEqually(facts, places.map((p) => ({ planId: p.planId, key: p.placeId })));
  const m = measure(chosen, shares, indicator, values);
  const neighborhoods = homes.filter((h) => h.kind === 'neighborhood');
  const areas = areasOf(neighborhoods, (n) => m.valueOf(n.id, n.population));
  const cityName = city ? toPersianDigits(city.name) : '';
  return {
    layer, layerOptions, crumbs, cityOptions,
    metricOptions: metricOptions(chosen, indicators, false),
    map: {
      title: city ? t('results.map.neighborhoodsTitle', { city: cityName }) : t('results.map.title'),
      areas, legendTitle: m.legend, format: m.format, higherIsWorse: m.higherIsWorse, attribution: attributionFor(areas),
      note: chosen === 'funded' ? t('results.note.splitPlaces') : m.note,
    },
  };
}

// ---- /results/plans/:id -------------------------------------------------------------------------

export type IndicatorChangeView = {
  statement: string;
  unit: string;
  baseline: string;
  actual: string;
  actualPeriod: string;
  target: string;
  /** 'good' when the actual moved from the baseline towards the target, 'bad' away, 'flat' unchanged, null unknown. */
  trend: 'good' | 'bad' | 'flat' | null;
  towards: number | null;
};

export type PlanResultsView = {
  title: string;
  isDemo: boolean;
  crumbs: Crumb[];
  planHref: string;
  stats: StatView[];
  spentShare: { value: number; max: number; text: string } | null;
  spentChart: BarDatum[];
  progressSeries: { x: string; value: number | null }[];
  timeline: { date: string; label: string }[];
  reached: { data: BarDatum[]; compare: (number | null)[]; rows: { group: string; female: string; male: string; reached: string; planned: string }[] };
  indicators: IndicatorChangeView[];
  indicatorChart: BarDatum[];
  reports: { period: string; decided: string; progress: string; spent: string; reached: string }[];
  places: { href: string; label: string }[];
  harms: { href: string; label: string }[];
};

function trendOf(baseline: number | null, actual: number | null, target: number | null): IndicatorChangeView['trend'] {
  if (baseline === null || actual === null) return null;
  if (actual === baseline) return 'flat';
  if (target === null || target === baseline) return null;
  return Math.sign(actual - baseline) === Math.sign(target - baseline) ? 'good' : 'bad';
}

const orDash = (n: number | null, f: (n: number) => string = num) => (n === null ? t('results.noValue') : f(n));

/** Null when the plan is not public or was never funded (the page is then a 404). */
export async function loadPlanResultsPage(db: Db, planId: number, today: string): Promise<PlanResultsView | null> {
  const [facts, links] = await Promise.all([planFacts(db, { planId }), planPlacesAndHarms(db, planId)]);
  const fact = facts[0];
  if (!fact) return null;
  const r = await loadPlanResults(db, planId, { today });
  if (!r) return null;
  const approved = r.reports.filter((x) => x.status === 'approved');
  const title = toPersianDigits(r.title);
  return {
    title,
    isDemo: fact.isDemo,
    crumbs: hubCrumbs({ label: title }),
    planHref: `/plans/${planId}`,
    stats: [
      { label: t('results.plan.agency'), value: toPersianDigits(r.agencyName) },
      { label: t('results.plan.status'), value: t(`planStatus.${fact.status}`) },
      { label: t('results.stat.funded'), value: money(fact.fundedRials) },
      { label: t('results.stat.spent'), value: money(r.spentRials) },
      { label: t('results.stat.reached'), value: t('results.plan.reachedOf', { reached: formatNumber(r.beneficiaries.reachedTotal), planned: formatNumber(r.beneficiaries.plannedTotal) }) },
      { label: t('results.stat.progress'), value: percentText(r.progressPercent) },
    ],
    spentShare: fact.fundedRials > 0
      ? { value: Math.min(r.spentRials, fact.fundedRials), max: fact.fundedRials, text: t('results.plan.spentShare', { percent: formatNumber(Math.round((r.spentRials / fact.fundedRials) * 100)), spent: money(r.spentRials), funded: money(fact.fundedRials) }) }
      : null,
    spentChart: approved.map((x) => ({ label: periodName(x.period), value: x.spentRials })),
    progressSeries: approved.map((x) => ({ x: periodName(x.period), value: x.progressPercent })),
    timeline: r.timeline.map((e) => ({ date: formatJalaliDate(e.at), label: e.label })),
    reached: {
      data: r.beneficiaries.byGroup.map((g) => ({ label: groupLabel(g.group), value: g.reached })),
      compare: r.beneficiaries.byGroup.map((g) => g.planned),
      rows: r.beneficiaries.byGroup.map((g) => ({
        group: groupLabel(g.group), female: formatNumber(g.reachedFemale), male: formatNumber(g.reachedMale), reached: formatNumber(g.reached), planned: formatNumber(g.planned),
      })),
    },
    indicators: r.indicators.map((i) => ({
      statement: toPersianDigits(i.statement),
      unit: toPersianDigits(i.unit),
      baseline: orDash(i.baseline),
      actual: orDash(i.actual),
      actualPeriod: i.actualPeriod ? periodName(i.actualPeriod) : '',
      target: orDash(i.target),
      trend: trendOf(i.baseline, i.actual, i.target),
      towards: towardsTarget(i.baseline, i.actual, i.target),
    })),
    indicatorChart: r.indicators.flatMap((i) => {
      const v = towardsTarget(i.baseline, i.actual, i.target);
      return v === null ? [] : [{ label: toPersianDigits(i.statement), value: v }];
    }),
    reports: approved.map((x) => ({
      period: periodName(x.period),
      decided: x.decidedAt ? formatJalaliDate(x.decidedAt) : t('results.noValue'),
      progress: percentText(x.progressPercent),
      spent: money(x.spentRials),
      reached: formatNumber(x.beneficiariesTotal),
    })),
    places: links.places.map((p) => ({ href: placeResultsHref(p.id), label: kindName(p.kind, toPersianDigits(p.name)) })),
    harms: [...new Set(links.harms)].map((h) => ({ href: harmResultsHref(h), label: harmLabel(h) })),
  };
}

// ---- /results/places/:id ------------------------------------------------------------------------

export const PLACE_PLANS_CAP = 50;

export type PlaceResultsView = {
  title: string;
  isDemo: boolean;
  crumbs: Crumb[];
  placeHref: string;
  stats: StatView[];
  progressNote: string;
  map: MapView;
  trends: { title: string; isDemo: boolean; unit: string; points: { x: string; value: number | null }[]; name: string }[];
  plans: PlanRowView[];
  morePlans: number;
};

export async function loadPlaceResults(db: Db, placeId: number): Promise<PlaceResultsView | null> {
  const chain = await placeWithAncestors(db, placeId);
  const place = chain[0] as PlaceRow | undefined;
  if (!place || Number(place.id) !== placeId) return null;
  const kind = place.kind;
  const mapPlaces = (): Promise<MapPlaceRow[]> =>
    kind === 'province' || kind === 'county'
      ? placesOfKindWithShapes(db, 'county')
      : kind === 'city' ? cityNeighborhoods(db, placeId) : placeAndNeighbours(db, { id: placeId, parentId: place.parent_id === null ? null : Number(place.parent_id), kind });
  const [facts, neighbours, allPlaces, values] = await Promise.all([
    planFacts(db, kind === 'province' ? {} : { placeId }),
    mapPlaces(),
    planPlacesOf(db, {}),
    indicatorValuesAtPlace(db, placeId),
  ]);
  // Funded plans per drawn place: by county for counties, by the plan's own places otherwise.
  const countyLevel = kind === 'province' || kind === 'county';
  const counts = new Map<number, Set<number>>();
  for (const p of allPlaces) {
    const key = countyLevel ? p.countyId : p.placeId;
    if (key === null) continue;
    counts.set(key, (counts.get(key) ?? new Set()).add(p.planId));
  }
  const areas = areasOf(neighbours, (n) => counts.get(n.id)?.size ?? 0);

  const byIndicator = new Map<number, typeof values>();
  for (const v of values) byIndicator.set(v.indicatorId, [...(byIndicator.get(v.indicatorId) ?? []), v]);
  const trends = [...byIndicator.values()].slice(0, 8).map((all) => {
    const first = all[0] as (typeof values)[number];
    // One kind of period per line: years when there are two or more, else the commonest kind.
    const ofType = (type: string) => all.filter((v) => v.periodType === type);
    const type = ofType('year').length >= 2 ? 'year' : (['quarter', 'month', 'year'] as const).reduce((a, b) => (ofType(b).length > ofType(a).length ? b : a));
    const list = ofType(type);
    const periods = sortPeriods(list.map((v) => v.period)).slice(-12);
    return {
      title: toPersianDigits(first.name),
      name: toPersianDigits(first.name),
      isDemo: first.isDemo,
      unit: toPersianDigits(first.unit),
      points: periods.map((p) => ({ x: periodName(p), value: list.find((v) => v.period === p)?.value ?? null })),
    };
  });

  const name = toPersianDigits(place.name);
  const title = kindName(kind, name);
  const totals = totalsOf(facts);
  return {
    title,
    isDemo: place.is_demo === 1,
    crumbs: hubCrumbs(...[...chain].reverse().slice(0, -1).map((a) => ({ label: kindName(a.kind, toPersianDigits(a.name)), href: placeResultsHref(Number(a.id)) })), { label: name }),
    placeHref: `/places/${placeId}`,
    stats: statsOf(totals),
    progressNote: progressNote(totals),
    map: {
      title: countyLevel ? t('results.map.countiesTitle') : t('results.map.aroundTitle', { name }),
      areas,
      legendTitle: t('results.metric.plans'),
      format: (n) => formatNumber(n),
      higherIsWorse: true,
      attribution: attributionFor(areas),
    },
    trends,
    plans: facts.slice(0, PLACE_PLANS_CAP).map(planRow),
    morePlans: Math.max(0, facts.length - PLACE_PLANS_CAP),
  };
}

// ---- /results/harms/:code -----------------------------------------------------------------------

export type HarmResultsView = {
  code: Harm;
  title: string;
  crumbs: Crumb[];
  stats: StatView[];
  progressNote: string;
  countyChart: { data: BarDatum[]; compare: (number | null)[] };
  metricOptions: OptionView[];
  map: MapView;
  indicatorChart: { title: string; data: BarDatum[]; unit: string } | null;
  plans: PlanRowView[];
  morePlans: number;
};

export async function loadHarmResults(db: Db, code: string, query: unknown): Promise<HarmResultsView | null> {
  if (!isCode(harms, code)) return null;
  const metric = parseMetric(field(query, 'metric', 40));
  const [facts, places, counties, indicators] = await Promise.all([
    planFacts(db, { harm: code }),
    planPlacesOf(db, { harm: code }),
    placesOfKindWithShapes(db, 'county'),
    listIndicators(db, { harm: code, level: 'county' }),
  ]);
  const values = await indicatorsValuesAtKind(db, indicators.map((i) => i.id), 'county');
  const indicator = indicators.find((i) => i.id === indicatorIdOf(metric)) ?? null;
  const chosen: MetricKey = indicator ? metric : metric.startsWith('indicator-') ? 'funded_per_1000' : metric;
  const shares = splitEqually(facts, places.flatMap((p) => (p.countyId === null ? [] : [{ planId: p.planId, key: p.countyId }])));
  const m = measure(chosen, shares, indicator, values.filter((v) => v.indicatorId === indicator?.id));
  const areas = areasOf(counties, (c) => m.valueOf(c.id, c.population), (c) => placeResultsHref(c.id));

  // The chart shows the chosen indicator, else the harm's first one, by county.
  const charted = indicator ?? indicators[0] ?? null;
  let indicatorChart: HarmResultsView['indicatorChart'] = null;
  if (charted) {
    const latest = latestValues(values.filter((v) => v.indicatorId === charted.id));
    indicatorChart = {
      title: t('results.harm.indicatorChart', { name: toPersianDigits(charted.name), period: latest.period ? periodName(latest.period) : t('results.map.noData') }),
      unit: toPersianDigits(charted.unit),
      data: counties.flatMap((c) => {
        const v = latest.byPlace.get(c.id);
        return v === undefined ? [] : [{ label: toPersianDigits(c.name), value: v, href: placeResultsHref(c.id) }];
      }),
    };
  }
  const countyRows = counties.map((c) => ({ c, s: shares.get(c.id) })).filter((x) => x.s);
  const totals = totalsOf(facts);
  const title = t('results.harm.title', { harm: t(`harm.${code}`) });
  return {
    code,
    title,
    crumbs: hubCrumbs({ label: t(`harm.${code}`) }),
    stats: statsOf(totals),
    progressNote: progressNote(totals),
    countyChart: {
      data: countyRows.map(({ c, s }) => ({ label: toPersianDigits(c.name), value: Math.round(s?.spentRials ?? 0), href: placeResultsHref(c.id) })),
      compare: countyRows.map(({ s }) => Math.round(s?.fundedRials ?? 0)),
    },
    metricOptions: metricOptions(chosen, indicators, true),
    map: { title: t('results.map.countiesTitle'), areas, legendTitle: m.legend, format: m.format, higherIsWorse: m.higherIsWorse, attribution: attributionFor(areas), note: m.note },
    indicatorChart,
    plans: facts.slice(0, PLACE_PLANS_CAP).map(planRow),
    morePlans: Math.max(0, facts.length - PLACE_PLANS_CAP),
  };
}
