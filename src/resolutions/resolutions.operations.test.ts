import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../platform/http/errors.ts';
import { runOneJob } from '../platform/jobs/worker.ts';
import { formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { deadlineOfJalaliDay } from '../calls/deadline.ts';
import { createResolution } from './create-resolution.ts';
import { postProgressNote } from './post-progress-note.ts';
import { RESOLUTION_REMINDERS_JOB, resolutionReminderJobHandler, runResolutionReminders } from './resolution-reminders.ts';
import { isOverdue } from './resolution-rules.ts';
import { findResolution, notesOfResolution, openResolutions, resolutionsOfMeeting } from './resolutions.repo.ts';
import { createResolutionsWorld, type ResolutionsWorld } from './resolutions-test-setup.ts';
import { setResolutionStatus } from './set-resolution-status.ts';

let w: ResolutionsWorld;
before(async () => { w = await createResolutionsWorld(); });
after(() => w.close());

const DAY = 86_400_000;
/** The Jalali day `days` from now as a person types it (Persian digits). */
const day = (days: number) => formatJalaliNumeric(jalaliPartsOf(w.h.clock.now().getTime() + days * DAY));
const input = (o: Partial<{ text: string; agencyId: string; deadline: string }> = {}) => ({
  text: 'تشکیل کارگروه پیشگیری از اعتیاد نوجوانان در محله‌های حاشیه‌ای', agencyId: String(w.agencyId), deadline: day(30), ...o,
});

async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, 'validation');
    return err.fieldErrors ?? {};
  }
  assert.fail('expected a validation error');
}

async function rejectsWith(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (err) => err instanceof AppError && err.code === code);
}

test('a resolution with errors stores nothing and names each field in Persian', async () => {
  const m = await w.meeting('جلسهٔ خطاها');
  const errors = await fieldErrors(createResolution(w.h.ctx, w.secretary, m, { text: '  ', agencyId: '', deadline: '' }));
  assert.deepEqual(Object.keys(errors).sort(), ['agencyId', 'deadline', 'text']);
  for (const message of Object.values(errors)) assert.match(message, /[\u0600-\u06FF]/);
  const bad = await fieldErrors(createResolution(w.h.ctx, w.secretary, m, input({ agencyId: '999999', deadline: '1405/13/40' })));
  assert.deepEqual(Object.keys(bad).sort(), ['agencyId', 'deadline']);
  const early = await fieldErrors(createResolution(w.h.ctx, w.secretary, m, input({ deadline: day(-1) })));
  assert.match(early.deadline ?? '', /پیش از روز برگزاری جلسه/);
  assert.deepEqual(await resolutionsOfMeeting(w.db, m), []);
  await rejectsWith(createResolution(w.h.ctx, w.council, m, input()), 'forbidden');
  await rejectsWith(createResolution(w.h.ctx, w.officer, m, input()), 'forbidden');
  await rejectsWith(createResolution(w.h.ctx, w.secretary, 999_999, input()), 'not_found');
});

test('numbers run per meeting, also when recorded at once; the agency is told; the deadline is the end of its day', async () => {
  const m = await w.meeting('جلسهٔ شماره‌ها');
  const other = await w.meeting('جلسهٔ دیگر');
  const before = (await w.inbox(w.officerId)).length;
  // Typed with Arabic-Indic digits and dashes.
  const typed = day(30).replace(/[۰-۹]/g, (d) => '٠١٢٣٤٥٦٧٨٩'['۰۱۲۳۴۵۶۷۸۹'.indexOf(d)]!).replace(/\//g, '-');
  const first = await createResolution(w.h.ctx, w.secretary, m, input({ text: 'مصوبهٔ یکم با ك و ي عربی', deadline: typed }));
  assert.equal(first.number, 1);
  const many = await Promise.all([2, 3, 4, 5, 6].map((n) => createResolution(w.h.ctx, w.secretary, m, input({ text: `مصوبهٔ ${n}` }))));
  assert.deepEqual(many.map((r) => r.number).sort((a, b) => a - b), [2, 3, 4, 5, 6]);
  assert.equal((await createResolution(w.h.ctx, w.secretary, other, input())).number, 1);
  const rows = await resolutionsOfMeeting(w.db, m);
  assert.deepEqual(rows.map((r) => r.number), [1, 2, 3, 4, 5, 6]);
  const r = rows[0]!;
  assert.equal(r.text, 'مصوبهٔ یکم با ک و ی عربی', 'normalized');
  assert.equal(r.deadline_at, deadlineOfJalaliDay(jalaliPartsOf(w.h.clock.now().getTime() + 30 * DAY)));
  assert.equal(r.agency_name, 'ادارهٔ کل بهزیستی استان');
  assert.equal(r.meeting_title, 'جلسهٔ شماره‌ها');
  assert.equal((await w.inbox(w.officerId)).length - before, 7, 'one notice per resolution to the officer');
  const audit = await w.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'resolution').where('subject_id', '=', String(first.id)).execute();
  assert.deepEqual(audit.map((a) => a.action), ['resolution.created']);
});

test('a past meeting is recorded afterwards with a past deadline: allowed, and overdue at once', async () => {
  const m = await w.meeting('جلسهٔ گذشته', 40);
  const { id } = await createResolution(w.h.ctx, w.secretary, m, input({ deadline: day(-10) }));
  const r = await findResolution(w.db, id);
  assert.ok(r && isOverdue(r, w.h.clock.now()));
  assert.ok((await openResolutions(w.db)).some((o) => o.id === id));
});

test('the agency reports: a note, work started, done proposed; another agency is refused', async () => {
  const m = await w.meeting('جلسهٔ گزارش‌ها');
  const { id } = await createResolution(w.h.ctx, w.secretary, m, input());
  await rejectsWith(postProgressNote(w.h.ctx, w.otherOfficer, id, { body: 'گزارش', report: '' }), 'forbidden');
  await rejectsWith(postProgressNote(w.h.ctx, w.secretary, id, { body: 'گزارش', report: '' }), 'forbidden');
  assert.deepEqual(Object.keys(await fieldErrors(postProgressNote(w.h.ctx, w.officer, id, { body: ' ', report: 'cancelled' }))).sort(), ['body', 'status']);

  assert.equal((await postProgressNote(w.h.ctx, w.officer, id, { body: 'نامه به شهرداری فرستاده شد', report: '' })).report, '');
  assert.equal((await findResolution(w.db, id))?.status, 'open');
  await postProgressNote(w.h.ctx, w.officer, id, { body: 'کارگروه تشکیل شد', report: 'in_progress' });
  assert.equal((await findResolution(w.db, id))?.status, 'in_progress');
  assert.ok(await fieldErrors(postProgressNote(w.h.ctx, w.officer, id, { body: 'باز هم آغاز', report: 'in_progress' })));

  const secretaryBefore = (await w.inbox(w.secretaryId)).length;
  await postProgressNote(w.h.ctx, w.officer, id, { body: 'کارگاه‌ها برگزار شد', report: 'done' });
  assert.equal((await findResolution(w.db, id))?.status, 'in_progress', 'a proposal does not close the resolution');
  const inbox = await w.inbox(w.secretaryId);
  assert.equal(inbox.length - secretaryBefore, 1);
  assert.match(inbox.at(-1)!, /منتظر تأیید/);
  const notes = await notesOfResolution(w.db, id);
  assert.deepEqual(notes.map((n) => n.status), [null, 'in_progress', 'done']);
  assert.equal(notes[0]!.author_name, 'مهدی رضایی');
});

test('the secretariat confirms done or cancels with a reason; closed is final', async () => {
  const m = await w.meeting('جلسهٔ تصمیم‌ها');
  const a = await createResolution(w.h.ctx, w.secretary, m, input());
  const b = await createResolution(w.h.ctx, w.secretary, m, input());
  await rejectsWith(setResolutionStatus(w.h.ctx, w.officer, a.id, { status: 'done', note: '' }), 'forbidden');
  await rejectsWith(setResolutionStatus(w.h.ctx, w.council, a.id, { status: 'done', note: '' }), 'forbidden');

  const officerBefore = (await w.inbox(w.officerId)).length;
  const done = await setResolutionStatus(w.h.ctx, w.secretary, a.id, { status: 'done', note: 'گزارش پایانی پذیرفته شد' });
  assert.deepEqual(done, { status: 'done', notified: 1 });
  const ra = await findResolution(w.db, a.id);
  assert.equal(ra?.status, 'done');
  assert.ok(ra?.closed_at);
  assert.equal((await w.inbox(w.officerId)).length - officerBefore, 1);
  assert.ok(await fieldErrors(setResolutionStatus(w.h.ctx, w.secretary, a.id, { status: 'cancelled', note: 'دیر شد' })));
  assert.ok(await fieldErrors(postProgressNote(w.h.ctx, w.officer, a.id, { body: 'یک گزارش دیگر', report: '' })));

  const noReason = await fieldErrors(setResolutionStatus(w.h.ctx, w.secretary, b.id, { status: 'cancelled', note: '' }));
  assert.match(noReason.note ?? '', /دلیل/);
  assert.equal((await findResolution(w.db, b.id))?.status, 'open', 'nothing changed');
  await setResolutionStatus(w.h.ctx, w.secretary, b.id, { status: 'cancelled', note: 'با مصوبهٔ جلسهٔ بعد ادغام شد' });
  const rb = await findResolution(w.db, b.id);
  assert.equal(rb?.status, 'cancelled');
  assert.equal(rb?.status_note, 'با مصوبهٔ جلسهٔ بعد ادغام شد');
  assert.deepEqual((await notesOfResolution(w.db, b.id)).map((n) => n.status), ['cancelled']);
  const actions = await w.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'resolution').where('subject_id', '=', String(b.id)).orderBy('id').execute();
  assert.deepEqual(actions.map((x) => x.action), ['resolution.created', 'resolution.status_changed']);
});

test('a reminder 7 days before and an overdue notice after, each once under concurrent sweeps; sweeps are queued at creation', async () => {
  // Close everything recorded so far so that only this resolution is owed notices.
  for (const r of await openResolutions(w.db)) await setResolutionStatus(w.h.ctx, w.secretary, r.id, { status: 'cancelled', note: 'پایان آزمون' });
  const m = await w.meeting('جلسهٔ یادآوری');
  const { id } = await createResolution(w.h.ctx, w.secretary, m, input({ deadline: day(10) }));
  const deadlineAt = (await findResolution(w.db, id))!.deadline_at;
  const jobs = await w.db.selectFrom('jobs').select(['run_at', 'payload']).where('kind', '=', RESOLUTION_REMINDERS_JOB).where('payload', 'like', `%"resolutionId":${id}%`).orderBy('run_at').execute();
  assert.equal(jobs.length, 2);
  assert.ok(Math.abs(Date.parse(jobs[0]!.run_at) - (Date.parse(deadlineAt) - 7 * DAY)) < 2000, 'a sweep at deadline − 7 days');
  assert.ok(Math.abs(Date.parse(jobs[1]!.run_at) - Date.parse(deadlineAt)) < 2000, 'a sweep just after the deadline');

  const officerBefore = (await w.inbox(w.officerId)).length;
  const secretaryBefore = (await w.inbox(w.secretaryId)).length;
  assert.deepEqual(await runResolutionReminders(w.h.ctx), { reminder: 0, overdue: 0 }, 'too early');

  w.h.clock.advance((Date.parse(deadlineAt) - 7 * DAY - w.h.clock.now().getTime()) / 1000 + 60);
  const sweeps = await Promise.all([1, 2, 3, 4].map(() => runResolutionReminders(w.h.ctx)));
  assert.equal(sweeps.reduce((n, s) => n + s.reminder, 0), 1, 'one reminder whatever runs at once');
  assert.equal((await w.inbox(w.officerId)).length - officerBefore, 1);
  assert.match((await w.inbox(w.officerId)).at(-1)!, /یک هفته/);

  w.h.clock.advance(7 * 86_400);
  // The job queued for the deadline runs through the worker, alongside direct sweeps.
  const handlers = new Map([[RESOLUTION_REMINDERS_JOB, resolutionReminderJobHandler(w.h.ctx)]]);
  const [viaJobs, ...direct] = await Promise.all([
    (async () => { let n = 0; while (await runOneJob(w.db, w.h.ctx.dialect, w.h.clock, handlers, 'test')) n++; return n; })(),
    runResolutionReminders(w.h.ctx),
    runResolutionReminders(w.h.ctx),
  ]);
  assert.ok(viaJobs >= 1);
  assert.ok(direct.reduce((n, s) => n + s.overdue, 0) <= 1);
  const officerInbox = await w.inbox(w.officerId);
  assert.equal(officerInbox.length - officerBefore, 2, 'the reminder and one overdue notice');
  assert.match(officerInbox.at(-1)!, /دیرکرد/);
  const secretaryInbox = await w.inbox(w.secretaryId);
  assert.equal(secretaryInbox.length - secretaryBefore, 1, 'the secretariat hears of it once');
  assert.match(secretaryInbox.at(-1)!, /دیرکرد/);
  assert.deepEqual(await runResolutionReminders(w.h.ctx), { reminder: 0, overdue: 0 });
  const r = await findResolution(w.db, id);
  assert.ok(r?.reminded_at && r.overdue_notified_at);
});

test('a late first sweep sends only the overdue notice, and closed resolutions get none', async () => {
  const m = await w.meeting('جلسهٔ دیرهنگام', 30);
  const late = await createResolution(w.h.ctx, w.secretary, m, input({ deadline: day(-5) }));
  const closed = await createResolution(w.h.ctx, w.secretary, m, input({ deadline: day(-5) }));
  await setResolutionStatus(w.h.ctx, w.secretary, closed.id, { status: 'done', note: '' });
  const report = await runResolutionReminders(w.h.ctx);
  assert.deepEqual(report, { reminder: 0, overdue: 1 });
  const r = await findResolution(w.db, late.id);
  assert.ok(r?.reminded_at && r.overdue_notified_at);
  assert.equal((await findResolution(w.db, closed.id))?.overdue_notified_at, null);
});
