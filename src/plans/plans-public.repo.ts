import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Dialect } from '../platform/db/database.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import type { Harm, TargetGroup } from '../taxonomy/codes.ts';
import { publicStatuses, type PlanStatus } from './plan-lifecycle.ts';
import type { PlanRow } from './plans.repo.ts';
import { planSupportColumns, type PlanSupportColumns } from './support-plans.repo.ts';
import { placeSubtree } from '../places/places.repo.ts';

// The public side of plans: the /plans list with its filters and Persian full-text search, and
// the /plans/:id page. Only plans that passed screening (is_public = 1, a public status) are
// listed; the page itself may show a non-public plan to its agency and the programme staff, and
// the route decides that with can().

export const PUBLIC_PLANS_PAGE_SIZE = 20;

// ---- Persian full-text search -------------------------------------------------------------------

/**
 * One word of the query: the spellings that count as a match, each a phrase of tokens whose last
 * token is matched as a prefix («می‌خواهند» → «می خواهند…» or «میخواهند…»).
 */
export type SearchTerm = string[][];
/** A parsed query: every term must match (AND). Built only from letters and digits. */
export type PlanSearch = { terms: SearchTerm[] };

const MAX_TERMS = 8;
const MAX_TOKEN_LENGTH = 40;
const ZWNJ = '\u200C';
// Letters, marks and digits: everything else (quotes, brackets, * - : & | ! …) separates tokens
// here exactly as it does in both engines' tokenizers, so no query syntax survives into the query.
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Affixes written sometimes joined, sometimes with a half-space: a query typed joined also finds
// the separated spelling (the other way round comes from the ZWNJ itself).
const PREFIXES = ['نمی', 'می'];
const SUFFIXES = ['های', 'ها'];

/** Tokens of one half-space-separated piece; normalizePersian has run, Latin case is folded here. */
function tokensOf(piece: string): string[] {
  return (piece.toLowerCase().match(TOKEN) ?? []).filter((t) => HAS_LETTER_OR_DIGIT.test(t)).map((t) => t.slice(0, MAX_TOKEN_LENGTH));
}

/**
 * Parses what a person typed into search terms: normalized as search_text is (Arabic ي/ك, harakat,
 * digits), split into words; a word written with a half-space matches both its separated and its
 * joined spelling. Words of a single letter are dropped (they match nearly everything as a prefix).
 */
export function parsePlanSearch(raw: string): PlanSearch {
  const text = normalizePersian(raw.slice(0, 300));
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  for (const word of text.split(/\s+/)) {
    if (terms.length >= MAX_TERMS) break;
    const pieces = word.split(ZWNJ).map(tokensOf).filter((p) => p.length > 0);
    const separated = pieces.flat();
    if (separated.join('').length < 2) continue;
    const alternatives: string[][] = [separated];
    if (pieces.length > 1) {
      // Join across the half-spaces only: the last token of a piece with the first of the next.
      const joined: string[] = [];
      for (const piece of pieces) {
        if (joined.length === 0) joined.push(...piece);
        else joined.splice(joined.length - 1, 1, joined[joined.length - 1]! + piece[0]!, ...piece.slice(1));
      }
      alternatives.push(joined);
    } else if (separated.length === 1) {
      const w = separated[0]!;
      const prefix = PREFIXES.find((p) => w.startsWith(p) && w.length - p.length >= 2);
      if (prefix) alternatives.push([prefix, w.slice(prefix.length)]);
      const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 2);
      if (suffix) alternatives.push([w.slice(0, -suffix.length), suffix]);
    }
    const key = alternatives.map((a) => a.join(' ')).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(alternatives);
  }
  return { terms };
}

/** The FTS5 MATCH text: `("می خواهند"* OR "میخواهند"*) AND "طرح"*`. Tokens hold no quotes. */
export function ftsMatchText(search: PlanSearch): string {
  return search.terms
    .map((alternatives) => {
      const parts = alternatives.map((tokens) => `"${tokens.join(' ')}"*`);
      return parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0]!;
    })
    .join(' AND ');
}

/** The to_tsquery text: `('می' <-> 'خواهند':*) | 'میخواهند':*`, terms joined with &. */
export function tsQueryText(search: PlanSearch): string {
  return search.terms
    .map((alternatives) => {
      const parts = alternatives.map((tokens) => `(${tokens.map((t, i) => `'${t}'${i === tokens.length - 1 ? ':*' : ''}`).join(' <-> ')})`);
      return `(${parts.join(' | ')})`;
    })
    .join(' & ');
}

/**
 * Plan ids matching the search with a relevance (higher is better): the one place where the SQL
 * differs by dialect — FTS5 with bm25 on SQLite, the tsvector column with ts_rank on PostgreSQL.
 */
function searchHits(dialect: Dialect, search: PlanSearch): RawBuilder<{ id: number; rank: number }> {
  if (dialect === 'postgres') {
    const query = tsQueryText(search);
    return sql`(select id, ts_rank(search_vector, to_tsquery('simple', ${query})) as rank from plans where search_vector @@ to_tsquery('simple', ${query}))`;
  }
  // bm25() is lower for better matches.
  return sql`(select rowid as id, -bm25(plans_fts) as rank from plans_fts where plans_fts match ${ftsMatchText(search)})`;
}

// ---- the list -------------------------------------------------------------------------------------

export const planSorts = ['relevance', 'newest', 'amount_desc', 'amount_asc', 'title'] as const;
export type PlanSort = (typeof planSorts)[number];

export type PublicPlanQuery = {
  callId: number | null;
  countyId: number | null;
  /** Any place: plans in it or anywhere below it (a county, a city and its neighborhoods…). */
  placeId: number | null;
  harm: Harm | null;
  target: TargetGroup | null;
  agencyId: number | null;
  /** One of the public statuses, or null for all of them. */
  status: PlanStatus | null;
  search: PlanSearch | null;
  sort: PlanSort;
};

export type PublicPlanListRow = {
  id: number;
  title: string;
  summary: string;
  status: PlanStatus;
  requested_rials: number;
  public_at: string | null;
  updated_at: string;
  call_id: number;
  call_title: string;
  agency_id: number;
  agency_name: string;
  /** Codes joined with LIST_SEPARATOR (order not meaningful). */
  harms: string | null;
  targets: string | null;
  /** Place names in Persian order, joined with LIST_SEPARATOR. */
  places: string | null;
  counties: string | null;
  /** Residents' supports (plans.support_count). */
  support_count: number;
};

/** Joins names in one column; a control character never typed in a name. */
export const LIST_SEPARATOR = '\u001f';

/**
 * The filtered set of public plans, joined to the search hits when there is a query.
 *
 * is_public = 1 is exactly "in a public status" (applyPlanTransition keeps them together), and it
 * sits in an index with public_at, so the unfiltered list and its count never read a plan's row
 * (rows are large: they carry the plan's content). Filters on other tables are IN (subquery),
 * evaluated once, rather than EXISTS per plan.
 */
function filteredPlans(db: Db, dialect: Dialect, f: PublicPlanQuery) {
  let q = db.selectFrom('plans as p').where('p.is_public', '=', 1);
  if (f.status !== null) q = q.where('p.status', '=', f.status);
  if (f.search) q = q.innerJoin(searchHits(dialect, f.search).as('h'), (j) => j.on(sql<SqlBool>`h.id = p.id`));
  if (f.callId !== null) q = q.where('p.call_id', '=', f.callId);
  if (f.agencyId !== null) q = q.where('p.agency_id', '=', f.agencyId);
  if (f.countyId !== null) {
    q = q.where('p.id', 'in', db.selectFrom('plan_places').select('plan_id').where('county_id', '=', f.countyId));
  }
  if (f.placeId !== null) {
    q = q.where(sql<SqlBool>`p.id in (select pp.plan_id from plan_places pp where pp.place_id in (${placeSubtree(f.placeId)}))`);
  }
  for (const [kind, code] of [['harm', f.harm], ['target', f.target]] as const) {
    if (code === null) continue;
    q = q.where('p.id', 'in', db.selectFrom('plan_tags').select('plan_id').where('kind', '=', kind).where('code', '=', code));
  }
  return q;
}

type OrderKey = { column: 'rank' | 'public_at' | 'requested_rials' | 'sort_key' | 'id'; desc: boolean };

/** Sort keys, always ending with the id so pages never overlap or skip a plan. */
function orderKeys(f: PublicPlanQuery): OrderKey[] {
  switch (f.sort === 'relevance' && !f.search ? 'newest' : f.sort) {
    case 'relevance':
      return [{ column: 'rank', desc: true }, { column: 'id', desc: true }];
    case 'amount_desc':
      return [{ column: 'requested_rials', desc: true }, { column: 'id', desc: true }];
    case 'amount_asc':
      return [{ column: 'requested_rials', desc: false }, { column: 'id', desc: true }];
    case 'title':
      // sort_key = persianSortKey(title): its byte order is Persian alphabetical order.
      return [{ column: 'sort_key', desc: false }, { column: 'id', desc: false }];
    default:
      return [{ column: 'public_at', desc: true }, { column: 'id', desc: true }];
  }
}

/** ORDER BY over the inner query (plans p joined to hits h) or over the page CTE m. */
const orderBy = (scope: 'inner' | 'm', keys: OrderKey[]) =>
  sql.join(
    keys.map((k) => {
      const table = scope === 'm' ? 'm' : k.column === 'rank' ? 'h' : 'p';
      return sql`${sql.ref(`${table}.${k.column}`)} ${sql.raw(k.desc ? 'desc' : 'asc')}`;
    }),
  );

/**
 * One page of public plans with the total number that match, in ONE statement: the page CTE
 * filters, sorts and cuts the page; the outer query adds the call, agency, tags and places of just
 * those rows, and the count of all matches as an uncorrelated subquery (run once).
 */
export async function listPublicPlans(
  db: Db,
  dialect: Dialect,
  f: PublicPlanQuery,
  page: { limit: number; offset: number },
): Promise<{ rows: PublicPlanListRow[]; total: number | null }> {
  // A query with nothing searchable in it (only quotes, brackets, single letters) matches nothing.
  if (f.search && f.search.terms.length === 0) return { rows: [], total: 0 };
  const keys = orderKeys(f);
  const pageIds = filteredPlans(db, dialect, f)
    .select([
      'p.id',
      'p.public_at',
      'p.requested_rials',
      'p.sort_key',
      (f.search ? sql<number>`h.rank` : sql<number>`0`).as('rank'),
    ])
    .orderBy(orderBy('inner', keys))
    .limit(page.limit)
    .offset(page.offset);
  const total = filteredPlans(db, dialect, f).select((eb) => eb.fn.countAll<number>().as('n'));
  const rows = await db
    .with('m', () => pageIds)
    .selectFrom('m')
    .innerJoin('plans as p', 'p.id', 'm.id')
    .innerJoin('calls as c', 'c.id', 'p.call_id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select([
      'p.id', 'p.title', 'p.summary', 'p.status', 'p.requested_rials', 'p.public_at', 'p.updated_at',
      'c.id as call_id', 'c.title as call_title', 'a.id as agency_id', 'a.name as agency_name', 'p.support_count',
      total.as('total'),
      sql<string | null>`(select string_agg(t.code, ${LIST_SEPARATOR}) from plan_tags t where t.plan_id = p.id and t.kind = 'harm')`.as('harms'),
      sql<string | null>`(select string_agg(t.code, ${LIST_SEPARATOR}) from plan_tags t where t.plan_id = p.id and t.kind = 'target')`.as('targets'),
      sql<string | null>`(select string_agg(pl.name, ${LIST_SEPARATOR} order by pl.sort_key) from plan_places pp join places pl on pl.id = pp.place_id where pp.plan_id = p.id)`.as('places'),
      sql<string | null>`(select string_agg(cn.name, ${LIST_SEPARATOR} order by cn.sort_key) from places cn where cn.id in (select pp.county_id from plan_places pp where pp.plan_id = p.id))`.as('counties'),
    ])
    .orderBy(orderBy('m', keys))
    .execute();
  const first = rows[0];
  // Past the last page there is no row to carry the count; the caller asks countPublicPlans.
  return { rows: rows.map(({ total: _total, ...r }) => ({ ...r, requested_rials: Number(r.requested_rials) })), total: first ? Number(first.total) : null };
}

/** How many public plans match: only needed when a page past the end came back empty. */
export async function countPublicPlans(db: Db, dialect: Dialect, f: PublicPlanQuery): Promise<number> {
  if (f.search && f.search.terms.length === 0) return 0;
  const r = await filteredPlans(db, dialect, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- filter choices ---------------------------------------------------------------------------------

export type FilterOptionRow = {
  kind: 'call' | 'agency' | 'county' | 'place';
  id: number;
  label: string;
  /** persianSortKey of agencies and counties; the place kind for the chosen place; '' for calls. */
  sort: string;
  /** The fiscal year of a call; 0 otherwise. */
  year: number;
};

/**
 * Everything the filter form offers, in ONE statement: calls past their draft, active agencies,
 * the counties, and the name of the chosen place (when the list is filtered by one).
 */
export async function planFilterOptions(db: Db, chosenPlaceId: number | null): Promise<FilterOptionRow[]> {
  let q = db
    .selectFrom('calls')
    .select([sql<string>`'call'`.as('kind'), 'id', 'title as label', sql<string>`''`.as('sort'), 'fiscal_year as year'])
    .where('status', '!=', 'draft')
    .unionAll(
      db.selectFrom('agencies').select([sql<string>`'agency'`.as('kind'), 'id', 'name as label', 'sort_key as sort', sql<number>`0`.as('year')]).where('active', '=', 1),
    )
    .unionAll(
      db.selectFrom('places').select([sql<string>`'county'`.as('kind'), 'id', 'name as label', 'sort_key as sort', sql<number>`0`.as('year')]).where('kind', '=', 'county'),
    );
  if (chosenPlaceId !== null) {
    q = q.unionAll(
      db.selectFrom('places').select([sql<string>`'place'`.as('kind'), 'id', 'name as label', 'kind as sort', sql<number>`0`.as('year')]).where('id', '=', chosenPlaceId),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, kind: r.kind as FilterOptionRow['kind'], id: Number(r.id), year: Number(r.year) }));
}

// ---- the plan page ------------------------------------------------------------------------------------

export type PlanPageRow = Pick<PlanRow, 'id' | 'call_id' | 'agency_id' | 'status' | 'title' | 'summary' | 'requested_rials' | 'content' | 'is_public' | 'is_demo' | 'public_at' | 'updated_at'> & {
  call_title: string;
  fiscal_year: number;
  agency_name: string;
} & PlanSupportColumns;

/**
 * A plan with its call and agency, whatever its state (the caller checks who may read it), and its
 * residents' support: the count, its geography and, for a signed-in viewer, their standing.
 */
export async function findPlanForPage(db: Db, id: number, viewerId: number | null = null): Promise<PlanPageRow | undefined> {
  const row = await db
    .selectFrom('plans as p')
    .innerJoin('calls as c', 'c.id', 'p.call_id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select([
      'p.id', 'p.call_id', 'p.agency_id', 'p.status', 'p.title', 'p.summary', 'p.requested_rials', 'p.content', 'p.is_public', 'p.is_demo',
      'p.public_at', 'p.updated_at', 'c.title as call_title', 'c.fiscal_year', 'a.name as agency_name',
      ...planSupportColumns(id, viewerId),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, requested_rials: Number(row.requested_rials) };
}

export type PlanPageExtraRow =
  | { kind: 'place'; id: number; label: string; detail: PlaceKind; parent: string | null; sort: string }
  | { kind: 'attachment'; id: number; label: string; detail: string; parent: null; sort: string }
  /** A resident's need the plan cites as evidence (needs/cite-needs.ts): sort is its support count. */
  | { kind: 'need'; id: number; label: string; detail: string; parent: null; sort: string };

/**
 * The plan's places (with kind and county, in Persian order), its attachments (names only) and
 * the residents' needs it cites, in ONE statement.
 */
export async function planPageExtras(db: Db, planId: number): Promise<PlanPageExtraRow[]> {
  const rows = await db
    .selectFrom('plan_places as pp')
    .innerJoin('places as pl', 'pl.id', 'pp.place_id')
    .leftJoin('places as cn', 'cn.id', 'pp.county_id')
    .select([sql<string>`'place'`.as('kind'), 'pl.id', 'pl.name as label', sql<string>`pl.kind`.as('detail'), 'cn.name as parent', 'pl.sort_key as sort'])
    .where('pp.plan_id', '=', planId)
    .unionAll(
      db
        .selectFrom('plan_attachments as pa')
        .select([sql<string>`'attachment'`.as('kind'), 'pa.id', 'pa.file_name as label', sql<string>`pa.mime`.as('detail'), sql<string | null>`null`.as('parent'), sql<string>`''`.as('sort')])
        .where('pa.plan_id', '=', planId),
    )
    .unionAll(
      db
        .selectFrom('need_plans as np')
        .innerJoin('needs as n', 'n.id', 'np.need_id')
        .select([sql<string>`'need'`.as('kind'), 'n.id', 'n.title as label', sql<string>`n.status`.as('detail'), sql<string | null>`null`.as('parent'), sql<string>`cast(n.support_count as text)`.as('sort')])
        .where('np.plan_id', '=', planId)
        .where('np.kind', '=', 'evidence'),
    )
    .execute();
  const places = rows.filter((r) => r.kind === 'place').sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  const attachments = rows.filter((r) => r.kind === 'attachment').sort((a, b) => Number(a.id) - Number(b.id));
  const needs = rows.filter((r) => r.kind === 'need');
  return [...places, ...attachments, ...needs].map((r) => ({ ...r, id: Number(r.id) }) as PlanPageExtraRow);
}

// ---- plans as comment subjects ----------------------------------------------------------------------

/** A public plan as its comment thread needs it, with its agency officers' names; undefined if not public. */
export async function publicPlanForComments(
  db: Db,
  id: number,
): Promise<{ id: number; title: string; summary: string; content: string; agency_name: string; officers: string[] } | undefined> {
  const row = await db
    .selectFrom('plans as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.title', 'p.summary', 'p.content', 'p.agency_id', 'a.name as agency_name'])
    .where('p.id', '=', id)
    .where('p.is_public', '=', 1)
    .where('p.status', 'in', publicStatuses)
    .executeTakeFirst();
  if (!row) return undefined;
  const officers = await db
    .selectFrom('agency_officers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select('u.name')
    .where('o.agency_id', '=', row.agency_id)
    .execute();
  return { ...row, officers: officers.map((o) => o.name).filter(Boolean) };
}

export async function planTitles(db: Db, ids: readonly number[]): Promise<{ id: number; title: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('plans').select(['id', 'title']).where('id', 'in', ids).execute();
}

/** Title and summary of every public plan: the documents the comment relevance phase weighs words against. */
export async function publicPlanTexts(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('plans')
    .select(['title', 'summary'])
    .where('is_public', '=', 1)
    .where('status', 'in', publicStatuses)
    .execute();
  return rows.map((r) => `${r.title}\n${r.summary}`);
}

/** Public plans of a call, oldest first (the demo seed comments on them). */
export async function publicPlanIdsOfCall(db: Db, callId: number): Promise<number[]> {
  const rows = await db.selectFrom('plans').select('id').where('call_id', '=', callId).where('is_public', '=', 1).orderBy('id').execute();
  return rows.map((r) => r.id);
}
