import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { CallStatus, ObligationStatus } from './call-lifecycle.ts';
import type { CallAgenciesTable } from './calls.tables.ts';

export type CallRow = {
  id: number;
  fiscal_year: number;
  title: string;
  description: string;
  budget_rials: number;
  deadline_at: string;
  status: CallStatus;
  harms: string;
  target_groups: string;
  opened_at: string | null;
  closed_at: string | null;
  is_demo: 0 | 1;
  created_at: string;
};

const columns = ['id', 'fiscal_year', 'title', 'description', 'budget_rials', 'deadline_at', 'status', 'harms', 'target_groups', 'opened_at', 'closed_at', 'is_demo', 'created_at'] as const;

export async function findCall(db: Db, id: number): Promise<CallRow | undefined> {
  return db.selectFrom('calls').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function listCalls(db: Db, options: { statuses?: readonly CallStatus[] } = {}): Promise<CallRow[]> {
  return db
    .selectFrom('calls')
    .select(columns)
    .$if(!!options.statuses, (q) => q.where('status', 'in', options.statuses!))
    .orderBy('fiscal_year', 'desc')
    .orderBy('deadline_at', 'desc')
    .execute();
}

export type CallWrite = {
  fiscalYear: number;
  title: string;
  description: string;
  budgetRials: number;
  deadlineAt: string;
  harms: readonly string[];
  targetGroups: readonly string[];
};

export async function insertCall(db: Db, c: CallWrite & { createdBy: number | null; isDemo?: boolean }, now: string): Promise<number> {
  const row = await db
    .insertInto('calls')
    .values({
      fiscal_year: c.fiscalYear, title: c.title, description: c.description, budget_rials: c.budgetRials,
      deadline_at: c.deadlineAt, status: 'draft', harms: JSON.stringify(c.harms), target_groups: JSON.stringify(c.targetGroups),
      created_by: c.createdBy, opened_at: null, closed_at: null, is_demo: c.isDemo ? 1 : 0, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCall(db: Db, id: number, c: CallWrite, now: string): Promise<void> {
  await db
    .updateTable('calls')
    .set({
      fiscal_year: c.fiscalYear, title: c.title, description: c.description, budget_rials: c.budgetRials,
      deadline_at: c.deadlineAt, harms: JSON.stringify(c.harms), target_groups: JSON.stringify(c.targetGroups), updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function setCallStatus(db: Db, id: number, status: CallStatus, now: string): Promise<void> {
  await db
    .updateTable('calls')
    .set({
      status,
      updated_at: now,
      ...(status === 'open' ? { opened_at: now } : {}),
      ...(status === 'closed' ? { closed_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function eligiblePlaceIds(db: Db, callId: number): Promise<number[]> {
  const rows = await db.selectFrom('call_places').select('place_id').where('call_id', '=', callId).execute();
  return rows.map((r) => r.place_id);
}

export async function replaceCallPlaces(db: Db, callId: number, placeIds: readonly number[]): Promise<void> {
  await db.deleteFrom('call_places').where('call_id', '=', callId).execute();
  if (placeIds.length) await db.insertInto('call_places').values(placeIds.map((place_id) => ({ call_id: callId, place_id }))).execute();
}

/** An agency's obligation in a call, as stored. */
export type ObligationRow = CallAgenciesTable;

export async function findObligation(db: Db, callId: number, agencyId: number): Promise<ObligationRow | undefined> {
  return db.selectFrom('call_agencies').selectAll().where('call_id', '=', callId).where('agency_id', '=', agencyId).executeTakeFirst();
}

export async function obligationsOfCall(db: Db, callId: number) {
  return db
    .selectFrom('call_agencies as o')
    .innerJoin('agencies as a', 'a.id', 'o.agency_id')
    .selectAll('o')
    .select(['a.name as agency_name', 'a.sort_key as agency_sort_key'])
    .where('o.call_id', '=', callId)
    .orderBy('a.sort_key')
    .execute();
}

export async function upsertObligation(db: Db, o: { callId: number; agencyId: number; creditRials: number; now: string }): Promise<void> {
  await db
    .insertInto('call_agencies')
    .values({
      call_id: o.callId, agency_id: o.agencyId, credit_rials: o.creditRials, status: 'invited', exemption_reason: null,
      invited_at: o.now, submitted_at: null, overdue_at: null, reminded_7d_at: null, reminded_1d_at: null,
    })
    .onConflict((oc) => oc.columns(['call_id', 'agency_id']).doUpdateSet({ credit_rials: o.creditRials }))
    .execute();
}

export async function removeObligation(db: Db, callId: number, agencyId: number): Promise<void> {
  await db.deleteFrom('call_agencies').where('call_id', '=', callId).where('agency_id', '=', agencyId).execute();
}

export async function setObligation(
  db: Db,
  callId: number,
  agencyId: number,
  change: Partial<Pick<ObligationRow, 'status' | 'exemption_reason' | 'submitted_at' | 'overdue_at' | 'reminded_7d_at' | 'reminded_1d_at'>>,
): Promise<void> {
  await db.updateTable('call_agencies').set(change).where('call_id', '=', callId).where('agency_id', '=', agencyId).execute();
}

export async function countObligations(db: Db, callId: number): Promise<number> {
  const r = await db.selectFrom('call_agencies').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', callId).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- added for the calls pages, reminders and compliance ----

/** Compliance order: overdue agencies first, then those still invited, then submitted and exempted. */
const obligationRank = sql<number>`case o.status when 'overdue' then 0 when 'invited' then 1 when 'submitted' then 2 else 3 end`;

/** Statuses the public sees: everything but drafts. */
const publicCallStatuses: readonly CallStatus[] = ['open', 'closed', 'reviewing', 'allocating', 'decided', 'archived'];

/** One page of calls for the public list: open calls first, then the rest, latest deadline first. */
export async function listPublicCallsPage(db: Db, page: { limit: number; offset: number }): Promise<CallRow[]> {
  return db
    .selectFrom('calls')
    .select(columns)
    .where('status', 'in', publicCallStatuses)
    .orderBy(sql`case when status = 'open' then 0 else 1 end`)
    .orderBy('deadline_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countPublicCalls(db: Db): Promise<number> {
  const r = await db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', publicCallStatuses).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One page of every call (drafts included) for the secretariat, newest first, with agency counts. */
export async function listCallsPage(db: Db, page: { limit: number; offset: number }) {
  const rows = await db
    .selectFrom('calls as c')
    .select([
      'c.id', 'c.fiscal_year', 'c.title', 'c.budget_rials', 'c.deadline_at', 'c.status', 'c.is_demo',
      (eb) => eb.selectFrom('call_agencies as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.call_id', '=', 'c.id').as('agencies'),
      (eb) =>
        eb.selectFrom('call_agencies as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.call_id', '=', 'c.id').where('o.status', '=', 'overdue').as('overdue'),
    ])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...r, agencies: Number(r.agencies ?? 0), overdue: Number(r.overdue ?? 0) }));
}

export async function countCalls(db: Db): Promise<number> {
  const r = await db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findCallByTitle(db: Db, fiscalYear: number, title: string): Promise<CallRow | undefined> {
  return db.selectFrom('calls').select(columns).where('fiscal_year', '=', fiscalYear).where('title', '=', title).executeTakeFirst();
}

/** A call with the counts its page shows, in one query. */
export async function findCallWithCounts(db: Db, id: number) {
  const r = await db
    .selectFrom('calls as c')
    .select([
      ...columns.map((k) => `c.${k}` as const),
      (eb) => eb.selectFrom('call_agencies as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.call_id', '=', 'c.id').as('agency_count'),
      (eb) => eb.selectFrom('plans as p').select((e) => e.fn.countAll<number>().as('n')).whereRef('p.call_id', '=', 'c.id').where('p.is_public', '=', 1).as('public_plans'),
      (eb) => eb.selectFrom('call_agencies as o').select((e) => e.fn.coalesce(e.fn.sum<number>('o.credit_rials'), e.lit(0)).as('n')).whereRef('o.call_id', '=', 'c.id').as('credit_total'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return { ...r, agency_count: Number(r.agency_count ?? 0), public_plans: Number(r.public_plans ?? 0), credit_total: Number(r.credit_total ?? 0) };
}

/** The call's eligible places with their kind and parent's name. */
export async function callPlacesWithNames(db: Db, callId: number) {
  return db
    .selectFrom('call_places as cp')
    .innerJoin('places as p', 'p.id', 'cp.place_id')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.name', 'p.kind', 'parent.name as parent_name'])
    .where('cp.call_id', '=', callId)
    .orderBy('p.sort_key')
    .execute();
}

/** Places a call may be limited to: administrative units above neighborhoods and villages. */
export async function eligiblePlaceOptions(db: Db, limit = 500) {
  return db
    .selectFrom('places as p')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.parent_id', 'parent.name as parent_name'])
    .where('p.kind', 'in', ['province', 'county', 'district', 'city', 'urban_district', 'rural_district'])
    .orderBy(sql`case p.kind when 'province' then 0 when 'county' then 1 when 'district' then 2 when 'city' then 3 when 'urban_district' then 4 else 5 end`)
    .orderBy('p.sort_key')
    .limit(limit)
    .execute();
}

/** Which of these place ids exist. */
export async function existingPlaceIds(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('places').select('id').where('id', 'in', [...ids]).execute();
  return rows.map((r) => r.id);
}

export type ComplianceRow = ObligationRow & {
  agency_name: string;
  agency_kind: string;
  /** Plans the agency has submitted to the call at least once and not withdrawn. */
  plans_submitted: number;
  /** Of those, plans approved or further along. */
  plans_approved: number;
};

/**
 * The invited agencies of a call in compliance order (overdue, invited, submitted, exempted; then
 * by name), each with its plan counts: one query. Without a page, every row (for exports).
 */
export async function complianceRows(
  db: Db,
  callId: number,
  options: { page?: { limit: number; offset: number }; agencyId?: number } = {},
): Promise<ComplianceRow[]> {
  const { page, agencyId } = options;
  const rows = await db
    .selectFrom('call_agencies as o')
    .innerJoin('agencies as a', 'a.id', 'o.agency_id')
    .selectAll('o')
    .select([
      'a.name as agency_name',
      'a.kind as agency_kind',
      (eb) =>
        eb
          .selectFrom('plans as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.call_id', '=', 'o.call_id')
          .whereRef('p.agency_id', '=', 'o.agency_id')
          .where('p.version', '>', 0)
          .where('p.status', '!=', 'withdrawn')
          .as('plans_submitted'),
      (eb) =>
        eb
          .selectFrom('plans as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.call_id', '=', 'o.call_id')
          .whereRef('p.agency_id', '=', 'o.agency_id')
          .where('p.status', 'in', ['approved', 'funded', 'in_progress', 'completed'])
          .as('plans_approved'),
    ])
    .where('o.call_id', '=', callId)
    .$if(agencyId !== undefined, (q) => q.where('o.agency_id', '=', agencyId!))
    .orderBy(obligationRank)
    .orderBy('a.sort_key')
    .$if(!!page, (q) => q.limit(page!.limit).offset(page!.offset))
    .execute();
  return rows.map((r) => ({ ...r, plans_submitted: Number(r.plans_submitted ?? 0), plans_approved: Number(r.plans_approved ?? 0) }));
}

/** Per obligation status: how many agencies and how much credit. */
export async function obligationSummary(db: Db, callId: number): Promise<Record<ObligationStatus, { agencies: number; creditRials: number }>> {
  const rows = await db
    .selectFrom('call_agencies')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.coalesce(eb.fn.sum<number>('credit_rials'), eb.lit(0)).as('credit')])
    .where('call_id', '=', callId)
    .groupBy('status')
    .execute();
  const out = { invited: { agencies: 0, creditRials: 0 }, submitted: { agencies: 0, creditRials: 0 }, overdue: { agencies: 0, creditRials: 0 }, exempted: { agencies: 0, creditRials: 0 } };
  for (const r of rows) out[r.status] = { agencies: Number(r.n), creditRials: Number(r.credit) };
  return out;
}

/** Total credit granted in a call, leaving out one agency (the one being changed). */
export async function creditTotalExcept(db: Db, callId: number, exceptAgencyId: number): Promise<number> {
  const r = await db
    .selectFrom('call_agencies')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('credit_rials'), eb.lit(0)).as('n'))
    .where('call_id', '=', callId)
    .where('agency_id', '!=', exceptAgencyId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Obligations still waiting for a plan, with their call, for the reminder sweep. */
export async function pendingObligations(db: Db, options: { callId?: number } = {}) {
  return db
    .selectFrom('call_agencies as o')
    .innerJoin('calls as c', 'c.id', 'o.call_id')
    .select(['o.call_id', 'o.agency_id', 'o.credit_rials', 'o.reminded_7d_at', 'o.reminded_1d_at', 'o.overdue_at', 'c.title', 'c.deadline_at', 'c.status as call_status'])
    .where('o.status', '=', 'invited')
    .where('c.status', '!=', 'draft')
    .$if(options.callId !== undefined, (q) => q.where('o.call_id', '=', options.callId!))
    .orderBy('o.call_id')
    .orderBy('o.agency_id')
    .execute();
}

/** Records a reminder only if none of this kind was recorded before; true when this call did it. */
export async function claimReminder(db: Db, callId: number, agencyId: number, kind: 'reminded_7d_at' | 'reminded_1d_at', now: string): Promise<boolean> {
  const r = await db
    .updateTable('call_agencies')
    .set({ [kind]: now })
    .where('call_id', '=', callId)
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'invited')
    .where(kind, 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Moves a still-invited obligation to overdue; true when this call did it. The first time is
 * stamped; an agency made overdue again (after an exemption was lifted) keeps its first stamp.
 */
export async function markObligationOverdue(db: Db, callId: number, agencyId: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('call_agencies')
    .set((eb) => ({ status: 'overdue', overdue_at: eb.fn.coalesce('overdue_at', eb.val(now)) }))
    .where('call_id', '=', callId)
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** After a deadline moves later: overdue agencies are invited again and reminders start afresh. */
export async function reopenObligations(db: Db, callId: number): Promise<number> {
  const r = await db
    .updateTable('call_agencies')
    .set({ status: 'invited', overdue_at: null })
    .where('call_id', '=', callId)
    .where('status', '=', 'overdue')
    .executeTakeFirst();
  await db
    .updateTable('call_agencies')
    .set({ reminded_7d_at: null, reminded_1d_at: null })
    .where('call_id', '=', callId)
    .where('status', '=', 'invited')
    .execute();
  return Number(r.numUpdatedRows);
}

/** One agency's record across calls (drafts left out), newest call first. */
export async function scorecardRows(db: Db, agencyId: number, page: { limit: number; offset: number }) {
  const rows = await db
    .selectFrom('call_agencies as o')
    .innerJoin('calls as c', 'c.id', 'o.call_id')
    .select([
      'c.id as call_id', 'c.title', 'c.fiscal_year', 'c.deadline_at', 'c.status as call_status',
      'o.credit_rials', 'o.status', 'o.submitted_at', 'o.exemption_reason',
      (eb) =>
        eb.selectFrom('plans as p').select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.call_id', '=', 'o.call_id').whereRef('p.agency_id', '=', 'o.agency_id').where('p.version', '>', 0).as('plans_submitted'),
      (eb) =>
        eb.selectFrom('plans as p').select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.call_id', '=', 'o.call_id').whereRef('p.agency_id', '=', 'o.agency_id')
          .where('p.status', 'in', ['approved', 'funded', 'in_progress', 'completed']).as('plans_approved'),
    ])
    .where('o.agency_id', '=', agencyId)
    .where('c.status', '!=', 'draft')
    .orderBy('c.deadline_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...r, plans_submitted: Number(r.plans_submitted ?? 0), plans_approved: Number(r.plans_approved ?? 0) }));
}

/** One agency's totals across calls (drafts left out), in one query. */
export async function scorecardTotals(db: Db, agencyId: number, now: string) {
  const r = await db
    .selectFrom('call_agencies as o')
    .innerJoin('calls as c', 'c.id', 'o.call_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('calls'),
      eb.fn.sum<number>(eb.case().when('o.status', '=', 'exempted').then(1).else(0).end()).as('exempted'),
      // Calls whose deadline has passed (or where the agency has already answered) are the ones it could have met.
      eb.fn.sum<number>(
        eb.case().when('o.status', '=', 'exempted').then(0).when(eb.or([eb('c.deadline_at', '<=', now), eb('o.submitted_at', 'is not', null)])).then(1).else(0).end(),
      ).as('due'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('o.submitted_at', 'is not', null), eb('o.status', '!=', 'exempted')])).then(1).else(0).end()).as('submitted'),
      eb.fn.sum<number>(
        eb.case().when(eb.and([eb('o.submitted_at', 'is not', null), eb('o.status', '!=', 'exempted'), eb('o.submitted_at', '<=', eb.ref('c.deadline_at'))])).then(1).else(0).end(),
      ).as('on_time'),
      eb.fn.coalesce(eb.fn.sum<number>('o.credit_rials'), eb.lit(0)).as('credit'),
      eb
        .selectFrom('plans as p')
        .innerJoin('calls as pc', 'pc.id', 'p.call_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('p.agency_id', '=', agencyId)
        .where('p.version', '>', 0)
        .where('pc.status', '!=', 'draft')
        .as('plans_submitted'),
      eb
        .selectFrom('plans as p')
        .innerJoin('calls as pc', 'pc.id', 'p.call_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('p.agency_id', '=', agencyId)
        .where('p.status', 'in', ['approved', 'funded', 'in_progress', 'completed'])
        .where('pc.status', '!=', 'draft')
        .as('plans_approved'),
    ])
    .where('o.agency_id', '=', agencyId)
    .where('c.status', '!=', 'draft')
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    calls: n(r.calls), exempted: n(r.exempted), due: n(r.due), submitted: n(r.submitted), onTime: n(r.on_time),
    creditRials: n(r.credit), plansSubmitted: n(r.plans_submitted), plansApproved: n(r.plans_approved),
  };
}

/** Moves a call from one state to another only if it is still in the first; true when it moved. */
export async function moveCallStatus(db: Db, id: number, from: CallStatus, to: CallStatus, now: string): Promise<boolean> {
  const r = await db
    .updateTable('calls')
    .set({ status: to, updated_at: now, ...(to === 'open' ? { opened_at: now } : {}), ...(to === 'closed' ? { closed_at: now } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
