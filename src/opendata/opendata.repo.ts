import { sql, type SqlBool } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import { publicStatuses, type PlanStatus } from '../plans/plan-lifecycle.ts';
import { placeSubtree } from '../places/places.repo.ts';

// The SQL of open data and the JSON API. Everything here reads public information only: plans in a
// public status (is_public = 1), published allocation rounds, the indicator catalogue and values,
// places without their geometry, and results from approved progress reports. No statement selects
// a user's name, e-mail or mobile, nor an agency's contact details.

/** Statuses of funded plans (shared meaning of issue #8). */
export const fundedStatuses: readonly PlanStatus[] = ['funded', 'in_progress', 'completed'];

/** A page of rows: keyset (after the last key read) for exports, offset for the API. */
export type Slice = { limit: number; offset?: number; afterId?: number; /** Just this row. */ id?: number };

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const flag = (v: unknown): boolean => Number(v) === 1;

// ---- plans ----------------------------------------------------------------------------------------

export type PlanFilter = { harm: string | null; target: string | null; status: PlanStatus | null; placeId: number | null; callId: number | null };
export const noPlanFilter: PlanFilter = { harm: null, target: null, status: null, placeId: null, callId: null };

function publicPlans(db: Db, f: PlanFilter) {
  let q = db.selectFrom('plans as p').where('p.is_public', '=', 1).where('p.status', 'in', publicStatuses);
  if (f.status !== null) q = q.where('p.status', '=', f.status);
  if (f.callId !== null) q = q.where('p.call_id', '=', f.callId);
  for (const [kind, code] of [['harm', f.harm], ['target', f.target]] as const) {
    if (code === null) continue;
    q = q.where('p.id', 'in', db.selectFrom('plan_tags').select('plan_id').where('kind', '=', kind).where('code', '=', code));
  }
  if (f.placeId !== null) {
    q = q.where(sql<SqlBool>`p.id in (select pp.plan_id from plan_places pp where pp.place_id in (${placeSubtree(f.placeId)}))`);
  }
  return q;
}

export type PlanBaseRow = {
  id: number;
  title: string;
  summary: string;
  status: PlanStatus;
  call_id: number;
  call_title: string;
  agency_id: number;
  agency_name: string;
  requested_rials: number;
  funded_rials: number | null;
  support_count: number;
  public_at: string | null;
  updated_at: string;
  is_demo: boolean;
};

/** Public plans by id, oldest first: a keyset page (afterId) or an offset page. */
export async function publicPlanRows(db: Db, f: PlanFilter, slice: Slice): Promise<PlanBaseRow[]> {
  let q = publicPlans(db, f)
    .innerJoin('calls as c', 'c.id', 'p.call_id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select([
      'p.id', 'p.title', 'p.summary', 'p.status', 'p.call_id', 'c.title as call_title', 'p.agency_id', 'a.name as agency_name',
      'p.requested_rials', 'p.funded_rials', 'p.support_count', 'p.public_at', 'p.updated_at',
      // A plan of a demo call is demo data too.
      sql<number>`case when p.is_demo = 1 or c.is_demo = 1 then 1 else 0 end`.as('is_demo'),
    ])
    .orderBy('p.id')
    .limit(slice.limit);
  if (slice.id !== undefined) q = q.where('p.id', '=', slice.id);
  if (slice.afterId !== undefined) q = q.where('p.id', '>', slice.afterId);
  if (slice.offset) q = q.offset(slice.offset);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r, id: num(r.id), call_id: num(r.call_id), agency_id: num(r.agency_id), requested_rials: num(r.requested_rials),
    funded_rials: numOrNull(r.funded_rials), support_count: num(r.support_count), is_demo: flag(r.is_demo),
  }));
}

export async function countPublicPlanRows(db: Db, f: PlanFilter): Promise<number> {
  const r = await publicPlans(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return num(r.n);
}

export type PlanTagRow = { plan_id: number; kind: 'harm' | 'target'; code: string };

/** Harms and target groups of some plans. */
export async function planTagRows(db: Db, planIds: readonly number[]): Promise<PlanTagRow[]> {
  if (!planIds.length) return [];
  const rows = await db
    .selectFrom('plan_tags')
    .select(['plan_id', 'kind', 'code'])
    .where('plan_id', 'in', planIds)
    .where('kind', 'in', ['harm', 'target'])
    .orderBy('plan_id')
    .orderBy('kind')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ plan_id: num(r.plan_id), kind: r.kind as 'harm' | 'target', code: r.code }));
}

export type PlanPlaceRow = { plan_id: number; code: string | null; name: string; kind: PlaceKind; county_code: string | null; county_name: string | null };

/** The places of some plans with their county, in Persian order. */
export async function planPlaceRows(db: Db, planIds: readonly number[]): Promise<PlanPlaceRow[]> {
  if (!planIds.length) return [];
  const rows = await db
    .selectFrom('plan_places as pp')
    .innerJoin('places as pl', 'pl.id', 'pp.place_id')
    .leftJoin('places as cn', 'cn.id', 'pp.county_id')
    .select(['pp.plan_id', 'pl.code', 'pl.name', 'pl.kind', 'cn.code as county_code', 'cn.name as county_name'])
    .where('pp.plan_id', 'in', planIds)
    .orderBy('pp.plan_id')
    .orderBy('pl.sort_key')
    .orderBy('pl.id')
    .execute();
  return rows.map((r) => ({ ...r, plan_id: num(r.plan_id) }));
}

// ---- allocation rounds ---------------------------------------------------------------------------

export type PublishedRoundRow = {
  id: number;
  call_id: number;
  call_title: string;
  fiscal_year: number;
  method: string;
  value_rule: string;
  budget_rials: number;
  input: string;
  result: string;
  published_at: string | null;
  is_demo: boolean;
};

function publishedRounds(db: Db) {
  return db.selectFrom('allocation_rounds as r').innerJoin('calls as c', 'c.id', 'r.call_id').where('r.status', '=', 'published');
}

/** Published rounds by id (their input and result hold each plan's outcome). */
export async function publishedRoundRows(db: Db, slice: Slice): Promise<PublishedRoundRow[]> {
  let q = publishedRounds(db)
    .select(['r.id', 'r.call_id', 'c.title as call_title', 'c.fiscal_year', 'r.method', 'r.value_rule', 'r.budget_rials', 'r.input', 'r.result', 'r.published_at', 'c.is_demo'])
    .orderBy('r.id')
    .limit(slice.limit);
  if (slice.id !== undefined) q = q.where('r.id', '=', slice.id);
  if (slice.afterId !== undefined) q = q.where('r.id', '>', slice.afterId);
  if (slice.offset) q = q.offset(slice.offset);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, id: num(r.id), call_id: num(r.call_id), fiscal_year: num(r.fiscal_year), budget_rials: num(r.budget_rials), is_demo: flag(r.is_demo) }));
}

export async function countPublishedRounds(db: Db): Promise<number> {
  const r = await publishedRounds(db).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return num(r.n);
}

/** The stored results of every published round (the open data page counts their plans). */
export async function publishedRoundResults(db: Db): Promise<{ result: string; published_at: string | null }[]> {
  return db.selectFrom('allocation_rounds').select(['result', 'published_at']).where('status', '=', 'published').execute();
}

// ---- indicators ----------------------------------------------------------------------------------

export type IndicatorRow = {
  id: number;
  code: string;
  name: string;
  unit: string;
  direction: 'lower_better' | 'higher_better';
  harm: string | null;
  level: string;
  source: string;
  description: string;
  is_demo: boolean;
  updated_at: string;
};

const indicatorColumns = ['id', 'code', 'name', 'unit', 'direction', 'harm', 'level', 'source', 'description', 'is_demo', 'updated_at'] as const;
const typedIndicator = (r: Record<(typeof indicatorColumns)[number], unknown>): IndicatorRow =>
  ({ ...(r as unknown as IndicatorRow), id: num(r.id), is_demo: flag(r.is_demo) });

/** The catalogue by code. */
export async function indicatorRows(db: Db, slice: { limit: number; offset?: number; afterCode?: string }): Promise<IndicatorRow[]> {
  let q = db.selectFrom('indicators').select(indicatorColumns).orderBy('code').limit(slice.limit);
  if (slice.afterCode !== undefined) q = q.where('code', '>', slice.afterCode);
  if (slice.offset) q = q.offset(slice.offset);
  return (await q.execute()).map(typedIndicator);
}

export async function countIndicators(db: Db): Promise<number> {
  return num((await db.selectFrom('indicators').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

export async function findIndicatorByCode(db: Db, code: string): Promise<IndicatorRow | undefined> {
  const r = await db.selectFrom('indicators').select(indicatorColumns).where('code', '=', code).executeTakeFirst();
  return r && typedIndicator(r);
}

export type ValueFilter = { indicatorId: number | null; placeId: number | null; periodType: 'year' | 'quarter' | 'month' | null; fromYear: number | null; toYear: number | null };
export const noValueFilter: ValueFilter = { indicatorId: null, placeId: null, periodType: null, fromYear: null, toYear: null };

/** The primary key of indicator_values: where a keyset page resumes. */
export type ValueKey = { indicatorId: number; placeId: number; period: string };

export type IndicatorValueRow = {
  indicator_id: number;
  place_id: number;
  indicator_code: string;
  place_code: string | null;
  place_name: string;
  period: string;
  period_type: 'year' | 'quarter' | 'month';
  year: number;
  value: number;
  is_demo: boolean;
};

function values(db: Db, f: ValueFilter) {
  let q = db.selectFrom('indicator_values as v');
  if (f.indicatorId !== null) q = q.where('v.indicator_id', '=', f.indicatorId);
  if (f.placeId !== null) q = q.where('v.place_id', '=', f.placeId);
  if (f.periodType !== null) q = q.where('v.period_type', '=', f.periodType);
  if (f.fromYear !== null) q = q.where('v.year', '>=', f.fromYear);
  if (f.toYear !== null) q = q.where('v.year', '<=', f.toYear);
  return q;
}

/**
 * Indicator values in primary-key order: a keyset page (after a key) for exports, which read
 * hundreds of thousands of rows a few thousand at a time, or an offset page for the API.
 */
export async function indicatorValueRows(db: Db, f: ValueFilter, slice: { limit: number; offset?: number; after?: ValueKey }): Promise<IndicatorValueRow[]> {
  let q = values(db, f)
    .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
    .innerJoin('places as pl', 'pl.id', 'v.place_id')
    .select([
      'v.indicator_id', 'v.place_id', 'i.code as indicator_code', 'pl.code as place_code', 'pl.name as place_name', 'v.period', 'v.period_type', 'v.year', 'v.value',
      sql<number>`case when i.is_demo = 1 or pl.is_demo = 1 then 1 else 0 end`.as('is_demo'),
    ])
    .orderBy('v.indicator_id')
    .orderBy('v.place_id')
    .orderBy('v.period')
    .limit(slice.limit);
  const after = slice.after;
  if (after) {
    // A row-value comparison: both engines walk the primary key's index from this key onwards.
    q = q.where(sql<SqlBool>`(v.indicator_id, v.place_id, v.period) > (${after.indicatorId}, ${after.placeId}, ${after.period})`);
  }
  if (slice.offset) q = q.offset(slice.offset);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r, indicator_id: num(r.indicator_id), place_id: num(r.place_id), year: num(r.year), value: num(r.value), is_demo: flag(r.is_demo),
  }));
}

export async function countIndicatorValues(db: Db, f: ValueFilter): Promise<number> {
  return num((await values(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

// ---- places --------------------------------------------------------------------------------------

export type PlaceRow = {
  id: number;
  code: string | null;
  name: string;
  kind: PlaceKind;
  parent_code: string | null;
  population: number | null;
  population_year: number | null;
  is_demo: boolean;
};

function placeQuery(db: Db) {
  return db
    .selectFrom('places as pl')
    .leftJoin('places as pa', 'pa.id', 'pl.parent_id')
    .select(['pl.id', 'pl.code', 'pl.name', 'pl.kind', 'pa.code as parent_code', 'pl.population', 'pl.population_year', 'pl.is_demo']);
}
const typedPlace = (r: Record<string, unknown>): PlaceRow =>
  ({ ...(r as unknown as PlaceRow), id: num(r.id), population: numOrNull(r.population), population_year: numOrNull(r.population_year), is_demo: flag(r.is_demo) });

/** Places (no geometry) by id, optionally of one kind. */
export async function placeRows(db: Db, kind: PlaceKind | null, slice: { limit: number; offset?: number }): Promise<PlaceRow[]> {
  let q = placeQuery(db).orderBy('pl.id').limit(slice.limit);
  if (kind !== null) q = q.where('pl.kind', '=', kind);
  if (slice.offset) q = q.offset(slice.offset);
  return (await q.execute()).map(typedPlace);
}

export async function countPlaceRows(db: Db, kind: PlaceKind | null): Promise<number> {
  let q = db.selectFrom('places').select((eb) => eb.fn.countAll().as('n'));
  if (kind !== null) q = q.where('kind', '=', kind);
  return num((await q.executeTakeFirstOrThrow()).n);
}

export async function findPlaceRowByCode(db: Db, code: string): Promise<PlaceRow | undefined> {
  const r = await placeQuery(db).where('pl.code', '=', code).executeTakeFirst();
  return r && typedPlace(r);
}

// ---- results -------------------------------------------------------------------------------------

export type PlanResultRow = {
  id: number;
  title: string;
  agency_name: string;
  status: PlanStatus;
  funded_rials: number;
  spent_rials: number;
  reached: number;
  progress_percent: number | null;
  last_period: string | null;
  approved_reports: number;
  is_demo: boolean;
};

/**
 * Funded public plans with their figures from approved reports only: spent and reached are sums
 * over approved reports; progress is the progress_percent of the latest approved report by period.
 */
function fundedPlanResults(db: Db) {
  const approved = (column: string) => sql.raw(`(select ${column} from progress_reports r where r.plan_id = p.id and r.status = 'approved')`);
  return db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .where('p.is_public', '=', 1)
    .where('p.status', 'in', fundedStatuses)
    .where('p.funded_rials', 'is not', null)
    .select([
      'p.id', 'p.title', 'a.name as agency_name', 'p.status', 'p.funded_rials',
      sql<number>`coalesce(${approved('sum(r.spent_rials)')}, 0)`.as('spent_rials'),
      sql<number>`coalesce(${approved('sum(r.beneficiaries_total)')}, 0)`.as('reached'),
      sql<number | null>`(select r.progress_percent from progress_reports r where r.plan_id = p.id and r.status = 'approved' order by r.period desc limit 1)`.as('progress_percent'),
      sql<string | null>`${approved('max(r.period)')}`.as('last_period'),
      sql<number>`${approved('count(*)')}`.as('approved_reports'),
      sql<number>`case when p.is_demo = 1 or exists (select 1 from calls c where c.id = p.call_id and c.is_demo = 1)
        or exists (select 1 from progress_reports r where r.plan_id = p.id and r.status = 'approved' and r.is_demo = 1) then 1 else 0 end`.as('is_demo'),
    ]);
}

const typedResult = (r: Record<string, unknown>): PlanResultRow => ({
  ...(r as unknown as PlanResultRow), id: num(r.id), funded_rials: num(r.funded_rials), spent_rials: num(r.spent_rials), reached: num(r.reached),
  progress_percent: numOrNull(r.progress_percent), approved_reports: num(r.approved_reports), is_demo: flag(r.is_demo),
});

export async function planResultRows(db: Db, slice: Slice): Promise<PlanResultRow[]> {
  let q = fundedPlanResults(db).orderBy('p.id').limit(slice.limit);
  if (slice.id !== undefined) q = q.where('p.id', '=', slice.id);
  if (slice.afterId !== undefined) q = q.where('p.id', '>', slice.afterId);
  if (slice.offset) q = q.offset(slice.offset);
  return (await q.execute()).map(typedResult);
}

export async function countFundedPlans(db: Db): Promise<number> {
  const r = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('is_public', '=', 1)
    .where('status', 'in', fundedStatuses)
    .where('funded_rials', 'is not', null)
    .executeTakeFirstOrThrow();
  return num(r.n);
}

export type ProgrammeTotalsRow = { plans: number; funded_rials: number; spent_rials: number; reached: number; weighted_progress_sum: number; with_progress: number };

/** Programme totals over every funded public plan, in one statement. */
export async function programmeTotals(db: Db): Promise<ProgrammeTotalsRow> {
  const r = await db
    .selectFrom(fundedPlanResults(db).as('x'))
    .select([
      sql<number>`count(*)`.as('plans'),
      sql<number>`coalesce(sum(x.funded_rials), 0)`.as('funded_rials'),
      sql<number>`coalesce(sum(x.spent_rials), 0)`.as('spent_rials'),
      sql<number>`coalesce(sum(x.reached), 0)`.as('reached'),
      sql<number>`coalesce(sum(x.funded_rials * (case when x.progress_percent > 100 then 100 when x.progress_percent < 0 then 0 else coalesce(x.progress_percent, 0) end)), 0)`.as('weighted_progress_sum'),
      sql<number>`count(x.progress_percent)`.as('with_progress'),
    ])
    .executeTakeFirstOrThrow();
  return {
    plans: num(r.plans), funded_rials: num(r.funded_rials), spent_rials: num(r.spent_rials), reached: num(r.reached),
    weighted_progress_sum: num(r.weighted_progress_sum), with_progress: num(r.with_progress),
  };
}

export type ApprovedReportRow = { period: string; spent_rials: number; beneficiaries_total: number; progress_percent: number | null; decided_at: string | null; is_demo: boolean };

/** A plan's approved reports, oldest period first (only figures; never their text or files). */
export async function approvedReportRows(db: Db, planId: number): Promise<ApprovedReportRow[]> {
  const rows = await db
    .selectFrom('progress_reports')
    .select(['period', 'spent_rials', 'beneficiaries_total', 'progress_percent', 'decided_at', 'is_demo'])
    .where('plan_id', '=', planId)
    .where('status', '=', 'approved')
    .orderBy('period')
    .execute();
  return rows.map((r) => ({
    ...r, spent_rials: num(r.spent_rials), beneficiaries_total: num(r.beneficiaries_total), progress_percent: numOrNull(r.progress_percent), is_demo: flag(r.is_demo),
  }));
}

// ---- the open data page ----------------------------------------------------------------------------

export type DatasetStatRow = { dataset: 'plans' | 'indicators' | 'indicator-values' | 'results'; n: number; last: string | null };

/** Row counts and last changes of the datasets read straight from tables, in ONE statement. */
export async function datasetStats(db: Db): Promise<DatasetStatRow[]> {
  const rows = await db
    .selectFrom('plans')
    .select([sql<string>`'plans'`.as('dataset'), (eb) => eb.fn.countAll().as('n'), sql<string | null>`max(updated_at)`.as('last')])
    .where('is_public', '=', 1)
    .where('status', 'in', publicStatuses)
    .unionAll(db.selectFrom('indicators').select([sql<string>`'indicators'`.as('dataset'), (eb) => eb.fn.countAll().as('n'), sql<string | null>`max(updated_at)`.as('last')]))
    .unionAll(db.selectFrom('indicator_values').select([sql<string>`'indicator-values'`.as('dataset'), (eb) => eb.fn.countAll().as('n'), sql<string | null>`max(updated_at)`.as('last')]))
    .unionAll(
      db
        .selectFrom('plans as p')
        .select([
          sql<string>`'results'`.as('dataset'),
          (eb) => eb.fn.countAll().as('n'),
          sql<string | null>`(select max(r.decided_at) from progress_reports r where r.status = 'approved')`.as('last'),
        ])
        .where('p.is_public', '=', 1)
        .where('p.status', 'in', fundedStatuses)
        .where('p.funded_rials', 'is not', null),
    )
    .execute();
  return rows.map((r) => ({ dataset: r.dataset as DatasetStatRow['dataset'], n: num(r.n), last: (r.last as string | null) ?? null }));
}
