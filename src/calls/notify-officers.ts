import type { OpContext } from '../context.ts';
import { activeOfficersOfAgencies } from '../agencies/agencies.repo.ts';
import { notify } from '../platform/notify/notify.ts';

export type OfficerMessage = { subject: string; body: string; link: string };

/**
 * Tells every active officer of the given agencies (in-app, and by email when they have one).
 * Call it inside the transaction of the change it announces. Returns how many people were told.
 */
export async function notifyAgencyOfficers(tx: OpContext, agencyIds: readonly number[], message: (agencyId: number) => OfficerMessage): Promise<number> {
  const officers = await activeOfficersOfAgencies(tx.db, agencyIds);
  for (const o of officers) {
    const m = message(o.agency_id);
    await notify(tx.db, tx.clock, { userId: o.id, email: o.email, subject: m.subject, body: m.body, link: m.link });
  }
  return officers.length;
}
