import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { allocateSync } from '../allocation/engines/index.ts';
import type { AllocationInput, AllocationResult, Project } from '../allocation/engines/types.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { ballotsByPlace, ballotsOfRound, findRound, residentsInArea, roundProjects, setRoundStatus, type BallotRoundRow, type RoundProjectRow } from './ballots.repo.ts';
import type { CountingMethod } from './ballots.tables.ts';
import { add1IncrementFor, mayDo, phaseAt } from './round-rules.ts';

/** What a count keeps: the engine's exact input (without the ballots, which stay in their table) and result, and turnout. */
export type RoundCount = {
  method: CountingMethod;
  budget: number;
  /** Add1's step per voter, in rials (mes-add1 only). */
  add1Increment: number | null;
  voters: number;
  projects: Project[];
  result: AllocationResult;
  turnout: { placeId: number; name: string; isDemo: boolean; ballots: number; residents: number }[];
};

/** A plan that left the approved state while the round ran (withdrawn, returned) is not counted. */
export function countProjects(projects: readonly RoundProjectRow[]): Project[] {
  return projects.map((p) => ({
    id: String(p.plan_id),
    cost: p.cost_rials,
    ...(p.status === 'approved' ? {} : { ineligible: 'not_approved' }),
  }));
}

/** Runs the round's method over its ballots. Pure: the `.pb` file recomputes the same way. */
export function tally(method: CountingMethod, budget: number, projects: Project[], ballots: readonly (readonly string[])[]): { result: AllocationResult; add1Increment: number | null } {
  const input: AllocationInput = { budget, projects, ballots, rankBy: 'approvals' };
  if (method === 'greedy') return { result: allocateSync('greedy', input), add1Increment: null };
  const add1Increment = add1IncrementFor(budget, ballots.length);
  return { result: allocateSync('mes-add1', input, { add1Increment }), add1Increment };
}

export async function computeCount(ctx: Pick<OpContext, 'db'>, round: BallotRoundRow): Promise<RoundCount> {
  const [projectRows, ballots, byPlace, residents] = await Promise.all([
    roundProjects(ctx.db, round.id), ballotsOfRound(ctx.db, round.id), ballotsByPlace(ctx.db, round.id), residentsInArea(ctx.db, round.id),
  ]);
  const projects = countProjects(projectRows);
  const lists = ballots.map((b) => (JSON.parse(b.choices) as number[]).map(String));
  const { result, add1Increment } = tally(round.method, round.budget_rials, projects, lists);
  const residentsOf = new Map(residents.map((r) => [r.place_id, r.residents]));
  const turnout = byPlace
    .map((p) => ({ placeId: p.id, name: p.name, isDemo: p.is_demo === 1, ballots: p.ballots, residents: Math.max(residentsOf.get(p.id) ?? 0, p.ballots) }))
    .sort((a, b) => b.ballots - a.ballots || a.placeId - b.placeId);
  return { method: round.method, budget: round.budget_rials, add1Increment, voters: ballots.length, projects, result, turnout };
}

/**
 * Counts a closed round (or one whose closing time has passed) and keeps the count for the
 * secretariat to read before publishing it.
 */
export async function countBallotRound(ctx: OpContext, actor: Actor, roundId: number): Promise<RoundCount> {
  if (!can(actor, 'ballot.manage')) throw new AppError('forbidden');
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound();
  if (!mayDo('count', phaseAt(round, ctx.clock.now()))) throw new AppError('conflict', t('ballots.count.not_closed'));
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    // Closing first, in this transaction: no ballot can be added once the round's row says closed.
    await setRoundStatus(tx.db, roundId, ['scheduled', 'open'], 'closed', { updated_at: now });
    const count = await computeCount(tx, round);
    const moved = await setRoundStatus(tx.db, roundId, ['closed'], 'counted', { result: JSON.stringify(count), ballot_count: count.voters, counted_at: now, updated_at: now });
    if (!moved) throw new AppError('conflict', t('ballots.count.not_closed'));
    await audit(tx, { actorId: actor.id, action: 'ballot.round_counted', subjectType: 'ballot_round', subjectId: roundId, data: { ballots: count.voters, selected: count.result.selected, spent: count.result.spent } });
    return count;
  });
}
