// The secretariat's ballot pages end to end, through the forms a browser posts: a round made with
// Jalali dates typed in Persian digits, a refused form that keeps what was typed and stores nothing,
// the place filter, editing before opening, open now → close now → count → publish, the result
// with every project explained, and a citizen refused.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { assertPersianPage } from '../calls/calls.fixtures.ts';
import { insertCall } from '../calls/calls.repo.ts';
import { deadlineOfJalaliDay } from '../calls/deadline.ts';
import { STAFF_PASSWORD } from '../comments/comments-test-setup.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { t } from '../platform/i18n/t.ts';
import { formatJalaliNumeric, jalaliDayStartUtc, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { formatMoney } from '../platform/persian/money.ts';
import type { Browser } from '../testing/harness.ts';
import { findRound, roundPlaces, roundProjects } from './ballots.repo.ts';
import { createBallotWorld, type BallotWorld } from './ballots-test-setup.ts';
import { castBallot } from './cast-ballot.ts';

let w: BallotWorld;
let secretary: Browser;
let roundId = 0;
const DAY = 86_400_000;

/** A Jalali day some days from the test clock's now, typed as a person would: `۱۴۰۵/۰۹/۱۵`. */
const jalaliDay = (days: number) => formatJalaliNumeric(jalaliPartsOf(w.h.clock.now().getTime() + days * DAY));

const newForm = () => `/admin/calls/${w.callId}/ballots/new`;
const roundIdOf = (location: unknown) => Number(/\/admin\/ballots\/(\d+)$/.exec(String(location))?.[1]);
const rounds = () => w.db.selectFrom('ballot_rounds').select(['id', 'title']).execute();
const followFlash = async (b: Browser, location: unknown) => (await b.get(String(location))).body;

function posted(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'بودجه مشارکتی محله‌های البرز ۱۴۰۵',
    description: 'ساکنان البرز دربارهٔ بخشی از بودجه تصمیم می‌گیرند.',
    method: 'mes-add1',
    budget: '۶٬۰۰۰٬۰۰۰٬۰۰۰',
    minApprovals: '۱',
    maxApprovals: '۲',
    opensOn: jalaliDay(1),
    closesOn: jalaliDay(8),
    plans: [String(w.plans.park), String(w.plans.library), String(w.plans.clinic)],
    places: [String(w.places.countyA)],
    placeQuery: '',
    ...over,
  };
}

before(async () => {
  w = await createBallotWorld();
  await createStaffUser(w.h.ctx, { actorId: null, name: 'دبیر ستاد', email: 'dabir@example.org', password: STAFF_PASSWORD, roles: ['secretary'] });
  secretary = await w.staff('dabir@example.org');
});
after(() => w.close());

describe('the secretariat’s ballot pages', () => {
  test('only the secretariat: anonymous visitors sign in, citizens and officers get 403', async () => {
    const anonymous = await w.h.app.inject({ method: 'GET', url: '/admin/ballots' });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/login\?next=/);
    const { browser: citizen } = await w.citizen();
    for (const url of ['/admin/ballots', newForm()]) assert.equal((await citizen.get(url)).statusCode, 403, url);
    const posted403 = await citizen.post(newForm(), posted(), { csrfFrom: '/profile' });
    assert.equal(posted403.statusCode, 403);
    const officer = await w.staff('officer@example.org');
    assert.equal((await officer.get('/admin/ballots')).statusCode, 403);
    assert.equal((await rounds()).length, 0);
  });

  test('the list offers a new round for the call with approved plans; the form lists them with costs and the area', async () => {
    const list = await secretary.get('/admin/ballots');
    assert.equal(list.statusCode, 200);
    assertPersianPage('/admin/ballots', list.body);
    assert.match(list.body, /هنوز دور رأی‌گیری‌ای ساخته نشده است/);
    assert.ok(list.body.includes(`href="${newForm()}"`));
    assert.match(list.body, /۴ طرح تصویب‌شدهٔ آمادهٔ برگهٔ رأی/);

    const form = await secretary.get(newForm());
    assert.equal(form.statusCode, 200);
    assertPersianPage(newForm(), form.body);
    for (const id of Object.values(w.plans)) assert.ok(form.body.includes(`name="plans" value="${id}"`), `plan ${id}`);
    assert.ok(form.body.includes(formatMoney(4_000_000_000, 'toman')), 'cost of the park');
    assert.ok(form.body.includes(`name="places" value="${w.places.countyA}"`), 'county A');
    assert.ok(form.body.includes(`name="places" value="${w.places.north}"`), 'a neighborhood');
    assert.ok(form.body.includes(`name="places" value="${w.places.city}"`), 'the city as a whole');
    assert.match(form.body, /محلهٔ شمالی/);
    assert.match(form.body, /فقط ساکنان تأییدشده/);
    assert.match(form.body, /<label for="opensOn">/);
  });

  test('a refused form keeps what was typed, shows Persian errors beside the fields and stores nothing', async () => {
    const res = await secretary.post(newForm(), posted({ title: '', maxApprovals: '۰', opensOn: 'فردا', places: [], budget: '۶۰۰۰۰۰۰۰۰۰۰۰' }), { csrfFrom: newForm() });
    assert.equal(res.statusCode, 422);
    for (const key of ['ballots.settings.title_required', 'ballots.settings.max_invalid', 'ballots.settings.opens_invalid', 'ballots.settings.places_required', 'ballots.settings.budget_over_call'] as const) {
      assert.ok(res.body.includes(t(key)), key);
    }
    assert.match(res.body, /id="title-error"/);
    assert.match(res.body, /id="places-error"/);
    assert.match(res.body, /value="فردا"/);
    assert.match(res.body, /value="۶۰۰۰۰۰۰۰۰۰۰۰"/);
    assert.ok(res.body.includes(`name="plans" value="${w.plans.park}" checked`), 'chosen plans stay ticked');
    assert.match(res.body, /ششصد میلیارد ریال/, 'the amount in words');
    assert.equal((await rounds()).length, 0);
  });

  test('the place filter shows matching neighborhoods, keeps the typed values and chosen places, and saves nothing', async () => {
    const res = await secretary.post(newForm(), posted({ filter: '1', placeQuery: 'شمالی', places: [String(w.places.countyA), String(w.places.south)] }), { csrfFrom: newForm() });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /هنوز چیزی ذخیره نشده است/);
    assert.ok(res.body.includes(`name="places" value="${w.places.north}"`));
    assert.ok(res.body.includes(`name="places" value="${w.places.south}" checked`), 'a chosen place the filter hides stays chosen');
    assert.match(res.body, /value="بودجه مشارکتی محله‌های البرز ۱۴۰۵"/);
    assert.equal((await rounds()).length, 0);
  });

  test('a round is made through the form: Jalali days in Persian digits become the start of the first day and the end of the last, in Tehran', async () => {
    const res = await secretary.post(newForm(), posted(), { csrfFrom: newForm() });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    roundId = roundIdOf(res.headers.location);
    assert.ok(roundId > 0);
    const round = (await findRound(w.db, roundId))!;
    assert.equal(round.status, 'scheduled');
    assert.equal(round.budget_rials, 6_000_000_000);
    assert.equal(round.max_approvals, 2);
    const opens = jalaliPartsOf(w.h.clock.now().getTime() + DAY);
    const closes = jalaliPartsOf(w.h.clock.now().getTime() + 8 * DAY);
    assert.equal(round.opens_at, jalaliDayStartUtc(opens));
    assert.equal(round.closes_at, deadlineOfJalaliDay(closes));
    assert.deepEqual((await roundProjects(w.db, roundId)).map((p) => p.plan_id), [w.plans.park, w.plans.library, w.plans.clinic]);
    assert.deepEqual((await roundPlaces(w.db, roundId)).map((p) => p.id), [w.places.countyA]);
    const audited = await w.db.selectFrom('audit_log').select('action').where('action', '=', 'ballot.round_created').execute();
    assert.equal(audited.length, 1);

    const body = await followFlash(secretary, res.headers.location);
    assertPersianPage(`/admin/ballots/${roundId}`, body);
    assert.ok(body.includes(t('ballotAdmin.new.done')));
    assert.match(body, /در انتظار آغاز/);
    assert.match(body, /شش میلیارد ریال/);
    assert.match(body, /البرز \(در سطح شهرستان\)/);
    assert.ok(body.includes(`href="/admin/ballots/${roundId}/edit"`));
    assert.ok(body.includes(`action="/admin/ballots/${roundId}/open"`));
    assert.ok(!body.includes(`action="/admin/ballots/${roundId}/count"`), 'no count before closing');
  });

  test('before opening the settings can be edited through the same form, prefilled', async () => {
    const edit = await secretary.get(`/admin/ballots/${roundId}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="بودجه مشارکتی محله‌های البرز ۱۴۰۵"/);
    assert.ok(edit.body.includes(`value="${jalaliDay(1)}"`), 'opening day in Persian digits');
    assert.ok(edit.body.includes(`name="plans" value="${w.plans.clinic}" checked`));
    assert.ok(edit.body.includes(`name="places" value="${w.places.countyA}" checked`));
    const res = await secretary.post(
      `/admin/ballots/${roundId}/edit`,
      posted({ title: 'بودجه مشارکتی شهرستان البرز', maxApprovals: '3', plans: [String(w.plans.park), String(w.plans.library), String(w.plans.clinic), String(w.plans.sports)] }),
      { csrfFrom: `/admin/ballots/${roundId}/edit` },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const round = (await findRound(w.db, roundId))!;
    assert.equal(round.title, 'بودجه مشارکتی شهرستان البرز');
    assert.equal(round.max_approvals, 3);
    assert.equal((await roundProjects(w.db, roundId)).length, 4);
    // Every approved plan of the call is now on this round's ballot: no new round can be made.
    const empty = await secretary.get(newForm());
    assert.match(empty.body, /طرحی برای برگهٔ رأی نیست/);
    assert.ok(!empty.body.includes('name="title"'));
  });

  test('open now asks for confirmation, then opens; the settings freeze', async () => {
    const unconfirmed = await secretary.post(`/admin/ballots/${roundId}/open`, {}, { csrfFrom: `/admin/ballots/${roundId}` });
    assert.equal(unconfirmed.statusCode, 422);
    assert.ok(unconfirmed.body.includes(t('ballotAdmin.confirm_required')));
    assert.equal((await findRound(w.db, roundId))!.status, 'scheduled');

    const res = await secretary.post(`/admin/ballots/${roundId}/open`, { confirm: 'yes' }, { csrfFrom: `/admin/ballots/${roundId}` });
    assert.equal(res.statusCode, 303);
    assert.equal((await findRound(w.db, roundId))!.status, 'open');
    const body = await followFlash(secretary, res.headers.location);
    assert.ok(body.includes(t('ballotAdmin.open.done')));
    assert.match(body, /در حال رأی‌گیری/);
    assert.ok(body.includes(`action="/admin/ballots/${roundId}/close"`));

    const edit = await secretary.get(`/admin/ballots/${roundId}/edit`);
    assert.equal(edit.statusCode, 303);
    assert.match(await followFlash(secretary, edit.headers.location), /تنظیماتش دیگر تغییر نمی‌کند/);
    const late = await secretary.post(`/admin/ballots/${roundId}/edit`, posted({ title: 'دیر' }), { csrfFrom: `/admin/ballots/${roundId}` });
    assert.equal(late.statusCode, 303);
    assert.notEqual((await findRound(w.db, roundId))!.title, 'دیر');
  });

  test('live counts by place; close now, count, the unpublished result with every project explained, then publish', async () => {
    w.h.clock.advance(60);
    const { park, library, clinic, sports } = w.plans;
    const votes: [number, number[]][] = [
      [w.places.north, [park, library]], [w.places.north, [park]], [w.places.north, [park, clinic]], [w.places.south, [library, clinic]], [w.places.south, [sports]],
    ];
    for (const [home, choices] of votes) await castBallot(w.ctx, await w.voter(home), roundId, choices);

    const live = await secretary.get(`/admin/ballots/${roundId}`);
    assert.match(live.body, /رأی‌ها تا این لحظه/);
    assert.match(live.body, /<dd>۵<\/dd>/);
    assert.match(live.body, /محلهٔ شمالی/);

    const closed = await secretary.post(`/admin/ballots/${roundId}/close`, { confirm: 'yes' }, { csrfFrom: `/admin/ballots/${roundId}` });
    assert.equal(closed.statusCode, 303);
    assert.equal((await findRound(w.db, roundId))!.status, 'closed');

    const counted = await secretary.post(`/admin/ballots/${roundId}/count`, { confirm: 'yes' }, { csrfFrom: `/admin/ballots/${roundId}` });
    assert.equal(counted.statusCode, 303);
    const round = (await findRound(w.db, roundId))!;
    assert.equal(round.status, 'counted');
    const page = await followFlash(secretary, counted.headers.location);
    assertPersianPage(`/admin/ballots/${roundId}`, page);
    assert.match(page, /۵ برگهٔ رأی شمرده شد/);
    assert.match(page, /نتیجهٔ شمارش \(منتشرنشده\)/);
    assert.match(page, /توضیح هر طرح/);
    assert.match(page, /در نوبت ۱ برگزیده شد: ۳ نفر به آن رأی دادند/, 'the park: three supporters, first');
    assert.match(page, /سهم هر موافق دست‌بالا/);
    assert.match(page, /مشارکت به تفکیک محله/);
    assert.ok(page.includes(`action="/admin/ballots/${roundId}/publish"`));
    assert.ok(page.includes(`href="/ballots/${roundId}"`), 'the public page');
    const count = JSON.parse(round.result!) as { result: { selected: string[] } };
    assert.ok(count.result.selected.includes(String(park)));

    const published = await secretary.post(`/admin/ballots/${roundId}/publish`, { confirm: 'yes' }, { csrfFrom: `/admin/ballots/${roundId}` });
    assert.equal(published.statusCode, 303);
    assert.equal((await findRound(w.db, roundId))!.status, 'published');
    const after = await followFlash(secretary, published.headers.location);
    assert.match(after, /نتیجه منتشر شد: \S+ طرح تأمین شد و به ۵ رأی‌دهنده خبر داده شد/);
    assert.match(after, /نتیجهٔ منتشرشده/);
    assert.ok(!after.includes(`action="/admin/ballots/${roundId}/publish"`));
    assert.equal((await findPlan(w.db, park))!.status, 'funded');
    const actions = (await w.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'ballot_round').execute()).map((a) => a.action);
    for (const a of ['ballot.round_created', 'ballot.round_updated', 'ballot.round_opened', 'ballot.round_closed', 'ballot.round_counted', 'ballot.round_published']) assert.ok(actions.includes(a), a);
  });

  test('a second publish is refused with a Persian message, and the list shows the round', async () => {
    const again = await secretary.post(`/admin/ballots/${roundId}/publish`, { confirm: 'yes' }, { csrfFrom: `/admin/ballots/${roundId}` });
    assert.equal(again.statusCode, 303);
    assert.ok((await followFlash(secretary, again.headers.location)).includes(t('ballots.publish.not_counted')));
    const list = await secretary.get('/admin/ballots');
    assert.match(list.body, /بودجه مشارکتی شهرستان البرز/);
    assert.match(list.body, /منتشرشده/);
    assert.match(list.body, /<td class="num">۵<\/td>/);
  });

  test('a call without approved plans gets a clear empty state', async () => {
    const now = w.h.clock.now().toISOString();
    const callId = await insertCall(w.db, { fiscalYear: 1405, title: 'فراخوان بی‌طرح', description: 'بی‌طرح', budgetRials: 1_000_000_000, deadlineAt: now, harms: [], targetGroups: [], createdBy: null }, now);
    const res = await secretary.get(`/admin/calls/${callId}/ballots/new`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /طرحی برای برگهٔ رأی نیست/);
    assert.equal((await secretary.get('/admin/calls/999999/ballots/new')).statusCode, 404);
    assert.equal((await secretary.get('/admin/ballots/999999')).statusCode, 404);
  });
});
