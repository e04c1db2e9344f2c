// Residency pages end to end: the secretariat uploads a census list (a good file is imported; a
// bad one is reported row by row with nothing stored), a resident verifies with their national ID,
// the secretariat verifies a resident by hand and revokes it; citizens cannot reach the staff page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { findUserByMobile } from '../accounts/accounts.repo.ts';
import { assertPersianPage } from '../calls/calls.fixtures.ts';
import { createBallotWorld, type BallotWorld } from '../ballots/ballots-test-setup.ts';
import { STAFF_PASSWORD } from '../comments/comments-test-setup.ts';
import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import type { Browser } from '../testing/harness.ts';
import { withCheckDigit } from './national-id.ts';

let w: BallotWorld;
let secretary: Browser;
const ids = { a: withCheckDigit('001357911'), b: withCheckDigit('002468024'), c: withCheckDigit('003690369'), unlisted: withCheckDigit('009999991') };

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer | string } | null) {
  const boundary = '----mahalle-residency-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(b: Browser, file: { name: string; content: Buffer | string } | null) {
  const page = await b.get('/admin/residency');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return w.h.app.inject({ method: 'POST', url: '/admin/residency/census', ...multipart({ _csrf: token }, file), cookies: { sid: b.cookie('sid')!, _csrf: b.cookie('_csrf')! } });
}

const censusCount = async () => (await w.db.selectFrom('census_records').select('id').execute()).length;
const importCount = async () => (await w.db.selectFrom('census_imports').select('id').execute()).length;

async function setHome(mobile: string, placeId: number) {
  const u = await findUserByMobile(w.db, mobile);
  await w.db.updateTable('users').set({ home_place_id: placeId }).where('id', '=', u!.id).execute();
  return u!.id;
}

before(async () => {
  w = await createBallotWorld();
  await createStaffUser(w.h.ctx, { actorId: null, name: 'دبیر ستاد', email: 'dabir@example.org', password: STAFF_PASSWORD, roles: ['secretary'] });
  secretary = await w.staff('dabir@example.org');
});
after(() => w.close());

describe('residency pages', () => {
  test('the staff page is the secretariat’s; the own page needs signing in', async () => {
    const anonymous = await w.h.app.inject({ method: 'GET', url: '/my/residency' });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/login\?next=/);
    const { browser: citizen } = await w.citizen();
    assert.equal((await citizen.get('/admin/residency')).statusCode, 403);
    const forged = await citizen.post('/admin/residency/verify', { mobile: '09120000000', note: 'دیده شد' }, { csrfFrom: '/my/residency' });
    assert.equal(forged.statusCode, 403);
    const page = await secretary.get('/admin/residency');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /هنوز فهرستی بارگذاری نشده است/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    const admin = await secretary.get('/admin');
    assert.ok(admin.body.includes('href="/admin/residency"') && admin.body.includes('href="/admin/ballots"'), 'linked from the admin home');
  });

  test('a bad census file is reported row by row with Persian line numbers, and nothing is stored', async () => {
    const csv = [
      'national_id,place_code',
      `${ids.a},9260100001`,
      '0013579117,9260100001',
      `${ids.b},1234567`,
      `${ids.a},9260100002`,
    ].join('\n');
    const res = await upload(secretary, { name: 'سرشماری-خراب.csv', content: csv });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('residency.page.nothing_imported').slice(0, 30)));
    for (const line of [3, 4, 5]) assert.ok(res.body.includes(`<td class="num">${toPersianDigits(line)}</td>`), `line ${line}`);
    assert.match(res.body, /کد ملی «۰۰۱۳۵۷۹۱۱۷» درست نیست/);
    assert.match(res.body, /محله یا روستایی با کد ۱۲۳۴۵۶۷ ثبت نشده است/);
    assert.match(res.body, /این کد ملی در سطر ۲ هم آمده است/);
    assert.equal(await censusCount(), 0);
    assert.equal(await importCount(), 0);

    const header = await upload(secretary, { name: 'x.csv', content: 'a,b\n1,2\n' });
    assert.equal(header.statusCode, 422);
    assert.ok(header.body.includes(t('residency.census.header')));
    const none = await upload(secretary, null);
    assert.equal(none.statusCode, 422);
    assert.ok(none.body.includes(t('residency.page.no_file')));
    const binary = await upload(secretary, { name: 'x.csv', content: Buffer.from([0x89, 0x50, 0, 1, 2]) });
    assert.equal(binary.statusCode, 415);
    const big = await upload(secretary, { name: 'big.csv', content: Buffer.alloc(5 * 1024 * 1024 + 10, 0x61) });
    assert.equal(big.statusCode, 413);
    assert.equal(await censusCount(), 0);
  });

  test('a good census file is imported, and listed with its rows, who and when', async () => {
    const csv = `\uFEFFکد ملی,کد محله\n${toPersianDigits(ids.a)},9260100001\n${ids.b},9260100002\n${ids.c},9260600001\n`;
    const res = await upload(secretary, { name: 'سرشماری ۱۴۰۵.csv', content: csv });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(await censusCount(), 3);
    const flash = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'flash')!;
    const page = await w.h.app.inject({ method: 'GET', url: String(res.headers.location), cookies: { sid: secretary.cookie('sid')!, flash: flash.value } });
    assert.match(page.body, /فهرست درون‌ریزی شد: ۳ سطر، ۳ کد ملی تازه و ۰ کد ملی به‌روزشده/);
    assert.match(page.body, /سرشماری (۱۴۰۵|1405)\.csv/);
    assert.match(page.body, /دبیر ستاد/);
    const stored = await w.db.selectFrom('census_records').select('national_id_hash').execute();
    assert.ok(stored.every((r) => !r.national_id_hash.includes(ids.a) && /^[0-9a-f]{64}$/.test(r.national_id_hash)), 'only HMACs are stored');
  });

  test('a resident verifies with their national ID; a wrong or unlisted ID is refused beside the field', async () => {
    const { browser: resident, mobile } = await w.citizen('مریم کریمی');
    const profile = await resident.get('/profile');
    assert.ok(profile.body.includes('href="/my/residency"'), 'linked from the profile');

    const homeless = await resident.get('/my/residency');
    assert.equal(homeless.statusCode, 200);
    assert.match(homeless.body, /هنوز محلهٔ سکونت خود را برنگزیده‌اید/);
    assert.ok(!homeless.body.includes('name="nationalId"'));

    await setHome(mobile, w.places.north);
    const form = await resident.get('/my/residency');
    assertPersianPage('/my/residency', form.body);
    assert.match(form.body, /سکونت شما تأیید نشده است/);
    assert.match(form.body, /<label for="nationalId">/);

    const bad = await resident.post('/my/residency', { nationalId: '۱۲۳۴' }, { csrfFrom: '/my/residency' });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes(t('residency.self.invalid_id')));
    assert.match(bad.body, /id="nationalId-error"/);
    assert.match(bad.body, /value="۱۲۳۴"/);

    // Listed, but for another neighborhood: the page does not say where.
    const elsewhere = await resident.post('/my/residency', { nationalId: ids.b }, { csrfFrom: '/my/residency' });
    assert.equal(elsewhere.statusCode, 422);
    assert.ok(elsewhere.body.includes(t('residency.self.not_listed')));

    const ok = await resident.post('/my/residency', { nationalId: toPersianDigits(`${ids.a.slice(0, 3)}-${ids.a.slice(3, 9)}-${ids.a.slice(9)}`) }, { csrfFrom: '/my/residency' });
    assert.equal(ok.statusCode, 303);
    const done = await resident.get('/my/residency');
    assert.ok(done.body.includes(t('residency.page.self_done')));
    assert.match(done.body, /سکونت شما در «محلهٔ شمالی» با فهرست سرشماری در [۰-۹]+ \S+ [۰-۹]{4} تأیید شد/);
    assert.ok(!done.body.includes('name="nationalId"'), 'no form once verified');
    const user = await w.db.selectFrom('users').select(['residency_method', 'residency_place_id']).where('mobile', '=', mobile).executeTakeFirstOrThrow();
    assert.deepEqual(user, { residency_method: 'census', residency_place_id: w.places.north });

    // Moving home ends it until verified again.
    await setHome(mobile, w.places.south);
    const moved = await resident.get('/my/residency');
    assert.match(moved.body, /تأیید پیشین برای «محلهٔ شمالی» بود/);
    assert.ok(moved.body.includes('name="nationalId"'));
  });

  test('the secretariat verifies a resident by hand and revokes it; mistakes are explained beside the fields', async () => {
    const { mobile } = await w.citizen('حسن موسوی');
    const userId = await setHome(mobile, w.places.village);

    const bad = await secretary.post('/admin/residency/verify', { mobile: '۰۹۱۲', note: '' }, { csrfFrom: '/admin/residency' });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes(t('residency.hand.bad_mobile')));
    assert.match(bad.body, /id="mobile-error"/);
    const noNote = await secretary.post('/admin/residency/verify', { mobile, note: '  ' }, { csrfFrom: '/admin/residency' });
    assert.equal(noNote.statusCode, 422);
    assert.ok(noNote.body.includes(t('residency.hand.note_required')));
    assert.ok(noNote.body.includes(`value="${mobile}"`), 'the number stays in the field');

    const ok = await secretary.post('/admin/residency/verify', { mobile: toPersianDigits(mobile), note: 'قبض برق به نام خودش دیده شد.' }, { csrfFrom: '/admin/residency' });
    assert.equal(ok.statusCode, 303);
    const page = await secretary.get('/admin/residency');
    assert.match(page.body, /سکونت حسن موسوی در «روستای آبگرم» تأیید شد/);
    assert.match(page.body, /تأییدشده به دست دبیرخانه<\/dt><dd>۱<\/dd>/);
    assert.match(page.body, /تأییدشده با فهرست سرشماری<\/dt><dd>۰<\/dd>/, 'the census resident moved home, so theirs no longer counts');
    const verified = await w.db.selectFrom('users').select(['residency_method', 'residency_place_id', 'residency_verified_by']).where('id', '=', userId).executeTakeFirstOrThrow();
    assert.equal(verified.residency_method, 'manual');
    assert.equal(verified.residency_place_id, w.places.village);

    const noReason = await secretary.post('/admin/residency/revoke', { revokeMobile: mobile, revokeNote: '' }, { csrfFrom: '/admin/residency' });
    assert.equal(noReason.statusCode, 422);
    assert.ok(noReason.body.includes(t('residency.page.revoke_note_required')));
    const revoked = await secretary.post('/admin/residency/revoke', { revokeMobile: mobile, revokeNote: 'به خطا تأیید شده بود.' }, { csrfFrom: '/admin/residency' });
    assert.equal(revoked.statusCode, 303);
    assert.equal((await w.db.selectFrom('users').select('residency_verified_at').where('id', '=', userId).executeTakeFirstOrThrow()).residency_verified_at, null);
    const again = await secretary.post('/admin/residency/revoke', { revokeMobile: mobile, revokeNote: 'دوباره' }, { csrfFrom: '/admin/residency' });
    assert.equal(again.statusCode, 422);
    assert.ok(again.body.includes(t('residency.page.revoke_not_verified')));
    const actions = (await w.db.selectFrom('audit_log').select('action').where('action', 'like', 'residency.%').execute()).map((a) => a.action);
    for (const a of ['residency.census_imported', 'residency.verified', 'residency.self_failed', 'residency.revoked']) assert.ok(actions.includes(a), a);
  });
});
