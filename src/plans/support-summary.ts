import type { Db } from '../platform/db/database.ts';
import { planSupportGeography } from './support-plans.repo.ts';
import { parseSupportPlaces, supportSummaryView, type SupportSummaryView } from './support-view.ts';

/** «حمایت ساکنان: N نفر» with its geography, for the reviewers' and the secretariat's pages: one statement. */
export async function loadSupportSummary(db: Db, planId: number): Promise<SupportSummaryView> {
  const row = await planSupportGeography(db, planId);
  return supportSummaryView(row?.count ?? 0, parseSupportPlaces(row?.places ?? null));
}
