// The review pages end to end: the secretariat assigns reviewers (a conflict of interest refused),
// reviewers answer, save drafts and submit, the secretariat reads the combined scores and decides,
// and the agency reads the result without reviewers' names.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { addOfficer, insertAgency } from '../agencies/agencies.repo.ts';
import { assertPersianPage } from '../calls/calls.fixtures.ts';
import { insertCall, setCallStatus } from '../calls/calls.repo.ts';
import { t } from '../platform/i18n/t.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { emptyPlanContent } from '../plans/plan-content.ts';
import { findPlan, insertPlan, setPlanStatus } from '../plans/plans.repo.ts';
import { Browser, createHarness, lastCode, type Harness } from '../testing/harness.ts';
import { reviewSettingsOf } from './review-settings.ts';
import { assignmentsOfPlan, findReview, upsertReviewerProfile } from './reviews.repo.ts';
import { allCriterionKeys } from './rubric.ts';

const PASSWORD = 'a long enough password';
const PLAN_TITLE = 'پیشگیری از اعتیاد نوجوانان در محلهٔ آزمایشی';
const names = {
  secretary: 'سارا دبیری',
  council: 'کامران شورایی',
  expert1: 'مینا دانشور',
  expert2: 'رضا کاظمی',
  insider: 'علی همکار',
  officer: 'مهدی رضایی',
};

let h: Harness;
let planId: number;
let callId: number;
let officerId: number;
let expert1Id: number;
let expert2Id: number;
const browsers: Record<string, Browser> = {};

async function staff(email: string): Promise<Browser> {
  const b = new Browser(h.app);
  const res = await b.post('/login/password', { email, password: PASSWORD }, { csrfFrom: '/login' });
  assert.equal(res.statusCode, 303, `login ${email}`);
  return b;
}

before(async () => {
  h = await createHarness();
  const db = h.ctx.db;
  const now = h.clock.now().toISOString();
  const user = (key: keyof typeof names, roles: string[]) =>
    createStaffUser(h.ctx, { actorId: null, name: names[key], email: `${key}@example.org`, password: PASSWORD, roles });
  await user('secretary', ['secretary']);
  await user('council', ['council_member']);
  expert1Id = await user('expert1', ['expert']);
  expert2Id = await user('expert2', ['expert']);
  const insiderId = await user('insider', ['expert', 'agency_officer']);
  officerId = await user('officer', ['agency_officer']);
  await upsertReviewerProfile(db, { userId: expert1Id, kind: 'academic', university: 'دانشگاه بین‌المللی امام خمینی', faculty: null, field: 'جامعه‌شناسی', conflictAgencyIds: [], now });

  const agencyName = 'ادارهٔ کل بهزیستی استان';
  const agencyId = await insertAgency(db, { name: agencyName, nameKey: matchKey(agencyName), sortKey: persianSortKey(agencyName), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
  await addOfficer(db, agencyId, officerId, now);
  await addOfficer(db, agencyId, insiderId, now);
  callId = await insertCall(db, { fiscalYear: 1405, title: 'فراخوان آزمایشی', description: 'فراخوان آزمایشی', budgetRials: 50_000_000_000, deadlineAt: now, harms: [], targetGroups: [], createdBy: null }, now);
  await setCallStatus(db, callId, 'open', now);
  const summary = 'کلاس‌های مهارت زندگی برای نوجوانان و آموزش خانواده‌ها با همکاری مدرسه و سرای محله.';
  planId = await insertPlan(db, {
    callId, agencyId, createdBy: officerId, now, title: PLAN_TITLE, summary, searchText: matchKey(`${PLAN_TITLE} ${summary}`), sortKey: persianSortKey(PLAN_TITLE),
    requestedRials: 1_000_000_000, content: JSON.stringify({ ...emptyPlanContent(), title: PLAN_TITLE, summary }), tags: [], places: [],
  });
  assert.ok(await setPlanStatus(db, planId, 'draft', 'in_review', { now, isPublic: true }));

  for (const key of ['secretary', 'council', 'expert1', 'expert2', 'officer'] as const) browsers[key] = await staff(`${key}@example.org`);
  const citizen = new Browser(h.app);
  await citizen.post('/register', { mobile: '09121234567', name: 'زهرا احمدی' }, { csrfFrom: '/register' });
  const verified = await citizen.post('/verify', { code: lastCode(h, '09121234567') }, { csrfFrom: '/verify' });
  assert.equal(verified.statusCode, 303);
  browsers.citizen = citizen;
});
after(() => h.close());

const adminPage = () => `/admin/reviews/${planId}`;
const assignmentOf = async (reviewerId: number) => (await assignmentsOfPlan(h.ctx.db, planId)).find((a) => a.reviewer_id === reviewerId)!;
/** A whole review: every criterion the given score (E5 not applicable), with a recommendation. */
const fullReview = (score: string, extra: Record<string, string> = {}) => ({
  ...Object.fromEntries(allCriterionKeys.map((k) => [`score_${k}`, k === 'E5' ? 'na' : score])),
  recommendation: 'yes',
  comment: 'طرحی سنجیده با گروه هدف روشن.',
  ...extra,
});

describe('access', () => {
  const urls = () => ['/admin/reviews', adminPage(), '/reviews', `/admin/calls/${callId}/rubric`];

  test('visitors are sent to sign in', async () => {
    for (const url of urls()) {
      const res = await h.app.inject({ url });
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(url)}`);
    }
  });

  test('citizens and agency officers get 403', async () => {
    for (const url of urls()) {
      assert.equal((await browsers.citizen!.get(url)).statusCode, 403, url);
      assert.equal((await browsers.officer!.get(url)).statusCode, 403, url);
    }
    const res = await browsers.citizen!.post(`${adminPage()}/assign`, { reviewers: String(expert1Id), due: '1405/09/30' }, { csrfFrom: '/profile' });
    assert.equal(res.statusCode, 403);
  });

  test('council members read the reviews but do not assign, decide or set rubrics', async () => {
    const council = browsers.council!;
    assert.equal((await council.get('/admin/reviews')).statusCode, 200);
    const page = await council.get(adminPage());
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /action="[^"]*\/assign"/);
    assert.doesNotMatch(page.body, /action="[^"]*\/determine"/);
    assert.equal((await council.get(`/admin/calls/${callId}/rubric`)).statusCode, 403);
    const res = await council.post(`${adminPage()}/determine`, { outcome: 'rejected', reasons: 'دلیل‌های کافی برای رد طرح.' }, { csrfFrom: '/admin/reviews' });
    assert.equal(res.statusCode, 403);
  });

  test('experts have a workspace but not the secretariat pages', async () => {
    assert.equal((await browsers.expert1!.get('/reviews')).statusCode, 200);
    assert.equal((await browsers.expert1!.get('/admin/reviews')).statusCode, 403);
  });

  test('the admin home links to the reviews and the navigation to the workspace', async () => {
    assert.match((await browsers.secretary!.get('/admin')).body, /href="\/admin\/reviews"/);
    assert.match((await browsers.expert1!.get('/')).body, /href="\/reviews"/);
    assert.doesNotMatch((await browsers.officer!.get('/')).body, /href="\/reviews"/);
  });
});

describe('assigning reviewers', () => {
  test('the plan page offers eligible reviewers with their workload, a due date two weeks ahead, and leaves out the agency’s own', async () => {
    const page = await browsers.secretary!.get(adminPage());
    assert.equal(page.statusCode, 200);
    assertPersianPage(adminPage(), page.body);
    assert.match(page.body, new RegExp(`name="reviewers" value="${expert1Id}"`));
    assert.match(page.body, new RegExp(`name="reviewers" value="${expert2Id}"`));
    assert.ok(page.body.includes('دانشگاه بین‌المللی امام خمینی'));
    assert.ok(page.body.includes(t('reviewPage.assign.excluded', { names: names.insider })));
    const due = formatJalaliNumeric(jalaliPartsOf(h.clock.now().getTime() + 14 * 86_400_000));
    assert.ok(page.body.includes(`value="${due}"`), due);
    assert.ok(page.body.includes(`href="/plans/${planId}"`));
  });

  test('a reviewer who is an officer of the agency is refused, naming them, with the choices kept', async () => {
    const insider = await h.ctx.db.selectFrom('users').select('id').where('email', '=', 'insider@example.org').executeTakeFirstOrThrow();
    const res = await browsers.secretary!.post(`${adminPage()}/assign`, { reviewers: [String(expert1Id), String(insider.id)], due: '۱۴۹۹/۰۱/۰۱' }, { csrfFrom: adminPage() });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('review.assign.conflict_officer', { name: names.insider })));
    assert.match(res.body, new RegExp(`name="reviewers" value="${expert1Id}" checked`));
    assert.ok(res.body.includes('value="۱۴۹۹/۰۱/۰۱"'));
    assert.equal((await assignmentsOfPlan(h.ctx.db, planId)).length, 0);
  });

  test('two experts are assigned and notified', async () => {
    const due = formatJalaliNumeric(jalaliPartsOf(h.clock.now().getTime() + 14 * 86_400_000));
    const res = await browsers.secretary!.post(`${adminPage()}/assign`, { reviewers: [String(expert1Id), String(expert2Id)], due }, { csrfFrom: adminPage() });
    assert.equal(res.statusCode, 303);
    const list = await assignmentsOfPlan(h.ctx.db, planId);
    assert.deepEqual(list.map((a) => a.status), ['assigned', 'assigned']);
    const page = await browsers.secretary!.get(adminPage());
    assert.ok(page.body.includes(t('reviewPage.assign.done', { count: 2 })));
    assert.ok(page.body.includes(t('reviewPage.status.assigned')));
    const notes = await h.ctx.db.selectFrom('notifications').select('link').where('user_id', '=', expert1Id).where('channel', '=', 'in_app').execute();
    assert.deepEqual(notes.map((n) => n.link), [`/reviews/${list[0]!.id}`]);
  });
});

describe('reviewing', () => {
  test('a reviewer may declare a conflict of interest instead, with a reason the secretariat reads', async () => {
    const council = await h.ctx.db.selectFrom('users').select('id').where('email', '=', 'council@example.org').executeTakeFirstOrThrow();
    const due = formatJalaliNumeric(jalaliPartsOf(h.clock.now().getTime() + 10 * 86_400_000));
    assert.equal((await browsers.secretary!.post(`${adminPage()}/assign`, { reviewers: String(council.id), due }, { csrfFrom: adminPage() })).statusCode, 303);
    const url = `/reviews/${(await assignmentOf(council.id)).id}`;
    const short = await browsers.council!.post(`${url}/respond`, { answer: 'conflict', reason: 'نه' }, { csrfFrom: url });
    assert.equal(short.statusCode, 422);
    assert.ok(short.body.includes(t('review.respond.reason_required')));
    const reason = 'همسرم در این اداره کار می‌کند.';
    assert.equal((await browsers.council!.post(`${url}/respond`, { answer: 'conflict', reason }, { csrfFrom: url })).statusCode, 303);
    const a = await assignmentOf(council.id);
    assert.equal(a.status, 'declined');
    assert.equal(a.conflict_declared, 1);
    assert.ok((await browsers.council!.get(url)).body.includes(t('reviewPage.conflict_note', { reason })));
    const page = await browsers.secretary!.get(adminPage());
    assert.ok(page.body.includes(t('reviewPage.status.conflict')));
    assert.ok(page.body.includes(reason));
  });

  test('an expert sees only their own assignments; another’s is not found', async () => {
    const a1 = await assignmentOf(expert1Id);
    const mine = await browsers.expert1!.get('/reviews');
    assert.ok(mine.body.includes(PLAN_TITLE));
    assert.ok(mine.body.includes(`href="/reviews/${a1.id}"`));
    assertPersianPage('/reviews', mine.body);
    assert.equal((await browsers.expert2!.get(`/reviews/${a1.id}`)).statusCode, 404);
    assert.equal((await browsers.secretary!.get(`/reviews/${a1.id}`)).statusCode, 404);
    const res = await browsers.expert2!.post(`/reviews/${a1.id}/respond`, { answer: 'accept', noConflict: 'yes' }, { csrfFrom: '/reviews' });
    assert.equal(res.statusCode, 404);
  });

  test('accepting needs the no-conflict confirmation', async () => {
    const a1 = await assignmentOf(expert1Id);
    const url = `/reviews/${a1.id}`;
    const page = await browsers.expert1!.get(url);
    assert.ok(page.body.includes(t('reviewPage.respond.no_conflict')));
    assert.ok(page.body.includes(`href="/plans/${planId}"`));
    assertPersianPage(url, page.body);
    const refused = await browsers.expert1!.post(`${url}/respond`, { answer: 'accept' }, { csrfFrom: url });
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.body.includes(t('review.respond.confirm_no_conflict')));
    assert.equal((await assignmentOf(expert1Id)).status, 'assigned');
    const ok = await browsers.expert1!.post(`${url}/respond`, { answer: 'accept', noConflict: 'yes' }, { csrfFrom: url });
    assert.equal(ok.statusCode, 303);
    assert.equal((await assignmentOf(expert1Id)).status, 'in_progress');
  });

  test('a partial draft is saved and comes back; a comment without a score stays unanswered', async () => {
    const url = `/reviews/${(await assignmentOf(expert1Id)).id}`;
    const form = await browsers.expert1!.get(url);
    assert.ok(form.body.includes(t('rubric.anchor5.T1')));
    assert.ok(form.body.includes(t('rubric.score.na')));
    assertPersianPage(url, form.body);
    const res = await browsers.expert1!.post(url, { action: 'draft', score_T1: '4', comment_T1: 'آمار محلی دارد.', comment_T2: 'هنوز تصمیم نگرفته‌ام.' }, { csrfFrom: url });
    assert.equal(res.statusCode, 303);
    const again = await browsers.expert1!.get(url);
    assert.ok(again.body.includes(t('reviewPage.form.saved')));
    assert.match(again.body, /name="score_T1" value="4" checked/);
    assert.ok(again.body.includes('آمار محلی دارد.'));
    assert.ok(again.body.includes('هنوز تصمیم نگرفته‌ام.'));
    assert.doesNotMatch(again.body, /name="score_T2" value="[^"]*" checked/);
    assert.equal((await findReview(h.ctx.db, (await assignmentOf(expert1Id)).id))?.is_draft, 1);
  });

  test('submitting an incomplete review is refused with every missing answer, the values kept', async () => {
    const url = `/reviews/${(await assignmentOf(expert1Id)).id}`;
    const res = await browsers.expert1!.post(url, { action: 'submit', score_T1: '4', score_T3: '0' }, { csrfFrom: url });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('review.form.score_required')));
    assert.ok(res.body.includes(t('review.form.recommendation_required')));
    assert.ok(res.body.includes(t('review.form.zero_needs_comment')));
    assert.match(res.body, /href="#score_T2"/);
    assert.match(res.body, /name="score_T1" value="4" checked/);
    assert.equal((await assignmentOf(expert1Id)).status, 'in_progress');
  });

  test('a complete review is submitted and then read-only', async () => {
    const a1 = await assignmentOf(expert1Id);
    const url = `/reviews/${a1.id}`;
    const res = await browsers.expert1!.post(url, { action: 'submit', ...fullReview('5', { comment_T1: 'آمار محلی با خط پایه آمده است.' }) }, { csrfFrom: url });
    assert.equal(res.statusCode, 303);
    assert.equal((await assignmentOf(expert1Id)).status, 'submitted');
    const page = await browsers.expert1!.get(url);
    assert.ok(page.body.includes(t('reviewPage.form.sent')));
    assert.doesNotMatch(page.body, /name="action"/);
    assertPersianPage(url, page.body);
    const again = await browsers.expert1!.post(url, { action: 'submit', ...fullReview('1') }, { csrfFrom: '/reviews' });
    assert.equal(again.statusCode, 409);
  });

  test('approving with one review of the two needed is refused', async () => {
    const res = await browsers.secretary!.post(`${adminPage()}/determine`, { outcome: 'approved', reasons: 'امتیاز خوب و بودجهٔ سنجیده.' }, { csrfFrom: adminPage() });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('review.determine.not_enough_reviews', { required: 2, submitted: 1 })));
    assert.equal((await findPlan(h.ctx.db, planId))?.status, 'in_review');
  });

  test('the second reviewer accepts and submits, asking for more information on one criterion', async () => {
    const url = `/reviews/${(await assignmentOf(expert2Id)).id}`;
    assert.equal((await browsers.expert2!.post(`${url}/respond`, { answer: 'accept', noConflict: 'yes' }, { csrfFrom: url })).statusCode, 303);
    const res = await browsers.expert2!.post(url, { action: 'submit', ...fullReview('2', { score_J3: '0', comment_J3: 'سهم شهرداری روشن نیست.', recommendation: 'maybe' }) }, { csrfFrom: url });
    assert.equal(res.statusCode, 303);
    assert.equal((await assignmentOf(expert2Id)).status, 'submitted');
  });
});

describe('the secretariat reads the scores and decides', () => {
  test('the plan page shows each reviewer’s scores by name, the medians in Persian digits, block means and comments', async () => {
    const page = await browsers.secretary!.get(adminPage());
    assertPersianPage(adminPage(), page.body);
    assert.ok(page.body.includes(`<th scope="col" class="num">${names.expert1}</th>`));
    assert.ok(page.body.includes(`<th scope="col" class="num">${names.expert2}</th>`));
    // (5 + 2) / 2 for most criteria; J3 (5 + 0) / 2.
    assert.ok(page.body.includes('<strong>۳٫۵</strong>'));
    assert.ok(page.body.includes('<strong>۲٫۵</strong>'));
    assert.ok(page.body.includes(t('reviewPage.weight', { value: 40 })));
    assert.ok(page.body.includes('آمار محلی با خط پایه آمده است.'));
    assert.ok(page.body.includes('سهم شهرداری روشن نیست.'));
    assert.ok(page.body.includes(t('reviewPage.recommendations_value', { yes: 1, maybe: 1, no: 0 })));
    assert.ok(page.body.includes(t('reviewPage.badge.more_info')));
    assert.ok(page.body.includes(t('reviewPage.badge.discuss')));
  });

  test('the list shows the counts, the total and the flags; the discussion list holds the plan', async () => {
    const list = await browsers.secretary!.get('/admin/reviews');
    assertPersianPage('/admin/reviews', list.body);
    assert.ok(list.body.includes(PLAN_TITLE));
    assert.ok(list.body.includes(t('reviewPage.of', { done: 2, required: 2 })));
    assert.ok(list.body.includes('۱۰۰٬۰۰۰٬۰۰۰ تومان'));
    assert.ok(list.body.includes(t('reviewPage.badge.discuss')));
    assert.ok(list.body.includes(t('reviewPage.badge.more_info')));
    assert.ok(list.body.includes(names.expert1), 'workload table');
    const discuss = await browsers.secretary!.get('/admin/reviews?list=discuss');
    assert.ok(discuss.body.includes(PLAN_TITLE));
    assert.ok(discuss.body.includes(t('reviewPage.list.discuss', { count: 1 })));
  });

  test('a determination needs an outcome and reasons', async () => {
    const res = await browsers.secretary!.post(`${adminPage()}/determine`, { reasons: 'کوتاه' }, { csrfFrom: adminPage() });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('review.determine.outcome_required')));
    assert.ok(res.body.includes(t('review.determine.reasons_required')));
    assert.ok(res.body.includes('>کوتاه</textarea>'));
  });

  test('approval moves the plan, notifies the agency, and the agency reads the scores without reviewers’ names', async () => {
    const reasons = 'امتیاز هر سه محور بالاتر از آستانه است و بودجه سنجیده است.';
    const res = await browsers.secretary!.post(`${adminPage()}/determine`, { outcome: 'approved', reasons }, { csrfFrom: adminPage() });
    assert.equal(res.statusCode, 303);
    assert.equal((await findPlan(h.ctx.db, planId))?.status, 'approved');
    const notes = await h.ctx.db.selectFrom('notifications').select(['subject', 'link']).where('user_id', '=', officerId).where('channel', '=', 'in_app').execute();
    assert.ok(notes.some((n) => n.subject === t('review.notify.determined_approved', { title: PLAN_TITLE }) && n.link === `/my/plans/${planId}`));

    const admin = await browsers.secretary!.get(adminPage());
    assert.ok(admin.body.includes(reasons));
    assert.doesNotMatch(admin.body, /action="[^"]*\/determine"/);

    const url = `/my/plans/${planId}`;
    const page = await browsers.officer!.get(url);
    assert.equal(page.statusCode, 200);
    assertPersianPage(url, page.body);
    assert.ok(page.body.includes(t('reviewPage.agency.title')));
    assert.ok(page.body.includes(t('reviewPage.agency.reviewer', { n: 1 })));
    assert.ok(page.body.includes(t('reviewPage.agency.reviewer', { n: 2 })));
    assert.ok(page.body.includes('<strong>۳٫۵</strong>'));
    assert.ok(page.body.includes('سهم شهرداری روشن نیست.'));
    assert.ok(page.body.includes(reasons));
    for (const name of [names.expert1, names.expert2]) assert.ok(!page.body.includes(name), `${name} must not be shown to the agency`);
  });
});

describe('the call’s rubric', () => {
  const url = () => `/admin/calls/${callId}/rubric`;

  test('the call page links to it and the form shows the default rubric', async () => {
    assert.ok((await browsers.secretary!.get(`/admin/calls/${callId}`)).body.includes(`href="${url()}"`));
    const page = await browsers.secretary!.get(url());
    assert.equal(page.statusCode, 200);
    assertPersianPage(url(), page.body);
    assert.ok(page.body.includes(t('rubric.criterion.J5')));
    assert.match(page.body, /name="criteria" value="T4" checked/);
    assert.ok(page.body.includes('value="۲٫۵"'));
    assert.ok(page.body.includes('۵۰۰٬۰۰۰٬۰۰۰ تومان'));
  });

  test('weights that do not add up to 100 and an empty threshold are refused, the values kept', async () => {
    const res = await browsers.secretary!.post(url(), {
      weight_targeted: '۳۰', weight_effective: '۳۰', weight_justifiable: '۳۰', criteria: [...allCriterionKeys], minBlockMean: '', spreadThreshold: '2', threeAbove: '5000000000',
    }, { csrfFrom: url() });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(t('review.settings.threshold_invalid')));
    const res2 = await browsers.secretary!.post(url(), {
      weight_targeted: '۳۰', weight_effective: '۳۰', weight_justifiable: '۳۰', criteria: [...allCriterionKeys], minBlockMean: '2.5', spreadThreshold: '2', threeAbove: '5000000000',
    }, { csrfFrom: url() });
    assert.equal(res2.statusCode, 422);
    assert.ok(res2.body.includes(t('review.settings.weights_sum')));
    assert.ok(res2.body.includes('value="۳۰"'));
  });

  test('a saved rubric applies to the call', async () => {
    const res = await browsers.secretary!.post(url(), {
      weight_targeted: '40', weight_effective: '40', weight_justifiable: '20', criteria: allCriterionKeys.filter((k) => k !== 'T4'),
      minBlockMean: '۳', spreadThreshold: '۱٫۵', threeAbove: '۲٬۰۰۰٬۰۰۰٬۰۰۰',
    }, { csrfFrom: url() });
    assert.equal(res.statusCode, 303);
    const s = await reviewSettingsOf(h.ctx.db, callId);
    assert.equal(s.custom, true);
    assert.deepEqual(s.rubric.blocks.map((b) => b.weight), [40, 40, 20]);
    assert.ok(!s.rubric.blocks[0]!.criteria.includes('T4'));
    assert.equal(s.rubric.minBlockMean, 3);
    assert.equal(s.rubric.spreadThreshold, 1.5);
    assert.equal(s.threeAboveRials, 2_000_000_000);
    const page = await browsers.secretary!.get(url());
    assert.ok(page.body.includes(t('reviewPage.rubric.saved')));
    assert.doesNotMatch(page.body, /name="criteria" value="T4" checked/);
  });
});
