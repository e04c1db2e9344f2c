import type { Db } from '../platform/db/database.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { homeKinds } from './place-kinds.ts';
import { findPlace, homePlaces } from './places.repo.ts';

/** Whether a place can be someone's home (a neighborhood or a village). */
export async function isHomePlace(db: Db, id: number): Promise<boolean> {
  const place = await findPlace(db, id);
  return !!place && homeKinds.includes(place.kind);
}

export const HOME_CHOICES_LIMIT = 300;

/** Home choices grouped by their parent (city, urban district or rural district), optionally filtered by name. */
export async function homeChoices(db: Db, query: string | null) {
  const key = query ? matchKey(query) : null;
  const rows = await homePlaces(db, homeKinds, key || null, HOME_CHOICES_LIMIT + 1);
  const truncated = rows.length > HOME_CHOICES_LIMIT;
  const groups = new Map<string, { label: string; options: { id: number; name: string; isDemo: boolean; kind: string }[] }>();
  for (const r of rows.slice(0, HOME_CHOICES_LIMIT)) {
    const g = groups.get(String(r.parent_id)) ?? { label: r.parent_name, options: [] };
    g.options.push({ id: r.id, name: r.name, isDemo: r.is_demo === 1, kind: r.kind });
    groups.set(String(r.parent_id), g);
  }
  return { groups: [...groups.values()], truncated };
}
