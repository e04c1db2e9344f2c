import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { officersOfAgency } from '../agencies/agencies.repo.ts';
import { findCall } from '../calls/calls.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { notify } from '../platform/notify/notify.ts';
import { parseStoredContent } from '../plans/plan-content.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { applyPlanTransition } from '../plans/transition-plan.ts';
import { submittedReviewsOfPlans } from '../reviews/reviews.repo.ts';
import { reviewSettingsOf } from '../reviews/review-settings.ts';
import { aggregate, type ReviewScores } from '../reviews/rubric.ts';
import { valueRules, type ValueRule } from './allocation.tables.ts';
import { allocate } from './engines/index.ts';
import type { AllocationResult, Constraints, Method } from './engines/types.ts';
import { allocationInput, primaryCounty, type PlanFacts } from './plan-facts.ts';
import { plansInUnpublishedRounds } from '../ballots/ballots.repo.ts';
import { approvedPlansOfCall, committedRoundOfCall, findRound, insertRound, planGroups, setPlanFunded, setRoundStatus } from './rounds.repo.ts';

/** Methods for plan rounds: MES needs residents' ballots, which plans of agencies do not have. */
export const planRoundMethods: readonly Method[] = ['greedy', 'greedy-no-skip', 'optimal'];

/**
 * Everything a round needs to know about a call's approved plans, in six statements. Plans on the
 * ballot of a residents' round that has not published its result are left out (residents are
 * deciding them) unless `onBallots` asks for them.
 */
export async function approvedPlanFacts(ctx: Pick<OpContext, 'db'>, callId: number, o: { onBallots?: boolean } = {}): Promise<PlanFacts[]> {
  const [approved, onBallots] = await Promise.all([approvedPlansOfCall(ctx.db, callId), o.onBallots ? Promise.resolve(new Set<number>()) : plansInUnpublishedRounds(ctx.db, callId)]);
  const plans = approved.filter((p) => !onBallots.has(p.id));
  const ids = plans.map((p) => p.id);
  const [{ counties, tags }, reviews, settings] = await Promise.all([planGroups(ctx.db, ids), submittedReviewsOfPlans(ctx.db, ids), reviewSettingsOf(ctx.db, callId)]);
  return plans.map((p) => {
    const content = parseStoredContent(p.content);
    const own = reviews.filter((r) => r.plan_id === p.id).map((r) => ({ scores: JSON.parse(r.scores) as ReviewScores, recommendation: r.recommendation }));
    return {
      id: p.id,
      title: p.title,
      agencyId: p.agency_id,
      agencyName: p.agency_name,
      cost: p.requested_rials,
      county: primaryCounty(counties.filter((c) => c.plan_id === p.id)),
      harms: tags.filter((x) => x.plan_id === p.id && x.kind === 'harm').map((x) => x.code),
      targets: tags.filter((x) => x.plan_id === p.id && x.kind === 'target').map((x) => x.code),
      beneficiaries: content.targetGroups.reduce((s, g) => s + g.female + g.male, 0),
      score: own.length ? aggregate(settings.rubric, own).total : null,
    };
  });
}

export type RoundSpec = {
  method: string;
  valueRule: string;
  budgetRials: number | null;
  constraints: Constraints;
  note: string;
};

/**
 * Runs an allocation over the call's approved plans and keeps it as a draft round the secretariat
 * can read (every plan's explanation), change and run again, or commit.
 */
export async function createRound(ctx: OpContext, actor: Actor, callId: number, spec: RoundSpec): Promise<{ id: number; result: AllocationResult }> {
  if (!can(actor, 'allocation.manage')) throw new AppError('forbidden');
  const call = await findCall(ctx.db, callId);
  if (!call) throw notFound();
  if (await committedRoundOfCall(ctx.db, callId)) throw new AppError('conflict', t('allocation.already_committed'));
  const errors: Record<string, string> = {};
  if (!(planRoundMethods as readonly string[]).includes(spec.method)) errors.method = t('allocation.method_required');
  if (!(valueRules as readonly string[]).includes(spec.valueRule)) errors.valueRule = t('allocation.value_rule_required');
  if (spec.budgetRials === null || !Number.isSafeInteger(spec.budgetRials) || spec.budgetRials <= 0) errors.budget = t('allocation.budget_invalid');
  const share = spec.constraints.mothersChildrenMinShare;
  if (share !== undefined && !(share >= 0 && share <= 1)) errors.mothersChildrenMinShare = t('allocation.share_invalid');
  // Greedy ranks and fills; it has no way to honour a floor, a share or a pair, so asking for one is an error.
  const constrained = Object.values(spec.constraints).some((v) => (Array.isArray(v) ? v.length > 0 : typeof v === 'object' ? Object.keys(v ?? {}).length > 0 : v !== undefined && v !== 0));
  if (constrained && spec.method !== 'optimal' && !errors.method) errors.constraints = t('allocation.constraints_need_optimal');
  const facts = await approvedPlanFacts(ctx, callId);
  if (!facts.length) errors.method = t('allocation.no_approved_plans');
  const ids = new Set(facts.map((f) => String(f.id)));
  const unknown = [...(spec.constraints.mustFund ?? []), ...(spec.constraints.incompatible ?? []).flat()].filter((id) => !ids.has(id));
  if (unknown.length) errors.constraints = t('allocation.unknown_plans', { ids: toPersianDigits(unknown.join('، ')) });
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);

  const input = allocationInput(facts, { budget: spec.budgetRials!, rule: spec.valueRule as ValueRule, constraints: spec.constraints });
  const result = await allocate(spec.method as Method, input);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const id = await insertRound(tx.db, {
      callId, method: spec.method as Method, valueRule: spec.valueRule as ValueRule, budgetRials: spec.budgetRials!,
      constraints: JSON.stringify(spec.constraints), input: JSON.stringify({ input, facts }), result: JSON.stringify(result),
      note: normalizePersian(spec.note).slice(0, 2000) || null, createdBy: actor.id, now,
    });
    await audit(tx, { actorId: actor.id, action: 'allocation.previewed', subjectType: 'call', subjectId: callId, data: { round: id, method: spec.method, spent: result.spent, selected: result.selected.length } });
    return { id, result };
  });
}

/**
 * Funds the plans a draft round selected: each moves to `funded` with its amount, in one
 * transaction, and the round becomes the call's committed allocation (at most one per call,
 * enforced by a unique index).
 */
export async function commitRound(ctx: OpContext, actor: Actor, roundId: number): Promise<{ funded: number }> {
  if (!can(actor, 'allocation.manage')) throw new AppError('forbidden');
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound();
  if (round.status !== 'draft') throw new AppError('conflict', t('allocation.not_draft'));
  const result = JSON.parse(round.result) as AllocationResult;
  if (result.infeasible?.length) throw new AppError('conflict', t('allocation.infeasible_commit'));
  if (await committedRoundOfCall(ctx.db, round.call_id)) throw new AppError('conflict', t('allocation.already_committed'));
  const { facts } = JSON.parse(round.input) as { facts: PlanFacts[] };
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (!(await setRoundStatus(tx.db, roundId, 'draft', 'committed', { committed_by: actor.id, committed_at: now }))) throw new AppError('conflict', t('allocation.not_draft'));
    for (const id of result.selected) {
      const plan = await findPlan(tx.db, Number(id));
      if (!plan || plan.status !== 'approved') throw new AppError('conflict', t('allocation.plan_changed', { title: plan?.title ?? id }));
      const cost = facts.find((f) => String(f.id) === id)?.cost ?? plan.requested_rials;
      await applyPlanTransition(tx, plan, 'fund', { actorId: actor.id, message: t('allocation.funded_message'), data: { round: roundId, rials: cost } });
      await setPlanFunded(tx.db, plan.id, cost, now);
      for (const o of await officersOfAgency(tx.db, plan.agency_id)) {
        if (o.status === 'active') await notify(tx.db, tx.clock, { userId: o.id, email: o.email, link: `/my/plans/${plan.id}`, subject: t('allocation.notify.funded', { title: plan.title }), body: t('allocation.funded_message') });
      }
    }
    await audit(tx, { actorId: actor.id, action: 'allocation.committed', subjectType: 'call', subjectId: round.call_id, data: { round: roundId, funded: result.selected.length, spent: result.spent } });
    return { funded: result.selected.length };
  });
}

/** Publishes a committed round at /results, with its explanations and input for recomputation. */
export async function publishRound(ctx: OpContext, actor: Actor, roundId: number): Promise<void> {
  if (!can(actor, 'allocation.manage')) throw new AppError('forbidden');
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound();
  await inTransaction(ctx, async (tx) => {
    if (!(await setRoundStatus(tx.db, roundId, 'committed', 'published', { published_at: tx.clock.now().toISOString() }))) throw new AppError('conflict', t('allocation.not_committed'));
    await audit(tx, { actorId: actor.id, action: 'allocation.published', subjectType: 'call', subjectId: round.call_id, data: { round: roundId } });
  });
}
