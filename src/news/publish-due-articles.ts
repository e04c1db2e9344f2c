import { inTransaction, type OpContext } from '../context.ts';
import { audit } from '../platform/audit/audit.ts';
import { insertJob } from '../platform/jobs/jobs.repo.ts';
import type { JobHandler } from '../platform/jobs/worker.ts';
import { dueArticles, markDuePublished } from './news.repo.ts';

export const NEWS_PUBLISH_DUE_JOB = 'news.publish_due';

/** Wakes the publication job at an article's scheduled time; call inside the scheduling transaction. */
export async function enqueuePublication(ctx: OpContext, articleId: number, publishAt: string): Promise<void> {
  const now = ctx.clock.now().toISOString();
  // At the instant itself (not rounded to seconds), or at once if it has already come.
  await insertJob(ctx.db, { kind: NEWS_PUBLISH_DUE_JOB, payload: { articleId }, runAt: publishAt > now ? publishAt : now, now });
}

/**
 * Records the publication of every scheduled article whose time has come, each at its scheduled
 * time and in its own transaction. Two sweeps running at once publish (and audit) each article
 * once: the update only moves a row that is still scheduled. Readers never wait for this: the
 * public pages already show a due article (article-status.ts effectiveStatus).
 */
export async function publishDueArticles(ctx: OpContext): Promise<number> {
  const now = ctx.clock.now().toISOString();
  let published = 0;
  for (const a of await dueArticles(ctx.db, now)) {
    await inTransaction(ctx, async (tx) => {
      if (!(await markDuePublished(tx.db, a.id, now))) return;
      await audit(tx, { actorId: null, action: 'article.published', subjectType: 'article', subjectId: a.id, data: { by: 'schedule', at: a.publish_at } });
      published++;
    });
  }
  return published;
}

/** The job sweeps everything due, whichever article woke it: a late or repeated wake-up does no harm. */
export function newsPublishDueJobHandler(ctx: OpContext): JobHandler {
  return async () => {
    await publishDueArticles(ctx);
  };
}
