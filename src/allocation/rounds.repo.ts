import type { Db } from '../platform/db/database.ts';
import type { Method } from './engines/types.ts';
import type { RoundStatus, ValueRule } from './allocation.tables.ts';

export type RoundRow = {
  id: number;
  call_id: number;
  status: RoundStatus;
  method: Method;
  value_rule: ValueRule;
  budget_rials: number;
  constraints: string;
  input: string;
  result: string;
  note: string | null;
  created_at: string;
  committed_at: string | null;
  published_at: string | null;
};

const columns = ['id', 'call_id', 'status', 'method', 'value_rule', 'budget_rials', 'constraints', 'input', 'result', 'note', 'created_at', 'committed_at', 'published_at'] as const;
const typed = (r: RoundRow) => ({ ...r, budget_rials: Number(r.budget_rials) });

export async function insertRound(
  db: Db,
  r: { callId: number; method: Method; valueRule: ValueRule; budgetRials: number; constraints: string; input: string; result: string; note: string | null; createdBy: number; now: string },
): Promise<number> {
  const row = await db
    .insertInto('allocation_rounds')
    .values({
      call_id: r.callId, status: 'draft', method: r.method, value_rule: r.valueRule, budget_rials: r.budgetRials, constraints: r.constraints,
      input: r.input, result: r.result, note: r.note, created_by: r.createdBy, created_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findRound(db: Db, id: number): Promise<RoundRow | undefined> {
  const row = (await db.selectFrom('allocation_rounds').select(columns).where('id', '=', id).executeTakeFirst()) as RoundRow | undefined;
  return row && typed(row);
}

export async function roundsOfCall(db: Db, callId: number): Promise<RoundRow[]> {
  const rows = (await db.selectFrom('allocation_rounds').select(columns).where('call_id', '=', callId).orderBy('id', 'desc').limit(50).execute()) as RoundRow[];
  return rows.map(typed);
}

export async function publishedRounds(db: Db): Promise<(RoundRow & { call_title: string; fiscal_year: number })[]> {
  const rows = await db
    .selectFrom('allocation_rounds as r')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .select(columns.map((c) => `r.${c}` as const))
    .select(['c.title as call_title', 'c.fiscal_year'])
    .where('r.status', '=', 'published')
    .orderBy('r.published_at', 'desc')
    .execute();
  return (rows as (RoundRow & { call_title: string; fiscal_year: number })[]).map((r) => ({ ...r, budget_rials: Number(r.budget_rials) }));
}

/** Moves a round on only from the expected status; false when someone else moved it first. */
export async function setRoundStatus(db: Db, id: number, from: RoundStatus, to: RoundStatus, patch: { committed_by?: number; committed_at?: string; published_at?: string }): Promise<boolean> {
  const r = await db.updateTable('allocation_rounds').set({ status: to, ...patch }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function committedRoundOfCall(db: Db, callId: number): Promise<{ id: number } | undefined> {
  return db.selectFrom('allocation_rounds').select('id').where('call_id', '=', callId).where('status', '<>', 'draft').executeTakeFirst();
}

export type AllocatablePlanRow = {
  id: number;
  title: string;
  agency_id: number;
  agency_name: string;
  requested_rials: number;
  content: string;
};

/** The approved plans of a call, oldest first (the input order of every engine). */
export async function approvedPlansOfCall(db: Db, callId: number): Promise<AllocatablePlanRow[]> {
  const rows = await db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.title', 'p.agency_id', 'a.name as agency_name', 'p.requested_rials', 'p.content'])
    .where('p.call_id', '=', callId)
    .where('p.status', '=', 'approved')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, requested_rials: Number(r.requested_rials) }));
}

/** Counties (with names) and tags of many plans, two statements. */
export async function planGroups(db: Db, planIds: readonly number[]) {
  if (!planIds.length) return { counties: [], tags: [] };
  const [counties, tags] = await Promise.all([
    db
      .selectFrom('plan_places as pp')
      .innerJoin('places as c', 'c.id', 'pp.county_id')
      .select(['pp.plan_id', 'pp.county_id', 'c.name as county_name'])
      .where('pp.plan_id', 'in', planIds)
      .orderBy('pp.plan_id')
      .orderBy('pp.county_id')
      .execute(),
    db.selectFrom('plan_tags').select(['plan_id', 'kind', 'code']).where('plan_id', 'in', planIds).where('kind', 'in', ['harm', 'target']).execute(),
  ]);
  return { counties, tags };
}

export async function setPlanFunded(db: Db, planId: number, rials: number, now: string): Promise<void> {
  await db.updateTable('plans').set({ funded_rials: rials, updated_at: now }).where('id', '=', planId).execute();
}
