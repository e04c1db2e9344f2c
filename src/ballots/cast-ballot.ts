import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { findRound, roundProjects, upsertBallot, voterFacts, type BallotRoundRow } from './ballots.repo.ts';
import { ineligibility } from './eligibility.ts';
import { receiptCode, receiptHash } from './receipt.ts';
import { normalizeChoices, phaseAt, selectionProblem } from './round-rules.ts';

export type BallotCtx = OpContext & { secret: string };

export type CastResult = { revision: number; receipt: string; choices: number[] };

/** Refuses with the round's reason when the round does not take ballots now. */
export function assertOpen(round: BallotRoundRow, now: Date): void {
  const phase = phaseAt(round, now);
  if (phase === 'upcoming') throw new AppError('conflict', t('ballots.cast.not_yet'));
  if (phase !== 'open') throw new AppError('conflict', t('ballots.cast.closed'));
}

/**
 * Casts the person's ballot, or replaces their earlier one while the round is open. One ballot per
 * person per round is the unique index's doing; the write also re-checks that the round is open.
 * The audit entry records that a ballot was cast and its revision, never what it approves.
 */
export async function castBallot(ctx: BallotCtx, actor: Actor, roundId: number, planIds: readonly number[]): Promise<CastResult> {
  if (!can(actor, 'ballot.cast')) throw new AppError('forbidden');
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound();
  assertOpen(round, ctx.clock.now());
  const [voter, projects] = await Promise.all([voterFacts(ctx.db, roundId, actor.id), roundProjects(ctx.db, roundId)]);
  if (!voter) throw new AppError('unauthorized');
  const why = ineligibility(voter, round.require_verified === 1);
  if (why) throw new AppError('forbidden', t(`ballots.eligibility.${why}`));
  const choices = normalizeChoices(planIds);
  const problem = selectionProblem(choices, round, new Set(projects.map((p) => p.plan_id)));
  if (problem) {
    const message = problem.code === 'unknown'
      ? t('ballots.selection.unknown')
      : problem.code === 'too_few'
        ? t('ballots.selection.too_few', { min: toPersianDigits(problem.min) })
        : t('ballots.selection.too_many', { max: toPersianDigits(problem.max) });
    throw new AppError('validation', undefined, { plans: message });
  }
  const receipt = receiptCode(ctx.secret, roundId, actor.id);
  return inTransaction(ctx, async (tx) => {
    const revision = await upsertBallot(tx.db, tx.dialect, {
      roundId, userId: actor.id, placeId: voter.home_place_id!, choices: JSON.stringify(choices), receiptHash: receiptHash(roundId, receipt), now: tx.clock.now().toISOString(),
    });
    if (revision === null) throw new AppError('conflict', t('ballots.cast.closed'));
    await audit(tx, { actorId: actor.id, action: revision === 1 ? 'ballot.cast' : 'ballot.changed', subjectType: 'ballot_round', subjectId: roundId, data: { revision } });
    return { revision, receipt, choices };
  });
}
