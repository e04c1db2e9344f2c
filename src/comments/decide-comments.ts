import { inTransaction } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { notify } from '../platform/notify/notify.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { reportReasons } from './comments.tables.ts';
import { adjustReplyCount, deleteExamplesOf, findComments, insertExample, resolveReports, updateComment, usersByIds, type CommentRow } from './comments.repo.ts';
import type { CommentCtx } from './post-comment.ts';
import { tellParentAuthor } from './post-comment.ts';
import { subjectProvider } from './subjects.ts';

/** Rules a moderator can name when rejecting: the report reasons, or another rule explained in a note. */
export const rejectionRules = [...reportReasons, 'other'] as const;
export type RejectionRule = (typeof rejectionRules)[number];

/** Rules whose breach makes the text an example of offensive language for the classifier. */
const offensiveRules: ReadonlySet<RejectionRule> = new Set(['insult', 'defamation']);

export type Decision = { action: 'approve' } | { action: 'reject'; rule: string; note: string };

/**
 * A moderator's decision on one or many comments (the queue's bulk actions). Approving publishes
 * and clears open reports; rejecting removes the comment and tells the author which rule it broke.
 * Each decision is audited and kept as a labelled example for retraining the classifier.
 */
export async function decideComments(ctx: CommentCtx, actor: Actor, ids: readonly number[], decision: Decision): Promise<{ changed: number }> {
  if (!can(actor, 'comment.moderate')) throw new AppError('forbidden');
  if (!ids.length) throw new AppError('validation', t('moderation.none_selected'), { ids: t('moderation.none_selected') });
  let rule: RejectionRule | null = null;
  let note = '';
  if (decision.action === 'reject') {
    if (!(rejectionRules as readonly string[]).includes(decision.rule)) throw new AppError('validation', undefined, { rule: t('moderation.rule_required') });
    rule = decision.rule as RejectionRule;
    note = normalizePersian(decision.note).slice(0, 1000);
    if (rule === 'other' && note.length < 5) throw new AppError('validation', undefined, { note: t('moderation.note_required') });
  }
  const comments = await findComments(ctx.db, [...new Set(ids)]);
  const decidable = comments.filter((c) => c.status !== 'deleted');
  if (!decidable.length) throw new AppError('conflict', t('moderation.nothing_to_decide'));

  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    let changed = 0;
    for (const c of decidable) {
      if (decision.action === 'approve') changed += (await approve(tx, actor, c, now)) ? 1 : 0;
      else changed += (await reject(tx, actor, c, rule!, note, now)) ? 1 : 0;
    }
    return { changed };
  });
}

async function approve(ctx: CommentCtx, actor: Actor, c: CommentRow, now: string): Promise<boolean> {
  await resolveReports(ctx.db, c.id, now);
  if (c.status === 'published') {
    // A reported comment found fine: the reports are closed, the comment stays.
    await audit(ctx, { actorId: actor.id, action: 'comment.reports_dismissed', subjectType: 'comment', subjectId: c.id });
    return true;
  }
  await updateComment(ctx.db, c.id, {
    status: 'published', published_at: c.published_at ?? now, decided_by: actor.id, decided_at: now, moderator_note: null, updated_at: now,
  });
  if (c.parent_id !== null) await adjustReplyCount(ctx.db, c.parent_id, 1);
  await insertExample(ctx.db, { commentId: c.id, text: c.body, label: 'clean', decidedBy: actor.id, now });
  await audit(ctx, { actorId: actor.id, action: 'comment.approved', subjectType: 'comment', subjectId: c.id, data: { from: c.status } });
  if (c.parent_id !== null) {
    const provider = subjectProvider(c.subject_type);
    const subject = provider ? await provider.load(ctx.db, c.subject_id) : null;
    const [parent] = await findComments(ctx.db, [c.parent_id]);
    if (subject && parent && parent.author_id !== c.author_id) await tellParentAuthor(ctx, parent, subject, c.id);
  }
  return true;
}

async function reject(ctx: CommentCtx, actor: Actor, c: CommentRow, rule: RejectionRule, note: string, now: string): Promise<boolean> {
  if (c.status === 'rejected' && c.decided_by !== null) return false;
  const explanation = note ? `${t(`moderation.rule.${rule}`)} ${note}` : t(`moderation.rule.${rule}`);
  await resolveReports(ctx.db, c.id, now);
  await updateComment(ctx.db, c.id, { status: 'rejected', moderator_note: explanation, decided_by: actor.id, decided_at: now, updated_at: now });
  if (c.status === 'published' && c.parent_id !== null) await adjustReplyCount(ctx.db, c.parent_id, -1);
  // Spam or off-topic text is neither clean nor offensive: an earlier «clean» label must not survive it.
  if (offensiveRules.has(rule)) await insertExample(ctx.db, { commentId: c.id, text: c.body, label: 'offensive', decidedBy: actor.id, now });
  else await deleteExamplesOf(ctx.db, c.id);
  await audit(ctx, { actorId: actor.id, action: 'comment.rejected_by_moderator', subjectType: 'comment', subjectId: c.id, data: { from: c.status, rule } });
  const [author] = await usersByIds(ctx.db, [c.author_id]);
  if (author) {
    await notify(ctx.db, ctx.clock, {
      userId: author.id, email: author.email, link: '/my/comments',
      subject: t('comments.notify.rejected_subject'),
      body: t('comments.notify.rejected_body', { reason: explanation }),
    });
  }
  return true;
}
