import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { meetingToManage } from './meeting-access.ts';
import { deleteMeetingAgency } from './meetings.repo.ts';

/** Withdraws an agency's invitation to a meeting. */
export async function removeAgency(ctx: OpContext, actor: Actor, meetingId: number, agencyId: number): Promise<void> {
  await meetingToManage(ctx, actor, meetingId);
  await inTransaction(ctx, async (tx) => {
    if (!(await deleteMeetingAgency(tx.db, meetingId, agencyId))) throw notFound();
    await audit(tx, { actorId: actor.id, action: 'meeting.agency_removed', subjectType: 'meeting', subjectId: meetingId, data: { agencyId } });
  });
}
