// SQL of the results area: place shapes (boundaries import and demo shapes) and the public
// results pages' figures. Figures count approved progress reports only.

import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { PlaceKind } from '../../places/place-kinds.ts';
import { placeSubtree } from '../../places/places.repo.ts';

// ---------------------------------------------------------------- shapes

export type MatchPlaceRow = { id: number; kind: PlaceKind; code: string | null; name: string; name_key: string };

/** Places whose code or name key is among those a boundaries file names (one query). */
export async function placesMatching(db: Db, codes: readonly string[], nameKeys: readonly string[]): Promise<MatchPlaceRow[]> {
  if (codes.length === 0 && nameKeys.length === 0) return [];
  return db
    .selectFrom('places')
    .select(['id', 'kind', 'code', 'name', 'name_key'])
    .where((eb) =>
      eb.or([
        ...(codes.length ? [eb('code', 'in', [...codes])] : []),
        ...(nameKeys.length ? [eb('name_key', 'in', [...nameKeys])] : []),
      ]),
    )
    .execute();
}

export async function setPlaceGeometry(db: Db, id: number, geometry: string, illustrative: boolean, now: string): Promise<void> {
  await db.updateTable('places').set({ geometry, geometry_illustrative: illustrative ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
}

export type ShapePlaceRow = {
  id: number;
  parent_id: number | null;
  kind: PlaceKind;
  code: string | null;
  lat: number | null;
  lon: number | null;
  geometry: string | null;
  is_demo: 0 | 1;
};

/**
 * What the demo shapes need: the divisions above the home level (with their points and, for
 * counties, shapes) and the demo neighborhoods and villages.
 */
export async function placesForDemoShapes(db: Db): Promise<ShapePlaceRow[]> {
  return db
    .selectFrom('places')
    .select(['id', 'parent_id', 'kind', 'code', 'lat', 'lon', 'is_demo'])
    .select((eb) => eb.case().when('kind', '=', 'county').then(eb.ref('geometry')).else(sql<string | null>`null`).end().as('geometry'))
    .where((eb) => eb.or([eb('kind', 'in', ['province', 'county', 'district', 'city', 'urban_district']), eb('is_demo', '=', 1)]))
    .orderBy('code')
    .orderBy('id')
    .execute() as Promise<ShapePlaceRow[]>;
}

/** Which of the given places already have a shape. */
export async function placesWithShape(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('places').select('id').where('id', 'in', [...ids]).where('geometry', 'is not', null).execute();
  return new Set(rows.map((r) => Number(r.id)));
}

// ---------------------------------------------------------------- public results

/** Plans whose money was granted: funded, being carried out or completed (with an amount). */
export const fundedPlanStatuses = ['funded', 'in_progress', 'completed'] as const;

export type ResultsFilter = {
  /** A harm code (plan_tags kind 'harm'). */
  harm?: string;
  /** Plans reaching this place or anything below it. */
  placeId?: number;
  planId?: number;
};

/** Public funded plans matching a filter: the base of every results query. */
function fundedPlans(db: Db, f: ResultsFilter) {
  let q = db
    .selectFrom('plans as p')
    .where('p.is_public', '=', 1)
    .where('p.status', 'in', [...fundedPlanStatuses])
    .where('p.funded_rials', 'is not', null);
  if (f.planId !== undefined) q = q.where('p.id', '=', f.planId);
  if (f.harm !== undefined) q = q.where('p.id', 'in', db.selectFrom('plan_tags').select('plan_id').where('kind', '=', 'harm').where('code', '=', f.harm));
  if (f.placeId !== undefined) {
    q = q.where(sql<boolean>`p.id in (select pp.plan_id from plan_places pp where pp.county_id = ${f.placeId} or pp.place_id in (${placeSubtree(f.placeId)}))`);
  }
  return q;
}

export type PlanFactRow = {
  id: number;
  title: string;
  status: (typeof fundedPlanStatuses)[number];
  fundedRials: number;
  isDemo: boolean;
  /** Σ spent_rials of approved reports. */
  spentRials: number;
  /** Σ beneficiaries_total of approved reports. */
  reached: number;
  approvedReports: number;
  /** progress_percent of the latest approved report by period; null when none. */
  progress: number | null;
};

/** Each matching funded plan with its approved-report figures, in Persian title order (one query). */
export async function planFacts(db: Db, f: ResultsFilter): Promise<PlanFactRow[]> {
  const approved = db
    .selectFrom('progress_reports')
    .select((eb) => [
      'plan_id',
      eb.fn.sum<number | string>('spent_rials').as('spent'),
      eb.fn.sum<number | string>('beneficiaries_total').as('reached'),
      eb.fn.countAll<number | string>().as('reports'),
    ])
    .where('status', '=', 'approved')
    .groupBy('plan_id')
    .as('a');
  const rows = await fundedPlans(db, f)
    .leftJoin(approved, 'a.plan_id', 'p.id')
    .select((eb) => [
      'p.id', 'p.title', 'p.status', 'p.funded_rials', 'p.is_demo', 'a.spent', 'a.reached', 'a.reports',
      eb
        .selectFrom('progress_reports as r')
        .select('r.progress_percent')
        .whereRef('r.plan_id', '=', 'p.id')
        .where('r.status', '=', 'approved')
        .orderBy('r.period', 'desc')
        .limit(1)
        .as('progress'),
    ])
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    status: r.status as PlanFactRow['status'],
    fundedRials: Number(r.funded_rials ?? 0),
    isDemo: Number(r.is_demo) === 1,
    spentRials: Number(r.spent ?? 0),
    reached: Number(r.reached ?? 0),
    approvedReports: Number(r.reports ?? 0),
    progress: r.progress === null || r.progress === undefined ? null : Number(r.progress),
  }));
}

/** The harm or target-group codes of matching funded plans (one query). */
export async function planTagsOf(db: Db, f: ResultsFilter, kind: 'harm' | 'target'): Promise<{ planId: number; code: string }[]> {
  const rows = await db
    .selectFrom('plan_tags')
    .select(['plan_id', 'code'])
    .where('kind', '=', kind)
    .where('plan_id', 'in', fundedPlans(db, f).select('p.id'))
    .execute();
  return rows.map((r) => ({ planId: Number(r.plan_id), code: r.code }));
}

/** The places (and their counties) of matching funded plans (one query). */
export async function planPlacesOf(db: Db, f: ResultsFilter): Promise<{ planId: number; placeId: number; countyId: number | null }[]> {
  const rows = await db
    .selectFrom('plan_places')
    .select(['plan_id', 'place_id', 'county_id'])
    .where('plan_id', 'in', fundedPlans(db, f).select('p.id'))
    .execute();
  return rows.map((r) => ({ planId: Number(r.plan_id), placeId: Number(r.place_id), countyId: r.county_id === null ? null : Number(r.county_id) }));
}

export type MapPlaceRow = {
  id: number;
  parentId: number | null;
  kind: PlaceKind;
  name: string;
  population: number | null;
  geometry: string | null;
  illustrative: boolean;
  isDemo: boolean;
};

const toMapPlace = (r: {
  id: number; parent_id: number | null; kind: PlaceKind; name: string; population: number | string | null; geometry: string | null; geometry_illustrative: number; is_demo: number;
}): MapPlaceRow => ({
  id: Number(r.id), parentId: r.parent_id === null ? null : Number(r.parent_id), kind: r.kind, name: r.name,
  population: r.population === null ? null : Number(r.population), geometry: r.geometry, illustrative: Number(r.geometry_illustrative) === 1, isDemo: Number(r.is_demo) === 1,
});

const mapPlaceColumns = ['id', 'parent_id', 'kind', 'name', 'population', 'geometry', 'geometry_illustrative', 'is_demo'] as const;

/** Places of one kind with their shapes, in Persian order (capped). */
export async function placesOfKindWithShapes(db: Db, kind: PlaceKind, limit = 500): Promise<MapPlaceRow[]> {
  const rows = await db.selectFrom('places').select(mapPlaceColumns).where('kind', '=', kind).orderBy('sort_key').orderBy('id').limit(limit).execute();
  return rows.map(toMapPlace);
}

/**
 * The homes (neighborhoods) of one city, directly or through its urban districts, with shapes;
 * the city itself comes first (one query).
 */
export async function cityNeighborhoods(db: Db, cityId: number, limit = 500): Promise<MapPlaceRow[]> {
  const rows = await db
    .selectFrom('places')
    .select(mapPlaceColumns)
    .where((eb) =>
      eb.or([
        eb('id', '=', cityId),
        eb.and([
          eb('kind', '=', 'neighborhood'),
          eb.or([
            eb('parent_id', '=', cityId),
            eb('parent_id', 'in', eb.selectFrom('places').select('id').where('parent_id', '=', cityId).where('kind', '=', 'urban_district')),
          ]),
        ]),
      ]),
    )
    .orderBy('sort_key')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const mapped = rows.map(toMapPlace);
  return [...mapped.filter((r) => r.id === cityId), ...mapped.filter((r) => r.id !== cityId)];
}

/** Cities with neighborhoods that have a shape, and how many (for the map's city choice; one query). */
export async function citiesWithNeighborhoodShapes(db: Db): Promise<{ id: number; name: string; shapes: number }[]> {
  const rows = await db
    .selectFrom('places as c')
    .innerJoin('places as n', (j) =>
      j.on((eb) =>
        eb.or([
          eb('n.parent_id', '=', eb.ref('c.id')),
          eb('n.parent_id', 'in', eb.selectFrom('places as u').select('u.id').whereRef('u.parent_id', '=', 'c.id').where('u.kind', '=', 'urban_district')),
        ]),
      ),
    )
    .select((eb) => ['c.id', 'c.name', eb.fn.countAll<number | string>().as('shapes')])
    .where('c.kind', '=', 'city')
    .where('n.kind', '=', 'neighborhood')
    .where('n.geometry', 'is not', null)
    .groupBy(['c.id', 'c.name', 'c.sort_key'])
    .orderBy('c.sort_key')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, shapes: Number(r.shapes) }));
}

/** A place with its shape, and the other places of its kind under the same parent (one query, capped). */
export async function placeAndNeighbours(db: Db, place: { id: number; parentId: number | null; kind: PlaceKind }, limit = 200): Promise<MapPlaceRow[]> {
  let q = db.selectFrom('places').select(mapPlaceColumns);
  q = place.parentId === null
    ? q.where('id', '=', place.id)
    : q.where((eb) => eb.or([eb('id', '=', place.id), eb.and([eb('parent_id', '=', place.parentId as number), eb('kind', '=', place.kind)])]));
  const rows = await q.orderBy('sort_key').orderBy('id').limit(limit).execute();
  return rows.map(toMapPlace);
}

export type IndicatorRow = {
  id: number;
  code: string;
  name: string;
  unit: string;
  direction: 'lower_better' | 'higher_better';
  harm: string | null;
  level: string;
  isDemo: boolean;
};

/** The indicator catalogue (optionally of one harm or collection level), by name (one query). */
export async function listIndicators(db: Db, f: { harm?: string; level?: string } = {}, limit = 200): Promise<IndicatorRow[]> {
  let q = db.selectFrom('indicators').select(['id', 'code', 'name', 'unit', 'direction', 'harm', 'level', 'is_demo']);
  if (f.harm !== undefined) q = q.where('harm', '=', f.harm);
  if (f.level !== undefined) q = q.where('level', '=', f.level);
  const rows = await q.orderBy('name_key').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, unit: r.unit, direction: r.direction, harm: r.harm, level: r.level, isDemo: Number(r.is_demo) === 1 }));
}

export type ValueRow = { indicatorId: number; placeId: number; period: string; periodType: 'year' | 'quarter' | 'month'; value: number };

/** Values of one indicator at places of a kind (every period; one query, capped). */
export async function indicatorValuesAtKind(db: Db, indicatorId: number, kind: PlaceKind, limit = 20_000): Promise<ValueRow[]> {
  const rows = await db
    .selectFrom('indicator_values as v')
    .innerJoin('places as pl', 'pl.id', 'v.place_id')
    .select(['v.indicator_id', 'v.place_id', 'v.period', 'v.period_type', 'v.value'])
    .where('v.indicator_id', '=', indicatorId)
    .where('pl.kind', '=', kind)
    .limit(limit)
    .execute();
  return rows.map(toValue);
}

/** Values of several indicators at places of a kind (one query, capped). */
export async function indicatorsValuesAtKind(db: Db, indicatorIds: readonly number[], kind: PlaceKind, limit = 20_000): Promise<ValueRow[]> {
  if (indicatorIds.length === 0) return [];
  const rows = await db
    .selectFrom('indicator_values as v')
    .innerJoin('places as pl', 'pl.id', 'v.place_id')
    .select(['v.indicator_id', 'v.place_id', 'v.period', 'v.period_type', 'v.value'])
    .where('v.indicator_id', 'in', [...indicatorIds])
    .where('pl.kind', '=', kind)
    .limit(limit)
    .execute();
  return rows.map(toValue);
}

const toValue = (r: { indicator_id: number; place_id: number; period: string; period_type: 'year' | 'quarter' | 'month'; value: number | string }): ValueRow => ({
  indicatorId: Number(r.indicator_id), placeId: Number(r.place_id), period: r.period, periodType: r.period_type, value: Number(r.value),
});

export type PlaceValueRow = ValueRow & { name: string; unit: string; direction: IndicatorRow['direction']; isDemo: boolean };

/** Every indicator value measured at one place, with the indicator (one query, capped). */
export async function indicatorValuesAtPlace(db: Db, placeId: number, limit = 1000): Promise<PlaceValueRow[]> {
  const rows = await db
    .selectFrom('indicator_values as v')
    .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
    .select(['v.indicator_id', 'v.place_id', 'v.period', 'v.period_type', 'v.value', 'i.name', 'i.unit', 'i.direction', 'i.is_demo'])
    .where('v.place_id', '=', placeId)
    .orderBy('i.name_key')
    .orderBy('v.period')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toValue(r), name: r.name, unit: r.unit, direction: r.direction, isDemo: Number(r.is_demo) === 1 }));
}

/** Whether a plan is public and was funded (the plan results page shows nothing else). */
export async function isPublicFundedPlan(db: Db, planId: number): Promise<boolean> {
  const row = await fundedPlans(db, { planId }).select('p.id').executeTakeFirst();
  return row !== undefined;
}

/** A funded plan's places and harms, for links (one query). */
export async function planPlacesAndHarms(db: Db, planId: number): Promise<{ places: { id: number; name: string; kind: PlaceKind }[]; harms: string[] }> {
  const rows = await db
    .selectFrom('plan_places as pp')
    .innerJoin('places as pl', 'pl.id', 'pp.place_id')
    .select(['pl.id', 'pl.name', 'pl.kind', sql<string | null>`null`.as('harm')])
    .where('pp.plan_id', '=', planId)
    .unionAll(
      db.selectFrom('plan_tags as t').select([sql<number>`0`.as('id'), sql<string>`''`.as('name'), sql<PlaceKind>`'neighborhood'`.as('kind'), 't.code as harm']).where('t.plan_id', '=', planId).where('t.kind', '=', 'harm'),
    )
    .execute();
  return {
    places: rows.filter((r) => r.harm === null).map((r) => ({ id: Number(r.id), name: r.name, kind: r.kind })),
    harms: rows.flatMap((r) => (r.harm === null ? [] : [r.harm])),
  };
}
