import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { actorOf, requirePermission } from '../accounts/accounts.plugin.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { findAgency, officersOfAgency } from '../agencies/agencies.repo.ts';
import { callTitle } from '../calls/call-format.ts';
import { findCall } from '../calls/calls.repo.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { setFlash } from '../platform/http/flash.ts';
import { field, fieldList, submitForm } from '../platform/http/forms.ts';
import { pageContext, sendPage } from '../platform/http/page.ts';
import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { formatJalaliDateTime, formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { amountInWords, formatMoney, formatNumber, parseAmount } from '../platform/persian/money.ts';
import { statusLabel } from '../plans/form-view.ts';
import { idFrom } from '../plans/load-plan-pages.ts';
import { publicStatuses } from '../plans/plan-lifecycle.ts';
import { findPlan, type PlanRow } from '../plans/plans.repo.ts';
import { meetingChoiceOptions } from '../meetings/meeting-choices.ts';
import { loadSupportSummary } from '../plans/support-summary.ts';
import { determinationLines } from './agency-view.ts';
import { assignReviewers } from './assign-reviewers.ts';
import { determinePlan, planScores } from './determine-plan.ts';
import { respondToAssignment, type Response as Answer } from './respond-assignment.ts';
import { reviewSettingsOf, saveReviewSettings, type RubricForm } from './review-settings.ts';
import {
  aggregateView, anchorTexts, assignmentStatusLabel, blockLabel, criterionLabel, dueLabel, formatMean, formatMedian, formatScore, isOverdue, outcomeLabel,
  profileLabel, recommendationLabel, weightLabel,
} from './review-view.ts';
import {
  assignmentsOfPlan, assignmentsOfReviewer, determinationsOfPlan, findAssignment, findReview, listReviewers, plansForReview, submittedReviewsOfPlans,
  type AssignmentRow,
} from './reviews.repo.ts';
import { aggregate, allCriterionKeys, blockKeys, criterionKeys, requiredReviewers, type ReviewScores } from './rubric.ts';
import { saveReview, type ReviewForm } from './save-review.ts';
import { ADMIN_REVIEWS, ReviewListPage, ReviewPlanPage, RubricPage, type ReviewListView, type ReviewPlanView, type RubricFormView } from './views/admin-review-pages.tsx';
import { AssignmentPage, ReviewWorkspacePage, type AssignmentPageView } from './views/reviewer-pages.tsx';

/** Reviewers get two weeks unless the secretariat says otherwise. */
export const DEFAULT_REVIEW_DAYS = 14;

const toman = (rials: number) => formatMoney(rials, 'toman');

type PlanKept = { reviewers?: string[]; due?: string; outcome?: string; reasons?: string; meetingId?: string; errors?: Record<string, string> };
type AssignmentKept = { noConflict?: boolean; reason?: string; form?: ReviewForm; errors?: Record<string, string> };

/** The review form as posted: a score and a comment per criterion the rubric knows, the recommendation and the overall comment. */
function reviewFormOf(body: unknown): ReviewForm {
  return {
    scores: Object.fromEntries(allCriterionKeys.map((k) => [k, field(body, `score_${k}`, 5)])),
    comments: Object.fromEntries(allCriterionKeys.map((k) => [k, field(body, `comment_${k}`, 2000)])),
    recommendation: field(body, 'recommendation', 10),
    comment: field(body, 'comment', 5000),
  };
}

/** A stored review (draft or sent) as the form's values. */
function reviewFormFromStored(row: { scores: string; recommendation: string | null; comment: string | null } | undefined): ReviewForm {
  const stored = (row ? JSON.parse(row.scores) : {}) as ReviewScores;
  const scores: Record<string, string> = {};
  const comments: Record<string, string> = {};
  for (const [k, v] of Object.entries(stored)) {
    if (!v) continue;
    scores[k] = v.score === null ? 'na' : v.score === undefined ? '' : String(v.score);
    comments[k] = v.comment ?? '';
  }
  return { scores, comments, recommendation: row?.recommendation ?? '', comment: row?.comment ?? '' };
}

/** Expert review: the secretariat's pages, a call's rubric, the reviewer's workspace (issue #4). */
export async function reviewRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const readAll = { preHandler: requirePermission('review.read_all') };
  const manage = { preHandler: requirePermission('review.manage') };
  const workspace = { preHandler: requirePermission('review.workspace') };
  const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, ctx.clock);
  const idParam = (request: FastifyRequest, name: string) => idFrom(String((request.params as Record<string, string>)[name] ?? ''));

  // ---- the secretariat: the list ----------------------------------------------------------------

  async function listView(discussOnly: boolean): Promise<ReviewListView> {
    const now = ctx.clock.now();
    const [plans, reviewers] = await Promise.all([plansForReview(ctx.db, ['in_review']), listReviewers(ctx.db, now.toISOString())]);
    const reviews = await submittedReviewsOfPlans(ctx.db, plans.map((p) => p.id));
    const byPlan = new Map<number, typeof reviews>();
    for (const r of reviews) {
      const list = byPlan.get(r.plan_id);
      if (list) list.push(r);
      else byPlan.set(r.plan_id, [r]);
    }
    const settings = new Map<number, Awaited<ReturnType<typeof reviewSettingsOf>>>();
    for (const callId of new Set(plans.map((p) => p.call_id))) settings.set(callId, await reviewSettingsOf(ctx.db, callId));
    const all = plans.map((p) => {
      const s = settings.get(p.call_id)!;
      const agg = aggregate(s.rubric, (byPlan.get(p.id) ?? []).map((r) => ({ scores: JSON.parse(r.scores) as ReviewScores, recommendation: r.recommendation })));
      const required = requiredReviewers(p.requested_rials, s.threeAboveRials);
      return {
        href: `${ADMIN_REVIEWS}/${p.id}`,
        title: toPersianDigits(p.title),
        agency: toPersianDigits(p.agency_name),
        amount: toman(p.requested_rials),
        reviewers: t('reviewPage.of', { done: p.assigned, required }),
        short: p.assigned < required,
        submitted: formatNumber(p.submitted),
        total: formatMean(agg.total),
        discuss: agg.discuss,
        moreInfo: agg.needsMoreInfo,
      };
    });
    const discussCount = all.filter((r) => r.discuss).length;
    return {
      discussOnly,
      tabs: [
        { label: t('reviewPage.list.all', { count: all.length }), href: ADMIN_REVIEWS, current: !discussOnly },
        { label: t('reviewPage.list.discuss', { count: discussCount }), href: `${ADMIN_REVIEWS}?list=discuss`, current: discussOnly },
      ],
      rows: discussOnly ? all.filter((r) => r.discuss) : all,
      workload: reviewers.map((r) => ({
        name: r.name,
        profile: profileLabel(r),
        open: formatNumber(r.open),
        submitted: formatNumber(r.submitted),
        overdue: formatNumber(r.overdue),
        late: r.overdue > 0,
      })),
    };
  }

  app.get(ADMIN_REVIEWS, readAll, async (request, reply) => {
    const view = await listView(field(request.query, 'list', 20) === 'discuss');
    return sendPage(reply, <ReviewListPage page={page(request, reply)} view={view} />);
  });

  // ---- the secretariat: one plan ----------------------------------------------------------------

  const planParam = async (request: FastifyRequest): Promise<PlanRow> => {
    const id = idParam(request, 'planId');
    const plan = id === null ? undefined : await findPlan(ctx.db, id);
    if (!plan) throw notFound();
    return plan;
  };

  async function planView(actor: Actor, plan: PlanRow, kept: PlanKept = {}): Promise<ReviewPlanView> {
    const now = ctx.clock.now();
    const [call, agency, scores, assignments, determinations, support] = await Promise.all([
      findCall(ctx.db, plan.call_id), findAgency(ctx.db, plan.agency_id), planScores(ctx, plan), assignmentsOfPlan(ctx.db, plan.id), determinationsOfPlan(ctx.db, plan.id),
      loadSupportSummary(ctx.db, plan.id),
    ]);
    const open = plan.status === 'in_review';
    const canManage = can(actor, 'review.manage');
    let assign: ReviewPlanView['assign'] = null;
    if (open && canManage) {
      const [reviewers, officers] = await Promise.all([listReviewers(ctx.db, now.toISOString()), officersOfAgency(ctx.db, plan.agency_id)]);
      const taken = new Set(assignments.map((a) => a.reviewer_id));
      const officerIds = new Set(officers.map((o) => o.id));
      const free = reviewers.filter((r) => !taken.has(r.id));
      const conflicted = (r: (typeof reviewers)[number]) => officerIds.has(r.id) || (JSON.parse(r.conflict_agency_ids ?? '[]') as number[]).includes(plan.agency_id);
      const excluded = free.filter(conflicted);
      assign = {
        options: free.filter((r) => !conflicted(r)).map((r) => {
          const profile = profileLabel(r);
          const params = { name: r.name, profile, open: r.open, overdue: r.overdue };
          return { value: String(r.id), label: profile === '—' ? t('reviewPage.assign.option', params) : t('reviewPage.assign.option_profile', params) };
        }),
        excluded: excluded.length ? t('reviewPage.assign.excluded', { names: excluded.map((r) => r.name).join('، ') }) : null,
        required: scores.required,
        values: {
          reviewers: kept.reviewers ?? [],
          due: kept.due ?? formatJalaliNumeric(jalaliPartsOf(now.getTime() + DEFAULT_REVIEW_DAYS * 86_400_000)),
        },
      };
    }
    return {
      id: plan.id,
      title: toPersianDigits(plan.title),
      publicHref: publicStatuses.includes(plan.status) ? `/plans/${plan.id}` : null,
      facts: [
        { label: t('reviewPage.plan.status'), value: statusLabel(plan.status) },
        { label: t('reviewPage.col.agency'), value: agency ? toPersianDigits(agency.name) : '—' },
        { label: t('reviewPage.col.amount'), value: toman(plan.requested_rials) },
        { label: t('reviewPage.plan.required'), value: formatNumber(scores.required) },
        { label: t('reviewPage.col.submitted'), value: t('reviewPage.of', { done: scores.reviews.length, required: scores.required }) },
      ],
      callTitle: call ? callTitle(call.title) : '—',
      support,
      rubricHref: canManage ? `/admin/calls/${plan.call_id}/rubric` : null,
      open,
      assignments: assignments.map((a) => ({
        reviewer: a.reviewer_name,
        status: assignmentStatusLabel(a),
        due: dueLabel(a.due_at),
        overdue: isOverdue(a, now),
        note: a.decline_reason ? toPersianDigits(a.decline_reason) : null,
      })),
      assign,
      aggregate: scores.reviews.length ? aggregateView(scores, { names: true }) : null,
      determine: open && canManage
        ? { outcome: kept.outcome ?? '', reasons: kept.reasons ?? '', meetingId: kept.meetingId ?? '', meetings: await meetingChoiceOptions(ctx.db) }
        : null,
      determinations: determinationLines(determinations),
      errors: kept.errors ?? {},
    };
  }

  const renderPlan = async (request: FastifyRequest, reply: FastifyReply, plan: PlanRow, kept: PlanKept = {}, status = 200) =>
    sendPage(reply, <ReviewPlanPage page={page(request, reply)} view={await planView(actorOf(request), plan, kept)} />, status);

  // ?meeting=<id> (from a meeting's agenda) preselects the meeting the determination is taken in.
  app.get(`${ADMIN_REVIEWS}/:planId`, readAll, async (request, reply) =>
    renderPlan(request, reply, await planParam(request), { meetingId: field(request.query, 'meeting', 12) }));

  app.post(`${ADMIN_REVIEWS}/:planId/assign`, manage, async (request, reply) => {
    const plan = await planParam(request);
    const reviewers = fieldList(request.body, 'reviewers');
    const due = field(request.body, 'due', 30);
    const reviewerIds = reviewers.map(idFrom).filter((x): x is number => x !== null);
    const result = await submitForm(() => assignReviewers(ctx, actorOf(request), plan.id, { reviewerIds, due }));
    if (!result.ok) return renderPlan(request, reply, plan, { reviewers, due, errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t('reviewPage.assign.done', { count: result.value.assigned }) });
    return reply.redirect(`${ADMIN_REVIEWS}/${plan.id}`, 303);
  });

  app.post(`${ADMIN_REVIEWS}/:planId/determine`, manage, async (request, reply) => {
    const plan = await planParam(request);
    const outcome = field(request.body, 'outcome', 20);
    const reasons = field(request.body, 'reasons', 5000);
    const meetingId = field(request.body, 'meeting_id', 12);
    const result = await submitForm(() => determinePlan(ctx, actorOf(request), plan.id, { outcome, reasons, meetingId }));
    if (!result.ok) return renderPlan(request, reply, plan, { outcome, reasons, meetingId, errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t('reviewPage.determine.done', { outcome: outcomeLabel(result.value) }) });
    return reply.redirect(`${ADMIN_REVIEWS}/${plan.id}`, 303);
  });

  // ---- a call's rubric --------------------------------------------------------------------------

  const callParam = async (request: FastifyRequest) => {
    const id = idParam(request, 'id');
    const call = id === null ? undefined : await findCall(ctx.db, id);
    if (!call) throw notFound();
    return call;
  };

  async function rubricView(callId: number, title: string, typed: { form: RubricForm; errors: Record<string, string> } | null): Promise<RubricFormView> {
    const s = await reviewSettingsOf(ctx.db, callId);
    const form: RubricForm = typed?.form ?? {
      weights: Object.fromEntries(s.rubric.blocks.map((b) => [b.key, formatNumber(b.weight)])),
      criteria: s.rubric.blocks.flatMap((b) => b.criteria),
      minBlockMean: formatMedian(s.rubric.minBlockMean),
      spreadThreshold: formatMedian(s.rubric.spreadThreshold),
      threeAbove: formatNumber(s.threeAboveRials),
    };
    const amount = parseAmount(form.threeAbove);
    const hinted = amount !== null && amount >= 0 ? amount : s.threeAboveRials;
    return {
      callId,
      callTitle: callTitle(title),
      callHref: `/admin/calls/${callId}`,
      custom: s.custom,
      blocks: blockKeys.map((b) => ({
        key: b,
        label: blockLabel(b),
        weight: form.weights[b] ?? '',
        criteria: criterionKeys[b].map((c) => ({ value: c, label: criterionLabel(c) })),
      })),
      criteria: form.criteria,
      minBlockMean: form.minBlockMean,
      spreadThreshold: form.spreadThreshold,
      threeAbove: form.threeAbove,
      threeAboveHint: t('reviewPage.rubric.three_above_hint', { toman: toman(hinted), words: amountInWords(hinted, 'toman') }),
      errors: typed?.errors ?? {},
    };
  }

  app.get('/admin/calls/:id/rubric', manage, async (request, reply) => {
    const call = await callParam(request);
    return sendPage(reply, <RubricPage page={page(request, reply)} view={await rubricView(call.id, call.title, null)} />);
  });

  app.post('/admin/calls/:id/rubric', manage, async (request, reply) => {
    const call = await callParam(request);
    const body = request.body;
    const form: RubricForm = {
      weights: Object.fromEntries(blockKeys.map((b) => [b, field(body, `weight_${b}`, 10)])),
      criteria: fieldList(body, 'criteria'),
      minBlockMean: field(body, 'minBlockMean', 10),
      spreadThreshold: field(body, 'spreadThreshold', 10),
      threeAbove: field(body, 'threeAbove', 40),
    };
    const result = await submitForm(() => saveReviewSettings(ctx, actorOf(request), call.id, form));
    if (!result.ok) {
      const view = await rubricView(call.id, call.title, { form, errors: result.errors });
      return sendPage(reply, <RubricPage page={page(request, reply)} view={view} />, result.status);
    }
    setFlash(reply, { kind: 'success', text: t('reviewPage.rubric.saved') });
    return reply.redirect(`/admin/calls/${call.id}/rubric`, 303);
  });

  // ---- the reviewer's workspace -----------------------------------------------------------------

  app.get('/reviews', workspace, async (request, reply) => {
    const now = ctx.clock.now();
    const rows = (await assignmentsOfReviewer(ctx.db, actorOf(request).id)).map((a) => ({
      href: `/reviews/${a.id}`,
      title: toPersianDigits(a.plan_title),
      agency: toPersianDigits(a.agency_name),
      status: assignmentStatusLabel(a),
      due: dueLabel(a.due_at),
      overdue: isOverdue(a, now),
    }));
    return sendPage(reply, <ReviewWorkspacePage page={page(request, reply)} rows={rows} />);
  });

  /** The assignment in the URL, if it is the signed-in person's: anyone else's is not found. */
  const assignmentParam = async (request: FastifyRequest): Promise<AssignmentRow> => {
    const id = idParam(request, 'id');
    const a = id === null ? undefined : await findAssignment(ctx.db, id);
    if (!a || !can(actorOf(request), 'review.write', { reviewerId: a.reviewer_id })) throw notFound();
    return a;
  };

  async function assignmentView(a: AssignmentRow, kept: AssignmentKept = {}): Promise<AssignmentPageView> {
    const now = ctx.clock.now();
    const plan = await findPlan(ctx.db, a.plan_id);
    if (!plan) throw notFound();
    const [agency, settings, support] = await Promise.all([
      findAgency(ctx.db, plan.agency_id), reviewSettingsOf(ctx.db, plan.call_id), loadSupportSummary(ctx.db, plan.id),
    ]);
    const { rubric } = settings;
    const errorLabels: Record<string, string> = {
      noConflict: t('reviewPage.respond.no_conflict'),
      reason: t('reviewPage.respond.reason'),
      recommendation: t('reviewPage.form.recommendation'),
      comment: t('reviewPage.form.overall_comment'),
    };
    for (const k of allCriterionKeys) {
      errorLabels[`score_${k}`] = criterionLabel(k);
      errorLabels[`comment_${k}`] = t('reviewPage.form.comment', { criterion: criterionLabel(k) });
    }
    let mode: AssignmentPageView['mode'];
    if (a.status === 'declined') {
      mode = { kind: 'note', text: t(a.conflict_declared ? 'reviewPage.conflict_note' : 'reviewPage.declined_note', { reason: toPersianDigits(a.decline_reason ?? '') }) };
    } else if (a.status === 'submitted') {
      const row = await findReview(ctx.db, a.id);
      const stored = (row ? JSON.parse(row.scores) : {}) as ReviewScores;
      mode = {
        kind: 'submitted',
        review: {
          when: row?.submitted_at ? t('reviewPage.comments.when', { when: formatJalaliDateTime(row.submitted_at) }) : '',
          criteria: rubric.blocks.flatMap((b) => b.criteria).map((k) => ({
            label: criterionLabel(k),
            score: stored[k]?.score === null ? t('rubric.score.na') : formatScore(stored[k]?.score),
            comment: toPersianDigits(stored[k]?.comment ?? ''),
          })),
          recommendation: row?.recommendation ? t('reviewPage.comments.recommendation', { value: recommendationLabel(row.recommendation) }) : '',
          comment: row?.comment ? toPersianDigits(row.comment) : null,
        },
      };
    } else if (plan.status !== 'in_review') {
      mode = { kind: 'note', text: t('review.assign.not_in_review') };
    } else if (a.status === 'assigned') {
      mode = { kind: 'respond', noConflict: kept.noConflict ?? false, reason: kept.reason ?? '' };
    } else {
      const row = kept.form ? undefined : await findReview(ctx.db, a.id);
      const form = kept.form ?? reviewFormFromStored(row);
      mode = {
        kind: 'form',
        form: {
          blocks: rubric.blocks.map((b) => ({
            key: b.key,
            heading: t('reviewPage.form.block', { block: blockLabel(b.key), weight: weightLabel(b.weight) }),
            criteria: b.criteria.map((k) => ({
              key: k,
              label: criterionLabel(k),
              anchor5: t('reviewPage.form.anchor5', { text: anchorTexts(k).five }),
              anchor1: t('reviewPage.form.anchor1', { text: anchorTexts(k).one }),
              score: form.scores[k] ?? '',
              comment: form.comments[k] ?? '',
            })),
          })),
          recommendation: form.recommendation,
          comment: form.comment,
          draftAt: row ? t('reviewPage.form.draft_at', { when: formatJalaliDateTime(row.updated_at) }) : null,
        },
      };
    }
    return {
      id: a.id,
      title: toPersianDigits(plan.title),
      facts: [
        { label: t('reviewPage.col.agency'), value: agency ? toPersianDigits(agency.name) : '—' },
        { label: t('reviewPage.col.amount'), value: toman(plan.requested_rials) },
        { label: t('reviewPage.assignment.due'), value: dueLabel(a.due_at) },
      ],
      overdue: isOverdue(a, now),
      planHref: publicStatuses.includes(plan.status) ? `/plans/${plan.id}` : null,
      support,
      status: assignmentStatusLabel(a),
      mode,
      errors: kept.errors ?? {},
      errorLabels,
    };
  }

  const renderAssignment = async (request: FastifyRequest, reply: FastifyReply, a: AssignmentRow, kept: AssignmentKept = {}, status = 200) =>
    sendPage(reply, <AssignmentPage page={page(request, reply)} view={await assignmentView(a, kept)} />, status);

  app.get('/reviews/:id', workspace, async (request, reply) => renderAssignment(request, reply, await assignmentParam(request)));

  app.post('/reviews/:id/respond', workspace, async (request, reply) => {
    const a = await assignmentParam(request);
    const answer = field(request.body, 'answer', 20);
    const noConflict = field(request.body, 'noConflict', 10) === 'yes';
    const reason = field(request.body, 'reason', 2000);
    let response: Answer;
    if (answer === 'accept') response = { answer, noConflict };
    else if (answer === 'decline' || answer === 'conflict') response = { answer, reason };
    else throw new AppError('bad_request');
    const result = await submitForm(() => respondToAssignment(ctx, actorOf(request), a.id, response));
    if (!result.ok) return renderAssignment(request, reply, a, { noConflict, reason, errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t(answer === 'accept' ? 'reviewPage.respond.accepted' : 'reviewPage.respond.declined') });
    return reply.redirect(`/reviews/${a.id}`, 303);
  });

  app.post('/reviews/:id', workspace, async (request, reply) => {
    const a = await assignmentParam(request);
    const action = field(request.body, 'action', 10);
    if (action !== 'draft' && action !== 'submit') throw new AppError('bad_request');
    const form = reviewFormOf(request.body);
    const result = await submitForm(() => saveReview(ctx, actorOf(request), a.id, form, action === 'submit'));
    if (!result.ok) return renderAssignment(request, reply, a, { form, errors: result.errors }, result.status);
    setFlash(reply, { kind: 'success', text: t(result.value.submitted ? 'reviewPage.form.sent' : 'reviewPage.form.saved') });
    return reply.redirect(`/reviews/${a.id}`, 303);
  });
}
