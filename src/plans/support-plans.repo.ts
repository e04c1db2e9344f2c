import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import type { PlanStatus } from './plan-lifecycle.ts';

// Residents' support for plans: the rows (plan_supports), the count kept on plans.support_count,
// and the SQL that the plan page, the reviewers' pages and the operations share. The plan page
// embeds these expressions in its one plan statement, so support adds no statement to it.

/** Separators of the packed geography: control characters never typed in a name. */
export const SUPPORT_FIELD = '\u001e';
export const SUPPORT_ROW = '\u001f';

const fieldSep = sql`cast(${SUPPORT_FIELD} as text)`;

/**
 * The plan's supporters grouped by the place they lived in when they supported, each place with
 * its county (walked up parent_id), packed into one text, or null without supporters. Each row
 * is place id, count, name, kind, county id and county name, joined by SUPPORT_FIELD; rows are
 * joined by SUPPORT_ROW. One grouped scan of plan_supports (indexed by plan and place).
 */
export function supportPlacesSql(planId: number): RawBuilder<string | null> {
  return sql<string | null>`(with recursive counts(place_id, n) as (
      select s.place_id, count(*) from plan_supports s where s.plan_id = ${planId} group by s.place_id
    ), up(origin, id, parent_id, kind, depth) as (
      select pl.id, pl.id, pl.parent_id, pl.kind, 0 from places pl where pl.id in (select place_id from counts)
      union all
      select up.origin, p.id, p.parent_id, p.kind, up.depth + 1 from places p join up on p.id = up.parent_id
      where up.kind <> 'county' and up.depth < 12
    )
    select string_agg(
      cast(c.place_id as text) || ${fieldSep} || cast(c.n as text) || ${fieldSep} || pl.name || ${fieldSep} || pl.kind || ${fieldSep}
        || coalesce(cast(cn.id as text), '') || ${fieldSep} || coalesce(cn.name, ''),
      cast(${SUPPORT_ROW} as text))
    from counts c
    join places pl on pl.id = c.place_id
    left join up u on u.origin = c.place_id and u.kind = 'county'
    left join places cn on cn.id = u.id)`;
}

/** 1 when the person's home place, or one of its ancestors, is one of the plan's places. */
function withinSql(planId: number, userId: number): RawBuilder<0 | 1> {
  return sql<0 | 1>`(case when exists (with recursive up(id, parent_id, depth) as (
      select pl.id, pl.parent_id, 0 from users u join places pl on pl.id = u.home_place_id where u.id = ${userId}
      union all
      select p.id, p.parent_id, up.depth + 1 from places p join up on p.id = up.parent_id where up.depth < 12
    ) select 1 from plan_places pp where pp.plan_id = ${planId} and pp.place_id in (select id from up)) then 1 else 0 end)`;
}

/** What the support box needs about one person: their home, whether it lies within the plan's places, whether they support it. */
function viewerSql(planId: number, userId: number) {
  return {
    home: sql<number | null>`(select u.home_place_id from users u where u.id = ${userId})`,
    homeName: sql<string | null>`(select pl.name from users u join places pl on pl.id = u.home_place_id where u.id = ${userId})`,
    homeKind: sql<PlaceKind | null>`(select pl.kind from users u join places pl on pl.id = u.home_place_id where u.id = ${userId})`,
    supported: sql<0 | 1>`(case when exists (select 1 from plan_supports s where s.plan_id = ${planId} and s.user_id = ${userId}) then 1 else 0 end)`,
    within: withinSql(planId, userId),
  };
}

/** Support columns of the plan page's statement (from `plans as p`); the viewer's are null for a visitor. */
export type PlanSupportColumns = {
  support_count: number;
  support_places: string | null;
  viewer_home: number | null;
  viewer_home_name: string | null;
  viewer_home_kind: PlaceKind | null;
  viewer_supported: 0 | 1 | null;
  viewer_within: 0 | 1 | null;
};

/** The expressions behind PlanSupportColumns, to add to a select over `plans as p` where p.id = planId. */
export function planSupportColumns(planId: number, viewerId: number | null) {
  const v = viewerId === null ? null : viewerSql(planId, viewerId);
  const orNull = <T>(x: RawBuilder<T> | undefined): RawBuilder<T | null> => x ?? sql<T | null>`null`;
  return [
    sql<number>`p.support_count`.as('support_count'),
    supportPlacesSql(planId).as('support_places'),
    orNull(v?.home).as('viewer_home'),
    orNull(v?.homeName).as('viewer_home_name'),
    orNull(v?.homeKind).as('viewer_home_kind'),
    orNull(v?.supported).as('viewer_supported'),
    orNull(v?.within).as('viewer_within'),
  ] as const;
}

// ---- the operations' reads and writes -----------------------------------------------------------------

export type SupportPlanRow = { id: number; agency_id: number; status: PlanStatus; is_public: 0 | 1; support_count: number };

export async function planForSupport(db: Db, id: number): Promise<SupportPlanRow | undefined> {
  return db.selectFrom('plans').select(['id', 'agency_id', 'status', 'is_public', 'support_count']).where('id', '=', id).executeTakeFirst();
}

export type SupporterState = { home: number | null; homeName: string | null; homeKind: PlaceKind | null; supported: boolean; within: boolean };

/** The person's home and standing towards the plan, in one statement. */
export async function supporterState(db: Db, planId: number, userId: number): Promise<SupporterState> {
  const v = viewerSql(planId, userId);
  const row = await db
    .selectNoFrom([v.home.as('home'), v.homeName.as('home_name'), v.homeKind.as('home_kind'), v.supported.as('supported'), v.within.as('within')])
    .executeTakeFirstOrThrow();
  return { home: row.home, homeName: row.home_name, homeKind: row.home_kind, supported: Number(row.supported) === 1, within: Number(row.within) === 1 };
}

/** The plan's places (id, name and kind, in Persian order): named when a resident lives elsewhere. */
export async function planPlaceNames(db: Db, planId: number): Promise<{ id: number; name: string; kind: PlaceKind }[]> {
  return db
    .selectFrom('plan_places as pp')
    .innerJoin('places as pl', 'pl.id', 'pp.place_id')
    .select(['pl.id', 'pl.name', 'pl.kind'])
    .where('pp.plan_id', '=', planId)
    .orderBy('pl.sort_key')
    .execute();
}

/** Records a support; false when the person already supports the plan (the primary key decides). */
export async function insertSupport(db: Db, s: { planId: number; userId: number; placeId: number; now: string }): Promise<boolean> {
  const res = await db
    .insertInto('plan_supports')
    .values({ plan_id: s.planId, user_id: s.userId, place_id: s.placeId, created_at: s.now })
    .onConflict((oc) => oc.columns(['plan_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes a support; false when there was none. */
export async function deleteSupport(db: Db, planId: number, userId: number): Promise<boolean> {
  const res = await db.deleteFrom('plan_supports').where('plan_id', '=', planId).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Moves plans.support_count by delta and returns the new count. */
export async function adjustSupportCount(db: Db, planId: number, delta: 1 | -1): Promise<number> {
  const row = await db
    .updateTable('plans')
    .set((eb) => ({ support_count: eb('support_count', '+', delta) }))
    .where('id', '=', planId)
    .returning('support_count')
    .executeTakeFirstOrThrow();
  return Number(row.support_count);
}

/** The count and its geography for the reviewers' pages, in one statement. */
export async function planSupportGeography(db: Db, planId: number): Promise<{ count: number; places: string | null } | undefined> {
  const row = await db
    .selectFrom('plans as p')
    .select([sql<number>`p.support_count`.as('count'), supportPlacesSql(planId).as('places')])
    .where('p.id', '=', planId)
    .executeTakeFirst();
  return row && { count: Number(row.count), places: row.places };
}
