import { inTransaction } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { reportReasons, type ReportReason } from './comments.tables.ts';
import { adjustReplyCount, findComment, incrementReportCount, insertReport, replaceReasons, updateComment } from './comments.repo.ts';
import type { Reason } from './moderation/index.ts';
import { messages as moderationMessages } from './moderation/index.ts';
import type { CommentCtx } from './post-comment.ts';

/**
 * Someone reports a published comment as breaking a rule. Each person reports a comment once;
 * after COMMENT_REPORTS_TO_HIDE reports it is hidden until a moderator decides.
 */
export async function reportComment(
  ctx: CommentCtx,
  actor: Actor,
  id: number,
  input: { reason: string; note: string },
): Promise<{ hidden: boolean }> {
  const comment = await findComment(ctx.db, id);
  if (!comment || comment.status !== 'published') throw notFound();
  if (!can(actor, 'comment.report', { authorId: comment.author_id })) throw new AppError('forbidden', t('comments.report.own'));
  if (!(reportReasons as readonly string[]).includes(input.reason)) {
    throw new AppError('validation', undefined, { reason: t('comments.report.reason_required') });
  }
  const note = normalizePersian(input.note).slice(0, 500);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const fresh = await insertReport(tx.db, { commentId: id, reporterId: actor.id, reason: input.reason as ReportReason, note: note || null, now });
    if (!fresh) throw new AppError('conflict', t('comments.report.already'));
    const count = await incrementReportCount(tx.db, id);
    const hide = count >= ctx.config.COMMENT_REPORTS_TO_HIDE;
    if (hide) {
      const reasons: Reason[] = [...(JSON.parse(comment.reasons) as Reason[]).filter((r) => r.code !== 'reported'), { code: 'reported', message: moderationMessages.reported(count) }];
      await updateComment(tx.db, id, { status: 'hidden', reasons: JSON.stringify(reasons), updated_at: now });
      await replaceReasons(tx.db, id, reasons.map((r) => r.code));
      if (comment.parent_id !== null) await adjustReplyCount(tx.db, comment.parent_id, -1);
    }
    await audit(tx, { actorId: actor.id, action: 'comment.reported', subjectType: 'comment', subjectId: id, data: { reason: input.reason, count, hidden: hide } });
    return { hidden: hide };
  });
}
