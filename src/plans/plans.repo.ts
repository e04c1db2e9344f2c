import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import type { PlanStatus } from './plan-lifecycle.ts';

export type PlanRow = {
  id: number;
  call_id: number;
  agency_id: number;
  status: PlanStatus;
  title: string;
  summary: string;
  requested_rials: number;
  content: string;
  version: number;
  is_public: 0 | 1;
  created_by: number | null;
  submitted_at: string | null;
  public_at: string | null;
  is_demo: 0 | 1;
  created_at: string;
  updated_at: string;
};

const columns = [
  'id', 'call_id', 'agency_id', 'status', 'title', 'summary', 'requested_rials', 'content', 'version', 'is_public',
  'created_by', 'submitted_at', 'public_at', 'is_demo', 'created_at', 'updated_at',
] as const;

export async function findPlan(db: Db, id: number): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').select(columns).where('id', '=', id).executeTakeFirst();
}

/** The copies of plan content that lists, filters and search read. */
export type PlanDenormalized = {
  title: string;
  summary: string;
  searchText: string;
  /** Defaults to persianSortKey(title). */
  sortKey?: string;
  requestedRials: number;
  content: string;
  tags: { kind: 'harm' | 'target' | 'intervention'; code: string }[];
  places: { placeId: number; countyId: number | null }[];
};

export async function insertPlan(
  db: Db,
  p: { callId: number; agencyId: number; createdBy: number; isDemo?: boolean; now: string } & PlanDenormalized,
): Promise<number> {
  const row = await db
    .insertInto('plans')
    .values({
      call_id: p.callId, agency_id: p.agencyId, status: 'draft', title: p.title, summary: p.summary, search_text: p.searchText, sort_key: p.sortKey ?? persianSortKey(p.title),
      requested_rials: p.requestedRials, content: p.content, created_by: p.createdBy, submitted_at: null, public_at: null,
      is_demo: p.isDemo ? 1 : 0, created_at: p.now, updated_at: p.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTagsAndPlaces(db, row.id, p);
  return row.id;
}

export async function updatePlanContent(db: Db, id: number, p: PlanDenormalized, now: string): Promise<void> {
  await db
    .updateTable('plans')
    .set({ title: p.title, summary: p.summary, search_text: p.searchText, sort_key: p.sortKey ?? persianSortKey(p.title), requested_rials: p.requestedRials, content: p.content, updated_at: now })
    .where('id', '=', id)
    .execute();
  await replaceTagsAndPlaces(db, id, p);
}

async function replaceTagsAndPlaces(db: Db, id: number, p: Pick<PlanDenormalized, 'tags' | 'places'>) {
  await db.deleteFrom('plan_tags').where('plan_id', '=', id).execute();
  if (p.tags.length) await db.insertInto('plan_tags').values(p.tags.map((t) => ({ plan_id: id, kind: t.kind, code: t.code }))).execute();
  await db.deleteFrom('plan_places').where('plan_id', '=', id).execute();
  if (p.places.length) {
    await db.insertInto('plan_places').values(p.places.map((x) => ({ plan_id: id, place_id: x.placeId, county_id: x.countyId }))).execute();
  }
}

/** Moves a plan to a new state; the expected current state guards against a concurrent change. */
export async function setPlanStatus(
  db: Db,
  id: number,
  from: PlanStatus,
  to: PlanStatus,
  extra: { now: string; submittedAt?: string; version?: number; isPublic?: boolean },
): Promise<boolean> {
  const r = await db
    .updateTable('plans')
    .set({
      status: to,
      updated_at: extra.now,
      ...(extra.submittedAt ? { submitted_at: extra.submittedAt } : {}),
      ...(extra.version !== undefined ? { version: extra.version } : {}),
      ...(extra.isPublic !== undefined ? { is_public: extra.isPublic ? 1 : 0, public_at: extra.isPublic ? extra.now : null } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertPlanVersion(db: Db, v: { planId: number; version: number; title: string; content: string; submittedBy: number; now: string }) {
  await db
    .insertInto('plan_versions')
    .values({ plan_id: v.planId, version: v.version, title: v.title, content: v.content, submitted_by: v.submittedBy, submitted_at: v.now })
    .execute();
}

export async function listPlanVersions(db: Db, planId: number) {
  return db
    .selectFrom('plan_versions')
    .select(['version', 'title', 'submitted_at', 'submitted_by'])
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .execute();
}

export async function findPlanVersion(db: Db, planId: number, version: number) {
  return db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).where('version', '=', version).executeTakeFirst();
}

export async function insertPlanEvent(
  db: Db,
  e: { planId: number; from: PlanStatus | null; to: PlanStatus; actorId: number | null; message?: string | null; data?: unknown; now: string },
) {
  await db
    .insertInto('plan_events')
    .values({ plan_id: e.planId, from_status: e.from, to_status: e.to, actor_id: e.actorId, message: e.message ?? null, data: JSON.stringify(e.data ?? {}), at: e.now })
    .execute();
}

export async function listPlanEvents(db: Db, planId: number) {
  return db
    .selectFrom('plan_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.from_status', 'e.to_status', 'e.message', 'e.data', 'e.at', 'u.name as actor_name'])
    .where('e.plan_id', '=', planId)
    .orderBy('e.id', 'desc')
    .execute();
}

/** Rials this agency has in live plans of the call, leaving out one plan (the one being checked). */
export async function committedRials(db: Db, callId: number, agencyId: number, exceptPlanId: number, statuses: readonly PlanStatus[]): Promise<number> {
  const r = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('requested_rials'), eb.lit(0)).as('n'))
    .where('call_id', '=', callId)
    .where('agency_id', '=', agencyId)
    .where('id', '!=', exceptPlanId)
    .where('status', 'in', [...statuses])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Plans of the given agencies, newest first, for the officers' workspace. */
export async function plansOfAgencies(db: Db, agencyIds: readonly number[], page: { limit: number; offset: number }) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('plans as p')
    .innerJoin('calls as c', 'c.id', 'p.call_id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.title', 'p.status', 'p.requested_rials', 'p.updated_at', 'p.version', 'c.title as call_title', 'c.id as call_id', 'a.name as agency_name'])
    .where('p.agency_id', 'in', [...agencyIds])
    .orderBy('p.updated_at', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Plans waiting for the secretariat (submitted or in screening), oldest first. */
export async function plansAwaitingScreening(db: Db) {
  return db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .innerJoin('calls as c', 'c.id', 'p.call_id')
    .select(['p.id', 'p.title', 'p.status', 'p.submitted_at', 'p.version', 'p.requested_rials', 'a.name as agency_name', 'c.title as call_title'])
    .where('p.status', 'in', ['submitted', 'screening'])
    .orderBy('p.submitted_at')
    .execute();
}

export async function countSubmittedPlans(db: Db, callId: number, agencyId: number): Promise<number> {
  const r = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('call_id', '=', callId)
    .where('agency_id', '=', agencyId)
    .where('version', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- attachments ----

export async function insertAttachment(
  db: Db,
  a: { planId: number; fileName: string; mime: 'application/pdf' | 'image/jpeg' | 'image/png'; size: number; sha256: string; storageKey: string; uploadedBy: number; now: string },
): Promise<number> {
  const row = await db
    .insertInto('plan_attachments')
    .values({ plan_id: a.planId, file_name: a.fileName, mime: a.mime, size_bytes: a.size, sha256: a.sha256, storage_key: a.storageKey, uploaded_by: a.uploadedBy, created_at: a.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listAttachments(db: Db, planId: number) {
  return db.selectFrom('plan_attachments').selectAll().where('plan_id', '=', planId).orderBy('id').execute();
}

export async function findAttachment(db: Db, id: number) {
  return db.selectFrom('plan_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteAttachment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('plan_attachments').where('id', '=', id).execute();
}

// ---- the plan form and the workspace ----

export async function countPlansOfAgencies(db: Db, agencyIds: readonly number[]): Promise<number> {
  if (agencyIds.length === 0) return 0;
  const r = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', 'in', [...agencyIds])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open calls that invite any of the given agencies, one row per call and agency, soonest deadline first. */
export async function openInvitationsOfAgencies(db: Db, agencyIds: readonly number[]) {
  if (agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom('call_agencies as o')
    .innerJoin('calls as c', 'c.id', 'o.call_id')
    .innerJoin('agencies as a', 'a.id', 'o.agency_id')
    .select(['c.id as call_id', 'c.title as call_title', 'c.deadline_at', 'c.fiscal_year', 'a.id as agency_id', 'a.name as agency_name', 'o.credit_rials', 'o.status as obligation_status'])
    .where('o.agency_id', 'in', [...agencyIds])
    .where('c.status', '=', 'open')
    .orderBy('c.deadline_at')
    .orderBy('a.sort_key')
    .execute();
  return rows.map((r) => ({ ...r, credit_rials: Number(r.credit_rials) }));
}

/** Names of the given places with their parent's name, for showing a plan's places. */
export async function placeNamesByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('places as p')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.is_demo', 'parent.name as parent_name'])
    .where('p.id', 'in', [...ids])
    .execute();
}

/**
 * Places of the given kinds that lie within any of the roots (or anywhere when there are no
 * roots), optionally whose name key contains `key`, with their parent, in Persian order.
 */
export async function placeChoicesWithin(db: Db, o: { roots: readonly number[]; kinds: readonly PlaceKind[]; key: string | null; limit: number }) {
  const escaped = o.key ? `%${o.key.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const roots = o.roots.length ? [...o.roots] : [-1];
  return db
    .withRecursive('down(id, depth)', (qb) =>
      qb
        .selectFrom('places')
        .select(['id', sql<number>`0`.as('depth')])
        .where('id', 'in', roots)
        .unionAll((u) =>
          u.selectFrom('places as c').innerJoin('down', 'down.id', 'c.parent_id').select(['c.id', sql<number>`down.depth + 1`.as('depth')]).where('down.depth', '<', 12),
        ),
    )
    .selectFrom('places as p')
    .innerJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.kind', 'p.name', 'p.is_demo', 'parent.name as parent_name', 'parent.id as parent_id'])
    .where('p.kind', 'in', [...o.kinds])
    // No roots: the whole hierarchy, and the walk is never needed.
    .$if(o.roots.length > 0, (q) => q.where('p.id', 'in', (eb) => eb.selectFrom('down').select('down.id')))
    .$if(escaped !== null, (q) => q.where(sql<boolean>`p.name_key like ${escaped} escape '\\'`))
    .orderBy('parent.sort_key')
    .orderBy('p.sort_key')
    .limit(o.limit)
    .execute();
}

export async function callHasPlans(db: Db, callId: number): Promise<boolean> {
  const row = await db.selectFrom('plans').select('id').where('call_id', '=', callId).limit(1).executeTakeFirst();
  return row !== undefined;
}
