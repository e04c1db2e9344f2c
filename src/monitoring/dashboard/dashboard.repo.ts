// SQL of the council dashboard, the need index and the targeting view. Aggregates are grouped in
// the database; what comes back is bounded by the number of places, plans and codes, never by
// the number of indicator values, needs, comments or ballots.

import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.ts';
import type { PlaceKind } from '../../places/place-kinds.ts';
import type { IndicatorDirection } from '../monitoring.tables.ts';

/** Plans that hold money: funded, in progress or completed, with funded_rials set. */
export const fundedStatuses = ['funded', 'in_progress', 'completed'] as const;
const openNeedStatuses = ['new', 'acknowledged', 'addressed'] as const;

// ---- places and the need index -----------------------------------------------------------------

export type PlaceNodeRow = { id: number; parentId: number | null; kind: PlaceKind; name: string; population: number | null; isDemo: boolean };

/** Every place as a tree node (id, parent, kind, name, population): a province holds a few thousand. */
export async function placeTree(db: Db): Promise<PlaceNodeRow[]> {
  const rows = await db.selectFrom('places').select(['id', 'parent_id', 'kind', 'name', 'population', 'is_demo']).orderBy('sort_key').execute();
  return rows.map((r) => ({ id: Number(r.id), parentId: r.parent_id === null ? null : Number(r.parent_id), kind: r.kind, name: r.name, population: r.population === null ? null : Number(r.population), isDemo: Number(r.is_demo) === 1 }));
}

export type IndicatorRow = { id: number; code: string; name: string; unit: string; direction: IndicatorDirection; level: string; isDemo: boolean };

export async function listIndicators(db: Db): Promise<IndicatorRow[]> {
  const rows = await db.selectFrom('indicators').select(['id', 'code', 'name', 'unit', 'direction', 'level', 'is_demo']).orderBy('code').execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, unit: r.unit, direction: r.direction, level: r.level, isDemo: Number(r.is_demo) === 1 }));
}

export type LatestValueRow = { indicatorId: number; placeId: number; value: number; yearly: boolean };

/**
 * Each (indicator, place of the given kinds) pair's latest value: the latest yearly value, or,
 * for pairs with none, the average of the sub-year values (quarters, months) of their latest year.
 * At most one row per pair. The yearly values are read one index seek per pair (place, indicator,
 * newest year first) rather than by grouping every stored value; sub-year values are read only
 * for indicators that have some.
 */
export async function latestValues(db: Db, kinds: readonly PlaceKind[]): Promise<LatestValueRow[]> {
  const yearly = await db
    .selectFrom('places as p')
    .crossJoin('indicators as i')
    .select((eb) => [
      'p.id as place_id', 'i.id as indicator_id',
      eb
        .selectFrom('indicator_values as v')
        .select('v.value')
        .whereRef('v.place_id', '=', 'p.id')
        .whereRef('v.indicator_id', '=', 'i.id')
        .where('v.period_type', '=', 'year')
        .orderBy('v.year', 'desc')
        .limit(1)
        .as('value'),
    ])
    .where('p.kind', 'in', [...kinds])
    .execute();
  const out: LatestValueRow[] = [];
  const seen = new Set<number>();
  // Place ids stay far below 2^32, so one number names a pair.
  const pair = (indicatorId: number, placeId: number) => indicatorId * 4_294_967_296 + placeId;
  for (const r of yearly) {
    if (r.value === null || r.value === undefined) continue;
    const indicatorId = Number(r.indicator_id);
    const placeId = Number(r.place_id);
    seen.add(pair(indicatorId, placeId));
    out.push({ indicatorId, placeId, value: Number(r.value), yearly: true });
  }
  const withSubYear = await db
    .selectFrom('indicators as i')
    .select('i.id')
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('indicator_values as v').select('v.indicator_id').whereRef('v.indicator_id', '=', 'i.id').where('v.period_type', 'in', ['quarter', 'month'])),
    )
    .execute();
  if (withSubYear.length === 0) return out;
  const subYear = await db
    .selectFrom('indicator_values as v')
    .innerJoin('places as p', 'p.id', 'v.place_id')
    .select(['v.indicator_id', 'v.place_id', (e) => e.fn.avg<number>('v.value').as('value')])
    .where('v.indicator_id', 'in', withSubYear.map((r) => Number(r.id)))
    .where('v.period_type', 'in', ['quarter', 'month'])
    .where('p.kind', 'in', [...kinds])
    .where((eb) =>
      eb(
        'v.year',
        '=',
        eb
          .selectFrom('indicator_values as m')
          .select((e) => e.fn.max('m.year').as('y'))
          .whereRef('m.indicator_id', '=', 'v.indicator_id')
          .whereRef('m.place_id', '=', 'v.place_id')
          .where('m.period_type', 'in', ['quarter', 'month']),
      ),
    )
    .groupBy(['v.indicator_id', 'v.place_id'])
    .execute();
  for (const r of subYear) {
    const indicatorId = Number(r.indicator_id);
    const placeId = Number(r.place_id);
    if (!seen.has(pair(indicatorId, placeId))) out.push({ indicatorId, placeId, value: Number(r.value), yearly: false });
  }
  return out;
}

/** Open needs (new, acknowledged, addressed) and their supports, per place. */
export async function needActivityByPlace(db: Db): Promise<Map<number, { needs: number; supports: number }>> {
  const rows = await db
    .selectFrom('needs as n')
    .leftJoin('need_supports as s', 's.need_id', 'n.id')
    .select(['n.place_id', sql<number>`count(distinct n.id)`.as('needs'), (eb) => eb.fn.count<number>('s.user_id').as('supports')])
    .where('n.status', 'in', [...openNeedStatuses])
    .groupBy('n.place_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.place_id), { needs: Number(r.needs), supports: Number(r.supports) }]));
}

export type FundedPlanPlaceRow = { planId: number; fundedRials: number; placeId: number };

/** Each funded plan's places (one row per plan place). */
export async function fundedPlanPlaces(db: Db): Promise<FundedPlanPlaceRow[]> {
  const rows = await db
    .selectFrom('plans as p')
    .innerJoin('plan_places as pp', 'pp.plan_id', 'p.id')
    .select(['p.id', 'p.funded_rials', 'pp.place_id'])
    .where('p.status', 'in', [...fundedStatuses])
    .where('p.funded_rials', 'is not', null)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ planId: Number(r.id), fundedRials: Number(r.funded_rials ?? 0), placeId: Number(r.place_id) }));
}

// ---- programme settings --------------------------------------------------------------------------

export async function readProgrammeSetting(db: Db, key: string): Promise<{ value: string; updatedAt: string; updatedBy: string | null } | null> {
  const r = await db
    .selectFrom('programme_settings as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.value', 's.updated_at', 'u.name'])
    .where('s.key', '=', key)
    .executeTakeFirst();
  return r ? { value: r.value, updatedAt: r.updated_at, updatedBy: r.name ?? null } : null;
}

export async function writeProgrammeSetting(db: Db, s: { key: string; value: string; by: number | null; now: string }): Promise<void> {
  await db
    .insertInto('programme_settings')
    .values({ key: s.key, value: s.value, updated_by: s.by, updated_at: s.now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: s.value, updated_by: s.by, updated_at: s.now }))
    .execute();
}

// ---- budget ----------------------------------------------------------------------------------------

export type BudgetTotals = { plans: number; fundedRials: number; spentRials: number; beneficiaries: number; reportingPlans: number };

/** Funded plans, their money, and what approved reports say was spent and reached. */
export async function budgetTotals(db: Db): Promise<BudgetTotals> {
  const r = await db
    .selectFrom('plans as p')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('progress_reports')
          .select(['plan_id', (e) => e.fn.sum<number>('spent_rials').as('spent'), (e) => e.fn.sum<number>('beneficiaries_total').as('reached')])
          .where('status', '=', 'approved')
          .groupBy('plan_id')
          .as('r'),
      (join) => join.onRef('r.plan_id', '=', 'p.id'),
    )
    .select([
      (eb) => eb.fn.countAll<number>().as('plans'),
      (eb) => eb.fn.sum<number>('p.funded_rials').as('funded'),
      (eb) => eb.fn.sum<number>('r.spent').as('spent'),
      (eb) => eb.fn.sum<number>('r.reached').as('reached'),
      (eb) => eb.fn.count<number>('r.plan_id').as('reporting'),
    ])
    .where('p.status', 'in', [...fundedStatuses])
    .where('p.funded_rials', 'is not', null)
    .executeTakeFirstOrThrow();
  return { plans: Number(r.plans ?? 0), fundedRials: Number(r.funded ?? 0), spentRials: Number(r.spent ?? 0), beneficiaries: Number(r.reached ?? 0), reportingPlans: Number(r.reporting ?? 0) };
}

export type CountyBudgetRow = { countyId: number; name: string; fundedRials: number; spentRials: number; plans: number };

/**
 * Funded and spent (approved reports) rials per county: a plan's amounts are split equally among
 * its distinct counties, so the counties add up to the plans that have one.
 */
export async function budgetByCounty(db: Db): Promise<CountyBudgetRow[]> {
  const rows = await db
    .with('pc', (qb) => qb.selectFrom('plan_places').select(['plan_id', 'county_id']).where('county_id', 'is not', null).distinct())
    .with('n', (qb) => qb.selectFrom('pc').select(['plan_id', (e) => e.fn.countAll<number>().as('k')]).groupBy('plan_id'))
    .with('sp', (qb) =>
      qb.selectFrom('progress_reports').select(['plan_id', (e) => e.fn.sum<number>('spent_rials').as('spent')]).where('status', '=', 'approved').groupBy('plan_id'),
    )
    .selectFrom('pc')
    .innerJoin('n', 'n.plan_id', 'pc.plan_id')
    .innerJoin('plans as p', 'p.id', 'pc.plan_id')
    .innerJoin('places as c', 'c.id', 'pc.county_id')
    .leftJoin('sp', 'sp.plan_id', 'pc.plan_id')
    .select([
      'pc.county_id', 'c.name',
      sql<number>`sum(p.funded_rials * 1.0 / n.k)`.as('funded'),
      sql<number>`sum(coalesce(sp.spent, 0) * 1.0 / n.k)`.as('spent'),
      (eb) => eb.fn.countAll<number>().as('plans'),
    ])
    .where('p.status', 'in', [...fundedStatuses])
    .where('p.funded_rials', 'is not', null)
    .groupBy(['pc.county_id', 'c.name'])
    .execute();
  return rows
    .map((r) => ({ countyId: Number(r.county_id), name: r.name, fundedRials: Math.round(Number(r.funded ?? 0)), spentRials: Math.round(Number(r.spent ?? 0)), plans: Number(r.plans) }))
    .sort((a, b) => b.fundedRials - a.fundedRials);
}

export type TagBudgetRow = { kind: 'harm' | 'target'; code: string; fundedRials: number; plans: number };

/** Funded rials per harm and per target group, each plan's amount split equally among its codes of that kind. */
export async function budgetByTag(db: Db): Promise<TagBudgetRow[]> {
  const rows = await db
    .with('t', (qb) => qb.selectFrom('plan_tags').select(['plan_id', 'kind', 'code']).where('kind', 'in', ['harm', 'target']).distinct())
    .with('n', (qb) => qb.selectFrom('t').select(['plan_id', 'kind', (e) => e.fn.countAll<number>().as('k')]).groupBy(['plan_id', 'kind']))
    .selectFrom('t')
    .innerJoin('n', (join) => join.onRef('n.plan_id', '=', 't.plan_id').onRef('n.kind', '=', 't.kind'))
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .select(['t.kind', 't.code', sql<number>`sum(p.funded_rials * 1.0 / n.k)`.as('funded'), (eb) => eb.fn.countAll<number>().as('plans')])
    .where('p.status', 'in', [...fundedStatuses])
    .where('p.funded_rials', 'is not', null)
    .groupBy(['t.kind', 't.code'])
    .execute();
  return rows
    .map((r) => ({ kind: r.kind as 'harm' | 'target', code: r.code, fundedRials: Math.round(Number(r.funded ?? 0)), plans: Number(r.plans) }))
    .sort((a, b) => b.fundedRials - a.fundedRials);
}

// ---- compliance -------------------------------------------------------------------------------------

/** The call the council follows: the open call with the latest deadline, else the latest non-draft call. */
export async function latestCall(db: Db): Promise<{ id: number; title: string; status: string; deadlineAt: string } | undefined> {
  const r = await db
    .selectFrom('calls')
    .select(['id', 'title', 'status', 'deadline_at'])
    .where('status', '!=', 'draft')
    .orderBy(sql`case when status = 'open' then 0 else 1 end`)
    .orderBy('deadline_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { id: Number(r.id), title: r.title, status: r.status, deadlineAt: r.deadline_at } : undefined;
}

export type ReportingPlanLite = {
  id: number; agencyId: number; agencyName: string; fundedAt: string; startDate: string | null; endDate: string | null; completedAt: string | null;
};

/** Funded plans with the dates their reporting schedule needs (start and end read from the plan's JSON). */
export async function reportingPlansLite(db: Db, dialect: Dialect): Promise<ReportingPlanLite[]> {
  const start = dialect === 'postgres' ? sql<string | null>`(p.content::json ->> 'startDate')` : sql<string | null>`json_extract(p.content, '$.startDate')`;
  const end = dialect === 'postgres' ? sql<string | null>`(p.content::json ->> 'endDate')` : sql<string | null>`json_extract(p.content, '$.endDate')`;
  const rows = await db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select((eb) => [
      'p.id', 'p.agency_id', 'a.name as agency_name', 'p.updated_at', start.as('start_date'), end.as('end_date'),
      eb.selectFrom('plan_events as e').select((e) => e.fn.min('e.at').as('x')).whereRef('e.plan_id', '=', 'p.id').where('e.to_status', '=', 'funded').as('funded_at'),
      eb.selectFrom('plan_events as e').select((e) => e.fn.max('e.at').as('x')).whereRef('e.plan_id', '=', 'p.id').where('e.to_status', '=', 'completed').as('completed_at'),
    ])
    .where('p.status', 'in', [...fundedStatuses])
    .where('p.funded_rials', 'is not', null)
    .orderBy('p.id')
    .execute();
  const isoDate = (s: unknown) => (typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);
  return rows.map((r) => ({
    id: Number(r.id), agencyId: Number(r.agency_id), agencyName: r.agency_name,
    fundedAt: (r.funded_at as string | null) ?? r.updated_at, startDate: isoDate(r.start_date), endDate: isoDate(r.end_date),
    completedAt: (r.completed_at as string | null) ?? null,
  }));
}

export type ReportStateRow = { planId: number; period: string; status: string; submittedAt: string | null };

/** Every progress report of funded plans: its period, status and first submission instant. */
export async function reportStates(db: Db): Promise<ReportStateRow[]> {
  const rows = await db
    .selectFrom('progress_reports as r')
    .innerJoin('plans as p', 'p.id', 'r.plan_id')
    .select((eb) => [
      'r.plan_id', 'r.period', 'r.status', 'r.submitted_at',
      eb.selectFrom('progress_report_events as e').select((e) => e.fn.min('e.at').as('x')).whereRef('e.report_id', '=', 'r.id').where('e.to_status', '=', 'submitted').as('first_submitted'),
    ])
    .where('p.status', 'in', [...fundedStatuses])
    .execute();
  return rows.map((r) => ({ planId: Number(r.plan_id), period: r.period, status: r.status, submittedAt: (r.first_submitted as string | null) ?? r.submitted_at }));
}

// ---- participation ------------------------------------------------------------------------------------

export type ParticipationCounts = {
  needs: number; needsRecent: number; needSupports: number; needSupportsRecent: number;
  planSupports: number; planSupportsRecent: number; ballots: number; ballotsRecent: number;
  verified: number; verifiedRecent: number;
  comments: number; commentsRecent: number; published: number; publishedRecent: number; rejected: number; rejectedRecent: number;
  pending: number; pendingRecent: number; queue: number;
};

/** Participation counts, overall and since `since`, in one statement of scalar subqueries. */
export async function participationCounts(db: Db, since: string): Promise<ParticipationCounts> {
  const both = (table: 'needs' | 'need_supports' | 'plan_supports', column: 'created_at') =>
    [
      sql<number>`(select count(*) from ${sql.table(table)})`,
      sql<number>`(select count(*) from ${sql.table(table)} where ${sql.ref(column)} >= ${since})`,
    ] as const;
  const [needs, needsRecent] = both('needs', 'created_at');
  const [needSupports, needSupportsRecent] = both('need_supports', 'created_at');
  const [planSupports, planSupportsRecent] = both('plan_supports', 'created_at');
  const comments = (statuses: string[] | null, recent: boolean) => {
    const where = [statuses ? sql`status in (${sql.join(statuses)})` : sql`1 = 1`, recent ? sql`created_at >= ${since}` : sql`1 = 1`];
    return sql<number>`(select count(*) from comments where ${sql.join(where, sql` and `)})`;
  };
  const r = await db
    .selectNoFrom([
      needs.as('needs'), needsRecent.as('needs_recent'), needSupports.as('need_supports'), needSupportsRecent.as('need_supports_recent'),
      planSupports.as('plan_supports'), planSupportsRecent.as('plan_supports_recent'),
      sql<number>`(select count(*) from ballots)`.as('ballots'),
      sql<number>`(select count(*) from ballots where cast_at >= ${since})`.as('ballots_recent'),
      sql<number>`(select count(*) from users where residency_verified_at is not null and residency_place_id = home_place_id)`.as('verified'),
      sql<number>`(select count(*) from users where residency_verified_at is not null and residency_place_id = home_place_id and residency_verified_at >= ${since})`.as('verified_recent'),
      comments(null, false).as('comments'), comments(null, true).as('comments_recent'),
      comments(['published'], false).as('published'), comments(['published'], true).as('published_recent'),
      comments(['rejected'], false).as('rejected'), comments(['rejected'], true).as('rejected_recent'),
      comments(['pending'], false).as('pending'), comments(['pending'], true).as('pending_recent'),
      comments(['pending', 'held'], false).as('queue'),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    needs: n(r.needs), needsRecent: n(r.needs_recent), needSupports: n(r.need_supports), needSupportsRecent: n(r.need_supports_recent),
    planSupports: n(r.plan_supports), planSupportsRecent: n(r.plan_supports_recent), ballots: n(r.ballots), ballotsRecent: n(r.ballots_recent),
    verified: n(r.verified), verifiedRecent: n(r.verified_recent),
    comments: n(r.comments), commentsRecent: n(r.comments_recent), published: n(r.published), publishedRecent: n(r.published_recent),
    rejected: n(r.rejected), rejectedRecent: n(r.rejected_recent), pending: n(r.pending), pendingRecent: n(r.pending_recent), queue: n(r.queue),
  };
}
