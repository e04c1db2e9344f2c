import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { meetingToManage } from './meeting-access.ts';
import { deleteMember, membersOf } from './meetings.repo.ts';

/** Removes a member from a meeting's list (and so from its attendance). */
export async function removeMember(ctx: OpContext, actor: Actor, meetingId: number, memberId: number): Promise<void> {
  await meetingToManage(ctx, actor, meetingId);
  const member = (await membersOf(ctx.db, meetingId)).find((m) => m.id === memberId);
  if (!member) throw notFound();
  await inTransaction(ctx, async (tx) => {
    if (!(await deleteMember(tx.db, meetingId, memberId))) throw notFound();
    await audit(tx, { actorId: actor.id, action: 'meeting.member_removed', subjectType: 'meeting', subjectId: meetingId, data: { memberId, userId: member.user_id, name: member.name } });
  });
}
