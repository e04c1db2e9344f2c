import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { findUserByEmail, rolesOf } from '../accounts/accounts.repo.ts';
import { seedDemoAgencies } from '../agencies/demo-agencies.ts';
import { approvedPlanFacts, createRound } from '../allocation/rounds.ts';
import { deadlineOfJalaliDay } from '../calls/deadline.ts';
import { seedDemoCall } from '../calls/demo-calls.ts';
import { demoStaff, seedDemo } from '../demo/seed-demo.ts';
import { importPlaces } from '../places/import-places.ts';
import { demoPlaces, realPlaces } from '../places/demo-places.ts';
import { findPlaceByCode, placeWithAncestors } from '../places/places.repo.ts';
import { verifyAuditChain } from '../platform/audit/audit.repo.ts';
import { jalaliDayStartUtc, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { publicPlanIdsOfCall } from '../plans/plans-public.repo.ts';
import { seedDemoPlans } from '../plans/seed-demo-plans.ts';
import { determinePlan } from '../reviews/determine-plan.ts';
import { assignmentsOfPlan, submittedReviews } from '../reviews/reviews.repo.ts';
import { allCriterionKeys } from '../reviews/rubric.ts';
import { saveReview } from '../reviews/save-review.ts';
import { seedDemoReviews } from '../reviews/seed-demo-reviews.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { countBallots, listRounds, roundPlaces, roundProjects, voterFacts } from './ballots.repo.ts';
import { demoBallotPlans } from './demo-ballot-plans.ts';
import { phaseAt } from './round-rules.ts';
import { DEMO_BALLOT_AREA_CODE, demoRoundTitle, seedDemoBallots } from './seed-demo-ballots.ts';

const DAY_MS = 86_400_000;
const BILLION = 1_000_000_000;

let h: Harness;
let callId: number;
before(async () => {
  h = await createHarness();
  callId = (await seedDemo(h.ctx)).callId!;
});
after(() => h.close());

const demoRound = async () => {
  const rounds = await listRounds(h.ctx.db, { callId });
  assert.equal(rounds.length, 1);
  return rounds[0]!;
};

test('the demo round is open over Qazvin county, opened yesterday, closes in 14 days, and is listed on /ballots', async () => {
  const round = await demoRound();
  const now = h.clock.now();
  assert.equal(round.is_demo, 1);
  assert.equal(round.status, 'open', 'the stored status follows the clock');
  assert.equal(phaseAt(round, now), 'open');
  assert.equal(round.title, normalizePersian(demoRoundTitle));
  assert.ok(round.description.length > 100);
  assert.equal(round.method, 'mes-add1');
  assert.deepEqual([round.min_approvals, round.max_approvals, round.require_verified], [1, 2, 0]);
  assert.equal(round.opens_at, jalaliDayStartUtc(jalaliPartsOf(now.getTime() - DAY_MS)));
  assert.equal(round.closes_at, deadlineOfJalaliDay(jalaliPartsOf(now.getTime() + 14 * DAY_MS)));
  const total = (await roundProjects(h.ctx.db, round.id)).reduce((s, p) => s + p.cost_rials, 0);
  assert.ok(round.budget_rials >= total * 0.4 && round.budget_rials <= total * 0.6, `budget ${round.budget_rials} is about half of ${total}`);
  const places = await roundPlaces(h.ctx.db, round.id);
  assert.deepEqual(places.map((p) => p.id), [(await findPlaceByCode(h.ctx.db, DEMO_BALLOT_AREA_CODE))!.id]);
  assert.equal(places[0]!.kind, 'county');

  const list = await h.app.inject('/ballots');
  assert.equal(list.statusCode, 200);
  const open = list.body.slice(list.body.indexOf('id="g-open"'), list.body.indexOf('</section>', list.body.indexOf('id="g-open"')));
  assert.ok(list.body.includes('id="g-open"'), 'an open group is shown');
  assert.match(open, new RegExp(`href="/ballots/${round.id}"`));
  assert.ok(open.includes(round.title));
  const page = await h.app.inject(`/ballots/${round.id}`);
  assert.equal(page.statusCode, 200);
  for (const p of await roundProjects(h.ctx.db, round.id)) assert.ok(page.body.includes(p.title), p.title);
});

test('its four plans are demo plans by four agencies, 0.8–3 billion rials, in the area, approved on two submitted reviews', async () => {
  const round = await demoRound();
  const projects = await roundProjects(h.ctx.db, round.id);
  assert.equal(projects.length, demoBallotPlans.length);
  assert.equal(new Set(projects.map((p) => p.agency_id)).size, projects.length, 'each by a different agency');
  const area = (await findPlaceByCode(h.ctx.db, DEMO_BALLOT_AREA_CODE))!.id;
  const expert = (await findUserByEmail(h.ctx.db, 'expert@mahalle.local'))!.id;
  const council = (await findUserByEmail(h.ctx.db, 'council@mahalle.local'))!.id;
  for (const p of projects) {
    const plan = (await findPlan(h.ctx.db, p.plan_id))!;
    assert.equal(plan.status, 'approved');
    assert.equal(plan.is_demo, 1);
    assert.equal(plan.is_public, 1);
    assert.equal(p.cost_rials, plan.requested_rials);
    assert.ok(p.cost_rials >= 0.8 * BILLION && p.cost_rials <= 3 * BILLION, `${p.title}: ${p.cost_rials}`);
    const reviews = await submittedReviews(h.ctx.db, plan.id);
    assert.deepEqual(reviews.map((r) => r.reviewer_id).sort(), [expert, council].sort());
    const determinations = await h.ctx.db.selectFrom('determinations').select(['outcome']).where('plan_id', '=', plan.id).execute();
    assert.deepEqual(determinations.map((d) => d.outcome), ['approved']);
    const places = await h.ctx.db.selectFrom('plan_places').select('place_id').where('plan_id', '=', plan.id).execute();
    assert.ok(places.length > 0);
    for (const { place_id } of places) assert.ok((await placeWithAncestors(h.ctx.db, place_id)).some((x) => x.id === area));
  }
});

test('a dozen demo residents of the area have voted within the limits, one after changing the ballot', async () => {
  const round = await demoRound();
  assert.equal(await countBallots(h.ctx.db, round.id), 12);
  const ballots = await h.ctx.db.selectFrom('ballots as b').innerJoin('users as u', 'u.id', 'b.user_id')
    .select(['b.user_id', 'b.choices', 'b.revision', 'u.name', 'u.mobile', 'u.password_hash']).where('b.round_id', '=', round.id).execute();
  const onBallot = new Set((await roundProjects(h.ctx.db, round.id)).map((p) => p.plan_id));
  for (const b of ballots) {
    assert.match(b.name, /\(نمونه\)$/);
    assert.equal(b.mobile, null, 'a demo resident cannot sign in');
    assert.equal(b.password_hash, null);
    assert.equal((await voterFacts(h.ctx.db, round.id, b.user_id))?.in_area, 1);
    const choices = JSON.parse(b.choices) as number[];
    assert.ok(choices.length >= 1 && choices.length <= 2);
    assert.ok(choices.every((c) => onBallot.has(c)));
  }
  assert.deepEqual(ballots.map((b) => Number(b.revision)).sort(), [...Array(11).fill(1), 2]);
  // Every plan has someone who approves it.
  for (const id of onBallot) assert.ok(ballots.some((b) => (JSON.parse(b.choices) as number[]).includes(id)));
});

test('seeding again adds nothing', async () => {
  const tables = ['plans', 'ballot_rounds', 'ballots', 'users', 'review_assignments', 'reviews', 'determinations'] as const;
  const counts = async () => Promise.all(tables.map(async (t) => Number((await h.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)));
  const before = await counts();
  await seedDemo(h.ctx);
  assert.deepEqual(await counts(), before);
  const secretary = (await findUserByEmail(h.ctx.db, 'secretary@mahalle.local'))!;
  const expert = (await findUserByEmail(h.ctx.db, 'expert@mahalle.local'))!;
  const council = (await findUserByEmail(h.ctx.db, 'council@mahalle.local'))!;
  assert.deepEqual(await seedDemoBallots(h.ctx, { callId, secretary, expert, council }), { roundId: null, plans: 0, ballots: 0 });
});

test('the audit chain verifies and ballot entries say nothing of the choices', async () => {
  assert.ok((await verifyAuditChain(h.ctx.db)).ok);
  const entries = await h.ctx.db.selectFrom('audit_log').select(['action', 'data']).where('action', 'in', ['ballot.cast', 'ballot.changed']).execute();
  assert.equal(entries.length, 13);
  for (const e of entries) assert.deepEqual(Object.keys(JSON.parse(e.data ?? '{}')), ['revision']);
});

test('the plans on the demo ballot are left out of the expert track while the round runs', async () => {
  const round = await demoRound();
  const onBallot = new Set((await roundProjects(h.ctx.db, round.id)).map((p) => p.plan_id));
  assert.ok((await approvedPlanFacts(h.ctx, callId)).every((f) => !onBallot.has(f.id)));
  const withBallots = new Set((await approvedPlanFacts(h.ctx, callId, { onBallots: true })).map((f) => f.id));
  assert.ok([...onBallot].every((id) => withBallots.has(id)), 'they are approved plans of the call');
});

test('a plan approved before the demo round stays with the expert track: the round takes only its own plans', async () => {
  const w = await createHarness();
  try {
    await importPlaces(w.ctx, realPlaces, { actorId: null });
    await importPlaces(w.ctx, demoPlaces, { actorId: null, isDemo: true });
    for (const s of demoStaff) await createStaffUser(w.ctx, { actorId: null, ...s });
    const staff = async (email: string) => {
      const u = (await findUserByEmail(w.ctx.db, email))!;
      return { id: u.id, roles: await rolesOf(w.ctx.db, u.id) };
    };
    const [secretary, expert, council] = [await staff('secretary@mahalle.local'), await staff('expert@mahalle.local'), await staff('council@mahalle.local')];
    const agencies = await seedDemoAgencies(w.ctx);
    const id = await seedDemoCall(w.ctx, secretary);
    await seedDemoPlans(w.ctx, { callId: id, secretary, agencies });
    await seedDemoReviews(w.ctx, { callId: id, secretary, expert, council });
    // The demo council member finishes the review left as a draft; the secretariat approves the plan.
    const [earlier] = await publicPlanIdsOfCall(w.ctx.db, id);
    const draft = (await assignmentsOfPlan(w.ctx.db, earlier!)).find((a) => a.reviewer_id === council.id)!;
    await saveReview(w.ctx, council, draft.id, { scores: Object.fromEntries(allCriterionKeys.map((k) => [k, k === 'E5' ? 'na' : '4'])), comments: {}, recommendation: 'yes', comment: '' }, true);
    await determinePlan(w.ctx, secretary, earlier!, { outcome: 'approved', reasons: 'دو ارزیابی بالای حد قبولی است.' });

    const seeded = await seedDemoBallots(w.ctx, { callId: id, secretary, expert, council });
    assert.equal(seeded.plans, demoBallotPlans.length);
    assert.equal(seeded.ballots, 5, 'without the demo supporters, the five demo voters of the round');
    const projects = (await roundProjects(w.ctx.db, seeded.roundId!)).map((p) => p.plan_id);
    assert.ok(!projects.includes(earlier!), 'the earlier approved plan is not put on the ballot');
    const facts = await approvedPlanFacts(w.ctx, id);
    assert.deepEqual(facts.map((f) => f.id), [earlier]);
    const { result } = await createRound(w.ctx, secretary, id, { method: 'greedy', valueRule: 'score', budgetRials: 10 * BILLION, constraints: {}, note: '' });
    assert.deepEqual(result.selected, [String(earlier)]);
    assert.ok((await verifyAuditChain(w.ctx.db)).ok);
  } finally {
    await w.close();
  }
});
