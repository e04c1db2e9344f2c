import type { Db } from '../platform/db/database.ts';
import type { PlaceKind } from '../places/place-kinds.ts';

const CHUNK = 500;

/** Ids of places with the given SCI codes and kinds, by code. */
export async function placeIdsByCode(db: Db, codes: readonly string[], kinds: readonly PlaceKind[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const found = await db.selectFrom('places').select(['id', 'code']).where('code', 'in', codes.slice(i, i + CHUNK)).where('kind', 'in', [...kinds]).execute();
    for (const p of found) out.set(p.code!, p.id);
  }
  return out;
}

export async function insertCensusImport(db: Db, i: { fileName: string; rows: number; importedBy: number; now: string }): Promise<number> {
  const row = await db.insertInto('census_imports').values({ file_name: i.fileName, rows: i.rows, imported_by: i.importedBy, imported_at: i.now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Which of these hashed national IDs the census already lists. */
export async function listedHashes(db: Db, hashes: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const found = await db.selectFrom('census_records').select('national_id_hash').where('national_id_hash', 'in', hashes.slice(i, i + CHUNK)).execute();
    for (const f of found) out.add(f.national_id_hash);
  }
  return out;
}

/** Adds census records; an ID already listed takes the newer list's place. */
export async function upsertCensusRecords(db: Db, records: readonly { national_id_hash: string; place_id: number; import_id: number }[]): Promise<void> {
  for (let i = 0; i < records.length; i += 300) {
    await db
      .insertInto('census_records')
      .values(records.slice(i, i + 300))
      .onConflict((oc) => oc.column('national_id_hash').doUpdateSet((eb) => ({ place_id: eb.ref('excluded.place_id'), import_id: eb.ref('excluded.import_id') })))
      .execute();
  }
}

export async function censusPlaceOf(db: Db, nationalIdHash: string): Promise<number | undefined> {
  return (await db.selectFrom('census_records').select('place_id').where('national_id_hash', '=', nationalIdHash).executeTakeFirst())?.place_id;
}

export async function userWithNationalId(db: Db, nationalIdHash: string): Promise<number | undefined> {
  return (await db.selectFrom('users').select('id').where('national_id_hash', '=', nationalIdHash).executeTakeFirst())?.id;
}

/** Sets (or, with placeId null, clears) a person's verified residency. */
export async function setResidency(db: Db, userId: number, r: { placeId: number | null; method: 'census' | 'manual' | null; by: number | null; nationalIdHash?: string; now: string }): Promise<void> {
  await db
    .updateTable('users')
    .set({
      residency_place_id: r.placeId, residency_method: r.method, residency_verified_at: r.placeId === null ? null : r.now, residency_verified_by: r.by, updated_at: r.now,
      ...(r.nationalIdHash ? { national_id_hash: r.nationalIdHash } : {}),
    })
    .where('id', '=', userId)
    .execute();
}
