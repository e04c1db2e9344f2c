import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/http/errors.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { loadPlaceParticipation } from '../needs/load-need-pages.ts';
import { homeKinds } from './place-kinds.ts';
import { childrenPage, countChildren, countResidents, placeWithAncestors, searchPlaces } from './places.repo.ts';

export const PLACE_CHILDREN_PAGE_SIZE = 50;

/**
 * A place, its ancestors, one page of children and how many residents call it home: four queries.
 * A neighborhood or village has no children; its page shows residents' top needs, the plans that
 * cover it and its published results instead, in the same four.
 */
export async function loadPlacePage(db: Db, id: number, page: { limit: number; offset: number }) {
  const chain = await placeWithAncestors(db, id);
  const place = chain[0];
  if (!place) throw notFound();
  if (homeKinds.includes(place.kind)) {
    const [residents, participation] = await Promise.all([countResidents(db, id), loadPlaceParticipation({ db }, id)]);
    return { place, ancestors: chain.slice(1).reverse(), children: [], total: 0, residents, participation };
  }
  const [children, total, residents] = await Promise.all([
    childrenPage(db, id, page),
    countChildren(db, id),
    countResidents(db, id),
  ]);
  return { place, ancestors: chain.slice(1).reverse(), children, total, residents, participation: null };
}

/** The top of the tree (provinces) with their children, for /places. */
export async function loadPlacesIndex(db: Db) {
  const roots = await childrenPage(db, null, { limit: 50, offset: 0 });
  const first = roots[0];
  const counties = first ? await childrenPage(db, first.id, { limit: 200, offset: 0 }) : [];
  return { roots, counties };
}

/** Name search over all places, normalized so Arabic/Persian letter forms and ZWNJ do not matter. */
export async function findPlacesByName(db: Db, query: string) {
  const key = matchKey(query);
  if (key.length < 2) return [];
  return searchPlaces(db, key, 50);
}
