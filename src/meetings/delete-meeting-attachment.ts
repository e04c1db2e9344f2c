import { inTransaction, type OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { removeUpload } from '../platform/files/store-upload.ts';
import { notFound } from '../platform/http/errors.ts';
import { meetingToManage } from './meeting-access.ts';
import { deleteMeetingAttachment as deleteRow, findMeetingAttachment } from './meetings.repo.ts';

/** Removes a meeting's attachment: the row, then the stored file. */
export async function deleteMeetingAttachment(ctx: OpContext, actor: Actor, meetingId: number, attachmentId: number, root: string): Promise<{ fileName: string }> {
  await meetingToManage(ctx, actor, meetingId);
  const a = await findMeetingAttachment(ctx.db, meetingId, attachmentId);
  if (!a) throw notFound();
  await inTransaction(ctx, async (tx) => {
    if (!(await deleteRow(tx.db, meetingId, attachmentId))) throw notFound();
    await audit(tx, { actorId: actor.id, action: 'meeting.attachment_removed', subjectType: 'meeting', subjectId: meetingId, data: { attachmentId, name: a.file_name } });
  });
  await removeUpload(root, a.storage_key);
  return { fileName: a.file_name };
}
