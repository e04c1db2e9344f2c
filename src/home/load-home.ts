import type { Db } from '../platform/db/database.ts';
import { childrenPage, countPlacesByKind } from '../places/places.repo.ts';

/** What the front page shows: counts of places and the counties of the province (three queries). */
export async function loadHome(db: Db) {
  const [byKind, roots] = await Promise.all([countPlacesByKind(db), childrenPage(db, null, { limit: 1, offset: 0 })]);
  const province = roots[0] ?? null;
  const counties = province ? await childrenPage(db, province.id, { limit: 50, offset: 0 }) : [];
  return { province, counties, homes: (byKind.neighborhood ?? 0) + (byKind.village ?? 0) };
}
