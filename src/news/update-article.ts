import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { removeUpload, storeUpload } from '../platform/files/store-upload.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { checkArticleInput, type ArticleInput } from './article-input.ts';
import { effectiveStatus, type ArticleStatus } from './article-status.ts';
import { articleWrite, linkErrors, linksWithMeeting, type ArticleIntent } from './article-write.ts';
import { applyTransition, settleDue, transitionErrors } from './change-article-status.ts';
import { findArticle, replaceArticleLinks, replaceArticleTags, updateArticleContent } from './news.repo.ts';
import { enqueuePublication } from './publish-due-articles.ts';

export type UpdateArticleInput = ArticleInput & { intent: ArticleIntent; uploadRoot: string };

/**
 * The desk edits an article. What the public reads or is about to read — a published or
 * scheduled article — is changed only by those who may publish. Changing a scheduled article's
 * time reschedules it (the new time must be ahead). The buttons may also schedule or publish in
 * the same step. A new cover replaces the old one, whose file is removed once the change commits.
 */
export async function updateArticle(
  ctx: OpContext,
  actor: Actor,
  articleId: number,
  input: UpdateArticleInput,
): Promise<{ status: ArticleStatus; newsCode: number }> {
  if (!can(actor, 'news.edit')) throw new AppError('forbidden');
  const found = await findArticle(ctx.db, articleId);
  if (!found) throw notFound();
  const now = ctx.clock.now().toISOString();
  const current = effectiveStatus(found, now);
  if ((current === 'published' || current === 'scheduled' || input.intent !== 'save') && !can(actor, 'news.publish')) {
    throw new AppError('forbidden', t('news.status.publish_only'));
  }
  const checked = checkArticleInput(input, { hasCover: found.cover_key !== null });
  const v = checked.value;
  // Schedule on a scheduled article, or save with a new time, is a reschedule; publish on a
  // published one is a save.
  const wanted: ArticleStatus | null = input.intent === 'schedule' ? 'scheduled' : input.intent === 'publish' ? 'published' : null;
  const to = wanted === current ? null : wanted;
  const reschedule = current === 'scheduled' && (wanted === 'scheduled' || (wanted === null && v.publishAt !== found.publish_at));
  const errors: Record<string, string> = {
    ...(to ? transitionErrors(current, { to, publishAt: v.publishAt, reason: '', now }) : {}),
    ...(reschedule ? transitionErrors('draft', { to: 'scheduled', publishAt: v.publishAt, reason: '', now }) : {}),
    ...(await linkErrors(ctx.db, v.links, found.meeting_id)),
    ...checked.errors,
  };
  if (errors.status) throw new AppError('conflict', errors.status);
  if (Object.keys(errors).length) throw new AppError(checked.problem, undefined, errors);

  const stored = v.cover ? await storeUpload(input.uploadRoot, 'news', v.cover.bytes) : null;
  const keepOld = !stored && !v.removeCover;
  const cover = stored ? { key: stored.key, type: v.cover!.type } : keepOld ? { key: found.cover_key, type: found.cover_type } : { key: null, type: null };
  const links = linksWithMeeting(v.links, found.meeting_id);
  try {
    await inTransaction(ctx, async (tx) => {
      const article = await settleDue(tx, found);
      if (!(await updateArticleContent(tx.db, articleId, article.status, { ...articleWrite(v, cover, found.meeting_id), now: tx.clock.now().toISOString() }))) {
        throw new AppError('conflict', t('news.status.changed_meanwhile'));
      }
      await replaceArticleTags(tx.db, articleId, v.tags);
      await replaceArticleLinks(tx.db, articleId, links);
      await audit(tx, {
        actorId: actor.id, action: 'article.updated', subjectType: 'article', subjectId: articleId,
        data: {
          newsCode: found.news_code, tags: v.tags, links,
          cover: stored ? { type: v.cover!.type, size: stored.size, sha256: stored.sha256 } : keepOld ? 'kept' : found.cover_key ? 'removed' : null,
          ...(reschedule ? { rescheduled: { from: found.publish_at, to: v.publishAt } } : {}),
        },
      });
      if (reschedule && v.publishAt) await enqueuePublication(tx, articleId, v.publishAt);
      if (to) await applyTransition(tx, actor, { ...article, publish_at: v.publishAt }, to);
    });
  } catch (err) {
    if (stored) await removeUpload(input.uploadRoot, stored.key);
    throw err;
  }
  if (found.cover_key && found.cover_key !== cover.key) await removeUpload(input.uploadRoot, found.cover_key);
  return { status: to ?? current, newsCode: found.news_code };
}
