import type { Db } from '../platform/db/database.ts';
import { homeKinds } from '../places/place-kinds.ts';
import { ancestorsOfMany } from '../places/places.repo.ts';

/**
 * Resolves a plan's places: each must be a neighborhood or village, inside one of the call's
 * eligible places (no eligible places = the whole province). Returns each place's county.
 */
export async function resolvePlanPlaces(db: Db, placeIds: readonly number[], eligible: readonly number[]) {
  const rows = await ancestorsOfMany(db, placeIds);
  const byOrigin = new Map<number, { id: number; kind: string }[]>();
  for (const r of rows) byOrigin.set(r.origin, [...(byOrigin.get(r.origin) ?? []), r]);
  const places: { placeId: number; countyId: number | null }[] = [];
  const ineligible: number[] = [];
  for (const id of placeIds) {
    const chain = byOrigin.get(id) ?? [];
    const self = chain.find((c) => c.id === id);
    const inside = eligible.length === 0 || chain.some((c) => eligible.includes(c.id));
    if (!self || !homeKinds.includes(self.kind as (typeof homeKinds)[number]) || !inside) ineligible.push(id);
    if (self) places.push({ placeId: id, countyId: chain.find((c) => c.kind === 'county')?.id ?? null });
  }
  return { places, ineligible };
}
