import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock } from '../clock.ts';
import { openTestDatabase } from '../db/testing.ts';
import { claimDueJob, countJobsByStatus, requeueStaleJobs } from './jobs.repo.ts';
import { enqueueJob, runOneJob } from './worker.ts';

test('concurrent claims never hand out the same job twice', async () => {
  const h = await openTestDatabase();
  try {
    const clock = manualClock();
    for (let i = 0; i < 3; i++) await enqueueJob(h.db, clock, 'k', { i });
    const now = clock.now().toISOString();
    const claims = await Promise.all([1, 2, 3, 4].map((w) => claimDueJob(h.db, h.dialect, `w${w}`, now)));
    const ids = claims.filter(Boolean).map((c) => c!.id);
    assert.equal(ids.length, 3);
    assert.equal(new Set(ids).size, 3);
  } finally {
    await h.close();
  }
});

test('jobs wait until due, retry with backoff, then fail for good', async () => {
  const h = await openTestDatabase();
  try {
    const clock = manualClock();
    let calls = 0;
    const handlers = new Map([['flaky', async () => { calls++; throw new Error('gateway down'); }]]);
    await enqueueJob(h.db, clock, 'flaky', {}, { delaySeconds: 60, maxAttempts: 2 });
    assert.equal(await runOneJob(h.db, h.dialect, clock, handlers, 'w'), false, 'not due yet');
    clock.advance(61);
    assert.equal(await runOneJob(h.db, h.dialect, clock, handlers, 'w'), true);
    assert.deepEqual(await countJobsByStatus(h.db), { pending: 1 });
    assert.equal(await runOneJob(h.db, h.dialect, clock, handlers, 'w'), false, 'backing off');
    clock.advance(31);
    assert.equal(await runOneJob(h.db, h.dialect, clock, handlers, 'w'), true);
    assert.deepEqual(await countJobsByStatus(h.db), { failed: 1 });
    assert.equal(calls, 2);
  } finally {
    await h.close();
  }
});

test('a successful job is done; a job whose worker died is put back', async () => {
  const h = await openTestDatabase();
  try {
    const clock = manualClock();
    const seen: unknown[] = [];
    const handlers = new Map([['ok', async (p: unknown) => { seen.push(p); }]]);
    await enqueueJob(h.db, clock, 'ok', { n: 1 });
    assert.equal(await runOneJob(h.db, h.dialect, clock, handlers, 'w'), true);
    assert.deepEqual(seen, [{ n: 1 }]);
    await enqueueJob(h.db, clock, 'ok', { n: 2 });
    await claimDueJob(h.db, h.dialect, 'dead-worker', clock.now().toISOString());
    clock.advance(600);
    assert.equal(await requeueStaleJobs(h.db, new Date(clock.now().getTime() - 300_000).toISOString()), 1);
    assert.equal(await runOneJob(h.db, h.dialect, clock, handlers, 'w'), true);
    assert.deepEqual(seen, [{ n: 1 }, { n: 2 }]);
    assert.deepEqual(await countJobsByStatus(h.db), { done: 2 });
  } finally {
    await h.close();
  }
});
