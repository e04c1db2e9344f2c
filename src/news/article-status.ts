// The lifecycle of a news article, pure: which moves exist, who may make them, what each needs,
// and what the public sees at a given instant. Operations and pages ask these functions; none of
// them reads the database or the clock.

import { articleStatuses, type ArticleStatus } from './news.tables.ts';

export { articleStatuses, type ArticleStatus };

/**
 * Where an article may go from each state. A draft is scheduled (to go public at a future time)
 * or published now; a scheduled article goes back to the desk or out at once; a published one can
 * only be taken down (with a reason); a taken-down article is restored or reworked as a draft.
 */
export const articleTransitions: Readonly<Record<ArticleStatus, readonly ArticleStatus[]>> = {
  draft: ['scheduled', 'published'],
  scheduled: ['draft', 'published'],
  published: ['unpublished'],
  unpublished: ['published', 'draft'],
};

export function canMoveArticle(from: ArticleStatus, to: ArticleStatus): boolean {
  return articleTransitions[from].includes(to);
}

export const isArticleStatus = (s: string): s is ArticleStatus => (articleStatuses as readonly string[]).includes(s);

/**
 * Moves that decide what the public reads (or will read) need the publish permission; sending an
 * article back to the desk as a draft is the editing permission's.
 */
export function permissionFor(to: ArticleStatus): 'news.publish' | 'news.edit' {
  return to === 'draft' ? 'news.edit' : 'news.publish';
}

export const UNPUBLISH_REASON_MAX = 500;

export type TransitionProblem = 'invalid' | 'not_allowed' | 'time_required' | 'time_past' | 'reason_required' | 'reason_long';

/**
 * Why a move cannot be made, by form field; empty when it can. Scheduling needs a publication
 * time after now; taking an article down needs a reason.
 */
export function transitionProblems(
  from: ArticleStatus,
  input: { to: string; publishAt: string | null; reason: string; now: string },
): Partial<Record<'status' | 'publish_date' | 'reason', TransitionProblem>> {
  const problems: ReturnType<typeof transitionProblems> = {};
  if (!isArticleStatus(input.to)) problems.status = 'invalid';
  else if (!canMoveArticle(from, input.to)) problems.status = 'not_allowed';
  else if (input.to === 'scheduled') {
    if (!input.publishAt) problems.publish_date = 'time_required';
    else if (input.publishAt <= input.now) problems.publish_date = 'time_past';
  } else if (input.to === 'unpublished') {
    if (input.reason.trim() === '') problems.reason = 'reason_required';
    else if (input.reason.length > UNPUBLISH_REASON_MAX) problems.reason = 'reason_long';
  }
  return problems;
}

export type StatusFacts = { status: ArticleStatus; publish_at: string | null };

/**
 * The state as readers see it at `now` (ISO UTC): a scheduled article whose time has come is
 * published, whether or not the worker has got round to recording it.
 */
export function effectiveStatus(a: StatusFacts, now: string): ArticleStatus {
  return a.status === 'scheduled' && a.publish_at !== null && a.publish_at <= now ? 'published' : a.status;
}

export function isPublicAt(a: StatusFacts, now: string): boolean {
  return effectiveStatus(a, now) === 'published';
}

/** When the article went public: its recorded publication, else the scheduled time that has come. */
export function publicTime(a: { published_at: string | null; publish_at: string | null }): string | null {
  return a.published_at ?? a.publish_at;
}

/** What a move writes besides the status, given the article and the moment. */
export function transitionPatch(
  a: { status: ArticleStatus; publish_at: string | null; published_at: string | null },
  to: ArticleStatus,
  now: string,
): { publish_at?: string | null; published_at?: string | null; unpublished_at?: string | null } {
  switch (to) {
    case 'scheduled':
      // The time comes from the form; nothing is public yet.
      return { published_at: null, unpublished_at: null };
    case 'published':
      // Restoring a taken-down article keeps its original date (and place in the feed); anything
      // else goes out now.
      return a.status === 'unpublished' && a.published_at
        ? { unpublished_at: null }
        : { publish_at: now, published_at: now, unpublished_at: null };
    case 'unpublished':
      return { unpublished_at: now, published_at: publicTime(a) ?? now };
    case 'draft':
      return {};
  }
}
