import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { adjustReplyCount, findComment, updateComment } from './comments.repo.ts';

/** The author takes a comment down. Replies stay; the thread shows that the comment was deleted. */
export async function deleteComment(ctx: OpContext, actor: Actor, id: number): Promise<void> {
  const comment = await findComment(ctx.db, id);
  if (!comment || comment.status === 'deleted') throw notFound();
  if (!can(actor, 'comment.delete', { authorId: comment.author_id })) throw new AppError('forbidden');
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    await updateComment(tx.db, id, { status: 'deleted', updated_at: now });
    if (comment.status === 'published' && comment.parent_id !== null) await adjustReplyCount(tx.db, comment.parent_id, -1);
    await audit(tx, { actorId: actor.id, action: 'comment.deleted', subjectType: 'comment', subjectId: id, data: { from: comment.status } });
  });
}
