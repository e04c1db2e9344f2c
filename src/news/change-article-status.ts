import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t, type MessageKey } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { effectiveStatus, permissionFor, transitionPatch, transitionProblems, type ArticleStatus, type TransitionProblem } from './article-status.ts';
import { findArticle, markDuePublished, setArticleStatus, type ArticleRow } from './news.repo.ts';
import { enqueuePublication } from './publish-due-articles.ts';

const problemMessages = {
  invalid: 'news.status.invalid',
  not_allowed: 'news.status.not_allowed',
  time_required: 'news.error.schedule_time_required',
  time_past: 'news.error.schedule_time_past',
  reason_required: 'news.status.reason_required',
  reason_long: 'news.status.reason_long',
} as const satisfies Record<TransitionProblem, MessageKey>;

/** Field errors of a move, in Persian; empty when it can be made. */
export function transitionErrors(from: ArticleStatus, input: { to: string; publishAt: string | null; reason: string; now: string }): Record<string, string> {
  return Object.fromEntries(Object.entries(transitionProblems(from, input)).map(([field, p]) => [field, t(problemMessages[p])]));
}

/** Audit action of each move. */
const actionOf: Record<ArticleStatus, string> = {
  draft: 'article.drafted',
  scheduled: 'article.scheduled',
  published: 'article.published',
  unpublished: 'article.unpublished',
};

/**
 * A scheduled article whose time has come is published as far as readers know; before the desk
 * changes it, that publication is recorded (as the job would) so the stored state is the one
 * readers saw. Returns the article as it now stands.
 */
export async function settleDue(tx: OpContext, article: ArticleRow): Promise<ArticleRow> {
  const now = tx.clock.now().toISOString();
  if (effectiveStatus(article, now) === article.status) return article;
  if (await markDuePublished(tx.db, article.id, now)) {
    await audit(tx, { actorId: null, action: 'article.published', subjectType: 'article', subjectId: article.id, data: { by: 'schedule', at: article.publish_at } });
  }
  return { ...article, status: 'published', published_at: article.publish_at };
}

/**
 * Makes a move already checked (transitionErrors) inside the caller's transaction: the status
 * with its times, the audit entry, and the publication job when scheduled. A conflict when the
 * article was moved meanwhile.
 */
export async function applyTransition(
  tx: OpContext,
  actor: Actor,
  article: Pick<ArticleRow, 'id' | 'news_code' | 'status' | 'publish_at' | 'published_at'>,
  to: ArticleStatus,
  o: { reason?: string } = {},
): Promise<void> {
  const now = tx.clock.now().toISOString();
  const patch = transitionPatch(article, to, now);
  const publishes = to === 'scheduled' || to === 'published';
  const moved = await setArticleStatus(tx.db, article.id, article.status, to, { ...patch, ...(publishes ? { published_by: actor.id } : {}), now });
  if (!moved) throw new AppError('conflict', t('news.status.changed_meanwhile'));
  await audit(tx, {
    actorId: actor.id, action: actionOf[to], subjectType: 'article', subjectId: article.id,
    data: { from: article.status, to, newsCode: article.news_code, ...(to === 'scheduled' ? { at: article.publish_at } : {}), ...(o.reason ? { reason: o.reason } : {}) },
  });
  if (to === 'scheduled' && article.publish_at) await enqueuePublication(tx, article.id, article.publish_at);
}

/**
 * The desk moves an article along its lifecycle (article-status.ts): publish now, schedule at the
 * time saved with it, take it down with a reason, or send it back to the desk. Scheduling,
 * publishing and taking down are the publish permission's; sending back is the editing one's.
 */
export async function changeArticleStatus(
  ctx: OpContext,
  actor: Actor,
  articleId: number,
  input: { to: string; reason: string },
): Promise<{ status: ArticleStatus; newsCode: number }> {
  if (!can(actor, 'news.edit')) throw new AppError('forbidden');
  const found = await findArticle(ctx.db, articleId);
  if (!found) throw notFound();
  const to = input.to as ArticleStatus;
  const reason = normalizePersian(input.reason);
  const now = ctx.clock.now().toISOString();
  const from = effectiveStatus(found, now);
  const errors = transitionErrors(from, { to: input.to, publishAt: found.publish_at, reason, now });
  if (errors.status) throw new AppError('conflict', errors.status);
  if (!can(actor, permissionFor(to))) throw new AppError('forbidden', t('news.status.publish_only'));
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  await inTransaction(ctx, async (tx) => {
    const article = await settleDue(tx, found);
    await applyTransition(tx, actor, article, to, { reason });
  });
  return { status: to, newsCode: found.news_code };
}
