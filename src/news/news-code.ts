// News codes (کد خبر): a public number per article, the next after the largest so far. The
// unique index on articles.news_code is the guarantee; two desks saving at the same instant may
// both read the same largest code, and the one that loses the race retries with a fresh read.

/** The first code the desk hands out. */
export const FIRST_NEWS_CODE = 100001;

/** The code after the largest one in use (null when there is none yet). */
export function nextNewsCode(largest: number | null): number {
  return largest === null || largest < FIRST_NEWS_CODE ? FIRST_NEWS_CODE : largest + 1;
}

/** True for the unique-index violation of articles.news_code on SQLite or PostgreSQL. */
export function isNewsCodeConflict(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const message = typeof e.message === 'string' ? e.message : '';
  // PostgreSQL: unique_violation on the column's constraint (articles_news_code_key).
  if (e.code === '23505') return String(e.constraint ?? message).includes('news_code');
  // SQLite: "UNIQUE constraint failed: articles.news_code".
  if (typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) return message.includes('articles.news_code');
  return false;
}

export const NEWS_CODE_ATTEMPTS = 25;

/**
 * Runs `attempt` (one whole transaction that reads the largest code and inserts the next) until
 * it does not lose a race for a code, with a short random pause between tries so racing writers
 * spread out (on PostgreSQL a dozen simultaneous creations need a few retries each; SQLite runs
 * transactions one at a time and never races). Any other error, or losing every time, is thrown.
 */
export async function withNewsCodeRetry<T>(
  attempt: () => Promise<T>,
  o: { attempts?: number; pause?: (tryNumber: number) => Promise<void> } = {},
): Promise<T> {
  const attempts = o.attempts ?? NEWS_CODE_ATTEMPTS;
  // Full jitter over a window that doubles up to 100 ms: losers of one race rarely meet again.
  const pause = o.pause ?? ((n: number) => new Promise<void>((r) => setTimeout(r, Math.floor(Math.random() * Math.min(100, 5 * 2 ** n)))));
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isNewsCodeConflict(err) || n >= attempts) throw err;
      await pause(n);
    }
  }
}
