import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { approvedPlanFacts } from '../allocation/rounds.ts';
import { findCall } from '../calls/calls.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { placeKinds, type PlaceKind } from '../places/place-kinds.ts';
import { findRound, insertRound, placeIdsOfKinds, plansInUnpublishedRounds, roundPlanIds, replaceRoundPlaces, replaceRoundProjects, updateRoundSettings } from './ballots.repo.ts';
import type { CountingMethod } from './ballots.tables.ts';
import { mayDo, phaseAt, settingsProblems, type RoundSettings } from './round-rules.ts';
import { scheduleRoundClock } from './round-clock.ts';

/** Kinds a round's area may name: a county or anything below it. */
export const areaKinds: readonly PlaceKind[] = placeKinds.filter((k) => k !== 'province');

/**
 * The approved plans of a call that a round may put on its ballot, with their costs: not funded,
 * and not on the ballot of another round that has not published its result.
 */
export async function ballotablePlans(ctx: Pick<OpContext, 'db'>, callId: number, exceptRoundId: number | null) {
  const [facts, busy, own] = await Promise.all([
    approvedPlanFacts(ctx, callId, { onBallots: true }),
    plansInUnpublishedRounds(ctx.db, callId),
    exceptRoundId === null ? Promise.resolve([]) : roundPlanIds(ctx.db, exceptRoundId),
  ]);
  const mine = new Set(own.map((r) => r.plan_id));
  return facts.filter((f) => !busy.has(f.id) || mine.has(f.id));
}


function clean(s: RoundSettings): RoundSettings {
  return {
    ...s,
    title: normalizePersian(s.title).slice(0, 200),
    description: normalizePersian(s.description).slice(0, 4000),
    planIds: [...new Set(s.planIds)],
    placeIds: [...new Set(s.placeIds)],
  };
}

async function check(ctx: OpContext, callId: number, s: RoundSettings, roundId: number | null) {
  const call = await findCall(ctx.db, callId);
  if (!call) throw notFound();
  const plans = await ballotablePlans(ctx, callId, roundId);
  const problems = settingsProblems(s, {
    now: ctx.clock.now(),
    callBudgetRials: Number(call.budget_rials),
    eligiblePlanIds: new Set(plans.map((p) => p.id)),
    validPlaceIds: await placeIdsOfKinds(ctx.db, s.placeIds, areaKinds),
  });
  const errors = Object.fromEntries(Object.entries(problems).map(([field, code]) => [field, t(`ballots.settings.${code!}`)]));
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  // The ballot shows plans in the order the secretariat lists them; costs are the plans' requests.
  const cost = new Map(plans.map((p) => [p.id, p.cost]));
  return s.planIds.map((planId) => ({ planId, costRials: cost.get(planId)! }));
}

/** Creates a scheduled round for a call's resident track. */
export async function createBallotRound(ctx: OpContext, actor: Actor, callId: number, input: RoundSettings): Promise<number> {
  if (!can(actor, 'ballot.manage')) throw new AppError('forbidden');
  const s = clean(input);
  const projects = await check(ctx, callId, s, null);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const id = await insertRound(tx.db, {
      callId, title: s.title, description: s.description, method: s.method as CountingMethod, budgetRials: s.budgetRials!, minApprovals: s.minApprovals!,
      maxApprovals: s.maxApprovals!, requireVerified: s.requireVerified, opensAt: s.opensAt!, closesAt: s.closesAt!, createdBy: actor.id, now,
    });
    await replaceRoundProjects(tx.db, id, projects);
    await replaceRoundPlaces(tx.db, id, s.placeIds);
    await scheduleRoundClock(tx, { id, opens_at: s.opensAt!, closes_at: s.closesAt! });
    await audit(tx, { actorId: actor.id, action: 'ballot.round_created', subjectType: 'ballot_round', subjectId: id, data: { call: callId, plans: s.planIds, places: s.placeIds, method: s.method, budget: s.budgetRials } });
    return id;
  });
}

/** Changes a round's settings while it has not opened. */
export async function updateBallotRound(ctx: OpContext, actor: Actor, roundId: number, input: RoundSettings): Promise<void> {
  if (!can(actor, 'ballot.manage')) throw new AppError('forbidden');
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound();
  if (!mayDo('edit', phaseAt(round, ctx.clock.now()))) throw new AppError('conflict', t('ballots.settings.frozen'));
  const s = clean(input);
  const projects = await check(ctx, round.call_id, s, roundId);
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const ok = await updateRoundSettings(tx.db, roundId, {
      title: s.title, description: s.description, method: s.method as CountingMethod, budgetRials: s.budgetRials!, minApprovals: s.minApprovals!,
      maxApprovals: s.maxApprovals!, requireVerified: s.requireVerified, opensAt: s.opensAt!, closesAt: s.closesAt!,
    }, now);
    if (!ok) throw new AppError('conflict', t('ballots.settings.frozen'));
    await replaceRoundProjects(tx.db, roundId, projects);
    await replaceRoundPlaces(tx.db, roundId, s.placeIds);
    await scheduleRoundClock(tx, { id: roundId, opens_at: s.opensAt!, closes_at: s.closesAt! });
    await audit(tx, { actorId: actor.id, action: 'ballot.round_updated', subjectType: 'ballot_round', subjectId: roundId, data: { plans: s.planIds, places: s.placeIds, method: s.method, budget: s.budgetRials } });
  });
}
