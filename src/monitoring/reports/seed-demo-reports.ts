import { findUserByEmail, rolesOf } from '../../accounts/accounts.repo.ts';
import { can, type Actor } from '../../accounts/permissions.ts';
import { seedDemoAgencies } from '../../agencies/demo-agencies.ts';
import { approvedPlanFacts, commitRound, createRound } from '../../allocation/rounds.ts';
import { seedDemoCall } from '../../calls/demo-calls.ts';
import { transitionCall } from '../../calls/transition-call.ts';
import { inTransaction, type OpContext } from '../../context.ts';
import { findPlaceByCode, searchPlaces } from '../../places/places.repo.ts';
import { manualClock } from '../../platform/clock.ts';
import { currentFiscalYear, formatJalaliNumeric, gregorianIsoToJalali, jalaliDayStartUtc, jalaliToGregorianIso } from '../../platform/persian/jalali.ts';
import { matchKey } from '../../platform/persian/normalize.ts';
import { demoPlans } from '../../plans/demo-plans.ts';
import type { PlanContent } from '../../plans/plan-content.ts';
import { callHasPlans, findPlan } from '../../plans/plans.repo.ts';
import { createPlanDraft, savePlanDraft } from '../../plans/save-plan-draft.ts';
import { passScreening, startScreening } from '../../plans/screen-plan.ts';
import { screeningChecklist } from '../../plans/screening.ts';
import { submitPlan } from '../../plans/submit-plan.ts';
import { applyPlanTransition } from '../../plans/transition-plan.ts';
import { assignReviewers } from '../../reviews/assign-reviewers.ts';
import { determinePlan } from '../../reviews/determine-plan.ts';
import { respondToAssignment } from '../../reviews/respond-assignment.ts';
import { assignmentsOfPlan } from '../../reviews/reviews.repo.ts';
import { allCriterionKeys } from '../../reviews/rubric.ts';
import { saveReview } from '../../reviews/save-review.ts';
import { ageBands } from '../../taxonomy/codes.ts';
import { decideProgressReport } from './decide-progress-report.ts';
import { periodsOfPlan } from './report-rules.ts';
import { findReportingPlan, hasDemoReports, markDemoReports } from './reports.repo.ts';
import { saveProgressReport } from './save-progress-report.ts';
import { addDays, tehranDate } from './schedule.ts';
import { submitProgressReport } from './submit-progress-report.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Last year's demo plans and what became of them. A: started, reports approved each quarter, the
 * last one awaiting review. B: the last report returned for correction. C: the last report never
 * came (late). Contents come from the demo plans written for this project.
 */
/**
 * Last year's plans reuse this year's demo content under titles of their own, so no list or search
 * confuses a plan with this year's of the same agency.
 */
const demoFates = [
  { agencyKey: 'welfare', fate: 'submitted', start: true, title: 'حلقه‌های همیاری نوجوانان مینودر برای دوری از اعتیاد' },
  { agencyKey: 'relief', fate: 'returned', start: false, title: 'کسب‌وکار خانگی برای مادران سرپرست خانوار پونک' },
  { agencyKey: 'education', fate: 'missing', start: false, title: 'کارگاه‌های مهارت زندگی مشترک برای زوج‌های جوان' },
] as const;

const returnNote = 'فهرست حضور کارگاه‌های این فصل و فاکتورهای هزینه را پیوست کنید؛ شمار ذی‌نفعان با فهرست‌ها نمی‌خواند.';

/** A copy of the context whose clock stands at the given instant. */
const at = <C extends OpContext>(ctx: C, instant: number): C => ({ ...ctx, clock: manualClock(new Date(instant)) });
/** 08:30 in Tehran on a Gregorian ISO date. */
const morningOf = (isoDate: string) => Date.parse(jalaliDayStartUtc(gregorianIsoToJalali(isoDate))) + 8.5 * HOUR_MS;

/** Whole numbers summing to total, in proportion to weights (largest remainders). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const raw = weights.map((w) => (w / sum) * total);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (const i of raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i)) {
    if (rest-- <= 0) break;
    out[i]!++;
  }
  return out;
}

/** A believable report for quarter k (1-based) of n: activities advance, a fifth of each group is reached, a fifth of the money spent. */
function demoReportContent(plan: PlanContent, funded: number, k: number, n: number) {
  const share = k / n;
  return {
    activities: plan.activities.map((_, index) => {
      const percent = Math.min(100, Math.round((share * 100 * (index + 2)) / (plan.activities.length + 1) / 5) * 5);
      return { index, status: percent >= 100 ? 'done' : percent > 0 ? 'in_progress' : 'not_started', percent, note: '' };
    }),
    beneficiaries: plan.targetGroups.map((g) => {
      const female = Math.round((g.female * 0.8) / n);
      const male = Math.round((g.male * 0.8) / n);
      const weights = ageBands.map((b) => g.ageBands[b]);
      const split = apportion(female + male, weights);
      return { group: g.group, female, male, ageBands: Object.fromEntries(ageBands.map((b, i) => [b, split[i]!])) };
    }),
    spentRials: Math.floor((funded * 0.9) / n / 1_000_000) * 1_000_000,
    indicatorActuals: plan.indicators.map((i, index) => ({
      index,
      actual: i.baseline !== null && i.target !== null ? Math.round((i.baseline + (i.target - i.baseline) * share * 0.85) * 10) / 10 : null,
      note: '',
    })),
    narrative: `در این فصل ${plan.activities.slice(0, 2).join(' و ')} طبق برنامه پیش رفت و گروه‌های هدف با کمک شورایاری محله شناسایی و دعوت شدند.`,
    challenges: k === 1 ? 'تأخیر در آماده شدن فضای برگزاری کارگاه‌ها در ماه نخست.' : 'کمبود مربی زن برای جلسات مادران.',
    nextSteps: 'ادامهٔ جلسات، پیگیری شرکت‌کنندگان غایب و آماده‌سازی پرسش‌نامهٔ پس‌آزمون.',
  };
}

/**
 * The demo's monitoring history, through the real operations with clocks set in the past: last
 * fiscal year's demo call (opened on 20 Farvardin, closed after its deadline), three demo plans
 * drafted, screened, reviewed and approved, funded by an allocation round the secretariat commits,
 * one started by its agency; then a progress report per quarter filed by the agency's officer
 * inside each grace window and approved by the secretariat — except the last quarter of each plan,
 * left submitted, returned, or missing (late). Everything is marked is_demo. Dates are relative
 * to ctx.clock; nothing is done when demo reports already exist or last year's call has plans.
 */
export async function seedDemoReports(ctx: OpContext): Promise<number> {
  if (await hasDemoReports(ctx.db)) return 0;
  const secretaryUser = await findUserByEmail(ctx.db, 'secretary@mahalle.local');
  const expertUser = await findUserByEmail(ctx.db, 'expert@mahalle.local');
  const councilUser = await findUserByEmail(ctx.db, 'council@mahalle.local');
  if (!secretaryUser || !expertUser || !councilUser) return 0;
  const actorOf = async (u: { id: number }): Promise<Actor> => ({ id: u.id, roles: await rolesOf(ctx.db, u.id) });
  const secretary = await actorOf(secretaryUser);
  const expert = await actorOf(expertUser);
  const council = await actorOf(councilUser);
  if (!can(secretary, 'report.review')) return 0;

  const now = ctx.clock.now().getTime();
  const today = tehranDate(ctx.clock.now());
  const fy = currentFiscalYear(ctx.clock.now()) - 1;
  const day = (jm: number, jd: number) => jalaliToGregorianIso({ jy: fy, jm, jd });
  const opened = morningOf(day(1, 20));
  const c0 = at(ctx, opened);
  const callId = await seedDemoCall(c0, secretary);
  if (await callHasPlans(ctx.db, callId)) return 0;

  // ---- plans, drafted in the call's first week ----
  const agencies = await seedDemoAgencies(ctx);
  const made: { planId: number; officer: Actor; fate: (typeof demoFates)[number] }[] = [];
  for (const fate of demoFates) {
    const demo = demoPlans.find((p) => p.agencyKey === fate.agencyKey);
    const ref = agencies.find((a) => a.key === fate.agencyKey);
    if (!demo || !ref) continue;
    const officer: Actor = { id: ref.officerId, roles: ['agency_officer'], agencyIds: [ref.agencyId] };
    const placeIds: number[] = [];
    for (const name of demo.placeNames) {
      const hit = (await searchPlaces(ctx.db, matchKey(name), 5)).find((p) => p.kind === 'neighborhood' || p.kind === 'village');
      if (hit) placeIds.push(hit.id);
    }
    if (placeIds.length === 0) placeIds.push((await findPlaceByCode(ctx.db, '9260300001'))?.id ?? 0);
    // Last year's plan ran from Ordibehesht to Esfand.
    const content: PlanContent = { ...demo.content(fy, placeIds), title: fate.title, startDate: day(2, 15), endDate: day(12, 20) };
    content.schedule = content.schedule.map((s, i) => ({ ...s, start: day(Math.min(11, 2 + i * 2), 15), end: day(Math.min(12, 4 + i * 2), 20) }));
    const c = at(ctx, opened + (made.length + 1) * DAY_MS);
    const id = await createPlanDraft(c, officer, { callId, agencyId: ref.agencyId, title: content.title });
    await savePlanDraft(c, officer, id, content);
    await submitPlan(c, officer, id);
    made.push({ planId: id, officer, fate });
  }
  if (made.length === 0) return 0;

  // ---- after the deadline: screening, two reviews each, approval ----
  const closing = opened + 23 * DAY_MS;
  await transitionCall(at(ctx, closing), secretary, callId, 'close');
  await transitionCall(at(ctx, closing), secretary, callId, 'start_review');
  const reviewDue = formatJalaliNumeric(gregorianIsoToJalali(addDays(tehranDate(new Date(closing)), 14)));
  for (const [i, m] of made.entries()) {
    const c = at(ctx, closing + HOUR_MS * (i + 1));
    await startScreening(c, secretary, m.planId);
    await passScreening(c, secretary, m.planId, [...screeningChecklist]);
    await assignReviewers(c, secretary, m.planId, { reviewerIds: [expert.id, council.id], due: reviewDue });
    for (const a of await assignmentsOfPlan(ctx.db, m.planId)) {
      const reviewer = a.reviewer_id === expert.id ? expert : council;
      const r = at(ctx, closing + 3 * DAY_MS + HOUR_MS * (i + 1));
      await respondToAssignment(r, reviewer, a.id, { answer: 'accept', noConflict: true });
      await saveReview(r, reviewer, a.id, {
        scores: Object.fromEntries(allCriterionKeys.map((k) => [k, '4'])), comments: {}, recommendation: 'yes',
        comment: 'نیاز محله روشن است و فعالیت‌ها با هدف طرح می‌خواند.',
      }, true);
    }
    await determinePlan(at(ctx, closing + 8 * DAY_MS), secretary, m.planId, { outcome: 'approved', reasons: 'هر سه معیار اثربخشی، هدفمندی و توجیه‌پذیری بالاتر از حد پذیرش است.' });
  }

  // ---- funding: an allocation round committed by the secretariat ----
  const funding = closing + 10 * DAY_MS;
  const f = at(ctx, funding);
  await transitionCall(f, secretary, callId, 'start_allocation');
  const facts = await approvedPlanFacts(f, callId);
  const budget = facts.reduce((s, p) => s + p.cost, 0);
  const round = await createRound(f, secretary, callId, { method: 'greedy', valueRule: 'score_x_beneficiaries', budgetRials: budget, constraints: {}, note: 'تخصیص نمونهٔ سال گذشته' });
  await commitRound(f, secretary, round.id);
  await transitionCall(at(ctx, funding + HOUR_MS), secretary, callId, 'decide');
  for (const m of made) {
    if (!m.fate.start) continue;
    const s = at(ctx, funding + 5 * DAY_MS);
    await inTransaction(s, async (tx) => {
      const plan = await findPlan(tx.db, m.planId);
      if (plan?.status === 'funded') await applyPlanTransition(tx, plan, 'start', { actorId: m.officer.id, message: 'اجرای طرح آغاز شد.' });
    });
  }

  // ---- the reports: filed ten days after each quarter ends, approved five days later ----
  let filed = 0;
  for (const m of made) {
    const plan = await findReportingPlan(ctx.db, m.planId);
    if (!plan) continue;
    const content = JSON.parse(plan.content) as PlanContent;
    const due = periodsOfPlan(plan, today).filter((d) => d.dueOn < today);
    for (const [i, d] of due.entries()) {
      const last = i === due.length - 1;
      if (last && m.fate.fate === 'missing') break;
      const filedAt = morningOf(addDays(d.dueOn, -10));
      const decidedAt = Math.min(morningOf(addDays(d.dueOn, -5)), now - HOUR_MS);
      const c = at(ctx, filedAt);
      const { reportId } = await saveProgressReport(c, m.officer, m.planId, d.period, demoReportContent(content, plan.fundedRials, i + 1, due.length + 1), { isDemo: true });
      await submitProgressReport(c, m.officer, reportId);
      filed++;
      if (last && m.fate.fate === 'submitted') continue;
      const decision = last && m.fate.fate === 'returned' ? { decision: 'return' as const, note: returnNote } : { decision: 'approve' as const, note: '' };
      await decideProgressReport(at(ctx, decidedAt), secretary, reportId, decision);
    }
  }
  await markDemoReports(ctx.db, made.map((m) => m.planId));
  return filed;
}
