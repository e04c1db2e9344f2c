import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { AgencyKind } from '../taxonomy/codes.ts';

export type AgencyRow = {
  id: number;
  name: string;
  kind: AgencyKind;
  scope_place_id: number | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  active: 0 | 1;
  is_demo: 0 | 1;
};

const columns = ['id', 'name', 'kind', 'scope_place_id', 'phone', 'email', 'address', 'active', 'is_demo'] as const;

export async function agencyIdsOfOfficer(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('agency_officers').select('agency_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.agency_id);
}

export async function findAgency(db: Db, id: number): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function findAgencyByNameKey(db: Db, nameKey: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').select(columns).where('name_key', '=', nameKey).executeTakeFirst();
}

/** All agencies in Persian alphabetical order, each with its number of officers. */
export async function listAgencies(db: Db, options: { activeOnly?: boolean } = {}) {
  const rows = await db
    .selectFrom('agencies as a')
    .leftJoin('places as p', 'p.id', 'a.scope_place_id')
    .select([
      'a.id', 'a.name', 'a.kind', 'a.scope_place_id', 'a.phone', 'a.email', 'a.address', 'a.active', 'a.is_demo',
      'p.name as scope_name',
      (eb) => eb.selectFrom('agency_officers as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.agency_id', '=', 'a.id').as('officer_count'),
    ])
    .$if(!!options.activeOnly, (q) => q.where('a.active', '=', 1))
    .orderBy('a.sort_key')
    .execute();
  return rows.map((r) => ({ ...r, officer_count: Number(r.officer_count ?? 0) }));
}

export type AgencyWrite = {
  name: string;
  nameKey: string;
  sortKey: string;
  kind: AgencyKind;
  scopePlaceId: number | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  active: boolean;
  isDemo?: boolean;
};

export async function insertAgency(db: Db, a: AgencyWrite, now: string): Promise<number> {
  const row = await db
    .insertInto('agencies')
    .values({
      name: a.name, name_key: a.nameKey, sort_key: a.sortKey, kind: a.kind, scope_place_id: a.scopePlaceId,
      phone: a.phone, email: a.email, address: a.address, active: a.active ? 1 : 0, is_demo: a.isDemo ? 1 : 0,
      created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAgency(db: Db, id: number, a: AgencyWrite, now: string): Promise<void> {
  await db
    .updateTable('agencies')
    .set({
      name: a.name, name_key: a.nameKey, sort_key: a.sortKey, kind: a.kind, scope_place_id: a.scopePlaceId,
      phone: a.phone, email: a.email, address: a.address, active: a.active ? 1 : 0, updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function officersOfAgency(db: Db, agencyId: number) {
  return db
    .selectFrom('agency_officers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.mobile', 'u.status'])
    .where('o.agency_id', '=', agencyId)
    .orderBy('u.name')
    .execute();
}

export async function addOfficer(db: Db, agencyId: number, userId: number, now: string): Promise<void> {
  await db.insertInto('agency_officers').values({ agency_id: agencyId, user_id: userId, created_at: now }).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeOfficer(db: Db, agencyId: number, userId: number): Promise<void> {
  await db.deleteFrom('agency_officers').where('agency_id', '=', agencyId).where('user_id', '=', userId).execute();
}

// ---- added for the agencies pages, invitations and reminders ----

/** One page of agencies in Persian alphabetical order, each with its scope and number of officers. */
export async function listAgenciesPage(db: Db, page: { limit: number; offset: number }) {
  const rows = await db
    .selectFrom('agencies as a')
    .leftJoin('places as p', 'p.id', 'a.scope_place_id')
    .select([
      'a.id', 'a.name', 'a.kind', 'a.active', 'a.is_demo', 'p.name as scope_name', 'p.kind as scope_kind',
      (eb) => eb.selectFrom('agency_officers as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.agency_id', '=', 'a.id').as('officer_count'),
    ])
    .orderBy('a.sort_key')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ ...r, officer_count: Number(r.officer_count ?? 0) }));
}

export async function countAgencies(db: Db): Promise<number> {
  const r = await db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Active agencies as choices for an invitation (id, name), in Persian alphabetical order. */
export async function activeAgencyChoices(db: Db, limit = 500) {
  return db.selectFrom('agencies').select(['id', 'name']).where('active', '=', 1).orderBy('sort_key').limit(limit).execute();
}

/** Places an agency's scope may be: the province and its counties. */
export async function scopePlaceChoices(db: Db) {
  return db
    .selectFrom('places')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', ['province', 'county'])
    .orderBy(sql`case kind when 'province' then 0 else 1 end`)
    .orderBy('sort_key')
    .limit(200)
    .execute();
}

/** Active officers of the given agencies, for notifications. */
export async function activeOfficersOfAgencies(db: Db, agencyIds: readonly number[]) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('agency_officers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.agency_id', 'u.id', 'u.email', 'u.name'])
    .where('o.agency_id', 'in', [...agencyIds])
    .where('u.status', '=', 'active')
    .orderBy('o.agency_id')
    .orderBy('u.id')
    .execute();
}
