// Reads for the residency pages: a person's residency, past census imports, and how many
// residents are verified by each method. The writes are in census.ts and verify-residency.ts.

import type { Db } from '../platform/db/database.ts';

export type ResidencyOfUser = {
  id: number;
  home_place_id: number | null;
  home_name: string | null;
  residency_place_id: number | null;
  residency_name: string | null;
  residency_method: 'census' | 'manual' | null;
  residency_verified_at: string | null;
};

/** A person's home and verified residency, with both places' names. */
export async function residencyOfUser(db: Db, userId: number): Promise<ResidencyOfUser | undefined> {
  return db
    .selectFrom('users as u')
    .leftJoin('places as h', 'h.id', 'u.home_place_id')
    .leftJoin('places as r', 'r.id', 'u.residency_place_id')
    .select(['u.id', 'u.home_place_id', 'h.name as home_name', 'u.residency_place_id', 'r.name as residency_name', 'u.residency_method', 'u.residency_verified_at'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** The latest census imports with who made them. */
export async function recentCensusImports(db: Db, limit = 50) {
  const rows = await db
    .selectFrom('census_imports as i')
    .leftJoin('users as u', 'u.id', 'i.imported_by')
    .select(['i.id', 'i.file_name', 'i.rows', 'i.imported_at', 'u.name as imported_by_name'])
    .orderBy('i.imported_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, rows: Number(r.rows) }));
}

/** Residents whose verification still holds (verified at their current home), by method. */
export async function verifiedCountsByMethod(db: Db): Promise<{ census: number; manual: number }> {
  const rows = await db
    .selectFrom('users')
    .select(['residency_method', (eb) => eb.fn.countAll<number>().as('n')])
    .where('residency_verified_at', 'is not', null)
    .whereRef('residency_place_id', '=', 'home_place_id')
    .where('status', '=', 'active')
    .groupBy('residency_method')
    .execute();
  const of = (m: string) => Number(rows.find((r) => r.residency_method === m)?.n ?? 0);
  return { census: of('census'), manual: of('manual') };
}
