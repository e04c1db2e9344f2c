import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import type { Actor } from '../accounts/permissions.ts';
import { addOfficer } from '../agencies/agencies.repo.ts';
import { createCommentsWorld, STAFF_PASSWORD, type CommentsWorld } from '../comments/comments-test-setup.ts';
import { AppError } from '../platform/http/errors.ts';
import { formatJalaliNumeric, gregorianIsoToJalali } from '../platform/persian/jalali.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { assignReviewers } from './assign-reviewers.ts';
import { determinePlan, planScores } from './determine-plan.ts';
import { respondToAssignment } from './respond-assignment.ts';
import { runReviewReminders } from './review-reminders.ts';
import { saveReviewSettings } from './review-settings.ts';
import { assignmentsOfPlan, upsertReviewerProfile } from './reviews.repo.ts';
import { saveReview, type ReviewForm } from './save-review.ts';
import { allCriterionKeys } from './rubric.ts';

let w: CommentsWorld;
let secretary: Actor;
const experts: Actor[] = [];
let conflicted: Actor;

const inDays = (days: number) => formatJalaliNumeric(gregorianIsoToJalali(new Date(w.h.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10)));
const fieldErrors = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError && err.fieldErrors) return err.fieldErrors;
    throw err;
  }
  assert.fail('expected field errors');
};
const form = (score: string, extra: Partial<ReviewForm> = {}): ReviewForm => ({
  scores: Object.fromEntries(allCriterionKeys.map((k) => [k, score])),
  comments: {},
  recommendation: 'yes',
  comment: 'طرح روشن و سنجیده است.',
  ...extra,
});

before(async () => {
  w = await createCommentsWorld();
  const mk = async (name: string, email: string, roles: ('expert' | 'secretary')[]) =>
    ({ id: await createStaffUser(w.h.ctx, { actorId: null, name, email, password: STAFF_PASSWORD, roles }), roles }) as Actor;
  secretary = await mk('دبیر ستاد', 'sec@example.org', ['secretary']);
  experts.push(await mk('دکتر سارا امینی', 'e1@example.org', ['expert']), await mk('دکتر رضا نوری', 'e2@example.org', ['expert']));
  conflicted = await mk('دکتر علی محمدی', 'e3@example.org', ['expert']);
  await upsertReviewerProfile(w.db, { userId: experts[0]!.id, kind: 'academic', university: 'دانشگاه بین‌المللی امام خمینی', faculty: 'علوم اجتماعی', field: 'مددکاری', conflictAgencyIds: [], now: w.h.clock.now().toISOString() });
  await addOfficer(w.db, w.agencyId, conflicted.id, w.h.clock.now().toISOString());
});
after(() => w.close());

describe('review, aggregation and determination', () => {
  test('a rubric that does not add up to 100 is refused with Persian errors; a valid one is saved', async () => {
    const bad = await fieldErrors(saveReviewSettings(w.h.ctx, secretary, w.callId, {
      weights: { targeted: '30', effective: '30', justifiable: '30' }, criteria: [...allCriterionKeys], minBlockMean: '۲٫۵', spreadThreshold: '2', threeAbove: '5000000000',
    }));
    assert.match(bad.weights ?? '', /۱۰۰/);
    await saveReviewSettings(w.h.ctx, secretary, w.callId, {
      weights: { targeted: '۳۰', effective: '۴۰', justifiable: '۳۰' }, criteria: [...allCriterionKeys], minBlockMean: '۲٫۵', spreadThreshold: '۲', threeAbove: '۵۰۰۰۰۰۰۰۰۰',
    });
  });

  test('assigning: conflicts of interest and past due dates are refused, naming the person', async () => {
    const e = await fieldErrors(assignReviewers(w.h.ctx, secretary, w.planId, { reviewerIds: [conflicted.id], due: inDays(10) }));
    assert.match(e.reviewers ?? '', /دکتر علی محمدی.*تعارض منافع/);
    const past = await fieldErrors(assignReviewers(w.h.ctx, secretary, w.planId, { reviewerIds: [experts[0]!.id], due: inDays(-1) }));
    assert.ok(past.due);
    await assert.rejects(assignReviewers(w.h.ctx, experts[0]!, w.planId, { reviewerIds: [experts[1]!.id], due: inDays(10) }), (err: AppError) => err.code === 'forbidden');
    const r = await assignReviewers(w.h.ctx, secretary, w.planId, { reviewerIds: experts.map((x) => x.id), due: inDays(10) });
    assert.equal(r.assigned, 2);
    const again = await fieldErrors(assignReviewers(w.h.ctx, secretary, w.planId, { reviewerIds: [experts[0]!.id], due: inDays(10) }));
    assert.match(again.reviewers ?? '', /پیش‌تر/);
    const notes = await w.db.selectFrom('notifications').select(['user_id', 'subject']).where('channel', '=', 'in_app').execute();
    assert.ok(notes.some((n) => n.user_id === experts[0]!.id && /درخواست داوری/.test(n.subject)));
  });

  test('reviewers accept (declaring no conflict), draft, submit; the aggregate follows the rubric', async () => {
    const [a1, a2] = await assignmentsOfPlan(w.db, w.planId);
    const noBox = await fieldErrors(respondToAssignment(w.h.ctx, experts[0]!, a1!.id, { answer: 'accept', noConflict: false }));
    assert.ok(noBox.noConflict);
    await assert.rejects(respondToAssignment(w.h.ctx, experts[1]!, a1!.id, { answer: 'accept', noConflict: true }), (err: AppError) => err.code === 'not_found');
    await respondToAssignment(w.h.ctx, experts[0]!, a1!.id, { answer: 'accept', noConflict: true });
    await respondToAssignment(w.h.ctx, experts[1]!, a2!.id, { answer: 'accept', noConflict: true });

    // A partial draft is fine; submitting it is not.
    await saveReview(w.h.ctx, experts[0]!, a1!.id, { scores: { T1: '4' }, comments: {}, recommendation: '', comment: '' }, false);
    const incomplete = await fieldErrors(saveReview(w.h.ctx, experts[0]!, a1!.id, { scores: { T1: '4' }, comments: {}, recommendation: '', comment: '' }, true));
    assert.ok(incomplete.score_T2 && incomplete.recommendation);
    const zero = await fieldErrors(saveReview(w.h.ctx, experts[0]!, a1!.id, form('4', { scores: { ...form('4').scores, E3: '0' } }), true));
    assert.ok(zero.comment_E3, 'a 0 needs a comment');

    await saveReview(w.h.ctx, experts[0]!, a1!.id, form('4', { scores: { ...form('4').scores, T1: 'na' } }), true);
    await assert.rejects(saveReview(w.h.ctx, experts[0]!, a1!.id, form('4'), true), (err: AppError) => err.code === 'conflict');
    const plan = (await findPlan(w.db, w.planId))!;
    const one = await planScores(w.h.ctx, plan);
    assert.equal(one.reviews.length, 1);
    assert.equal(one.required, 2);

    // One review only: approval is refused and says why.
    const early = await fieldErrors(determinePlan(w.h.ctx, secretary, w.planId, { outcome: 'approved', reasons: 'طرح امتیاز خوبی گرفته است.' }));
    assert.match(early.outcome ?? '', /۲ داوری لازم است/);

    await saveReview(w.h.ctx, experts[1]!, a2!.id, form('2', { recommendation: 'no' }), true);
    const two = await planScores(w.h.ctx, plan);
    assert.equal(two.aggregate.criteria.find((c) => c.key === 'T1')!.median, 2, 'N/A left out: only the second reviewer scored T1');
    assert.equal(two.aggregate.criteria.find((c) => c.key === 'E1')!.median, 3);
    // T = (2 + 3 + 3 + 3) / 4 = 2.75; E = J = 3; total = (2.75·30 + 3·40 + 3·30) / 100 = 2.925.
    assert.equal(two.aggregate.total, 2.925);
    assert.equal(two.aggregate.discuss, true, 'totals 4 and 2 are 2 apart');
    assert.deepEqual(two.aggregate.recommendations, { yes: 1, maybe: 0, no: 1 });
  });

  test('the determination moves the plan, keeps the scores and tells the agency', async () => {
    const noReason = await fieldErrors(determinePlan(w.h.ctx, secretary, w.planId, { outcome: 'approved', reasons: '' }));
    assert.ok(noReason.reasons);
    const outcome = await determinePlan(w.h.ctx, secretary, w.planId, { outcome: 'approved', reasons: 'هر سه محور از آستانه گذشته‌اند و داوران طرح را روشن دانسته‌اند.' });
    assert.equal(outcome, 'approved');
    assert.equal((await findPlan(w.db, w.planId))?.status, 'approved');
    const det = await w.db.selectFrom('determinations').selectAll().where('plan_id', '=', w.planId).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(det.score_snapshot).total, 2.925);
    const notes = await w.db.selectFrom('notifications').select(['user_id', 'subject']).where('user_id', '=', w.officerId).execute();
    assert.ok(notes.some((n) => /تصویب شد/.test(n.subject)));
    const audits = await w.db.selectFrom('audit_log').select('action').where('action', 'like', 'review.%').execute();
    for (const a of ['review.assigned', 'review.accepted', 'review.draft_saved', 'review.submitted', 'review.determined', 'review.settings_saved']) {
      assert.ok(audits.some((x) => x.action === a), a);
    }
  });

  test('reminders two days before the due date and an overdue notice, each once', async () => {
    const planId = await w.plan('طرح دوم برای آزمون یادآوری داوری');
    await assignReviewers(w.h.ctx, secretary, planId, { reviewerIds: [experts[0]!.id], due: inDays(3) });
    assert.deepEqual(await runReviewReminders(w.h.ctx), { reminded: 0, overdue: 0 });
    w.h.clock.advance(2 * 86_400);
    assert.deepEqual(await runReviewReminders(w.h.ctx), { reminded: 1, overdue: 0 });
    assert.deepEqual(await runReviewReminders(w.h.ctx), { reminded: 0, overdue: 0 });
    w.h.clock.advance(3 * 86_400);
    const [first, second] = await Promise.all([runReviewReminders(w.h.ctx), runReviewReminders(w.h.ctx)]);
    assert.equal(first.overdue + second.overdue, 1, 'concurrent sweeps notify once');
  });
});
