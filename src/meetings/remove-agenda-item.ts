import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { meetingToManage } from './meeting-access.ts';
import { agendaOf, deleteAgendaItem, setAgendaOrder } from './meetings.repo.ts';

/** Takes an item off a meeting's agenda; the rest keep their order, renumbered 1…n. */
export async function removeAgendaItem(ctx: OpContext, actor: Actor, meetingId: number, itemId: number): Promise<void> {
  await meetingToManage(ctx, actor, meetingId);
  await inTransaction(ctx, async (tx) => {
    const item = (await agendaOf(tx.db, meetingId)).find((a) => a.id === itemId);
    if (!item || !(await deleteAgendaItem(tx.db, meetingId, itemId))) throw notFound();
    await setAgendaOrder(tx.db, meetingId, (await agendaOf(tx.db, meetingId)).map((a) => a.id));
    await audit(tx, { actorId: actor.id, action: 'meeting.agenda_removed', subjectType: 'meeting', subjectId: meetingId, data: { itemId, kind: item.kind, refId: item.ref_id, title: item.title } });
  });
}
