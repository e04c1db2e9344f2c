import type { Actor } from '../accounts/permissions.ts';
import type { OpContext } from '../context.ts';
import { formatJalaliNumeric, gregorianIsoToJalali } from '../platform/persian/jalali.ts';
import { publicPlanIdsOfCall } from '../plans/plans-public.repo.ts';
import { assignReviewers } from './assign-reviewers.ts';
import { respondToAssignment } from './respond-assignment.ts';
import { assignmentsOfPlan, upsertReviewerProfile } from './reviews.repo.ts';
import { allCriterionKeys } from './rubric.ts';
import { saveReview } from './save-review.ts';

// Scores written for the demo: a fair plan with thin evidence of effect and a weak exit strategy.
const demoScores: Record<string, string> = {
  T1: '4', T2: '5', T3: '4', T4: '3', E1: '4', E2: '3', E3: '4', E4: '3', E5: 'na', J1: '4', J2: '3', J3: '2', J4: '2', J5: '4',
};

/**
 * Demo reviews on the first public demo plan, through the real operations: the secretariat asks
 * the demo expert and the demo council member; the expert accepts and submits a review, the council
 * member accepts and leaves a draft. Skipped when the plan already has reviewers.
 */
export async function seedDemoReviews(ctx: OpContext, o: { callId: number; secretary: Actor; expert: Actor; council: Actor }): Promise<number> {
  const [planId] = await publicPlanIdsOfCall(ctx.db, o.callId);
  if (planId === undefined || (await assignmentsOfPlan(ctx.db, planId)).length) return 0;
  const now = ctx.clock.now();
  await upsertReviewerProfile(ctx.db, {
    userId: o.expert.id, kind: 'academic', university: 'دانشگاه نمونه', faculty: 'علوم اجتماعی', field: 'مددکاری اجتماعی', conflictAgencyIds: [], now: now.toISOString(),
  });
  await upsertReviewerProfile(ctx.db, { userId: o.council.id, kind: 'council_staff', university: null, faculty: null, field: null, conflictAgencyIds: [], now: now.toISOString() });
  const due = formatJalaliNumeric(gregorianIsoToJalali(new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10)));
  await assignReviewers(ctx, o.secretary, planId, { reviewerIds: [o.expert.id, o.council.id], due });
  const assignments = await assignmentsOfPlan(ctx.db, planId);
  for (const a of assignments) await respondToAssignment(ctx, a.reviewer_id === o.expert.id ? o.expert : o.council, a.id, { answer: 'accept', noConflict: true });
  const expertAssignment = assignments.find((a) => a.reviewer_id === o.expert.id)!;
  await saveReview(ctx, o.expert, expertAssignment.id, {
    scores: Object.fromEntries(allCriterionKeys.map((k) => [k, demoScores[k] ?? '3'])),
    comments: { J3: 'سهم مشارکت شهرداری و خیران روشن نیست.', J4: 'برنامه‌ای برای ادامهٔ کلاس‌ها پس از پایان اعتبار نیامده است.' },
    recommendation: 'yes',
    comment: 'نیاز محله با آمار روشن نشان داده شده است؛ بخش پایداری باید کامل شود.',
  }, true);
  const councilAssignment = assignments.find((a) => a.reviewer_id === o.council.id)!;
  await saveReview(ctx, o.council, councilAssignment.id, { scores: { T1: '4', T2: '4' }, comments: {}, recommendation: '', comment: '' }, false);
  return assignments.length;
}
