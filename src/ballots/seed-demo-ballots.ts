import { findUserByEmail, insertUser, rolesOf, updateUserProfile } from '../accounts/accounts.repo.ts';
import type { Actor } from '../accounts/permissions.ts';
import { seedDemoAgencies } from '../agencies/demo-agencies.ts';
import { findCall } from '../calls/calls.repo.ts';
import { deadlineOfJalaliDay } from '../calls/deadline.ts';
import type { Config } from '../config.ts';
import type { OpContext } from '../context.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import { formatJalaliNumeric, jalaliDayStartUtc, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { createPlanDraft, savePlanDraft } from '../plans/save-plan-draft.ts';
import { passScreening, startScreening } from '../plans/screen-plan.ts';
import { screeningChecklist } from '../plans/screening.ts';
import { submitPlan } from '../plans/submit-plan.ts';
import { assignReviewers } from '../reviews/assign-reviewers.ts';
import { determinePlan } from '../reviews/determine-plan.ts';
import { respondToAssignment } from '../reviews/respond-assignment.ts';
import { assignmentsOfPlan } from '../reviews/reviews.repo.ts';
import { allCriterionKeys } from '../reviews/rubric.ts';
import { saveReview } from '../reviews/save-review.ts';
import { listRounds, markDemoRound, voterFacts } from './ballots.repo.ts';
import { castBallot } from './cast-ballot.ts';
import { demoBallotPlans, type DemoReview } from './demo-ballot-plans.ts';
import { runRoundClock } from './round-clock.ts';
import { createBallotRound } from './save-round.ts';

const DAY_MS = 86_400_000;

/** Qazvin county (SCI 2603): the round's area, holding the demo neighborhoods of Qazvin city and a demo village. */
export const DEMO_BALLOT_AREA_CODE = '2603';

/** Written for the demo. */
export const demoRoundTitle = 'بودجهٔ محله با رأی ساکنان: طرح‌های کوچک برای مادران و کودکان شهرستان قزوین';

const demoRoundDescription = [
  'بخشی از اعتبار فراخوان امسال را خود ساکنان محله‌ها و روستاهای شهرستان قزوین تقسیم می‌کنند. چهار طرح کوچک که ارزیابان ستاد تأییدشان کرده‌اند روی برگهٔ رأی آمده است: خانهٔ امن پس از مدرسه، گروه‌های همیاری مادران، روشنایی و زمین ورزش یک بوستان، و گوشهٔ کتاب یک روستا.',
  'هر ساکنی که محل سکونتش را در نمایهٔ خود در این شهرستان ثبت کرده است می‌تواند یک یا دو طرح را برگزیند و تا پایان رأی‌گیری رأی خود را تغییر دهد. شمارش به روش سهم‌های برابر است: بودجه میان رأی‌دهندگان به سهم برابر تقسیم می‌شود و هر طرح با سهم حامیانش خریده می‌شود.',
].join('\n\n');

/**
 * Demo voters. Like the demo supporters (src/plans/seed-demo-supports.ts), whose homes are in
 * Minoodar and Pounak and who vote here too, they cannot sign in (no mobile number, no password)
 * and are marked «نمونه» in their names. `home` is a demo place code in Qazvin county.
 * Choices are indexes into demoBallotPlans; `first` is an earlier ballot the voter then changed.
 */
const demoVoters: readonly { email: string; name?: string; home?: string; choices: number[]; first?: number[] }[] = [
  { email: 'supporter1@mahalle.local', choices: [0, 1] },
  { email: 'supporter2@mahalle.local', choices: [2] },
  { email: 'supporter3@mahalle.local', choices: [1, 3] },
  { email: 'supporter4@mahalle.local', choices: [0, 2] },
  { email: 'supporter5@mahalle.local', choices: [1] },
  { email: 'supporter6@mahalle.local', choices: [0, 2] },
  { email: 'supporter7@mahalle.local', choices: [0, 1] },
  { email: 'voter1@mahalle.local', name: 'پریسا جعفری (نمونه)', home: '9260300004', choices: [0] },
  { email: 'voter2@mahalle.local', name: 'مهدی قاسمی (نمونه)', home: '9260300006', choices: [0, 1] },
  { email: 'voter3@mahalle.local', name: 'الهام عباسی (نمونه)', home: '9260300005', choices: [2, 3], first: [2] },
  { email: 'voter4@mahalle.local', name: 'یوسف رستمی (نمونه)', home: '9260390001', choices: [3] },
  { email: 'voter5@mahalle.local', name: 'طاهره سلطانی (نمونه)', home: '9260300003', choices: [0, 3] },
];

/** A review form from the demo's compact scores: one character per criterion in rubric order, n for N/A. */
function reviewForm(r: DemoReview) {
  return {
    scores: Object.fromEntries(allCriterionKeys.map((k, i) => [k, r.scores[i] === 'n' ? 'na' : (r.scores[i] ?? '3')])),
    comments: r.comments, recommendation: r.recommendation, comment: r.comment,
  };
}

export type DemoBallotsReport = { roundId: number | null; plans: number; ballots: number };

/**
 * The demo residents' ballot round, through the real operations: four small plans written for the
 * demo are drafted and submitted by four demo agencies, screened, reviewed by the demo expert and
 * council member and approved by the secretariat; a round on them over Qazvin county opened
 * yesterday and closes in 14 days; a dozen demo residents have voted. Plans and round are marked
 * is_demo. Skipped when the call already has a ballot round or no longer takes plans. The staff are
 * the demo secretary, expert and council member (their roles are read from the database).
 */
export async function seedDemoBallots(
  ctx: OpContext & { config: Pick<Config, 'sessionSecret'> },
  staff: { callId: number; secretary: { id: number }; expert: { id: number }; council: { id: number } },
): Promise<DemoBallotsReport> {
  const none = { roundId: null, plans: 0, ballots: 0 };
  const actorOf = async (u: { id: number }): Promise<Actor> => ({ id: u.id, roles: await rolesOf(ctx.db, u.id) });
  const o = { callId: staff.callId, secretary: await actorOf(staff.secretary), expert: await actorOf(staff.expert), council: await actorOf(staff.council) };
  const call = await findCall(ctx.db, o.callId);
  if (!call || call.status !== 'open') return none;
  if ((await listRounds(ctx.db, { callId: o.callId })).length) return none;
  const area = await findPlaceByCode(ctx.db, DEMO_BALLOT_AREA_CODE);
  if (!area) return none;

  const agencies = await seedDemoAgencies(ctx);
  const now = ctx.clock.now();
  const due = formatJalaliNumeric(jalaliPartsOf(now.getTime() + 14 * DAY_MS));
  const planIds: number[] = [];
  for (const demo of demoBallotPlans) {
    const ref = agencies.find((a) => a.key === demo.agencyKey);
    if (!ref) throw new Error(`demo agency missing: ${demo.agencyKey}`);
    const officer: Actor = { id: ref.officerId, roles: ['agency_officer'], agencyIds: [ref.agencyId] };
    const placeIds: number[] = [];
    for (const code of demo.placeCodes) {
      const place = await findPlaceByCode(ctx.db, code);
      if (place) placeIds.push(place.id);
    }
    const content = demo.content(call.fiscal_year, placeIds);
    const id = await createPlanDraft(ctx, officer, { callId: o.callId, agencyId: ref.agencyId, title: content.title });
    await savePlanDraft(ctx, officer, id, content);
    await submitPlan(ctx, officer, id);
    await startScreening(ctx, o.secretary, id);
    await passScreening(ctx, o.secretary, id, [...screeningChecklist]);
    await assignReviewers(ctx, o.secretary, id, { reviewerIds: [o.expert.id, o.council.id], due });
    for (const a of await assignmentsOfPlan(ctx.db, id)) {
      const reviewer = a.reviewer_id === o.expert.id ? o.expert : o.council;
      await respondToAssignment(ctx, reviewer, a.id, { answer: 'accept', noConflict: true });
      await saveReview(ctx, reviewer, a.id, reviewForm(reviewer === o.expert ? demo.reviews.expert : demo.reviews.council), true);
    }
    await determinePlan(ctx, o.secretary, id, { outcome: 'approved', reasons: demo.approval });
    planIds.push(id);
  }

  const costs = demoBallotPlans.reduce((s, p) => s + p.content(call.fiscal_year, []).requestedTotal, 0);
  const roundId = await createBallotRound(ctx, o.secretary, o.callId, {
    title: demoRoundTitle,
    description: demoRoundDescription,
    method: 'mes-add1',
    // About half of what the plans ask for, in whole hundreds of millions of rials.
    budgetRials: Math.round(costs / 2 / 100_000_000) * 100_000_000,
    minApprovals: 1,
    maxApprovals: 2,
    requireVerified: false,
    opensAt: jalaliDayStartUtc(jalaliPartsOf(now.getTime() - DAY_MS)),
    closesAt: deadlineOfJalaliDay(jalaliPartsOf(now.getTime() + 14 * DAY_MS)),
    planIds,
    placeIds: [area.id],
  });
  await markDemoRound(ctx.db, roundId, planIds);
  // The round opened yesterday: bring its stored status up to the clock as the ballot.clock job would.
  await runRoundClock(ctx);

  const ballotCtx = { ...ctx, secret: ctx.config.sessionSecret };
  const at = now.toISOString();
  let ballots = 0;
  for (const v of demoVoters) {
    let id = (await findUserByEmail(ctx.db, v.email))?.id;
    if (id === undefined) {
      const home = v.home ? await findPlaceByCode(ctx.db, v.home) : undefined;
      if (!v.name || !home) continue;
      id = await insertUser(ctx.db, { email: v.email, name: v.name, now: at });
      await updateUserProfile(ctx.db, id, { name: v.name, homePlaceId: home.id, now: at });
    }
    const facts = await voterFacts(ctx.db, roundId, id);
    if (!facts?.in_area) continue;
    const voter: Actor = { id, roles: ['citizen'] };
    const pick = (idx: number[]) => idx.map((i) => planIds[i]!);
    if (v.first) await castBallot(ballotCtx, voter, roundId, pick(v.first));
    await castBallot(ballotCtx, voter, roundId, pick(v.choices));
    ballots++;
  }
  return { roundId, plans: planIds.length, ballots };
}
