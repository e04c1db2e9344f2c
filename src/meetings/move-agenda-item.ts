import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { meetingToManage } from './meeting-access.ts';
import { agendaOf, setAgendaOrder } from './meetings.repo.ts';

/** Moves an agenda item one place up or down; the agenda is renumbered 1…n. Moving past either end does nothing. */
export async function moveAgendaItem(ctx: OpContext, actor: Actor, meetingId: number, itemId: number, direction: string): Promise<{ moved: boolean }> {
  await meetingToManage(ctx, actor, meetingId);
  if (direction !== 'up' && direction !== 'down') throw new AppError('bad_request');
  return inTransaction(ctx, async (tx) => {
    const ids = (await agendaOf(tx.db, meetingId)).map((a) => a.id);
    const i = ids.indexOf(itemId);
    if (i < 0) throw notFound();
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= ids.length) return { moved: false };
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    await setAgendaOrder(tx.db, meetingId, ids);
    await audit(tx, { actorId: actor.id, action: 'meeting.agenda_moved', subjectType: 'meeting', subjectId: meetingId, data: { itemId, direction, position: j + 1 } });
    return { moved: true };
  });
}
