import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { rolesOf } from '../accounts/accounts.repo.ts';
import { assertPersianPage, callsFixture, STAFF_PASSWORD, type Fixture } from '../calls/calls.fixtures.ts';
import { Browser, createHarness, type Harness } from '../testing/harness.ts';
import { agencyIdsOfOfficer, countAgencies, findAgency } from './agencies.repo.ts';

let h: Harness;
let f: Fixture;
before(async () => {
  h = await createHarness();
  f = await callsFixture(h.ctx);
});
after(() => h.close());

async function signIn(email: string, password = STAFF_PASSWORD): Promise<Browser> {
  const b = new Browser(h.app);
  const res = await b.post('/login/password', { email, password, next: '/admin' }, { csrfFrom: '/login' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return b;
}

describe('agencies administration', () => {
  test('only admins and the secretariat manage agencies', async () => {
    const anon = new Browser(h.app);
    assert.equal((await anon.get('/admin/agencies')).statusCode, 303);
    for (const who of [f.staff.council, f.staff.moderator, f.staff.expert]) {
      const b = await signIn(who.email);
      for (const url of ['/admin/agencies', '/admin/agencies/new', `/admin/agencies/${f.agencies[0]!.agencyId}`]) {
        const res = await b.get(url);
        assert.equal(res.statusCode, 403, `${who.email} ${url}`);
        assert.match(res.body, /دسترسی مجاز نیست/);
      }
      const post = await b.post('/admin/agencies', { name: 'دستگاه نفوذی', kind: 'government' }, { csrfFrom: '/' });
      assert.equal(post.statusCode, 403);
    }
    assert.equal(await countAgencies(h.ctx.db), 10);
    const officer = await signIn(f.agencies[0]!.officerEmail, 'mahalle-officer-demo');
    assert.equal((await officer.get('/admin/agencies')).statusCode, 403);
  });

  test('the list shows the ten agencies with kind, scope and officers, in Persian', async () => {
    const b = await signIn(f.staff.secretary.email);
    const res = await b.get('/admin/agencies');
    assert.equal(res.statusCode, 200);
    for (const name of ['اداره کل بهزیستی استان قزوین', 'شهرداری قزوین', 'دانشگاه علوم پزشکی قزوین', 'جمعیت هلال احمر استان قزوین']) assert.ok(res.body.includes(name), name);
    assert.match(res.body, /شهرستان قزوین/, 'the municipality is scoped to its county');
    assert.match(res.body, /نهاد عمومی/);
    assert.match(res.body, /\/scorecard/);
    assertPersianPage('/admin/agencies', res.body);
    assert.equal((await b.get('/admin/agencies?page=۲')).statusCode, 200);
    for (const url of ['/admin/agencies/new', `/admin/agencies/${f.agencies[4]!.agencyId}`]) assertPersianPage(url, (await b.get(url)).body);
  });

  test('create: 422 with values kept and Persian errors; then the agency exists', async () => {
    const b = await signIn(f.staff.admin.email);
    const bad = await b.post('/admin/agencies', { name: 'ا', kind: 'cult', scopePlaceId: '999999', email: 'not-an-email', phone: '۰۲۸۳۳۳۳۳۳۳۳' }, { csrfFrom: '/admin/agencies/new' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /نام دستگاه باید/);
    assert.match(bad.body, /نوع دستگاه را انتخاب کنید/);
    assert.match(bad.body, /قلمرو دستگاه باید استان/);
    assert.match(bad.body, /value="not-an-email"/);
    assert.match(bad.body, /value="۰۲۸۳۳۳۳۳۳۳۳"/);
    const dup = await b.post('/admin/agencies', { name: 'اداره كل بهزيستي استان قزوين', kind: 'government', active: '1' }, { csrfFrom: '/admin/agencies/new' });
    assert.equal(dup.statusCode, 422, 'Arabic letters do not make a new name');
    assert.match(dup.body, /پیش‌تر ثبت شده/);
    const ok = await b.post('/admin/agencies', { name: 'اداره کل میراث فرهنگی استان قزوین', kind: 'government', scopePlaceId: String(f.provinceId), active: '1' }, { csrfFrom: '/admin/agencies/new' });
    assert.equal(ok.statusCode, 303);
    const id = Number(/(\d+)$/.exec(String(ok.headers.location))?.[1]);
    const agency = await findAgency(h.ctx.db, id);
    assert.equal(agency?.kind, 'government');
    assert.equal(agency?.active, 1);
    const page = await b.get(`/admin/agencies/${id}`);
    assert.match(page.body, /دستگاه ثبت شد/);

    const edit = await b.post(`/admin/agencies/${id}`, { name: 'اداره کل میراث فرهنگی، گردشگری و صنایع دستی استان قزوین', kind: 'government', scopePlaceId: String(f.provinceId), phone: '', email: 'heritage@example.org', address: 'قزوین' }, { csrfFrom: `/admin/agencies/${id}` });
    assert.equal(edit.statusCode, 303);
    const edited = await findAgency(h.ctx.db, id);
    assert.equal(edited?.active, 0, 'an unticked box makes it inactive');
    assert.equal(edited?.email, 'heritage@example.org');
    const badEdit = await b.post(`/admin/agencies/${id}`, { name: 'ک', kind: 'government' }, { csrfFrom: `/admin/agencies/${id}` });
    assert.equal(badEdit.statusCode, 422);
    assert.match(badEdit.body, /value="ک"/);
  });

  test('officers are added by email or mobile and removed; unknown people get a Persian message', async () => {
    const b = await signIn(f.staff.secretary.email);
    const id = f.agencies[9]!.agencyId;
    const page = await b.get(`/admin/agencies/${id}`);
    assert.match(page.body, /کارشناس هلال احمر \(نمونه\)/);
    const unknown = await b.post(`/admin/agencies/${id}/officers`, { who: 'nobody@example.org' }, { csrfFrom: `/admin/agencies/${id}` });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /پیدا نشد/);
    assert.match(unknown.body, /value="nobody@example.org"/);
    const userId = await createStaffUser(h.ctx, { actorId: null, name: 'امدادگر تازه', email: 'rescuer@example.org', password: STAFF_PASSWORD, roles: ['expert'], mobile: '09121234567' });
    const added = await b.post(`/admin/agencies/${id}/officers`, { who: '۰۹۱۲ ۱۲۳ ۴۵۶۷' }, { csrfFrom: `/admin/agencies/${id}` });
    assert.equal(added.statusCode, 303);
    assert.deepEqual(await agencyIdsOfOfficer(h.ctx.db, userId), [id]);
    assert.deepEqual((await rolesOf(h.ctx.db, userId)).sort(), ['agency_officer', 'expert']);
    const after = await b.get(`/admin/agencies/${id}`);
    assert.match(after.body, /امدادگر تازه/);
    const removed = await b.post(`/admin/agencies/${id}/officers/${userId}/remove`, {}, { csrfFrom: `/admin/agencies/${id}` });
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(await agencyIdsOfOfficer(h.ctx.db, userId), []);
    const audit = await h.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'agency').where('subject_id', '=', String(id)).orderBy('id').execute();
    assert.deepEqual(audit.slice(-2).map((a) => a.action), ['agency.officer_added', 'agency.officer_removed']);
    assert.equal((await b.get('/admin/agencies/999999')).statusCode, 404);
  });
});
