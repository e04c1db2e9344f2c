import { sql } from 'kysely';
import type { Db, Dialect } from '../platform/db/database.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import type { BallotRoundStatus, CountingMethod } from './ballots.tables.ts';

export type BallotRoundRow = {
  id: number;
  call_id: number;
  title: string;
  description: string;
  status: BallotRoundStatus;
  method: CountingMethod;
  budget_rials: number;
  min_approvals: number;
  max_approvals: number;
  require_verified: 0 | 1;
  opens_at: string;
  closes_at: string;
  result: string | null;
  ballot_count: number | null;
  created_at: string;
  updated_at: string;
  counted_at: string | null;
  published_at: string | null;
  is_demo: 0 | 1;
};

const roundColumns = [
  'id', 'call_id', 'title', 'description', 'status', 'method', 'budget_rials', 'min_approvals', 'max_approvals', 'require_verified',
  'opens_at', 'closes_at', 'result', 'ballot_count', 'created_at', 'updated_at', 'counted_at', 'published_at', 'is_demo',
] as const;

const asRound = <T extends { budget_rials: number | string }>(r: T) => ({ ...r, budget_rials: Number(r.budget_rials) });

export type RoundWrite = {
  callId: number; title: string; description: string; method: CountingMethod; budgetRials: number; minApprovals: number; maxApprovals: number;
  requireVerified: boolean; opensAt: string; closesAt: string;
};

export async function insertRound(db: Db, r: RoundWrite & { createdBy: number; isDemo?: boolean; now: string }): Promise<number> {
  const row = await db
    .insertInto('ballot_rounds')
    .values({
      call_id: r.callId, title: r.title, description: r.description, status: 'scheduled', method: r.method, budget_rials: r.budgetRials,
      min_approvals: r.minApprovals, max_approvals: r.maxApprovals, require_verified: r.requireVerified ? 1 : 0,
      opens_at: r.opensAt, closes_at: r.closesAt, created_by: r.createdBy, created_at: r.now, updated_at: r.now, is_demo: r.isDemo ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Rewrites the settings of a round still scheduled; false when it is no longer. */
export async function updateRoundSettings(db: Db, id: number, r: Omit<RoundWrite, 'callId'>, now: string): Promise<boolean> {
  const res = await db
    .updateTable('ballot_rounds')
    .set({
      title: r.title, description: r.description, method: r.method, budget_rials: r.budgetRials, min_approvals: r.minApprovals,
      max_approvals: r.maxApprovals, require_verified: r.requireVerified ? 1 : 0, opens_at: r.opensAt, closes_at: r.closesAt, updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function replaceRoundProjects(db: Db, roundId: number, projects: readonly { planId: number; costRials: number }[]): Promise<void> {
  await db.deleteFrom('ballot_round_projects').where('round_id', '=', roundId).execute();
  if (projects.length) {
    await db
      .insertInto('ballot_round_projects')
      .values(projects.map((p, i) => ({ round_id: roundId, plan_id: p.planId, cost_rials: p.costRials, position: i + 1 })))
      .execute();
  }
}

export async function replaceRoundPlaces(db: Db, roundId: number, placeIds: readonly number[]): Promise<void> {
  await db.deleteFrom('ballot_round_places').where('round_id', '=', roundId).execute();
  if (placeIds.length) await db.insertInto('ballot_round_places').values(placeIds.map((place_id) => ({ round_id: roundId, place_id }))).execute();
}

export async function findRound(db: Db, id: number): Promise<BallotRoundRow | undefined> {
  const r = await db.selectFrom('ballot_rounds').select(roundColumns).where('id', '=', id).executeTakeFirst();
  return r ? asRound(r) : undefined;
}

export async function listRounds(db: Db, filter: { statuses?: readonly BallotRoundStatus[]; callId?: number } = {}): Promise<(BallotRoundRow & { call_title: string })[]> {
  let q = db.selectFrom('ballot_rounds as r').innerJoin('calls as c', 'c.id', 'r.call_id').select([...roundColumns.map((c) => `r.${c}` as const), 'c.title as call_title']);
  if (filter.statuses?.length) q = q.where('r.status', 'in', [...filter.statuses]);
  if (filter.callId !== undefined) q = q.where('r.call_id', '=', filter.callId);
  const rows = await q.orderBy('r.opens_at', 'desc').orderBy('r.id', 'desc').limit(200).execute();
  return rows.map(asRound);
}

/** Moves a round from one of the given statuses; false when another change got there first. */
export async function setRoundStatus(
  db: Db,
  id: number,
  from: readonly BallotRoundStatus[],
  to: BallotRoundStatus,
  patch: { opens_at?: string; closes_at?: string; result?: string; ballot_count?: number; counted_at?: string; published_at?: string; updated_at: string },
): Promise<boolean> {
  const res = await db.updateTable('ballot_rounds').set({ status: to, ...patch }).where('id', '=', id).where('status', 'in', [...from]).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export type RoundProjectRow = {
  plan_id: number;
  cost_rials: number;
  position: number;
  title: string;
  summary: string;
  status: string;
  agency_id: number;
  agency_name: string;
};

/** The projects on the ballot, in ballot order, with what a voter needs to read about each. */
export async function roundProjects(db: Db, roundId: number): Promise<RoundProjectRow[]> {
  const rows = await db
    .selectFrom('ballot_round_projects as bp')
    .innerJoin('plans as p', 'p.id', 'bp.plan_id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['bp.plan_id', 'bp.cost_rials', 'bp.position', 'p.title', 'p.summary', 'p.status', 'p.agency_id', 'a.name as agency_name'])
    .where('bp.round_id', '=', roundId)
    .orderBy('bp.position')
    .execute();
  return rows.map((r) => ({ ...r, cost_rials: Number(r.cost_rials) }));
}

export async function roundPlanIds(db: Db, roundId: number): Promise<{ plan_id: number }[]> {
  return db.selectFrom('ballot_round_projects').select('plan_id').where('round_id', '=', roundId).execute();
}

/** Which of these places exist with one of the kinds. */
export async function placeIdsOfKinds(db: Db, ids: readonly number[], kinds: readonly PlaceKind[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('places').select('id').where('id', 'in', [...ids]).where('kind', 'in', [...kinds]).execute();
  return new Set(rows.map((r) => r.id));
}

export async function roundPlaces(db: Db, roundId: number) {
  return db
    .selectFrom('ballot_round_places as rp')
    .innerJoin('places as p', 'p.id', 'rp.place_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.is_demo'])
    .where('rp.round_id', '=', roundId)
    .orderBy('p.sort_key')
    .execute();
}

/** Plans on the ballot of a round not yet published (they are not for the expert track meanwhile). */
export async function plansInUnpublishedRounds(db: Db, callId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('ballot_round_projects as bp')
    .innerJoin('ballot_rounds as r', 'r.id', 'bp.round_id')
    .select('bp.plan_id')
    .where('r.call_id', '=', callId)
    .where('r.status', '<>', 'published')
    .execute();
  return new Set(rows.map((r) => r.plan_id));
}

export type VoterFactsRow = {
  home_place_id: number | null;
  residency_place_id: number | null;
  residency_verified_at: string | null;
  in_area: number;
};

/**
 * The voter's home and residency, and whether the home lies within the round's area (the home
 * itself or one of its ancestors is an area place), in one statement.
 */
export async function voterFacts(db: Db, roundId: number, userId: number): Promise<VoterFactsRow | undefined> {
  const r = await sql<VoterFactsRow>`
    with recursive up(id, parent_id, depth) as (
      select p.id, p.parent_id, 0 from places p where p.id = (select home_place_id from users where id = ${userId})
      union all
      select p.id, p.parent_id, up.depth + 1 from places p join up on p.id = up.parent_id where up.depth < 12
    )
    select u.home_place_id, u.residency_place_id, u.residency_verified_at,
      case when exists (select 1 from up join ballot_round_places rp on rp.place_id = up.id and rp.round_id = ${roundId}) then 1 else 0 end as in_area
    from users u where u.id = ${userId}`.execute(db);
  return r.rows[0];
}

/**
 * Records a ballot, or replaces the voter's earlier one (revision + 1), only while the round is
 * open: the check is part of the same statement, so a ballot can never land in a closed round.
 * On PostgreSQL the round row is share-locked, so closing waits for ballots in flight.
 * Returns the revision, or null when the round was not open.
 */
export async function upsertBallot(
  db: Db,
  dialect: Dialect,
  b: { roundId: number; userId: number; placeId: number; choices: string; receiptHash: string; now: string },
): Promise<number | null> {
  const lock = dialect === 'postgres' ? sql`for share` : sql``;
  const r = await sql<{ revision: number }>`
    insert into ballots (round_id, user_id, place_id, choices, receipt_hash, revision, cast_at, updated_at)
    select cast(${b.roundId} as integer), cast(${b.userId} as integer), cast(${b.placeId} as integer), cast(${b.choices} as text),
      cast(${b.receiptHash} as text), 1, cast(${b.now} as text), cast(${b.now} as text)
    where exists (
      select 1 from (select id from ballot_rounds where id = ${b.roundId} and status in ('scheduled', 'open')
        and opens_at <= ${b.now} and closes_at > ${b.now} ${lock}) open_round
    )
    on conflict (round_id, user_id) do update set
      choices = excluded.choices, place_id = excluded.place_id, revision = ballots.revision + 1, updated_at = excluded.updated_at
    returning revision`.execute(db);
  return r.rows[0]?.revision ?? null;
}

export type BallotRow = { id: number; round_id: number; user_id: number; place_id: number; choices: string; receipt_hash: string; revision: number; cast_at: string; updated_at: string };

export async function findBallot(db: Db, roundId: number, userId: number): Promise<BallotRow | undefined> {
  return db.selectFrom('ballots').selectAll().where('round_id', '=', roundId).where('user_id', '=', userId).executeTakeFirst();
}

export async function ballotByReceipt(db: Db, hash: string): Promise<Pick<BallotRow, 'round_id' | 'revision' | 'updated_at' | 'choices'> | undefined> {
  return db.selectFrom('ballots').select(['round_id', 'revision', 'updated_at', 'choices']).where('receipt_hash', '=', hash).executeTakeFirst();
}

/** Every ballot of a round as counted and published: choices and receipt hash only, by hash. */
export async function ballotsOfRound(db: Db, roundId: number): Promise<{ choices: string; receipt_hash: string }[]> {
  return db.selectFrom('ballots').select(['choices', 'receipt_hash']).where('round_id', '=', roundId).orderBy('receipt_hash').execute();
}

export async function countBallots(db: Db, roundId: number): Promise<number> {
  const r = await db.selectFrom('ballots').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Ballots by the voters' home places, with the places' names and parents. */
export async function ballotsByPlace(db: Db, roundId: number) {
  const rows = await db
    .selectFrom('ballots as b')
    .innerJoin('places as p', 'p.id', 'b.place_id')
    .select(['p.id', 'p.name', 'p.parent_id', 'p.is_demo', (eb) => eb.fn.countAll<number>().as('ballots')])
    .where('b.round_id', '=', roundId)
    .groupBy(['p.id', 'p.name', 'p.parent_id', 'p.is_demo'])
    .execute();
  return rows.map((r) => ({ ...r, ballots: Number(r.ballots) }));
}

/** Registered residents by home place, for every home place within the round's area. */
export async function residentsInArea(db: Db, roundId: number): Promise<{ place_id: number; residents: number }[]> {
  const r = await sql<{ place_id: number; residents: number }>`
    with recursive down(id, depth) as (
      select place_id, 0 from ballot_round_places where round_id = ${roundId}
      union all
      select p.id, down.depth + 1 from places p join down on p.parent_id = down.id where down.depth < 12
    )
    select u.home_place_id as place_id, count(*) as residents
    from users u where u.status = 'active' and u.home_place_id in (select id from down)
    group by u.home_place_id`.execute(db);
  return r.rows.map((x) => ({ place_id: x.place_id, residents: Number(x.residents) }));
}

export async function votersOfRound(db: Db, roundId: number): Promise<{ id: number; email: string | null }[]> {
  return db
    .selectFrom('ballots as b')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .select(['u.id', 'u.email'])
    .where('b.round_id', '=', roundId)
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();
}

/** Rounds whose stored status lags behind the clock (the clock job moves them). */
export async function roundsDueForClock(db: Db, now: string): Promise<{ id: number }[]> {
  return db
    .selectFrom('ballot_rounds')
    .select('id')
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'scheduled'), eb('opens_at', '<=', now)]),
      eb.and([eb('status', 'in', ['scheduled', 'open']), eb('closes_at', '<=', now)]),
    ]))
    .execute();
}

/** Flags demo rows (no operation takes a demo flag; it is not business data). */
export async function markDemoRound(db: Db, roundId: number, planIds: readonly number[]): Promise<void> {
  if (planIds.length) await db.updateTable('plans').set({ is_demo: 1 }).where('id', 'in', [...planIds]).execute();
  await db.updateTable('ballot_rounds').set({ is_demo: 1 }).where('id', '=', roundId).execute();
}
