import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../demo/seed-demo.ts';
import { verifyAuditChain } from '../platform/audit/audit.repo.ts';
import { isOverdue } from '../resolutions/resolution-rules.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { seedDemoMeetings } from './seed-demo-meetings.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
  await seedDemo(h.ctx);
});
after(() => h.close());

const DAY = 86_400_000;

test('two past, published demo meetings with members, agencies, agenda, attendance and minutes', async () => {
  const rows = await h.ctx.db.selectFrom('meetings').selectAll().orderBy('starts_at').execute();
  assert.equal(rows.length, 2);
  const now = h.clock.now().getTime();
  for (const m of rows) {
    assert.equal(m.status, 'published');
    assert.equal(m.is_demo, 1);
    assert.ok(Date.parse(m.starts_at) < now - 5 * DAY, 'in the past');
    assert.ok(m.minutes.length > 200 && m.public_summary.length > 100);
    const members = await h.ctx.db.selectFrom('meeting_members').select(['user_id', 'attended']).where('meeting_id', '=', m.id).execute();
    assert.ok(members.filter((x) => x.user_id !== null).length >= 2, 'council and secretariat accounts');
    assert.ok(members.some((x) => x.attended === 1));
    const agencies = await h.ctx.db.selectFrom('meeting_agencies').select(['agency_id', 'attended']).where('meeting_id', '=', m.id).execute();
    assert.ok(agencies.length >= 3);
    const agenda = await h.ctx.db.selectFrom('meeting_agenda_items').select('kind').where('meeting_id', '=', m.id).execute();
    assert.ok(agenda.length >= 2);
  }
  assert.ok(Math.round((now - Date.parse(rows[0]!.starts_at)) / DAY) >= 39);
});

test('resolutions: one overdue and still open, one done after the agency officer\'s progress note', async () => {
  const now = h.clock.now();
  const resolutions = await h.ctx.db.selectFrom('resolutions').selectAll().execute();
  assert.ok(resolutions.length >= 4);
  assert.ok(resolutions.every((r) => r.is_demo === 1));
  assert.ok(resolutions.some((r) => r.status === 'open' && isOverdue(r, now)), 'an overdue open resolution');
  const done = resolutions.find((r) => r.status === 'done');
  assert.ok(done);
  const notes = await h.ctx.db
    .selectFrom('resolution_notes as n')
    .innerJoin('agency_officers as o', 'o.user_id', 'n.author_id')
    .select(['n.body', 'o.agency_id'])
    .where('n.resolution_id', '=', done.id)
    .execute();
  assert.ok(notes.some((n) => n.agency_id === done.agency_id), 'a note from the responsible agency\'s officer');
});

test('the later meeting follows up the earlier one\'s open resolutions; its public page shows its resolutions', async () => {
  const [first, second] = await h.ctx.db.selectFrom('meetings').select(['id']).orderBy('starts_at').execute();
  const res = await h.app.inject({ url: `/meetings/${second!.id}` });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /گشت‌های پیشگیرانه/);
  const pub = await h.app.inject({ url: `/meetings/${first!.id}` });
  assert.match(pub.body, /دیرکرد/);
  assert.match(pub.body, /انجام‌شده/);
  assert.doesNotMatch(pub.body, /کارشناس دانشگاهی مهمان یادآوری کرد/, 'minutes stay internal');
});

test('seeding twice adds nothing and the audit chain holds', async () => {
  await seedDemo(h.ctx);
  assert.equal(await seedDemoMeetings(h.ctx), 0);
  const n = await h.ctx.db.selectFrom('meetings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 2);
  const r = await h.ctx.db.selectFrom('resolutions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(r.n), 5);
  assert.equal((await verifyAuditChain(h.ctx.db)).ok, true);
});
