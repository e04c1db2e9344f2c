import type { Db } from '../platform/db/database.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import type { PlanContent } from './plan-content.ts';
import { resolvePlanPlaces } from './plan-places.ts';
import type { PlanDenormalized } from './plans.repo.ts';

/** The columns and rows that lists, filters and search read, derived from the plan's content. */
export async function denormalize(db: Db, content: PlanContent, eligiblePlaceIds: readonly number[]): Promise<PlanDenormalized & { ineligible: number[] }> {
  const { places, ineligible } = await resolvePlanPlaces(db, content.placeIds, eligiblePlaceIds);
  return {
    title: content.title.trim(),
    summary: content.summary.trim(),
    searchText: matchKey(`${content.title} ${content.summary}`),
    sortKey: persianSortKey(content.title),
    requestedRials: content.requestedTotal,
    content: JSON.stringify(content),
    tags: [
      ...content.harms.map((code) => ({ kind: 'harm' as const, code })),
      ...[...new Set(content.targetGroups.map((g) => g.group))].map((code) => ({ kind: 'target' as const, code })),
      ...content.interventionTypes.map((code) => ({ kind: 'intervention' as const, code })),
    ],
    places,
    ineligible,
  };
}
