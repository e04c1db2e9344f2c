import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EMAIL_JOB, emailJobHandler } from '../platform/notify/notify.ts';
import { runOneJob } from '../platform/jobs/worker.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { callInput, callsFixture, recordSubmittedPlan, type Fixture } from './calls.fixtures.ts';
import { findCall, findObligation } from './calls.repo.ts';
import { createCall } from './create-call.ts';
import { exemptAgency } from './exempt-agency.ts';
import { inviteAgency } from './invite-agency.ts';
import { CALL_REMINDERS_JOB, callReminderJobHandler, dueReminder, runCallReminders } from './reminders.ts';
import { transitionCall } from './transition-call.ts';

let h: Harness;
let f: Fixture;
before(async () => {
  h = await createHarness();
  f = await callsFixture(h.ctx);
});
after(() => h.close());

const DAY = 86_400;

async function drain(): Promise<void> {
  const handlers = new Map([
    [CALL_REMINDERS_JOB, callReminderJobHandler(h.ctx)],
    [EMAIL_JOB, emailJobHandler(h.ctx.db, h.ctx.clock, h.ctx.mailer, 'http://localhost:3000')],
  ]);
  while (await runOneJob(h.ctx.db, h.ctx.dialect, h.ctx.clock, handlers, 'test')) {
    // run everything that is due
  }
}

async function subjects(userId: number): Promise<string[]> {
  const rows = await h.ctx.db.selectFrom('notifications').select('subject').where('user_id', '=', userId).where('channel', '=', 'in_app').orderBy('id').execute();
  return rows.map((r) => r.subject);
}

/** Moves the clock to `seconds` from the call's deadline (negative: before it). */
async function moveTo(callId: number, seconds: number) {
  const deadline = Date.parse((await findCall(h.ctx.db, callId))!.deadline_at);
  const target = deadline + seconds * 1000;
  h.clock.advance((target - h.clock.now().getTime()) / 1000);
}

async function openCall(days: number, agencies: number[]) {
  const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { days, title: `فراخوان یادآوری ${days} ${agencies.join('-')}` }));
  for (const i of agencies) await inviteAgency(h.ctx, f.staff.secretary, id, { agencyId: String(f.agencies[i]!.agencyId), credit: '1000000000' });
  await transitionCall(h.ctx, f.staff.secretary, id, 'open');
  return id;
}

test('which reminder is due when', () => {
  const deadline = '2026-06-18T20:30:00.000Z';
  const at = (hoursBefore: number) => new Date(Date.parse(deadline) - hoursBefore * 3600_000);
  const o = { deadline_at: deadline, call_status: 'open', reminded_7d_at: null, reminded_1d_at: null };
  assert.equal(dueReminder(o, at(24 * 8)), null);
  assert.equal(dueReminder(o, at(24 * 7)), '7d');
  assert.equal(dueReminder({ ...o, reminded_7d_at: 'x' }, at(24 * 3)), null);
  assert.equal(dueReminder(o, at(24)), '1d', 'a late sweep sends only the most urgent reminder');
  assert.equal(dueReminder({ ...o, reminded_1d_at: 'x' }, at(1)), null);
  assert.equal(dueReminder(o, at(0)), 'overdue');
  assert.equal(dueReminder({ ...o, call_status: 'closed' }, at(24)), null, 'no reminders once a call is closed');
  assert.equal(dueReminder({ ...o, call_status: 'closed' }, at(-1)), 'overdue');
});

test('through the job queue: 7 days before, 1 day before and on becoming overdue, each exactly once, only to agencies that owe a plan', async () => {
  const id = await openCall(10, [0, 1, 2]);
  const [waiting, submitter, exempted] = [f.agencies[0]!, f.agencies[1]!, f.agencies[2]!];
  await recordSubmittedPlan(h.ctx, id, submitter);
  await exemptAgency(h.ctx, f.staff.secretary, id, exempted.agencyId, 'طرح مشابه را با اعتبار دیگری اجرا می‌کند');
  await drain();
  assert.deepEqual(await subjects(waiting.officerId), ['فراخوان تازه: فراخوان یادآوری ۱۰ ۰-۱-۲']);

  await moveTo(id, -7 * DAY - 60);
  await drain();
  assert.equal((await subjects(waiting.officerId)).length, 1, 'nothing before the 7-day mark');

  await moveTo(id, -7 * DAY);
  await drain();
  let got = await subjects(waiting.officerId);
  assert.equal(got.length, 2);
  assert.match(got[1]!, /یک هفته تا پایان مهلت/);
  assert.deepEqual(await runCallReminders(h.ctx), { '7d': 0, '1d': 0, overdue: 0 }, 'a second sweep sends nothing');
  const twice = await Promise.all([runCallReminders(h.ctx, { callId: id }), runCallReminders(h.ctx, { callId: id })]);
  assert.deepEqual(twice, [{ '7d': 0, '1d': 0, overdue: 0 }, { '7d': 0, '1d': 0, overdue: 0 }]);

  await moveTo(id, -DAY + 30);
  await drain();
  got = await subjects(waiting.officerId);
  assert.equal(got.length, 3);
  assert.match(got[2]!, /فردا آخرین مهلت/);
  await runCallReminders(h.ctx);

  await moveTo(id, 5);
  await drain();
  await runCallReminders(h.ctx);
  await runCallReminders(h.ctx, { callId: id });
  got = await subjects(waiting.officerId);
  assert.equal(got.length, 4);
  assert.match(got[3]!, /گذشت/);

  const o = await findObligation(h.ctx.db, id, waiting.agencyId);
  assert.equal(o?.status, 'overdue');
  assert.ok(o?.reminded_7d_at && o.reminded_1d_at && o.overdue_at);
  assert.ok(o.reminded_7d_at < o.reminded_1d_at && o.reminded_1d_at < o.overdue_at);
  assert.deepEqual(await subjects(submitter.officerId), ['فراخوان تازه: فراخوان یادآوری ۱۰ ۰-۱-۲'], 'the agency that submitted is left alone');
  assert.equal((await subjects(exempted.officerId)).length, 1, 'the exempted agency is left alone');
  assert.equal((await findObligation(h.ctx.db, id, submitter.agencyId))?.status, 'submitted');
  assert.equal((await findObligation(h.ctx.db, id, exempted.agencyId))?.status, 'exempted');
  assert.equal(h.mails.filter((m) => m.to === waiting.officerEmail).length, 4, 'each in-app notice also went by email once');
  const overdueAudit = await h.ctx.db.selectFrom('audit_log').select('data').where('action', '=', 'call.agency_overdue').where('subject_id', '=', String(id)).execute();
  assert.equal(overdueAudit.length, 1);
});

test('a sweep that runs late sends only what is due now; an extended deadline starts the reminders afresh', async () => {
  const id = await openCall(9, [3]);
  const officer = f.agencies[3]!.officerId;
  await moveTo(id, -12 * 3600);
  assert.deepEqual(await runCallReminders(h.ctx, { callId: id }), { '7d': 0, '1d': 1, overdue: 0 });
  await moveTo(id, 3600);
  assert.deepEqual(await runCallReminders(h.ctx, { callId: id }), { '7d': 0, '1d': 0, overdue: 1 });
  assert.equal((await findObligation(h.ctx.db, id, f.agencies[3]!.agencyId))?.status, 'overdue');
  const { updateCallDetails } = await import('./update-call.ts');
  await updateCallDetails(h.ctx, f.staff.secretary, id, callInput(h.ctx, f, { days: 8, title: 'فراخوان یادآوری تمدیدشده' }));
  const o = await findObligation(h.ctx.db, id, f.agencies[3]!.agencyId);
  assert.equal(o?.status, 'invited', 'back to invited when the deadline moves later');
  assert.equal(o?.reminded_1d_at, null);
  await moveTo(id, -7 * DAY);
  await drain();
  const got = await subjects(officer);
  assert.match(got[got.length - 1]!, /یک هفته/);
  await moveTo(id, 10);
  await drain();
  const final = await subjects(officer);
  assert.equal(final.filter((s) => /گذشت/.test(s)).length, 2, 'told once per missed deadline');
  await runCallReminders(h.ctx);
  assert.equal((await subjects(officer)).length, final.length);
  assert.equal((await findObligation(h.ctx.db, id, f.agencies[3]!.agencyId))?.status, 'overdue');
});
