import { sql, type SqlBool } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import { publicStatuses, type PlanStatus } from '../plans/plan-lifecycle.ts';
import type { NeedPlanKind, NeedStatus } from './needs.tables.ts';
import { placeSubtree } from '../places/places.repo.ts';

// The only SQL of residents' needs: the needs, their supports and their links to plans, and the
// needs' side of the neighborhood page. Every count is turned into a number here (pg gives strings).

export const NEEDS_PAGE_SIZE = 20;

/** LIKE pattern for a literal piece of text: %, _ and \ match only themselves (escape '\'). */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// ---- writing ------------------------------------------------------------------------------------

export async function insertNeed(
  db: Db,
  n: { placeId: number; authorId: number; title: string; body: string; searchKey: string; harms: string; targets: string; photoPath: string | null; photoType: string | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('needs')
    .values({
      place_id: n.placeId, author_id: n.authorId, title: n.title, body: n.body, search_key: n.searchKey, harms: n.harms,
      target_groups: n.targets, photo_path: n.photoPath, photo_type: n.photoType, created_at: n.now, updated_at: n.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many needs a person has posted since the given instant (the needs_author_idx range). */
export async function countNeedsSince(db: Db, authorId: number, since: string): Promise<number> {
  const r = await db
    .selectFrom('needs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', authorId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type NeedRow = {
  id: number;
  place_id: number;
  author_id: number;
  title: string;
  body: string;
  harms: string;
  target_groups: string;
  photo_path: string | null;
  photo_type: string | null;
  status: NeedStatus;
  status_note: string | null;
  status_by: number | null;
  status_at: string | null;
  support_count: number;
  is_demo: 0 | 1;
  created_at: string;
  updated_at: string;
};

const needColumns = [
  'id', 'place_id', 'author_id', 'title', 'body', 'harms', 'target_groups', 'photo_path', 'photo_type', 'status', 'status_note',
  'status_by', 'status_at', 'support_count', 'is_demo', 'created_at', 'updated_at',
] as const;

export async function findNeed(db: Db, id: number): Promise<NeedRow | undefined> {
  const row = await db.selectFrom('needs').select(needColumns).where('id', '=', id).executeTakeFirst();
  return row && { ...row, support_count: Number(row.support_count) };
}

/** Adds one support; false when the person already supports the need (the primary key decides). */
export async function insertSupport(db: Db, needId: number, userId: number, now: string): Promise<boolean> {
  const r = await db
    .insertInto('need_supports')
    .values({ need_id: needId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['need_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes a support; false when there was none. */
export async function deleteSupport(db: Db, needId: number, userId: number): Promise<boolean> {
  const r = await db.deleteFrom('need_supports').where('need_id', '=', needId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Moves the kept count by delta in the same statement as it reads it, and returns the new count. */
export async function adjustSupportCount(db: Db, needId: number, delta: 1 | -1, now: string): Promise<number> {
  const row = await db
    .updateTable('needs')
    .set({ support_count: sql`support_count + ${delta}`, updated_at: now })
    .where('id', '=', needId)
    .returning('support_count')
    .executeTakeFirstOrThrow();
  return Number(row.support_count);
}

/** Changes the status only from the expected one; false when someone else moved it first. */
export async function updateNeedStatus(
  db: Db,
  id: number,
  from: NeedStatus,
  patch: { status: NeedStatus; note: string | null; by: number; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('needs')
    .set({ status: patch.status, status_note: patch.note, status_by: patch.by, status_at: patch.now, updated_at: patch.now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Plan links of one kind for a need, replaced by the given plans. */
export async function replaceNeedLinks(db: Db, needId: number, kind: NeedPlanKind, planIds: readonly number[], by: number, now: string): Promise<void> {
  await db.deleteFrom('need_plans').where('need_id', '=', needId).where('kind', '=', kind).execute();
  if (planIds.length) {
    await db.insertInto('need_plans').values(planIds.map((planId) => ({ need_id: needId, plan_id: planId, kind, linked_by: by, linked_at: now }))).execute();
  }
}

/** Everyone who supports a need, with what notify() needs. */
export async function supportersOf(db: Db, needId: number): Promise<{ id: number; email: string | null; status: 'active' | 'disabled' }[]> {
  return db
    .selectFrom('need_supports as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.status'])
    .where('s.need_id', '=', needId)
    .orderBy('u.id')
    .execute();
}

export async function markNeedsDemo(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.updateTable('needs').set({ is_demo: 1 }).where('id', 'in', [...ids]).execute();
}

export async function hasDemoNeeds(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('needs').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst());
}

// ---- plans that may answer a need, and needs a plan may cite -------------------------------------

export type CandidatePlanRow = { id: number; title: string; status: PlanStatus; agency_name: string };

/**
 * Public plans that cover the need's place or lie in its county: what the secretariat may name as
 * addressing the need. Those of the place itself first, then the most recent; at most `limit`.
 */
export async function plansNearPlace(db: Db, placeId: number, countyId: number | null, limit = 50): Promise<CandidatePlanRow[]> {
  return db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.title', 'p.status', 'a.name as agency_name'])
    .where('p.is_public', '=', 1)
    .where('p.status', 'in', publicStatuses)
    .where('p.id', 'in', (eb) => {
      let q = eb.selectFrom('plan_places').select('plan_id').where('place_id', '=', placeId);
      if (countyId !== null) q = q.union(eb.selectFrom('plan_places').select('plan_id').where('county_id', '=', countyId));
      return q;
    })
    .orderBy(sql`case when p.id in (select plan_id from plan_places where place_id = ${placeId}) then 0 else 1 end`)
    .orderBy('p.public_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

export type CitableNeedRow = { id: number; title: string; status: NeedStatus; support_count: number; place_name: string; cited: 0 | 1 };

/**
 * Needs a plan may cite: those in the plan's places (most supported first, declined ones left out)
 * and those it cites already, wherever they are now; each marked when cited.
 */
export async function citableNeeds(db: Db, planId: number, limit = 60): Promise<CitableNeedRow[]> {
  const cited = db.selectFrom('need_plans').select('need_id').where('plan_id', '=', planId).where('kind', '=', 'evidence');
  const rows = await db
    .selectFrom('needs as n')
    .innerJoin('places as pl', 'pl.id', 'n.place_id')
    .select([
      'n.id', 'n.title', 'n.status', 'n.support_count', 'pl.name as place_name',
      sql<number>`case when n.id in (select need_id from need_plans where plan_id = ${planId} and kind = 'evidence') then 1 else 0 end`.as('cited'),
    ])
    .where((eb) =>
      eb.or([
        eb('n.id', 'in', cited),
        eb.and([eb('n.place_id', 'in', eb.selectFrom('plan_places').select('place_id').where('plan_id', '=', planId)), eb('n.status', '<>', 'declined')]),
      ]),
    )
    // Cited ones first, so a long list never drops what the plan already cites.
    .orderBy('cited', 'desc')
    .orderBy('n.support_count', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, support_count: Number(r.support_count), cited: Number(r.cited) === 1 ? 1 : 0 }));
}

/** Replaces the needs a plan cites as evidence; returns what was added and removed. */
export async function replaceEvidence(db: Db, planId: number, needIds: readonly number[], by: number, now: string): Promise<{ added: number[]; removed: number[] }> {
  const before = (await db.selectFrom('need_plans').select('need_id').where('plan_id', '=', planId).where('kind', '=', 'evidence').execute()).map((r) => r.need_id);
  const added = needIds.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !needIds.includes(id));
  if (removed.length) await db.deleteFrom('need_plans').where('plan_id', '=', planId).where('kind', '=', 'evidence').where('need_id', 'in', removed).execute();
  if (added.length) await db.insertInto('need_plans').values(added.map((needId) => ({ need_id: needId, plan_id: planId, kind: 'evidence' as const, linked_by: by, linked_at: now }))).execute();
  return { added, removed };
}

// ---- the list -----------------------------------------------------------------------------------

export const needSorts = ['support', 'newest'] as const;
export type NeedSort = (typeof needSorts)[number] | 'queue';

export type NeedQuery = {
  /** A county, or any place: needs in it or anywhere below it. */
  countyId: number | null;
  placeId: number | null;
  harm: string | null;
  target: string | null;
  status: NeedStatus | null;
  /** matchKey'd words, every one of which must appear. */
  words: string[];
  sort: NeedSort;
};

const placeTree = (rootId: number) => sql<SqlBool>`n.place_id in (${placeSubtree(rootId)})`;

function filteredNeeds(db: Db, f: NeedQuery) {
  let q = db.selectFrom('needs as n');
  if (f.status !== null) q = q.where('n.status', '=', f.status);
  if (f.countyId !== null) q = q.where(placeTree(f.countyId));
  if (f.placeId !== null) q = q.where(placeTree(f.placeId));
  // Tags are JSON arrays of codes; a quoted code matches only itself.
  if (f.harm !== null) q = q.where(sql<SqlBool>`n.harms like ${contains(`"${f.harm}"`)} escape '\\'`);
  if (f.target !== null) q = q.where(sql<SqlBool>`n.target_groups like ${contains(`"${f.target}"`)} escape '\\'`);
  for (const w of f.words) q = q.where(sql<SqlBool>`n.search_key like ${contains(w)} escape '\\'`);
  return q;
}

const statusRank = sql<number>`case n.status when 'new' then 0 when 'acknowledged' then 1 when 'addressed' then 2 when 'resolved' then 3 else 4 end`;

export type NeedListRow = {
  id: number;
  title: string;
  body: string;
  status: NeedStatus;
  support_count: number;
  harms: string;
  target_groups: string;
  created_at: string;
  is_demo: 0 | 1;
  has_photo: number;
  place_id: number;
  place_name: string;
  place_kind: PlaceKind;
  parent_name: string | null;
};

/** One page of needs with the number that match, in ONE statement (the count is an uncorrelated subquery). */
export async function listNeeds(db: Db, f: NeedQuery, page: { limit: number; offset: number }): Promise<{ rows: NeedListRow[]; total: number | null }> {
  const total = filteredNeeds(db, f).select((eb) => eb.fn.countAll<number>().as('c'));
  let q = filteredNeeds(db, f)
    .innerJoin('places as pl', 'pl.id', 'n.place_id')
    .leftJoin('places as pa', 'pa.id', 'pl.parent_id')
    .select([
      'n.id', 'n.title', 'n.body', 'n.status', 'n.support_count', 'n.harms', 'n.target_groups', 'n.created_at', 'n.is_demo',
      sql<number>`case when n.photo_path is null then 0 else 1 end`.as('has_photo'),
      'pl.id as place_id', 'pl.name as place_name', 'pl.kind as place_kind', 'pa.name as parent_name',
      total.as('total'),
    ]);
  if (f.sort === 'queue') q = q.orderBy(statusRank).orderBy('n.id', 'asc');
  else if (f.sort === 'newest') q = q.orderBy('n.id', 'desc');
  else q = q.orderBy('n.support_count', 'desc').orderBy('n.id', 'desc');
  const rows = await q.limit(page.limit).offset(page.offset).execute();
  const first = rows[0];
  return {
    rows: rows.map(({ total: _t, ...r }) => ({ ...r, support_count: Number(r.support_count), has_photo: Number(r.has_photo) })),
    total: first ? Number(first.total) : null,
  };
}

/** Only needed when a page past the end came back empty. */
export async function countNeeds(db: Db, f: NeedQuery): Promise<number> {
  const r = await filteredNeeds(db, f).select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
  return Number(r.c);
}

/** The counties for the filter, and the chosen place's name and kind, in ONE statement. */
export async function needFilterPlaces(db: Db, chosenPlaceId: number | null): Promise<{ kind: 'county' | 'place'; id: number; name: string; place_kind: string; sort: string }[]> {
  let q = db
    .selectFrom('places')
    .select([sql<string>`'county'`.as('kind'), 'id', 'name', sql<string>`kind`.as('place_kind'), 'sort_key as sort'])
    .where('kind', '=', 'county');
  if (chosenPlaceId !== null) {
    q = q.unionAll(db.selectFrom('places').select([sql<string>`'place'`.as('kind'), 'id', 'name', sql<string>`kind`.as('place_kind'), 'sort_key as sort']).where('id', '=', chosenPlaceId));
  }
  const rows = await q.execute();
  return rows
    .map((r) => ({ ...r, kind: r.kind as 'county' | 'place', id: Number(r.id) }))
    .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
}

// ---- the need page ------------------------------------------------------------------------------

export type NeedPageRow = NeedRow & { place_name: string; place_kind: PlaceKind; author_name: string; viewer_supports: number };

/** The need with its place, its author's name and whether the viewer supports it, in ONE statement. */
export async function needForPage(db: Db, id: number, viewerId: number | null): Promise<NeedPageRow | undefined> {
  const row = await db
    .selectFrom('needs as n')
    .innerJoin('places as pl', 'pl.id', 'n.place_id')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select(needColumns.map((c) => `n.${c}` as const))
    .select([
      'pl.name as place_name', 'pl.kind as place_kind', 'u.name as author_name',
      viewerId === null
        ? sql<number>`0`.as('viewer_supports')
        : sql<number>`case when exists (select 1 from need_supports s where s.need_id = n.id and s.user_id = ${viewerId}) then 1 else 0 end`.as('viewer_supports'),
    ])
    .where('n.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, support_count: Number(row.support_count), viewer_supports: Number(row.viewer_supports) };
}

export type NeedExtraRow =
  /** The need's place and its ancestors; depth 0 is the place itself. */
  | { kind: 'place'; id: number; label: string; detail: string; depth: number; extra: string | null }
  /** A public plan linked to the need: detail is the link kind, extra the plan's status. */
  | { kind: 'plan'; id: number; label: string; detail: NeedPlanKind; depth: number; extra: string | null };

/**
 * The need's place chain and its public linked plans, in ONE statement (the place comes from the
 * need row inside the query, so this runs beside needForPage rather than after it).
 */
export async function needPageExtras(db: Db, needId: number): Promise<NeedExtraRow[]> {
  const { rows } = await sql<{ kind: string; id: number; label: string; detail: string; depth: number; extra: string | null }>`
    with recursive chain(id, parent_id, name, kind, depth) as (
      select p.id, p.parent_id, p.name, p.kind, 0 from places p where p.id = (select place_id from needs where id = ${needId})
      union all select p.id, p.parent_id, p.name, p.kind, chain.depth + 1 from places p join chain on p.id = chain.parent_id where chain.depth < 12
    )
    select 'place' as kind, id, name as label, kind as detail, depth, null as extra from chain
    union all
    select 'plan' as kind, p.id, p.title as label, np.kind as detail, 0 as depth, p.status as extra
    from need_plans np join plans p on p.id = np.plan_id
    where np.need_id = ${needId} and p.is_public = 1 and p.status in (${sql.join(publicStatuses)})
  `.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), depth: Number(r.depth) }) as NeedExtraRow);
}

// ---- needs as comment subjects ------------------------------------------------------------------

export async function needForComments(db: Db, id: number): Promise<{ id: number; title: string; body: string; place_name: string; author_name: string } | undefined> {
  return db
    .selectFrom('needs as n')
    .innerJoin('places as pl', 'pl.id', 'n.place_id')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.title', 'n.body', 'pl.name as place_name', 'u.name as author_name'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export async function needTitles(db: Db, ids: readonly number[]): Promise<{ id: number; title: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('needs').select(['id', 'title']).where('id', 'in', [...ids]).execute();
}

/** Title and description of every need: documents for the comment relevance phase. */
export async function needTexts(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('needs').select(['title', 'body']).where('status', '<>', 'declined').execute();
  return rows.map((r) => `${r.title}\n${r.body}`);
}

// ---- the neighborhood page ----------------------------------------------------------------------

export type PlaceNeedRow = { id: number; title: string; status: NeedStatus; support_count: number; is_demo: 0 | 1 };

/** The most supported needs of a neighborhood or village (declined ones left out). */
export async function topNeedsOfPlace(db: Db, placeId: number, limit = 5): Promise<PlaceNeedRow[]> {
  const rows = await db
    .selectFrom('needs')
    .select(['id', 'title', 'status', 'support_count', 'is_demo'])
    .where('place_id', '=', placeId)
    .where('status', '<>', 'declined')
    .orderBy('support_count', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, support_count: Number(r.support_count) }));
}

export type PlacePlanRow = {
  id: number;
  title: string;
  status: PlanStatus;
  agency_name: string;
  funded_rials: number | null;
  /** The published allocation round of the plan's call, when there is one. */
  round_id: number | null;
  is_demo: 0 | 1;
};

/**
 * Public plans that cover the place, funded ones of a published round first, with that round:
 * the plans and the published results of a neighborhood in ONE statement.
 */
export async function plansOfPlace(db: Db, placeId: number, limit = 10): Promise<PlacePlanRow[]> {
  const rows = await db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin('allocation_rounds as r', (j) => j.onRef('r.call_id', '=', 'p.call_id').on('r.status', '=', 'published'))
    .select(['p.id', 'p.title', 'p.status', 'a.name as agency_name', 'p.funded_rials', 'r.id as round_id', 'p.is_demo'])
    .where('p.is_public', '=', 1)
    .where('p.status', 'in', publicStatuses)
    .where('p.id', 'in', db.selectFrom('plan_places').select('plan_id').where('place_id', '=', placeId))
    .orderBy(sql`case when r.id is not null and p.funded_rials is not null then 0 else 1 end`)
    .orderBy('p.public_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    funded_rials: r.funded_rials === null ? null : Number(r.funded_rials),
    round_id: r.round_id === null ? null : Number(r.round_id),
  }));
}
