// Reads for the secretariat's ballot pages that the round operations do not need: live ballot
// counts of many rounds, the calls a new round can be made for, and names of chosen places.

import type { Db } from '../platform/db/database.ts';
import type { PlaceKind } from '../places/place-kinds.ts';

/** Ballots cast so far in each of the given rounds, in one statement (rounds without ballots are absent). */
export async function ballotCountsOfRounds(db: Db, roundIds: readonly number[]): Promise<Map<number, number>> {
  if (!roundIds.length) return new Map();
  const rows = await db
    .selectFrom('ballots')
    .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', 'in', [...roundIds])
    .groupBy('round_id')
    .execute();
  return new Map(rows.map((r) => [r.round_id, Number(r.n)]));
}

/**
 * Calls with approved plans that are not on the ballot of an unpublished round (what
 * `ballotablePlans` offers), with how many there are.
 */
export async function callsWithBallotablePlans(db: Db): Promise<{ id: number; title: string; fiscal_year: number; plans: number }[]> {
  const rows = await db
    .selectFrom('calls as c')
    .innerJoin('plans as p', 'p.call_id', 'c.id')
    .select(['c.id', 'c.title', 'c.fiscal_year', (eb) => eb.fn.countAll<number>().as('plans')])
    .where('p.status', '=', 'approved')
    .where((eb) =>
      eb.not(eb.exists(
        eb.selectFrom('ballot_round_projects as bp')
          .innerJoin('ballot_rounds as r', 'r.id', 'bp.round_id')
          .select('bp.plan_id')
          .whereRef('bp.plan_id', '=', 'p.id')
          .where('r.status', '<>', 'published'),
      )),
    )
    .groupBy(['c.id', 'c.title', 'c.fiscal_year'])
    .orderBy('c.fiscal_year', 'desc')
    .orderBy('c.id', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ ...r, plans: Number(r.plans) }));
}

/** Names, kinds and parents' names of the given places (a form keeps choices the current filter does not show). */
export async function placesByIds(db: Db, ids: readonly number[]): Promise<{ id: number; name: string; kind: PlaceKind; is_demo: 0 | 1; parent_name: string | null }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('places as p')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.is_demo', 'parent.name as parent_name'])
    .where('p.id', 'in', [...ids].slice(0, 2000))
    .orderBy('p.sort_key')
    .execute();
}
