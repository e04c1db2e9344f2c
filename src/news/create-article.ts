import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { removeUpload, storeUpload } from '../platform/files/store-upload.ts';
import { AppError } from '../platform/http/errors.ts';
import { checkArticleInput, type ArticleInput } from './article-input.ts';
import { articleWrite, linkErrors, linksWithMeeting, type ArticleIntent } from './article-write.ts';
import { applyTransition, transitionErrors } from './change-article-status.ts';
import { nextNewsCode, withNewsCodeRetry } from './news-code.ts';
import { insertArticle, largestNewsCode, replaceArticleLinks, replaceArticleTags } from './news.repo.ts';

export type CreateArticleInput = ArticleInput & {
  intent: ArticleIntent;
  /** The published meeting the article was drafted from, if any. */
  meetingId: number | null;
  uploadRoot: string;
  isDemo?: boolean;
};

/**
 * The desk writes a new article and it gets the next news code. Saved as a draft, or — for those
 * who may publish — scheduled at the typed Jalali date and time, or published at once. Nothing is
 * stored unless everything is right; the cover is removed again if the row is not written. Two
 * desks saving at once may read the same largest code: the unique index refuses the second,
 * which retries with the next one.
 */
export async function createArticle(ctx: OpContext, actor: Actor, input: CreateArticleInput): Promise<{ id: number; newsCode: number }> {
  if (!can(actor, 'news.edit')) throw new AppError('forbidden');
  if (input.intent !== 'save' && !can(actor, 'news.publish')) throw new AppError('forbidden');
  const checked = checkArticleInput(input, { hasCover: false });
  const v = checked.value;
  const now = ctx.clock.now().toISOString();
  const to = input.intent === 'schedule' ? 'scheduled' : input.intent === 'publish' ? 'published' : null;
  const errors = {
    ...(to ? transitionErrors('draft', { to, publishAt: v.publishAt, reason: '', now }) : {}),
    ...(await linkErrors(ctx.db, v.links, input.meetingId)),
    ...checked.errors,
  };
  if (Object.keys(errors).length) throw new AppError(checked.problem, undefined, errors);

  const stored = v.cover ? await storeUpload(input.uploadRoot, 'news', v.cover.bytes) : null;
  const links = linksWithMeeting(v.links, input.meetingId);
  try {
    return await withNewsCodeRetry(() =>
      inTransaction(ctx, async (tx) => {
        const newsCode = nextNewsCode(await largestNewsCode(tx.db));
        const at = tx.clock.now().toISOString();
        const id = await insertArticle(tx.db, {
          ...articleWrite(v, { key: stored?.key ?? null, type: v.cover?.type ?? null }, input.meetingId),
          newsCode, authorId: actor.id, isDemo: input.isDemo === true, now: at,
        });
        await replaceArticleTags(tx.db, id, v.tags);
        await replaceArticleLinks(tx.db, id, links);
        await audit(tx, {
          actorId: actor.id, action: 'article.created', subjectType: 'article', subjectId: id,
          data: { newsCode, tags: v.tags, links, meetingId: input.meetingId, cover: stored ? { type: v.cover!.type, size: stored.size, sha256: stored.sha256 } : null },
        });
        if (to) await applyTransition(tx, actor, { id, news_code: newsCode, status: 'draft', publish_at: v.publishAt, published_at: null }, to);
        return { id, newsCode };
      }),
    );
  } catch (err) {
    if (stored) await removeUpload(input.uploadRoot, stored.key);
    throw err;
  }
}
