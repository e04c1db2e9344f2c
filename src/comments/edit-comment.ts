import { inTransaction } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { adjustReplyCount, findComment, hasLiveReplies, replaceReasons, updateComment, type CommentRow } from './comments.repo.ts';
import type { Reason } from './moderation/index.ts';
import { assertNotBlocked, judge, loadSubject, storedReasons, type CommentCtx } from './post-comment.ts';

/** Until when the author may still edit (null when they may not). */
export function editableUntil(comment: Pick<CommentRow, 'status' | 'created_at'>, minutes: number): Date | null {
  if (!['pending', 'published', 'held'].includes(comment.status) || minutes <= 0) return null;
  return new Date(new Date(comment.created_at).getTime() + minutes * 60_000);
}

export type EditOutcome = { status: 'published' | 'held'; reasons: Reason[] } | { status: 'rejected'; reasons: Reason[] };

/**
 * The author corrects a comment within the edit window and before anyone replies. The new text is
 * moderated again; a rejected edit changes nothing and the author keeps the new text to fix.
 */
export async function editComment(ctx: CommentCtx, actor: Actor, id: number, text: string): Promise<EditOutcome> {
  const comment = await findComment(ctx.db, id);
  if (!comment) throw notFound();
  if (!can(actor, 'comment.edit', { authorId: comment.author_id })) throw new AppError('forbidden');
  await assertNotBlocked(ctx, actor);
  const until = editableUntil(comment, ctx.config.COMMENT_EDIT_MINUTES);
  if (!until || ctx.clock.now() > until) throw new AppError('conflict', t('comments.edit.window_over', { minutes: ctx.config.COMMENT_EDIT_MINUTES }));
  if (await hasLiveReplies(ctx.db, id)) throw new AppError('conflict', t('comments.edit.has_replies'));

  const subjectRef = { type: comment.subject_type, id: comment.subject_id };
  const subject = await loadSubject(ctx, subjectRef);
  const parent = comment.parent_id === null ? null : ((await findComment(ctx.db, comment.parent_id)) ?? null);
  const verdict = await judge(ctx, actor, { text, subject, parent, subjectRef, ipHash: null, excludeId: id });
  if (verdict.decision === 'rejected') return { status: 'rejected', reasons: verdict.reasons };
  const reasons = storedReasons(text, verdict.reasons);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const status = verdict.decision === 'published' ? 'published' : 'held';
    await updateComment(tx.db, id, {
      body: normalizePersian(text), status, reasons: JSON.stringify(reasons), scores: JSON.stringify(verdict.scores), edited_at: now,
      published_at: status === 'published' ? (comment.published_at ?? now) : comment.published_at, updated_at: now,
    });
    await replaceReasons(tx.db, id, reasons.map((r) => r.code));
    if (comment.parent_id !== null && (comment.status === 'published') !== (status === 'published')) {
      await adjustReplyCount(tx.db, comment.parent_id, status === 'published' ? 1 : -1);
    }
    await audit(tx, { actorId: actor.id, action: 'comment.edited', subjectType: 'comment', subjectId: id, data: { from: comment.status, to: status, reasons: reasons.map((r) => r.code) } });
    return { status, reasons };
  });
}
