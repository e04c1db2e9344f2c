import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { placeKinds, type PlaceKind } from './place-kinds.ts';

const kindRank = sql<number>`case p.kind ${sql.join(placeKinds.map((k, i) => sql`when ${sql.lit(k)} then ${sql.lit(i)}`), sql` `)} end`;

export type PlaceRow = {
  id: number;
  parent_id: number | null;
  kind: PlaceKind;
  code: string | null;
  name: string;
  population: number | null;
  population_year: number | null;
  is_demo: 0 | 1;
};

const placeColumns = ['id', 'parent_id', 'kind', 'code', 'name', 'population', 'population_year', 'is_demo'] as const;

export async function findPlace(db: Db, id: number): Promise<PlaceRow | undefined> {
  return db.selectFrom('places').select(placeColumns).where('id', '=', id).executeTakeFirst();
}

export async function findPlaceByCode(db: Db, code: string): Promise<PlaceRow | undefined> {
  return db.selectFrom('places').select(placeColumns).where('code', '=', code).executeTakeFirst();
}

/** The place and all its ancestors, nearest first, in one recursive query. */
export async function placeWithAncestors(db: Db, id: number): Promise<PlaceRow[]> {
  const rows = await db
    .withRecursive('chain(id, parent_id, kind, code, name, population, population_year, is_demo, depth)', (qb) =>
      qb
        .selectFrom('places')
        .select([...placeColumns, sql<number>`0`.as('depth')])
        .where('id', '=', id)
        .unionAll((q) =>
          q
            .selectFrom('places as p')
            .innerJoin('chain', 'chain.parent_id', 'p.id')
            .select(['p.id', 'p.parent_id', 'p.kind', 'p.code', 'p.name', 'p.population', 'p.population_year', 'p.is_demo', sql<number>`chain.depth + 1`.as('depth')])
            .where('chain.depth', '<', 12),
        ),
    )
    .selectFrom('chain')
    .selectAll()
    .orderBy('depth')
    .execute();
  return rows as unknown as PlaceRow[];
}

export type ChildRow = PlaceRow & { child_count: number };

/** One page of a place's children (or the top level when parentId is null), each with its own child count. */
export async function childrenPage(db: Db, parentId: number | null, page: { limit: number; offset: number }): Promise<ChildRow[]> {
  const rows = await db
    .selectFrom('places as p')
    .select([
      'p.id', 'p.parent_id', 'p.kind', 'p.code', 'p.name', 'p.population', 'p.population_year', 'p.is_demo',
      (eb) => eb.selectFrom('places as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'p.id').as('child_count'),
    ])
    .$if(parentId === null, (q) => q.where('p.parent_id', 'is', null))
    .$if(parentId !== null, (q) => q.where('p.parent_id', '=', parentId!))
    // Larger units first (bakhsh, cities, then dehestan and villages), then Persian alphabetical order.
    .orderBy(kindRank)
    .orderBy('p.sort_key')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...r, child_count: Number(r.child_count ?? 0) }));
}

export async function countChildren(db: Db, parentId: number | null): Promise<number> {
  const r = await db
    .selectFrom('places')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(parentId === null, (q) => q.where('parent_id', 'is', null))
    .$if(parentId !== null, (q) => q.where('parent_id', '=', parentId!))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function placesOfKind(db: Db, kind: PlaceKind, limit = 200): Promise<PlaceRow[]> {
  return db.selectFrom('places').select(placeColumns).where('kind', '=', kind).orderBy('sort_key').limit(limit).execute();
}

export async function countPlacesByKind(db: Db): Promise<Partial<Record<PlaceKind, number>>> {
  const rows = await db.selectFrom('places').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Places whose normalized name contains the (already normalized) key, with the parent's name. */
export async function searchPlaces(db: Db, key: string, limit: number) {
  const escaped = key.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .selectFrom('places as p')
    .leftJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.kind', 'p.name', 'p.code', 'p.population', 'p.is_demo', 'parent.name as parent_name'])
    .where(sql<boolean>`p.name_key like ${'%' + escaped + '%'} escape '\\'`)
    .orderBy(sql`length(p.name_key)`)
    .orderBy('p.sort_key')
    .limit(limit)
    .execute();
}

/** Neighborhoods and villages with their parent's name, for choosing a home. */
export async function homePlaces(db: Db, kinds: readonly PlaceKind[], key: string | null, limit: number) {
  return db
    .selectFrom('places as p')
    .innerJoin('places as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.kind', 'p.name', 'p.is_demo', 'parent.name as parent_name', 'parent.id as parent_id'])
    .where('p.kind', 'in', kinds)
    .$if(key !== null, (q) => q.where(sql<boolean>`p.name_key like ${'%' + (key ?? '') + '%'}`))
    .orderBy('parent.sort_key')
    .orderBy('p.sort_key')
    .limit(limit)
    .execute();
}

export async function countResidents(db: Db, placeId: number): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('home_place_id', '=', placeId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export type PlaceWrite = {
  parentId: number | null;
  kind: PlaceKind;
  code: string | null;
  name: string;
  nameKey: string;
  sortKey: string;
  population: number | null;
  populationYear: number | null;
  lat: number | null;
  lon: number | null;
  isDemo: boolean;
};

export async function insertPlace(db: Db, p: PlaceWrite, now: string): Promise<number> {
  const row = await db
    .insertInto('places')
    .values({
      parent_id: p.parentId, kind: p.kind, code: p.code, name: p.name, name_key: p.nameKey, sort_key: p.sortKey,
      population: p.population, population_year: p.populationYear, lat: p.lat, lon: p.lon,
      geometry: null, is_demo: p.isDemo ? 1 : 0, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlace(db: Db, id: number, p: PlaceWrite, now: string): Promise<void> {
  await db
    .updateTable('places')
    .set({
      parent_id: p.parentId, kind: p.kind, name: p.name, name_key: p.nameKey, sort_key: p.sortKey,
      population: p.population, population_year: p.populationYear, lat: p.lat, lon: p.lon,
      is_demo: p.isDemo ? 1 : 0, updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function countPlaces(db: Db): Promise<number> {
  const r = await db.selectFrom('places').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * For each given place, its ancestors (itself included) as [placeId, ancestorId, ancestorKind]
 * rows, in one recursive query: used to find counties and to test "lies within".
 */
export async function ancestorsOfMany(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .withRecursive('up(origin, id, parent_id, kind, depth)', (qb) =>
      qb
        .selectFrom('places')
        .select(['id as origin', 'id', 'parent_id', 'kind', sql<number>`0`.as('depth')])
        .where('id', 'in', [...ids])
        .unionAll((q) =>
          q
            .selectFrom('places as p')
            .innerJoin('up', 'up.parent_id', 'p.id')
            .select(['up.origin', 'p.id', 'p.parent_id', 'p.kind', sql<number>`up.depth + 1`.as('depth')])
            .where('up.depth', '<', 12),
        ),
    )
    .selectFrom('up')
    .select(['origin', 'id', 'kind'])
    .execute();
  return rows as unknown as { origin: number; id: number; kind: PlaceKind }[];
}

/**
 * The ids of a place and everything below it, walked down parent_id (indexed), as a subquery to
 * put inside `… in (${placeSubtree(id)})`; a neighborhood or village is its own subtree.
 */
export function placeSubtree(rootId: number) {
  return sql<number>`with recursive tree(id, depth) as (
      select id, 0 from places where id = ${rootId}
      union all select c.id, tree.depth + 1 from places c join tree on c.parent_id = tree.id where tree.depth < 8
    ) select id from tree`;
}
