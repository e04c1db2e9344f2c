import { inTransaction } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toAsciiDigits } from '../platform/persian/digits.ts';
import { formatJalaliDateTime } from '../platform/persian/jalali.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { notify } from '../platform/notify/notify.ts';
import { insertBlock, liftBlock, usersByIds } from './comments.repo.ts';
import type { CommentCtx } from './post-comment.ts';

export const MAX_BLOCK_DAYS = 365;

/** A moderator stops someone from commenting for a number of days, with a reason they are told. */
export async function blockCommenter(ctx: CommentCtx, actor: Actor, input: { userId: number; days: string; reason: string }): Promise<{ until: string }> {
  if (!can(actor, 'comment.moderate')) throw new AppError('forbidden');
  const days = Number(toAsciiDigits(input.days.trim()));
  const reason = normalizePersian(input.reason).slice(0, 500);
  const errors: Record<string, string> = {};
  if (!Number.isInteger(days) || days < 1 || days > MAX_BLOCK_DAYS) errors.days = t('moderation.block.days_invalid', { max: MAX_BLOCK_DAYS });
  if (reason.length < 5) errors.reason = t('moderation.block.reason_required');
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  const [user] = await usersByIds(ctx.db, [input.userId]);
  if (!user) throw notFound();
  if (user.id === actor.id) throw new AppError('conflict', t('moderation.block.self'));
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const until = new Date(now.getTime() + days * 86_400_000).toISOString();
    const id = await insertBlock(tx.db, { userId: user.id, until, reason, createdBy: actor.id, now: now.toISOString() });
    await audit(tx, { actorId: actor.id, action: 'comment.user_blocked', subjectType: 'user', subjectId: user.id, data: { block: id, days, until } });
    await notify(tx.db, tx.clock, {
      userId: user.id, email: user.email,
      subject: t('comments.notify.blocked_subject'),
      body: t('comments.blocked', { until: formatJalaliDateTime(until), reason }),
    });
    return { until };
  });
}

export async function liftCommenterBlock(ctx: CommentCtx, actor: Actor, blockId: number): Promise<void> {
  if (!can(actor, 'comment.moderate')) throw new AppError('forbidden');
  await inTransaction(ctx, async (tx) => {
    const lifted = await liftBlock(tx.db, blockId, tx.clock.now().toISOString());
    if (!lifted) throw notFound();
    await audit(tx, { actorId: actor.id, action: 'comment.block_lifted', subjectType: 'comment_block', subjectId: blockId });
  });
}
