import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Dialect } from '../db/database.ts';
import { addSeconds, type Clock } from '../clock.ts';
import { claimDueJob, insertJob, markJobDone, markJobFailed, requeueStaleJobs } from './jobs.repo.ts';

export type JobHandler = (payload: unknown) => Promise<void>;

/** Enqueues a job; pass the transaction so the job exists only if the business write commits. */
export async function enqueueJob(
  db: Db,
  clock: Clock,
  kind: string,
  payload: unknown,
  options: { delaySeconds?: number; maxAttempts?: number } = {},
): Promise<number> {
  const now = clock.now();
  return insertJob(db, {
    kind,
    payload,
    runAt: addSeconds(now, options.delaySeconds ?? 0).toISOString(),
    maxAttempts: options.maxAttempts,
    now: now.toISOString(),
  });
}

const LEASE_SECONDS = 300;

/** Runs one due job if there is one; returns whether it found work. */
export async function runOneJob(
  db: Db,
  dialect: Dialect,
  clock: Clock,
  handlers: ReadonlyMap<string, JobHandler>,
  workerId: string,
  log?: Logger,
): Promise<boolean> {
  const job = await claimDueJob(db, dialect, workerId, clock.now().toISOString());
  if (!job) return false;
  const handler = handlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(JSON.parse(job.payload));
    await markJobDone(db, job.id, clock.now().toISOString());
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Exponential backoff: 30 s, 2 min, 8 min … until max_attempts.
    const retryAt =
      job.attempts < job.max_attempts ? addSeconds(clock.now(), 30 * 4 ** (job.attempts - 1)).toISOString() : null;
    await markJobFailed(db, job.id, message, retryAt, clock.now().toISOString());
    log?.warn({ jobId: job.id, kind: job.kind, err: message, retry: retryAt }, 'job failed');
  }
  return true;
}

/** In-process polling worker; any number of processes may run one against the same database. */
export function startWorker(options: {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  handlers: ReadonlyMap<string, JobHandler>;
  log?: Logger;
  pollMs?: number;
}): { stop: () => Promise<void> } {
  const workerId = `w-${process.pid}-${randomBytes(3).toString('hex')}`;
  const pollMs = options.pollMs ?? 1500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    if (stopped) return;
    try {
      await requeueStaleJobs(options.db, addSeconds(options.clock.now(), -LEASE_SECONDS).toISOString());
      while (!stopped && (await runOneJob(options.db, options.dialect, options.clock, options.handlers, workerId, options.log))) {
        // drain what is due before sleeping again
      }
    } catch (err) {
      options.log?.error({ err }, 'job worker tick failed');
    }
    if (!stopped) timer = setTimeout(() => { running = tick(); }, pollMs + Math.floor(Math.random() * 250));
  };
  timer = setTimeout(() => { running = tick(); }, 50);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
