import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countAudit } from '../platform/audit/audit.repo.ts';
import { Browser, createHarness, lastCode, type Harness } from '../testing/harness.ts';
import { createStaffUser } from './create-staff-user.ts';
import { findUserByMobile, rolesOf } from './accounts.repo.ts';
import { importPlaces } from '../places/import-places.ts';
import { demoPlaces, realPlaces } from '../places/demo-places.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
  await importPlaces(h.ctx, realPlaces, { actorId: null });
  await importPlaces(h.ctx, demoPlaces, { actorId: null, isDemo: true });
  await createStaffUser(h.ctx, { actorId: null, name: 'مدیر', email: 'admin@example.org', password: 'correct horse battery', roles: ['admin'] });
  await createStaffUser(h.ctx, { actorId: null, name: 'ناظر', email: 'mod@example.org', password: 'correct horse battery', roles: ['moderator'] });
});
after(() => h.close());

async function register(b: Browser, mobile: string, name = 'زهرا احمدی') {
  const res = await b.post('/register', { mobile, name }, { csrfFrom: '/register' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  assert.equal(res.headers.location, '/verify');
}

describe('citizen registration with a one-time code', () => {
  test('register, verify, choose a home neighborhood, log out', async () => {
    const b = new Browser(h.app);
    await register(b, '۰۹۱۲ ۱۱۱ ۲۲۳۳');
    const verify = await b.get('/verify');
    assert.match(verify.body, /۰۹۱۲\*\*\*۲۲۳۳/);
    const code = lastCode(h, '09121112233');
    const res = await b.post('/verify', { code: code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) }, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/profile');
    const sid = b.cookie('sid');
    assert.ok(sid);
    const stored = await h.ctx.db.selectFrom('sessions').select('token_hash').execute();
    assert.ok(stored.every((s) => s.token_hash !== sid), 'only a hash of the token is stored');

    const user = await findUserByMobile(h.ctx.db, '09121112233');
    assert.equal(user?.name, 'زهرا احمدی');
    assert.deepEqual(await rolesOf(h.ctx.db, user!.id), ['citizen']);

    const profile = await b.get('/profile');
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, /خوش آمدید/);
    const option = /<option value="(\d+)"[^>]*>مینودر/.exec(profile.body);
    assert.ok(option, 'demo neighborhood offered');
    const saved = await b.post('/profile', { name: 'زهرا احمدی', home_place_id: option[1]! }, { csrfFrom: '/profile' });
    assert.equal(saved.statusCode, 303);
    assert.equal((await findUserByMobile(h.ctx.db, '09121112233'))?.home_place_id, Number(option[1]));

    const out = await b.post('/logout', {}, { csrfFrom: '/profile' });
    assert.equal(out.statusCode, 303);
    assert.equal((await b.get('/profile')).statusCode, 303, 'signed out');
  });

  test('a wrong mobile number gets a Persian error and sends nothing', async () => {
    const b = new Browser(h.app);
    const before = h.sms.length;
    const res = await b.post('/register', { mobile: '12345', name: 'علی' }, { csrfFrom: '/register' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /شمارهٔ همراه باید ۱۱ رقم باشد/);
    assert.match(res.body, /value="12345"/, 'the value is kept');
    assert.match(res.body, /value="علی"/);
    assert.equal(h.sms.length, before);
  });

  test('wrong, expired and exhausted codes are refused in Persian', async () => {
    const b = new Browser(h.app);
    await register(b, '09122223344');
    const right = lastCode(h, '09122223344');
    const wrong = right === '000000' ? '111111' : '000000';
    let res = await b.post('/verify', { code: wrong }, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /کد واردشده درست نیست. ۴ بار دیگر/);
    res = await b.post('/verify', { code: '12' }, { csrfFrom: '/verify' });
    assert.match(res.body, /کد تأیید باید ۶ رقم باشد/);

    h.clock.advance(121);
    res = await b.post('/verify', { code: right }, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /منقضی شده/);
    assert.equal(await findUserByMobile(h.ctx.db, '09122223344'), undefined, 'no account was made');

    res = await b.post('/verify/resend', {}, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 303);
    const fresh = lastCode(h, '09122223344');
    const bad = fresh === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) res = await b.post('/verify', { code: bad }, { csrfFrom: '/verify' });
    assert.match(res.body, /تعداد تلاش‌های نادرست بیش از حد شد/);
    res = await b.post('/verify', { code: fresh }, { csrfFrom: '/verify' });
    assert.match(res.body, /تعداد تلاش‌های نادرست بیش از حد شد/, 'even the right code is refused after 5 failures');
    assert.equal(await findUserByMobile(h.ctx.db, '09122223344'), undefined);
  });

  test('codes to one number are limited: a minute apart, and a few per hour', async () => {
    const b = new Browser(h.app);
    await register(b, '09123334455');
    let res = await b.post('/verify/resend', {}, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /ثانیه دیگر/);
    for (let i = 0; i < 4; i++) {
      h.clock.advance(61);
      res = await b.post('/verify/resend', {}, { csrfFrom: '/verify' });
      assert.equal(res.statusCode, 303);
    }
    h.clock.advance(61);
    res = await b.post('/verify/resend', {}, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /برای این شماره در یک ساعت گذشته/);
  });

  test('a second login reuses the account; logout everywhere ends every session', async () => {
    const one = new Browser(h.app);
    const two = new Browser(h.app);
    for (const b of [one, two]) {
      h.clock.advance(61);
      const res = await b.post('/login/otp', { mobile: '09124445566' }, { csrfFrom: '/login' });
      assert.equal(res.statusCode, 303);
      const v = await b.post('/verify', { code: lastCode(h, '09124445566') }, { csrfFrom: '/verify' });
      assert.equal(v.statusCode, 303);
    }
    assert.equal((await h.ctx.db.selectFrom('users').select('id').where('mobile', '=', '09124445566').execute()).length, 1);
    assert.equal((await one.get('/profile')).statusCode, 200);
    assert.equal((await two.get('/profile')).statusCode, 200);
    await one.post('/logout/all', {}, { csrfFrom: '/profile' });
    assert.equal((await two.get('/profile')).statusCode, 303, 'the other device is signed out too');
  });
});

describe('staff and administration', () => {
  async function staffLogin(email: string, password = 'correct horse battery') {
    const b = new Browser(h.app);
    const res = await b.post('/login/password', { email, password, next: '/admin' }, { csrfFrom: '/login' });
    return { b, res };
  }

  test('wrong password and unknown email get the same Persian message', async () => {
    const a = await staffLogin('admin@example.org', 'wrong password!!');
    const u = await staffLogin('nobody@example.org', 'wrong password!!');
    assert.equal(a.res.statusCode, 422);
    assert.equal(u.res.statusCode, 422);
    assert.match(a.res.body, /رایانامه یا گذرواژه درست نیست/);
    assert.match(u.res.body, /رایانامه یا گذرواژه درست نیست/);
  });

  test('an admin creates a staff account; the new person signs in with several roles', async () => {
    const { b, res } = await staffLogin('ADMIN@example.org ');
    assert.equal(res.headers.location, '/admin');
    assert.equal((await b.get('/admin')).statusCode, 200);
    const bad = await b.post('/admin/users', { name: 'ک', email: 'x', password: 'short', roles: ['wizard'] }, { csrfFrom: '/admin/users/new' });
    assert.equal(bad.statusCode, 422);
    for (const msg of [/نام باید/, /رایانامه درست نیست/, /دست‌کم ۱۰ نویسه/, /دست‌کم یک نقش معتبر/]) assert.match(bad.body, msg);
    const ok = await b.post('/admin/users', { name: 'کارشناس بهزیستی', email: 'officer@example.org', password: 'a long enough password', roles: ['agency_officer', 'expert'] }, { csrfFrom: '/admin/users/new' });
    assert.equal(ok.statusCode, 303);
    const list = await b.get('/admin/users');
    assert.match(list.body, /کارشناس بهزیستی/);
    const officer = await staffLogin('officer@example.org', 'a long enough password');
    assert.equal(officer.res.statusCode, 303);
    const audit = await h.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'user.created').execute();
    assert.ok(audit.length >= 1);
  });

  test('routes check roles: anonymous → login, wrong role → 403 in Persian', async () => {
    const anon = new Browser(h.app);
    const r1 = await anon.get('/admin/users');
    assert.equal(r1.statusCode, 303);
    assert.equal(r1.headers.location, '/login?next=%2Fadmin%2Fusers');
    const { b } = await staffLogin('mod@example.org');
    const r2 = await b.get('/admin/users');
    assert.equal(r2.statusCode, 403);
    assert.match(r2.body, /دسترسی مجاز نیست/);
    const r3 = await b.post('/admin/users', { name: 'نفوذی', email: 'x@example.org', password: 'a long enough password', roles: ['admin'] }, { csrfFrom: '/' });
    assert.equal(r3.statusCode, 403);
    assert.equal((await h.ctx.db.selectFrom('users').select('id').where('email', '=', 'x@example.org').execute()).length, 0);
    const json = await anon.get('/admin/users', { accept: 'application/json' });
    assert.equal(json.statusCode, 401);
    assert.equal(JSON.parse(json.body).error.code, 'unauthorized');
  });

  test('an admin cannot lock themselves out; disabling ends the other person\'s sessions', async () => {
    const { b } = await staffLogin('admin@example.org');
    const me = await h.ctx.db.selectFrom('users').select('id').where('email', '=', 'admin@example.org').executeTakeFirstOrThrow();
    const res = await b.post(`/admin/users/${me.id}/roles`, { roles: ['citizen'] }, { csrfFrom: `/admin/users/${me.id}` });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /نمی‌توانید حساب خودتان/);
    const mod = await staffLogin('mod@example.org');
    const modUser = await h.ctx.db.selectFrom('users').select('id').where('email', '=', 'mod@example.org').executeTakeFirstOrThrow();
    const off = await b.post(`/admin/users/${modUser.id}/status`, { status: 'disabled' }, { csrfFrom: `/admin/users/${modUser.id}` });
    assert.equal(off.statusCode, 303);
    assert.equal((await mod.b.get('/profile')).statusCode, 303, 'signed out');
    const again = await staffLogin('mod@example.org');
    assert.equal(again.res.statusCode, 403);
    assert.match(again.res.body, /غیرفعال/);
    await b.post(`/admin/users/${modUser.id}/status`, { status: 'active' }, { csrfFrom: `/admin/users/${modUser.id}` });
  });
});

describe('bad input changes nothing', () => {
  test('a form without its CSRF token is refused in Persian', async () => {
    const b = new Browser(h.app);
    const before = await countAudit(h.ctx.db);
    const res = await b.post('/register', { mobile: '09125556677', name: 'بی‌توکن' }, { csrf: null });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /نشست فرم منقضی شده است/);
    const forged = await b.post('/register', { mobile: '09125556677', name: 'بی‌توکن' }, { csrf: 'forged-token' });
    assert.equal(forged.statusCode, 403);
    assert.equal(await countAudit(h.ctx.db), before);
    assert.ok(!h.sms.some((s) => s.to === '09125556677'));
  });

  test('an oversized body is refused in Persian', async () => {
    const b = new Browser(h.app);
    const res = await b.post('/register', { mobile: '09125556677', name: 'ا'.repeat(1_100_000) }, { csrfFrom: '/register' });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /حجم داده بیش از حد مجاز است/);
  });

  test('unknown pages and places are Persian 404s', async () => {
    const b = new Browser(h.app);
    for (const url of ['/no-such-page', '/places/999999', '/places/abc', '/admin/users/xyz']) {
      const res = await b.get(url);
      assert.ok([404, 303].includes(res.statusCode), url);
      if (res.statusCode === 404) assert.match(res.body, /صفحه پیدا نشد/);
    }
    const json = await b.get('/places/999999', { accept: 'application/json' });
    assert.equal(json.statusCode, 404);
    assert.equal(JSON.parse(json.body).error.message, 'صفحه پیدا نشد');
  });

  test('security headers are set', async () => {
    const res = await new Browser(h.app).get('/');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });
});
