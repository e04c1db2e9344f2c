// Residents' support over HTTP: the plan page's support box for visitors (cached, no form) and for
// each kind of signed-in person, the support and withdraw forms (CSRF required, a redirect back
// with a message, refusals included), and the count with its geography on the reviewers' pages.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { updateUserProfile } from '../accounts/accounts.repo.ts';
import { assertPersianPage } from '../calls/calls.fixtures.ts';
import { formatJalaliNumeric, gregorianIsoToJalali } from '../platform/persian/jalali.ts';
import { assignReviewers } from '../reviews/assign-reviewers.ts';
import { assignmentsOfPlan } from '../reviews/reviews.repo.ts';
import { Browser, csrfToken } from '../testing/harness.ts';
import { STAFF_PASSWORD } from '../comments/comments-test-setup.ts';
import { createSupportWorld, supportCounts, type SupportWorld } from './support-test-setup.ts';

let w: SupportWorld;
before(async () => {
  w = await createSupportWorld();
});
after(() => w.close());

const page = (id = w.planId) => `/plans/${id}`;
const supportForm = (id = w.planId) => `action="/plans/${id}/support"`;
const withdrawForm = (id = w.planId) => `action="/plans/${id}/support/withdraw"`;

/** Posts a support form from the plan page, as the browser would, and follows the redirect back. */
async function press(b: Browser, url: string, id = w.planId) {
  const from = await b.get(page(id));
  const res = await b.post(url, {}, { csrf: csrfToken(from.body) });
  assert.equal(res.statusCode, 303, `${url}: ${res.body.slice(0, 200)}`);
  assert.equal(res.headers.location, `${page(id)}#support`);
  const back = await b.get(page(id));
  assert.equal(back.statusCode, 200);
  return back.body;
}

describe('the support box on the plan page', () => {
  test('visitors see the count and a sign-in link, no form; the page stays cached and within five statements', async () => {
    const first = await w.h.app.inject({ url: page() });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /id="support"/);
    assert.match(first.body, /حمایت ساکنان: ۰ نفر/);
    assert.match(first.body, /هنوز کسی از این طرح حمایت نکرده است/);
    assert.ok(first.body.includes(`href="/login?next=${encodeURIComponent(`${page()}#support`)}"`), 'sign-in link back to the box');
    assert.ok(!first.body.includes(supportForm()));
    assert.ok(!first.body.includes('name="_csrf"'));
    assertPersianPage(page(), first.body);
    const before = w.h.ctx.handle.queryCount();
    const again = await w.h.app.inject({ url: `${page()}?corder=oldest` });
    assert.equal(again.statusCode, 200);
    assert.ok(w.h.ctx.handle.queryCount() - before <= 5, `statements: ${w.h.ctx.handle.queryCount() - before}`);
    const cached = await w.h.app.inject({ url: page() });
    assert.equal(cached.headers['x-page-cache'], 'hit');
  });

  test('a visitor who posts is sent to sign in and back to the plan', async () => {
    const anon = new Browser(w.h.app);
    const res = await anon.post(`${page()}/support`, {}, { csrfFrom: '/login' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/login?next=${encodeURIComponent(page())}`);
    assert.deepEqual(await supportCounts(w, w.planId), { column: 0, rows: 0 });
  });

  test('the form needs its CSRF token', async () => {
    const { browser } = await w.resident('الهام جعفری', w.places.minoodar);
    const res = await browser.post(`${page()}/support`, {}, { csrf: null });
    assert.equal(res.statusCode, 403);
    const wrong = await browser.post(`${page()}/support`, {}, { csrf: 'not-a-token' });
    assert.equal(wrong.statusCode, 403);
    assert.deepEqual(await supportCounts(w, w.planId), { column: 0, rows: 0 });
  });

  test('a resident supports, sees their own state and the geography, supports again (no-op) and withdraws', async () => {
    const { browser } = await w.resident('زهرا احمدی', w.places.minoodar);
    const before = await browser.get(page());
    assert.match(before.body, /شما ساکن محله مینودر هستید و می‌توانید از این طرح حمایت کنید/);
    assert.ok(before.body.includes(supportForm()));
    assert.ok(!before.body.includes(withdrawForm()));
    assert.equal(before.headers['x-page-cache'], undefined, 'a signed-in page is never cached');

    const after = await press(browser, `${page()}/support`);
    assert.match(after, /حمایت شما از این طرح ثبت شد/);
    assert.match(after, /حمایت ساکنان: ۱ نفر/);
    assert.match(after, /شما از این طرح حمایت کرده‌اید/);
    assert.ok(after.includes(withdrawForm()));
    assert.ok(!after.includes(supportForm()));
    assert.match(after, /حامیان به تفکیک شهرستان/);
    assert.match(after, /شهرستان قزوین/);
    assert.match(after, /محله مینودر/);
    assert.match(after, /<meter min="0" max="1" value="1"/);
    assertPersianPage(page(), after);

    // A second support (say, from a page opened earlier) changes nothing and says so.
    const stale = await browser.get('/profile');
    const again = await browser.post(`${page()}/support`, {}, { csrf: csrfToken(stale.body) });
    assert.equal(again.statusCode, 303);
    assert.match((await browser.get(page())).body, /شما پیش‌تر از این طرح حمایت کرده‌اید/);
    assert.deepEqual(await supportCounts(w, w.planId), { column: 1, rows: 1 });

    // Visitors see the new count: the support wrote an audit entry, which versions the cache.
    assert.match((await w.h.app.inject({ url: page() })).body, /حمایت ساکنان: ۱ نفر/);
    assert.match((await w.h.app.inject({ url: '/plans' })).body, /۱ حامی/);

    const withdrawn = await press(browser, `${page()}/support/withdraw`);
    assert.match(withdrawn, /حمایت شما از این طرح پس گرفته شد/);
    assert.match(withdrawn, /حمایت ساکنان: ۰ نفر/);
    assert.ok(withdrawn.includes(supportForm()));
    assert.deepEqual(await supportCounts(w, w.planId), { column: 0, rows: 0 });
  });

  test('without a home place: a link to the profile, and a refusal that says why', async () => {
    const { browser } = await w.resident('نیما فرهادی', null);
    const box = await browser.get(page());
    assert.ok(box.body.includes('href="/profile"'));
    assert.match(box.body, /انتخاب محل زندگی در نمایه/);
    assert.ok(!box.body.includes(supportForm()));
    const back = await press(browser, `${page()}/support`);
    assert.match(back, /flash-error/);
    assert.match(back, /نخست محله یا روستای محل زندگی خود را در نمایه‌تان انتخاب کنید/);
  });

  test('a resident elsewhere is told which places the plan is for', async () => {
    const { browser } = await w.resident('سعید مرادی', w.places.balaghi);
    const box = await browser.get(page());
    assert.match(box.body, /این طرح برای ساکنان محله پونک، روستا خیارج و محله مینودر است و محل زندگی شما \(محله بلاغی\)/);
    assert.ok(!box.body.includes(supportForm()));
    const back = await press(browser, `${page()}/support`);
    assert.match(back, /flash-error/);
    assert.match(back, /محل زندگی شما \(محله بلاغی\) در این محدوده نیست/);
    assert.deepEqual(await supportCounts(w, w.planId), { column: 0, rows: 0 });
  });

  test('an officer of the plan\'s agency is told they cannot support it', async () => {
    await updateUserProfile(w.db, w.officerId, { name: 'مهدی رضایی', homePlaceId: w.places.minoodar, now: w.h.clock.now().toISOString() });
    const officer = await w.staff('officer@example.org');
    const box = await officer.get(page());
    assert.match(box.body, /کارکنان دستگاه اجرایی این طرح نمی‌توانند/);
    assert.ok(!box.body.includes(supportForm()));
    const back = await press(officer, `${page()}/support`);
    assert.match(back, /flash-error/);
    assert.deepEqual(await supportCounts(w, w.planId), { column: 0, rows: 0 });
  });

  test('a plan closed to support says so; its supporters keep their support and cannot withdraw it', async () => {
    const planId = await w.plan('کارگاه مهارت‌آموزی برای زنان سرپرست خانوار مینودر', undefined, 'approved', { places: [{ placeId: w.places.minoodar, countyId: w.places.countyA }] });
    const supporter = await w.resident('فاطمه نوری', w.places.minoodar);
    assert.match(await press(supporter.browser, `/plans/${planId}/support`, planId), /حمایت شما از این طرح ثبت شد/);
    await w.setStatus(planId, 'approved', 'funded');

    const late = await w.resident('اکبر صالحی', w.places.minoodar);
    const box = await late.browser.get(page(planId));
    assert.match(box.body, /حمایت از این طرح بسته است، چون وضعیت آن/);
    assert.ok(!box.body.includes(supportForm(planId)));
    assert.match(await press(late.browser, `/plans/${planId}/support`, planId), /flash-error/);

    const own = await supporter.browser.get(page(planId));
    assert.match(own.body, /شما از این طرح حمایت کرده‌اید. حمایت از طرح اکنون بسته است/);
    assert.ok(!own.body.includes(withdrawForm(planId)));
    assert.match(await press(supporter.browser, `/plans/${planId}/support/withdraw`, planId), /دیگر پس گرفته نمی‌شوند/);
    assert.deepEqual(await supportCounts(w, planId), { column: 1, rows: 1 });

    const anon = await w.h.app.inject({ url: page(planId) });
    assert.match(anon.body, /حمایت از این طرح بسته است/);
    assert.ok(!anon.body.includes(`/login?next=${encodeURIComponent(`${page(planId)}#support`)}`));
  });

  test('a plan that is not public has no support box and no support', async () => {
    const draft = await w.plan('پیش‌نویس طرح برای مینودر', undefined, 'draft', { places: [{ placeId: w.places.minoodar, countyId: w.places.countyA }] });
    const officer = await w.staff('officer@example.org');
    const own = await officer.get(page(draft));
    assert.equal(own.statusCode, 200);
    assert.doesNotMatch(own.body, /id="support"/);
    const { browser } = await w.resident('شیما قربانی', w.places.minoodar);
    const res = await browser.post(`/plans/${draft}/support`, {}, { csrfFrom: '/profile' });
    assert.equal(res.statusCode, 404);
  });
});

describe('reviewers see the support', () => {
  test('the reviewer\'s page and the secretariat\'s combined scores show «حمایت ساکنان: N نفر» with the geography', async () => {
    const secretaryId = await createStaffUser(w.h.ctx, { actorId: null, name: 'سارا دبیری', email: 'secretary@example.org', password: STAFF_PASSWORD, roles: ['secretary'] });
    const expertId = await createStaffUser(w.h.ctx, { actorId: null, name: 'مینا دانشور', email: 'expert@example.org', password: STAFF_PASSWORD, roles: ['expert'] });
    const due = formatJalaliNumeric(gregorianIsoToJalali(new Date(w.h.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10)));
    await assignReviewers(w.h.ctx, { id: secretaryId, roles: ['secretary'] }, w.planId, { reviewerIds: [expertId], due });
    const assignment = (await assignmentsOfPlan(w.db, w.planId)).find((a) => a.reviewer_id === expertId);
    assert.ok(assignment);

    for (const [name, home] of [['آرش', w.places.minoodar], ['بهار', w.places.pounak], ['پرستو', w.places.khiarj]] as const) {
      await press((await w.resident(name, home)).browser, `${page()}/support`);
    }
    const expert = await w.staff('expert@example.org');
    const review = await expert.get(`/reviews/${assignment.id}`);
    assert.equal(review.statusCode, 200);
    const secretary = await w.staff('secretary@example.org');
    const scores = await secretary.get(`/admin/reviews/${w.planId}`);
    assert.equal(scores.statusCode, 200);
    for (const [url, html] of [[`/reviews/${assignment.id}`, review.body], [`/admin/reviews/${w.planId}`, scores.body]] as const) {
      assert.match(html, /حمایت ساکنان: ۳ نفر/, url);
      assert.match(html, /شهرستان قزوین<\/span><span class="meta">۲ نفر \(۶۷٪\)/, url);
      assert.match(html, /شهرستان تاکستان<\/span><span class="meta">۱ نفر \(۳۳٪\)/, url);
      assert.match(html, /روستا خیارج/, url);
      assertPersianPage(url, html);
    }
  });
});
