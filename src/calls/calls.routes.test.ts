import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Browser, createHarness, type Harness } from '../testing/harness.ts';
import { assertPersianPage, callInput, callsFixture, STAFF_PASSWORD, type Fixture } from './calls.fixtures.ts';
import { findCall, findObligation } from './calls.repo.ts';
import { createCall } from './create-call.ts';
import { inviteAgency } from './invite-agency.ts';
import { transitionCall } from './transition-call.ts';

let h: Harness;
let f: Fixture;
let openId: number;
let draftId: number;
before(async () => {
  h = await createHarness();
  f = await callsFixture(h.ctx);
  openId = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { title: 'فراخوان باز 1405', days: 12 }));
  for (const i of [0, 1]) await inviteAgency(h.ctx, f.staff.secretary, openId, { agencyId: String(f.agencies[i]!.agencyId), credit: '20000000000' });
  await transitionCall(h.ctx, f.staff.secretary, openId, 'open');
  draftId = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { title: 'فراخوان پیش‌نویس محرمانه' }));
});
after(() => h.close());

async function signIn(email: string, password = STAFF_PASSWORD): Promise<Browser> {
  const b = new Browser(h.app);
  const res = await b.post('/login/password', { email, password, next: '/admin' }, { csrfFrom: '/login' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return b;
}

describe('public call pages', () => {
  test('/calls lists open and past calls in Persian, and never drafts', async () => {
    const anon = new Browser(h.app);
    const res = await anon.get('/calls');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /فراخوان باز ۱۴۰۵/);
    assert.match(res.body, /۱۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان/, 'budget in tomans');
    assert.match(res.body, /۱۲ روز مانده|۱۳ روز مانده/);
    assert.match(res.body, />باز</);
    assert.doesNotMatch(res.body, /محرمانه/);
    assertPersianPage('/calls', res.body);
  });

  test('/calls/:id shows what a citizen needs; drafts are not found', async () => {
    const anon = new Browser(h.app);
    const res = await anon.get(`/calls/${openId}`);
    assert.equal(res.statusCode, 200);
    for (const text of ['اعتیاد', 'طلاق و گسست خانواده', 'مادران', 'کودکان', 'استان قزوین', 'دعوت‌شده', 'اداره کل بهزیستی استان قزوین', '۲٬۰۰۰٬۰۰۰٬۰۰۰ تومان']) {
      assert.ok(res.body.includes(text), text);
    }
    assert.match(res.body, new RegExp(`href="/plans\\?call=${openId}"`));
    assert.doesNotMatch(res.body, /admin\/calls/, 'no staff links for the public');
    assertPersianPage(`/calls/${openId}`, res.body);
    assert.equal((await anon.get(`/calls/${draftId}`)).statusCode, 404);
    assert.equal((await anon.get('/calls/abc')).statusCode, 404);
    assert.equal((await anon.get('/calls/99999')).statusCode, 404);
  });

  test('public pages stay within five SQL queries', async () => {
    const anon = new Browser(h.app);
    for (const url of ['/calls', `/calls/${openId}`, `/calls/${openId}?page=2`, '/calls?page=3']) {
      const before = h.ctx.handle.queryCount();
      const res = await anon.get(url);
      assert.equal(res.statusCode, 200, url);
      const used = h.ctx.handle.queryCount() - before;
      assert.ok(used <= 5, `${url}: ${used} queries`);
    }
  });
});

describe('who may do what', () => {
  test('anonymous visitors are sent to sign in; wrong roles get a Persian 403', async () => {
    const anon = new Browser(h.app);
    const r = await anon.get('/admin/calls');
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), /^\/login\?next=/);
    const mod = await signIn(f.staff.moderator.email);
    for (const url of ['/admin/calls', '/admin/calls/new', `/admin/calls/${openId}`, `/admin/calls/${openId}/compliance`, `/admin/agencies/${f.agencies[0]!.agencyId}/scorecard`]) {
      const res = await mod.get(url);
      assert.equal(res.statusCode, 403, url);
      assert.match(res.body, /دسترسی مجاز نیست/);
    }
    const officer = await signIn(f.agencies[0]!.officerEmail, 'mahalle-officer-demo');
    assert.equal((await officer.get(`/admin/calls/${openId}/compliance?format=csv`)).statusCode, 403);
  });

  test('council members read calls, compliance and scorecards but cannot run calls', async () => {
    const council = await signIn(f.staff.council.email);
    for (const url of ['/admin/calls', `/admin/calls/${openId}`, `/admin/calls/${openId}/compliance`, `/admin/agencies/${f.agencies[0]!.agencyId}/scorecard`]) {
      const res = await council.get(url);
      assert.equal(res.statusCode, 200, url);
      assertPersianPage(url, res.body);
    }
    const page = await council.get(`/admin/calls/${openId}`);
    assert.doesNotMatch(page.body, /\/transition/, 'no state buttons');
    assert.equal((await council.get('/admin/calls/new')).statusCode, 403);
    const res = await council.post(`/admin/calls/${openId}/transition`, { action: 'close' }, { csrfFrom: '/admin/calls' });
    assert.equal(res.statusCode, 403);
    assert.equal((await findCall(h.ctx.db, openId))?.status, 'open');
    const draftPage = await new Browser(h.app).get(`/calls/${openId}`);
    assert.doesNotMatch(draftPage.body, /compliance/);
    assert.match((await council.get(`/calls/${openId}`)).body, new RegExp(`/admin/calls/${openId}/compliance`), 'staff see the way to the report');
  });
});

describe('the secretariat runs a call', () => {
  test('create: 422 with the values kept and Persian errors, then a draft', async () => {
    const b = await signIn(f.staff.secretary.email);
    const form = await b.get('/admin/calls/new');
    assert.equal(form.statusCode, 200);
    assertPersianPage('/admin/calls/new', form.body);
    const bad = await b.post('/admin/calls', { title: 'فراخوان تازهٔ آزمون', description: 'کوتاه', fiscalYear: '۱۴۰۵', budget: 'بسیار', deadline: '۱۴۰۵/۱۳/۰۱', harms: ['ADDICTION'], placeIds: [String(f.countyId)] }, { csrfFrom: '/admin/calls/new' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /value="فراخوان تازهٔ آزمون"/);
    assert.match(bad.body, /value="۱۴۰۵\/۱۳\/۰۱"/);
    assert.match(bad.body, /value="ADDICTION" checked/);
    assert.match(bad.body, new RegExp(`value="${f.countyId}" checked`));
    assert.match(bad.body, /شرح فراخوان باید/);
    assert.match(bad.body, /دست‌کم یک گروه هدف/);
    assert.match(bad.body, /class="error-summary"/);

    const input = callInput(h.ctx, f, { title: 'فراخوان ساخته‌شده از فرم' });
    const ok = await b.post('/admin/calls', { ...input, harms: [...input.harms], targetGroups: [...input.targetGroups], placeIds: [...input.placeIds] }, { csrfFrom: '/admin/calls/new' });
    assert.equal(ok.statusCode, 303);
    const id = Number(/\/admin\/calls\/(\d+)$/.exec(String(ok.headers.location))?.[1]);
    assert.equal((await findCall(h.ctx.db, id))?.status, 'draft');
    const page = await b.get(`/admin/calls/${id}`);
    assert.match(page.body, /پیش‌نویس فراخوان ساخته شد/);
    assert.match(page.body, /صد میلیارد ریال/, 'the budget also in words');
    assert.match(page.body, /هنوز هیچ دستگاهی به این فراخوان دعوت نشده است/, 'why it cannot open yet');
    assert.match(page.body, /disabled/);
    assertPersianPage(`/admin/calls/${id}`, page.body);

    const edit = await b.get(`/admin/calls/${id}/edit`);
    assert.match(edit.body, /value="۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰"/);
    assert.match(edit.body, /value="۱۴۰۵\/|value="۱۴۰۴\/|value="۱۴۰۶\//);
    assertPersianPage(`/admin/calls/${id}/edit`, edit.body);
    const badEdit = await b.post(`/admin/calls/${id}`, { ...input, title: 'ک', harms: [...input.harms], targetGroups: [...input.targetGroups], placeIds: [...input.placeIds] }, { csrfFrom: `/admin/calls/${id}/edit` });
    assert.equal(badEdit.statusCode, 422);
    assert.match(badEdit.body, /value="ک"/);
  });

  test('invite with credit: the amount is confirmed in words before it is saved; then open, exempt, report', async () => {
    const b = await signIn(f.staff.secretary.email);
    const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { title: 'فراخوان دعوت از فرم', days: 9 }));
    const invitePage = await b.get(`/admin/calls/${id}/invite`);
    assert.equal(invitePage.statusCode, 200);
    assertPersianPage('invite', invitePage.body);
    const agency = f.agencies[4]!;
    const bad = await b.post(`/admin/calls/${id}/invite`, { agencyId: String(agency.agencyId), credit: '۵۰۰٬۰۰۰٬۰۰۰٬۰۰۰' }, { csrfFrom: `/admin/calls/${id}/invite` });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /از سقف فراخوان بیشتر/);
    assert.match(bad.body, /value="۵۰۰٬۰۰۰٬۰۰۰٬۰۰۰"/);
    const confirm = await b.post(`/admin/calls/${id}/invite`, { agencyId: String(agency.agencyId), credit: '۴۰٬۰۰۰٬۰۰۰٬۰۰۰' }, { csrfFrom: `/admin/calls/${id}/invite` });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /چهل میلیارد ریال/);
    assert.match(confirm.body, /۴٬۰۰۰٬۰۰۰٬۰۰۰ تومان/);
    assert.match(confirm.body, /name="confirm" value="1"/);
    assertPersianPage('confirm', confirm.body);
    assert.equal(await findObligation(h.ctx.db, id, agency.agencyId), undefined, 'nothing saved before confirming');
    const saved = await b.post(`/admin/calls/${id}/invite`, { agencyId: String(agency.agencyId), credit: '40000000000', confirm: '1' }, { csrfFrom: `/admin/calls/${id}/invite` });
    assert.equal(saved.statusCode, 303);
    assert.equal((await findObligation(h.ctx.db, id, agency.agencyId))?.credit_rials, 40_000_000_000);
    await b.post(`/admin/calls/${id}/invite`, { agencyId: String(f.agencies[5]!.agencyId), credit: '1000000000', confirm: '1' }, { csrfFrom: `/admin/calls/${id}/invite` });

    const opened = await b.post(`/admin/calls/${id}/transition`, { action: 'open' }, { csrfFrom: `/admin/calls/${id}` });
    assert.equal(opened.statusCode, 303);
    assert.equal((await findCall(h.ctx.db, id))?.status, 'open');
    const page = await b.get(`/admin/calls/${id}`);
    assert.match(page.body, /وضعیت فراخوان به «باز» تغییر کرد/);
    assert.match(page.body, /مهلت ارسال طرح هنوز به پایان نرسیده است/, 'why it cannot close yet');
    const early = await b.post(`/admin/calls/${id}/transition`, { action: 'close' }, { csrfFrom: `/admin/calls/${id}` });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /هنوز به پایان نرسیده/);

    const base = `/admin/calls/${id}/agencies/${f.agencies[5]!.agencyId}`;
    const obligation = await b.get(base);
    assert.equal(obligation.statusCode, 200);
    assertPersianPage(base, obligation.body);
    const short = await b.post(`${base}/exempt`, { reason: 'چون' }, { csrfFrom: base });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /دلیل معافیت را دست‌کم/);
    assert.match(short.body, />چون<\/textarea>/);
    const exempt = await b.post(`${base}/exempt`, { reason: 'به موجب مصوبهٔ ستاد استان در جلسهٔ ۱۲' }, { csrfFrom: base });
    assert.equal(exempt.statusCode, 303);
    assert.equal((await findObligation(h.ctx.db, id, f.agencies[5]!.agencyId))?.status, 'exempted');
    const removeOpen = await b.post(`${base}/remove`, {}, { csrfFrom: base });
    assert.equal(removeOpen.statusCode, 409);

    h.clock.advance(10 * 86400);
    const { runCallReminders } = await import('./reminders.ts');
    await runCallReminders(h.ctx);
    const report = await b.get(`/admin/calls/${id}/compliance`);
    assert.equal(report.statusCode, 200);
    assertPersianPage('compliance', report.body);
    const overdueAt = report.body.indexOf('دیرکرد</span>');
    const exemptAt = report.body.indexOf('معاف</span>');
    assert.ok(overdueAt > 0 && exemptAt > overdueAt, 'overdue first');
    assert.match(report.body, /مصوبهٔ ستاد استان در جلسهٔ ۱۲/, 'the reason, in Persian digits');
    assert.match(report.body, /اعتبار بدون طرح/);
    assert.match(report.body, /\?print=1/);

    const print = await b.get(`/admin/calls/${id}/compliance?print=1`);
    assert.equal(print.statusCode, 200);
    assert.doesNotMatch(print.body, /site-header|main-nav/);
    assert.match(print.body, /<html lang="fa" dir="rtl">/);
    assertPersianPage('print', print.body);

    const csv = await b.get(`/admin/calls/${id}/compliance?format=csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="compliance-call-\d+\.csv"/);
    assert.equal(csv.rawPayload[0], 0xef, 'UTF-8 byte-order mark');
    assert.match(csv.body, /دیرکرد/);
    assert.match(csv.body, /,40000000000,0,دیرکرد,/);

    const xlsx = await b.get(`/admin/calls/${id}/compliance?format=xlsx`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(workbook.worksheets[0]!.rowCount, 3);
    assert.equal(workbook.worksheets[0]!.getRow(2).getCell(5).value, 'دیرکرد');

    const scorecard = await b.get(`/admin/agencies/${agency.agencyId}/scorecard`);
    assert.equal(scorecard.statusCode, 200);
    assert.match(scorecard.body, /نرخ ارسال طرح/);
    assert.match(scorecard.body, /۰٪/);
    assertPersianPage('scorecard', scorecard.body);
    assert.equal((await b.get('/admin/agencies/999999/scorecard')).statusCode, 404);
  });

  test('the call list shows overdue counts and links to the reports', async () => {
    const b = await signIn(f.staff.secretary.email);
    const res = await b.get('/admin/calls');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /فراخوان پیش‌نویس محرمانه/, 'drafts are listed for the secretariat');
    assert.match(res.body, new RegExp(`/admin/calls/${openId}/compliance`));
    assertPersianPage('/admin/calls', res.body);
  });
});
