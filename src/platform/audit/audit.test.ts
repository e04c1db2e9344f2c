import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { manualClock } from '../clock.ts';
import { openTestDatabase } from '../db/testing.ts';
import { audit } from './audit.ts';
import { verifyAuditChain } from './audit.repo.ts';

test('the audit log is a hash chain that detects tampering, and refuses updates', async () => {
  const h = await openTestDatabase();
  try {
    const ctx = { db: h.db, dialect: h.dialect, clock: manualClock() };
    assert.deepEqual(await verifyAuditChain(h.db), { ok: true, checked: 0, firstBrokenId: null, problem: null });
    for (let i = 0; i < 5; i++) {
      await audit(ctx, { actorId: i, action: 'test.thing', subjectType: 'thing', subjectId: i, data: { i, text: 'متن فارسی' } });
    }
    const ok = await verifyAuditChain(h.db, 2);
    assert.equal(ok.ok, true);
    assert.equal(ok.checked, 5);

    await assert.rejects(sql`update audit_log set action = 'forged' where id = 3`.execute(h.db), /append-only/);
    await assert.rejects(sql`delete from audit_log where id = 3`.execute(h.db), /append-only/);

    // Someone with direct database access removes the guard and rewrites history.
    if (h.dialect === 'postgres') await sql`drop trigger audit_log_no_update on audit_log`.execute(h.db);
    else await sql`drop trigger audit_log_no_update`.execute(h.db);
    await sql`update audit_log set data = '{"i":99}' where id = 3`.execute(h.db);
    const broken = await verifyAuditChain(h.db);
    assert.equal(broken.ok, false);
    assert.equal(broken.firstBrokenId, 3);
    assert.equal(broken.checked, 2);
  } finally {
    await h.close();
  }
});
