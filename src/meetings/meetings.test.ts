import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { createCommentsWorld, STAFF_PASSWORD, type CommentsWorld } from '../comments/comments-test-setup.ts';
import { uploadRoot } from '../platform/files/store-upload.ts';
import { AppError } from '../platform/http/errors.ts';
import { formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { csrfToken, type Browser } from '../testing/harness.ts';
import { createMeeting } from './create-meeting.ts';
import { findMeeting } from './meetings.repo.ts';

let w: CommentsWorld;
let dir: string;
let uploads: string;
let secretary: Browser;
let council: Browser;
let secretaryId = 0;
let councilId = 0;

const DAY = 86_400_000;
const jalali = (ms: number) => formatJalaliNumeric(jalaliPartsOf(ms));
const countRows = async (table: 'meetings' | 'meeting_attachments' | 'resolutions' | 'meeting_members') =>
  Number((await w.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const idFromLocation = (loc: unknown) => Number(/^\/admin\/meetings\/(\d+)/.exec(String(loc))?.[1]);
/** Visible text only. */
const visible = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ');

/** Creates a meeting through the page, `daysFromNow` away at 10:00 Tehran time. */
async function newMeeting(title: string, daysFromNow: number): Promise<number> {
  const res = await secretary.post('/admin/meetings', { title, date: jalali(w.h.clock.now().getTime() + daysFromNow * DAY), time: '۱۰:۰۰', venue: 'سالن جلسات استانداری', chair: 'معاون استاندار' }, { csrfFrom: '/admin/meetings/new' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return idFromLocation(res.headers.location);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');

function multipart(fields: Record<string, string>, file: { content: Buffer; name: string } | null) {
  const boundary = '----mahalle-meetings-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file?.name ?? ''}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  if (file) parts.push(file.content);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(b: Browser, meetingId: number, file: { content: Buffer; name: string } | null, isPublic: boolean) {
  const page = await b.get(`/admin/meetings/${meetingId}`);
  const body = multipart({ _csrf: csrfToken(page.body), ...(isPublic ? { is_public: '1' } : {}) }, file);
  return w.h.app.inject({ method: 'POST', url: `/admin/meetings/${meetingId}/attachments`, ...body, cookies: { sid: b.cookie('sid')!, _csrf: b.cookie('_csrf')! } });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mahalle-meetings-'));
  // The database comes from the test harness; DATABASE_URL here only places the uploads folder.
  w = await createCommentsWorld({ DATABASE_URL: `sqlite:${join(dir, 'test.db')}` });
  uploads = uploadRoot(w.h.ctx.config);
  secretaryId = await createStaffUser(w.h.ctx, { actorId: null, name: 'مریم دبیری', email: 'secretary@example.org', password: STAFF_PASSWORD, roles: ['secretary'] });
  councilId = await createStaffUser(w.h.ctx, { actorId: null, name: 'علی شورایی', email: 'council@example.org', password: STAFF_PASSWORD, roles: ['council_member'] });
  secretary = await w.staff('secretary@example.org');
  council = await w.staff('council@example.org');
});
after(async () => {
  await w.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('creating a meeting', () => {
  test('errors are shown beside the fields with the input kept, and nothing is stored', async () => {
    const form = await secretary.get('/admin/meetings/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label for="date">/);
    assert.match(form.body, /<label for="time">/);
    const res = await secretary.post('/admin/meetings', { title: 'جلسهٔ فصلی', date: '۱۴۰۵/۱۳/۴۰', time: '۲۶:۰۰', venue: 'سالن', chair: '' }, { csrfFrom: '/admin/meetings/new' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /id="date-error"/);
    assert.match(res.body, /id="time-error"/);
    assert.match(res.body, /value="جلسهٔ فصلی"/);
    assert.match(res.body, /value="۱۴۰۵\/۱۳\/۴۰"/);
    assert.match(res.body, /class="error-summary"/);
    assert.equal(await countRows('meetings'), 0);
    await assert.rejects(
      createMeeting(w.h.ctx, { id: secretaryId, roles: ['secretary'] }, { title: '', date: '', time: '', venue: '', chair: '' }),
      (e: unknown) => e instanceof AppError && e.code === 'validation' && !!e.fieldErrors?.title && !!e.fieldErrors.date && !!e.fieldErrors.time,
    );
    assert.equal(await countRows('meetings'), 0);
  });

  test('a Jalali date and time in Persian digits are stored as a UTC instant and listed', async () => {
    const res = await secretary.post('/admin/meetings', { title: 'جلسهٔ ۱۲ ستاد', date: '۱۴۰۵/۰۳/۲۸', time: '۱۰:۳۰', venue: 'استانداری', chair: 'معاون استاندار' }, { csrfFrom: '/admin/meetings/new' });
    assert.equal(res.statusCode, 303);
    const id = idFromLocation(res.headers.location);
    const m = await findMeeting(w.db, id);
    assert.equal(m?.starts_at, '2026-06-18T07:00:00.000Z');
    assert.equal(m?.status, 'draft');
    assert.equal(m?.title, 'جلسهٔ 12 ستاد', 'digits stored as ASCII, shown in Persian');
    const page = await secretary.get(`/admin/meetings/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /جلسهٔ ۱۲ ستاد/);
    assert.match(page.body, /۲۸ خرداد ۱۴۰۵، ۱۰:۳۰/);
    assert.match(page.body, new RegExp(`href="/admin/news/new\\?meeting=${id}"`));
    const list = await secretary.get('/admin/meetings');
    assert.match(list.body, new RegExp(`href="/admin/meetings/${id}"`));
    const audit = await w.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'meeting').where('subject_id', '=', String(id)).execute();
    assert.deepEqual(audit.map((a) => a.action), ['meeting.created']);
  });
});

describe('members, agencies and attendance', () => {
  test('staff picked from the council, a guest by name, an invited agency; attendance recorded', async () => {
    const id = await newMeeting('جلسهٔ حضور و غیاب', 1);
    const base = `/admin/meetings/${id}`;
    const add = (form: Record<string, string>) => secretary.post(`${base}/members`, form, { csrfFrom: base });
    assert.equal((await add({ member_user: String(councilId), member_name: '', member_role: 'عضو' })).statusCode, 303);
    assert.equal((await add({ member_user: '', member_name: 'دکتر رضا مهمان', member_role: 'مهمان' })).statusCode, 303);
    const dup = await add({ member_user: String(councilId), member_name: '', member_role: '' });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /id="member_user-error"/);
    const officer = await add({ member_user: String(w.officerId), member_name: '', member_role: '' });
    assert.equal(officer.statusCode, 422, 'an agency officer is not council staff');
    const empty = await add({ member_user: '', member_name: '', member_role: 'عضو' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /id="member_name-error"/);
    assert.match(empty.body, /value="عضو"/, 'the role typed is kept');

    const invite = await secretary.post(`${base}/agencies`, { invite_agency: String(w.agencyId), invite_representative: '' }, { csrfFrom: base });
    assert.equal(invite.statusCode, 303);
    const again = await secretary.post(`${base}/agencies`, { invite_agency: String(w.agencyId), invite_representative: '' }, { csrfFrom: base });
    assert.equal(again.statusCode, 422);

    const members = await w.db.selectFrom('meeting_members').select(['id', 'user_id', 'name']).where('meeting_id', '=', id).orderBy('id').execute();
    assert.deepEqual(members.map((m) => m.name), ['علی شورایی', 'دکتر رضا مهمان']);
    const res = await secretary.post(`${base}/attendance`, { attended_member: [String(members[0]!.id)], attended_agency: [String(w.agencyId)], [`rep_${w.agencyId}`]: 'مهدی رضایی' }, { csrfFrom: base });
    assert.equal(res.statusCode, 303);
    const after = await w.db.selectFrom('meeting_members').select(['name', 'attended']).where('meeting_id', '=', id).orderBy('id').execute();
    assert.deepEqual(after.map((m) => m.attended), [1, 0]);
    const agency = await w.db.selectFrom('meeting_agencies').select(['attended', 'representative']).where('meeting_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...agency }, { attended: 1, representative: 'مهدی رضایی' });
    const page = await secretary.get(base);
    assert.match(page.body, /مهدی رضایی/);
    const removed = await secretary.post(`${base}/members/${members[1]!.id}/delete`, {}, { csrfFrom: base });
    assert.equal(removed.statusCode, 303);
    assert.equal(await w.db.selectFrom('meeting_members').select('id').where('meeting_id', '=', id).execute().then((r) => r.length), 1);
  });
});

describe('agenda, resolutions and determinations', () => {
  let earlier = 0;
  let later = 0;

  test('an earlier meeting makes resolutions: one overdue, one still in time', async () => {
    earlier = await newMeeting('جلسهٔ پیشین', -40);
    const base = `/admin/meetings/${earlier}`;
    const now = w.h.clock.now().getTime();
    const bad = await secretary.post(`${base}/resolutions`, { text: '', agencyId: '', deadline: '۱۴۰۵/۱۳/۱۳' }, { csrfFrom: base });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /id="text-error"/);
    assert.match(bad.body, /id="agencyId-error"/);
    assert.match(bad.body, /id="deadline-error"/);
    assert.equal(await countRows('resolutions'), 0);
    const r1 = await secretary.post(`${base}/resolutions`, { text: 'برگزاری کلاس مهارت زندگی در مدارس محلهٔ آزمایشی', agencyId: String(w.agencyId), deadline: jalali(now - 10 * DAY) }, { csrfFrom: base });
    assert.equal(r1.statusCode, 303, r1.body.slice(0, 500));
    const r2 = await secretary.post(`${base}/resolutions`, { text: 'گزارش فصلی کودکان کار به دبیرخانه', agencyId: String(w.agencyId), deadline: jalali(now + 30 * DAY) }, { csrfFrom: base });
    assert.equal(r2.statusCode, 303);
    const page = await secretary.get(base);
    assert.match(page.body, /برگزاری کلاس مهارت زندگی/);
    assert.match(page.body, /دیرکرد/);
  });

  test('the next meeting lists the open resolutions of earlier meetings under «پیگیری مصوبات»', async () => {
    later = await newMeeting('جلسهٔ بعدی', 2);
    const page = await secretary.get(`/admin/meetings/${later}`);
    const block = /<section aria-labelledby="followup-title"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    assert.match(block, /پیگیری مصوبات/);
    assert.match(block, /برگزاری کلاس مهارت زندگی/);
    assert.match(block, /گزارش فصلی کودکان کار/);
    assert.match(block, /دیرکرد/);
    assert.ok(block.indexOf('برگزاری کلاس') < block.indexOf('گزارش فصلی'), 'overdue first');
    const own = await secretary.get(`/admin/meetings/${earlier}`);
    const ownBlock = /<section aria-labelledby="followup-title"[\s\S]*?<\/section>/.exec(own.body)?.[0] ?? '';
    assert.doesNotMatch(ownBlock, /برگزاری کلاس مهارت زندگی/, 'a meeting does not follow up its own resolutions');
  });

  test('agenda items from suggestions and typed, reordered and removed', async () => {
    const base = `/admin/meetings/${later}`;
    const page = await secretary.get(base);
    assert.match(page.body, /طرح‌های در انتظار تصمیم/);
    assert.match(page.body, new RegExp(`name="item_ref" value="${w.planId}"`));
    const plan = await secretary.post(`${base}/agenda`, { item_kind: 'plan', item_ref: String(w.planId), item_title: '', item_notes: '' }, { csrfFrom: base });
    assert.equal(plan.statusCode, 303);
    const twice = await secretary.post(`${base}/agenda`, { item_kind: 'plan', item_ref: String(w.planId), item_title: '', item_notes: '' }, { csrfFrom: base });
    assert.equal(twice.statusCode, 422);
    const compliance = await secretary.post(`${base}/agenda`, { item_kind: 'compliance', item_ref: String(w.callId), item_title: '', item_notes: '' }, { csrfFrom: base });
    assert.equal(compliance.statusCode, 303);
    const missing = await secretary.post(`${base}/agenda`, { item_kind: 'need', item_ref: '999999', item_title: '', item_notes: '' }, { csrfFrom: base });
    assert.equal(missing.statusCode, 422);
    const other = await secretary.post(`${base}/agenda`, { item_kind: 'other', item_ref: '', item_title: 'گزارش دبیرخانه', item_notes: '- بند **یک**' }, { csrfFrom: base });
    assert.equal(other.statusCode, 303);
    const noTitle = await secretary.post(`${base}/agenda`, { item_kind: 'other', item_ref: '', item_title: '', item_notes: 'یادداشت' }, { csrfFrom: base });
    assert.equal(noTitle.statusCode, 422);
    assert.match(noTitle.body, /id="item_title-error"/);
    assert.match(noTitle.body, />یادداشت<\/textarea>/);

    const items = () => w.db.selectFrom('meeting_agenda_items').select(['id', 'kind', 'position', 'title']).where('meeting_id', '=', later).orderBy('position').execute();
    let list = await items();
    assert.deepEqual(list.map((i) => i.kind), ['plan', 'compliance', 'other']);
    assert.match(list[1]!.title, /فراخوان آزمایشی/);
    await secretary.post(`${base}/agenda/${list[2]!.id}/move`, { direction: 'up' }, { csrfFrom: base });
    list = await items();
    assert.deepEqual(list.map((i) => i.kind), ['plan', 'other', 'compliance']);
    assert.deepEqual(list.map((i) => i.position), [1, 2, 3]);
    await secretary.post(`${base}/agenda/${list[0]!.id}/delete`, {}, { csrfFrom: base });
    await secretary.post(`${base}/agenda`, { item_kind: 'plan', item_ref: String(w.planId), item_title: '', item_notes: '' }, { csrfFrom: base });
    list = await items();
    assert.deepEqual(list.map((i) => [i.kind, i.position]), [['other', 1], ['compliance', 2], ['plan', 3]]);
    const shown = await secretary.get(base);
    assert.match(shown.body, /<strong>یک<\/strong>/, 'notes are markdown');
    assert.match(shown.body, new RegExp(`href="/admin/reviews/${w.planId}\\?meeting=${later}#determine-title"`));
  });

  test('a determination taken in the meeting records it and is listed on the meeting page', async () => {
    const form = await secretary.get(`/admin/reviews/${w.planId}?meeting=${later}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`<option value="${later}" selected`));
    const bad = await secretary.post(`/admin/reviews/${w.planId}/determine`, { outcome: 'rejected', reasons: 'این طرح با اولویت‌های امسال ستاد هم‌خوان نیست.', meeting_id: '999999' }, { csrfFrom: `/admin/reviews/${w.planId}` });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /id="meeting_id-error"/);
    const res = await secretary.post(`/admin/reviews/${w.planId}/determine`, { outcome: 'rejected', reasons: 'این طرح با اولویت‌های امسال ستاد هم‌خوان نیست.', meeting_id: String(later) }, { csrfFrom: `/admin/reviews/${w.planId}` });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const d = await w.db.selectFrom('determinations').select(['meeting_id', 'outcome']).where('plan_id', '=', w.planId).executeTakeFirstOrThrow();
    assert.deepEqual({ ...d }, { meeting_id: later, outcome: 'rejected' });
    const page = await secretary.get(`/admin/meetings/${later}`);
    const section = /<section aria-labelledby="determinations-title"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    assert.match(section, /پیشگیری از اعتیاد نوجوانان در محله/);
    assert.match(section, /اولویت‌های امسال ستاد/);
  });

  test('the print page: details, attendance, agenda, minutes, resolutions with agency and Jalali deadline, signatures', async () => {
    const res = await council.get(`/admin/meetings/${earlier}/print`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /صورت‌جلسهٔ جلسهٔ پیشین/);
    assert.match(res.body, /امضای حاضران/);
    assert.match(res.body, /ادارهٔ کل بهزیستی استان/);
    assert.match(res.body, /<script src="\/static\/js\/print.js" defer><\/script>/);
    assert.match(res.body, /id="print-now"/);
    assert.doesNotMatch(res.body, /class="site-header"/);
    const deadline = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'Asia/Tehran', month: 'long' }).format(w.h.clock.now().getTime() - 10 * DAY);
    assert.match(visible(res.body), new RegExp(deadline));
    const script = await w.h.app.inject({ url: '/static/js/print.js' });
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.match(script.body, /window\.print\(\)/);
  });
});

describe('minutes, attachments and publication', () => {
  let id = 0;
  let base = '';
  before(async () => {
    id = await newMeeting('جلسهٔ انتشار', -3);
    base = `/admin/meetings/${id}`;
  });

  test('minutes are markdown rendered without raw HTML or script links', async () => {
    const minutes = '# گزارش\n\n<script>alert("x")</script>\n\n- بند **مهم** 12\n- [پیوند بد](javascript:alert(1))\n- [پیوند خوب](/plans/1)';
    const res = await secretary.post(`${base}/minutes`, { minutes }, { csrfFrom: base });
    assert.equal(res.statusCode, 303);
    const page = await secretary.get(base);
    const shown = /<section aria-labelledby="minutes-title"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    assert.doesNotMatch(shown, /<script>alert/);
    assert.match(shown, /&lt;script&gt;/);
    assert.doesNotMatch(shown, /href="javascript:/i);
    assert.match(shown, /<strong>مهم<\/strong> ۱۲/);
    assert.match(shown, /<h3>گزارش<\/h3>/);
    assert.match(shown, /<a href="\/plans\/1">پیوند خوب<\/a>/);
  });

  test('an upload that is not a PDF or an image is refused and nothing is kept; a PDF is stored', async () => {
    const files = () => (existsSync(join(uploads, 'meetings', String(id))) ? readdirSync(join(uploads, 'meetings', String(id))).length : 0);
    const fake = await upload(secretary, id, { content: Buffer.from('<html>not a pdf</html>'), name: 'گزارش.pdf' }, true);
    assert.equal(fake.statusCode, 415);
    assert.match(fake.body, /id="file-error"/);
    assert.equal(await countRows('meeting_attachments'), 0);
    assert.equal(files(), 0);
    const none = await upload(secretary, id, null, false);
    assert.equal(none.statusCode, 422);
    const pub = await upload(secretary, id, { content: PDF, name: 'گزارش عمومی.pdf' }, true);
    assert.equal(pub.statusCode, 303);
    const internal = await upload(secretary, id, { content: PDF, name: 'نامهٔ درونی.pdf' }, false);
    assert.equal(internal.statusCode, 303);
    assert.equal(files(), 2);
    const rows = await w.db.selectFrom('meeting_attachments').select(['id', 'is_public', 'content_type']).where('meeting_id', '=', id).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.is_public, r.content_type]), [[1, 'application/pdf'], [0, 'application/pdf']]);
    const download = await council.get(`${base}/attachments/${rows[1]!.id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
  });

  test('held needs minutes; publishing needs a held meeting and a public summary; public page 404 before, 200 after', async () => {
    const anon = () => w.h.app.inject({ url: `/meetings/${id}` });
    assert.equal((await anon()).statusCode, 404);
    const early = await secretary.post(`${base}/summary`, { summary: 'خلاصه‌ای برای مردم دربارهٔ این جلسه و تصمیم‌های آن.', action: 'publish' }, { csrfFrom: base });
    assert.equal(early.statusCode, 303);
    assert.equal((await findMeeting(w.db, id))?.status, 'draft', 'a draft is not published');

    const held = await secretary.post(`${base}/held`, {}, { csrfFrom: base });
    assert.equal(held.statusCode, 303);
    assert.equal((await findMeeting(w.db, id))?.status, 'held');
    const blank = await secretary.post(`${base}/minutes`, { minutes: '   ' }, { csrfFrom: base });
    assert.equal(blank.statusCode, 422, 'a held meeting keeps its minutes');

    const noSummary = await secretary.post(`${base}/summary`, { summary: '', action: 'publish' }, { csrfFrom: base });
    assert.equal(noSummary.statusCode, 422);
    assert.match(noSummary.body, /id="summary-error"/);
    assert.equal((await findMeeting(w.db, id))?.status, 'held');
    assert.equal((await anon()).statusCode, 404);

    const res = await secretary.post(`${base}/summary`, { summary: 'ستاد در این جلسه برنامهٔ **تابستان** محله‌ها را بررسی کرد.', action: 'publish' }, { csrfFrom: base });
    assert.equal(res.statusCode, 303);
    const m = await findMeeting(w.db, id);
    assert.equal(m?.status, 'published');
    assert.ok(m?.published_at);
    const page = await anon();
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>تابستان<\/strong>/);
    assert.match(page.body, /گزارش عمومی\.pdf/);
    assert.doesNotMatch(page.body, /نامهٔ درونی/, 'internal attachments stay internal');
    assert.doesNotMatch(page.body, /پیوند خوب/, 'the minutes are not public');
    const rows = await w.db.selectFrom('meeting_attachments').select(['id', 'is_public']).where('meeting_id', '=', id).orderBy('id').execute();
    assert.equal((await w.h.app.inject({ url: `/meetings/${id}/attachments/${rows[0]!.id}` })).statusCode, 200);
    assert.equal((await w.h.app.inject({ url: `/meetings/${id}/attachments/${rows[1]!.id}` })).statusCode, 404);
    const list = await w.h.app.inject({ url: '/meetings' });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`href="/meetings/${id}"`));
    assert.doesNotMatch(list.body, /جلسهٔ بعدی/, 'unpublished meetings are not listed');
    const emptied = await secretary.post(`${base}/summary`, { summary: '', action: 'save' }, { csrfFrom: base });
    assert.equal(emptied.statusCode, 422, 'a published summary cannot be emptied');
  });

  test('the public page shows resolutions with agency, deadline and status', async () => {
    const r = await secretary.post(`${base}/resolutions`, { text: 'تهیهٔ فهرست کودکان بازمانده از تحصیل', agencyId: String(w.agencyId), deadline: jalali(w.h.clock.now().getTime() - DAY) }, { csrfFrom: base });
    assert.equal(r.statusCode, 303);
    const page = await w.h.app.inject({ url: `/meetings/${id}` });
    const section = /<section aria-labelledby="resolutions-title"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    assert.match(section, /تهیهٔ فهرست کودکان بازمانده از تحصیل/);
    assert.match(section, /ادارهٔ کل بهزیستی استان/);
    assert.match(section, /دیرکرد/);
  });
});

describe('permissions', () => {
  test('a citizen is refused; anonymous visitors are sent to sign in', async () => {
    const { browser } = await w.citizen('زهرا شهروند');
    assert.equal((await browser.get('/admin/meetings')).statusCode, 403);
    const id = (await w.db.selectFrom('meetings').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    assert.equal((await browser.get(`/admin/meetings/${id}`)).statusCode, 403);
    assert.equal((await browser.get(`/admin/meetings/${id}/print`)).statusCode, 403);
    const anon = await w.h.app.inject({ url: '/admin/meetings' });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/login/);
  });

  test('a council member reads meetings and the print page but cannot change anything', async () => {
    const id = (await w.db.selectFrom('meetings').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const list = await council.get('/admin/meetings');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /href="\/admin\/meetings\/new"/);
    const page = await council.get(`/admin/meetings/${id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /action="\/admin\/meetings\/\d+\/(minutes|resolutions|members|agenda)"/);
    assert.doesNotMatch(page.body, /admin\/news\/new/);
    assert.equal((await council.get('/admin/meetings/new')).statusCode, 403);
    const before = await countRows('meeting_members');
    const res = await council.post(`/admin/meetings/${id}/members`, { member_user: '', member_name: 'نفوذی', member_role: '' }, { csrfFrom: `/admin/meetings/${id}` });
    assert.equal(res.statusCode, 403);
    assert.equal(await countRows('meeting_members'), before);
    const home = await council.get('/admin');
    assert.match(home.body, /href="\/admin\/meetings"/);
  });
});
