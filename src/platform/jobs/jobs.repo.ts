import type { Db, Dialect } from '../db/database.ts';

export type JobRow = { id: number; kind: string; payload: string; attempts: number; max_attempts: number };

export async function insertJob(
  db: Db,
  job: { kind: string; payload: unknown; runAt: string; maxAttempts?: number; now: string },
): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      run_at: job.runAt,
      max_attempts: job.maxAttempts ?? 5,
      created_at: job.now,
      last_error: null,
      locked_by: null,
      locked_at: null,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims the oldest due job in one statement: only a row still pending moves to running,
 * so two workers never get the same job. PostgreSQL also skips rows another claim has locked.
 */
export async function claimDueJob(db: Db, dialect: Dialect, worker: string, now: string): Promise<JobRow | undefined> {
  return db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', locked_by: worker, locked_at: now, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'pending')
        .where('run_at', '<=', now)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
    )
    .where('status', '=', 'pending')
    .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts'])
    .executeTakeFirst();
}

export async function markJobDone(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', finished_at: now, locked_by: null }).where('id', '=', id).execute();
}

export async function markJobFailed(
  db: Db,
  id: number,
  error: string,
  retryAt: string | null,
  now: string,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { status: 'pending', run_at: retryAt, last_error: error, locked_by: null, locked_at: null }
        : { status: 'failed', last_error: error, finished_at: now, locked_by: null },
    )
    .where('id', '=', id)
    .execute();
}

/** Puts back jobs whose worker died mid-run (locked longer than the lease). */
export async function requeueStaleJobs(db: Db, lockedBefore: string): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'pending', locked_by: null, locked_at: null })
    .where('status', '=', 'running')
    .where('locked_at', '<', lockedBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function countJobsByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
