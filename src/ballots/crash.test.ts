// Kill -9 while ballots are being cast (issue #6, DESIGN.md "Performance budgets": zero ballots lost
// or counted twice). The real server runs as a child process (`node --import tsx src/main.ts serve`)
// on a temporary SQLite file; voters cast and change ballots over HTTP on many connections; the
// server is SIGKILLed with requests in flight, twice; after each kill the database is opened here
// and compared with what every voter was told. Then the server is restarted: receipts are found over
// HTTP, casting goes on, and the round is closed and counted with each voter once.
// `npm run bench:ballots` runs the same, larger (src/ballots/bench-fixtures.ts runCrashCycles).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { testDialect } from '../platform/db/testing.ts';
import { runCrashCycles } from './bench-fixtures.ts';

const onPostgres = testDialect() === 'postgres';

test(
  'kill -9 while casting: every acknowledged ballot survives, none counted twice, restart and count see each voter once',
  { skip: onPostgres ? 'SQLite only: the crash test kills a server writing to a SQLite file (DATABASE_URL is PostgreSQL)' : false, timeout: 60_000 },
  async () => {
    const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'mahalle-crash-'));
    try {
      const report = await runCrashCycles({
        voters: 300, castsPerVoter: [1, 4], connections: 16, kills: [250, 200], tmpDir,
        log: process.env.CRASH_TEST_VERBOSE ? (m) => console.log(m) : undefined,
      });
      assert.equal(report.cycles.length, 2);
      for (const [i, c] of report.cycles.entries()) {
        const at = `cycle ${i + 1}`;
        assert.ok(c.phase.killed, `${at}: killed`);
        assert.ok(c.phase.acknowledged >= c.killAfter, `${at}: killed after ${c.killAfter} acknowledgements`);
        assert.ok(c.phase.pendingAtKill > 0, `${at}: requests were in flight at the kill`);
        assert.deepEqual(c.check.problems, [], `${at}: the database agrees with what the voters were told`);
        assert.equal(c.check.lost, 0, `${at}: nothing acknowledged is lost`);
        assert.equal(c.check.missing, 0, `${at}: every acknowledged ballot is present`);
        assert.equal(c.check.stale, 0, `${at}: each row holds the last acknowledged selection or the one in flight, never an older one`);
        assert.equal(c.check.revisionBehind, 0, `${at}: revision >= acknowledged casts`);
        assert.equal(c.check.revisionAhead, 0, `${at}: no cast applied twice`);
        assert.equal(c.check.duplicates, 0, `${at}: one row per voter`);
        assert.equal(c.check.rows, c.check.distinctVoters, `${at}: count(*) = count(distinct user_id)`);
        assert.equal(c.check.found, c.check.votersCommitted, `${at}: every voter with a committed cast has the right row`);
        assert.equal(c.check.auditBallotEntries, c.check.revisionSum, `${at}: one audit entry per committed cast`);
        assert.ok(c.check.audit.ok, `${at}: the audit chain verifies`);
        assert.equal(c.check.integrity, 'ok', `${at}: integrity_check`);
      }
      const f = report.final;
      assert.equal(f.receiptsFound, f.receiptsChecked, 'receipts found over HTTP after the restart');
      assert.ok(f.phase.acknowledged > 0, 'casting goes on after the restart');
      assert.deepEqual(f.phase.statuses, {}, 'every cast after the restart answered 303');
      assert.deepEqual(f.check.problems, []);
      assert.equal(f.check.lost, 0);
      assert.equal(f.check.duplicates, 0);
      assert.equal(f.counted, f.votersWithBallot, 'the count sees each voter with a ballot once');
      assert.equal(f.counted, f.check.rows);
      assert.equal(f.turnoutSum, f.counted);
      assert.deepEqual(report.problems, []);
      assert.ok(report.ok);
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
  },
);

