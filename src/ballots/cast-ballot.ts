import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { findRound, roundPlanIds, upsertBallot, voterFacts, type BallotRoundRow } from './ballots.repo.ts';
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
export async function castBallot(ctx: BallotCtx, actor: Actor, roundOrId: number | BallotRoundRow, planIds: readonly number[]): Promise<CastResult> {
  if (!can(actor, 'ballot.cast')) throw new AppError('forbidden');
  const round = typeof roundOrId === 'number' ? await findRound(ctx.db, roundOrId) : roundOrId;
  if (!round) throw notFound();
  const roundId = round.id;
  assertOpen(round, ctx.clock.now());
  const [voter, projects] = await Promise.all([voterFacts(ctx.db, roundId, actor.id), roundPlanIds(ctx.db, roundId)]);
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
  const revision = await commitBallot(ctx, { roundId, userId: actor.id, placeId: voter.home_place_id!, choices: JSON.stringify(choices), receiptHash: receiptHash(roundId, receipt) });
  if (revision === null) throw new AppError('conflict', t('ballots.cast.closed'));
  return { revision, receipt, choices };
}

type BallotWrite = { roundId: number; userId: number; placeId: number; choices: string; receiptHash: string };
type Waiting = { write: BallotWrite; resolve: (revision: number | null) => void; reject: (err: unknown) => void };

/** Ballots waiting for the next group commit, by database. */
const waiting = new Map<BallotCtx['db'], Waiting[]>();

/**
 * Group commit: ballots cast while the event loop is busy are written in one transaction, each with
 * its own upsert and audit entry, in arrival order; every caller's promise settles only after the
 * commit, so a 303 still means "committed". One commit (and one round of WAL page writes) serves the
 * batch instead of one per ballot. If the batch fails, each write is retried alone, so one bad
 * write cannot fail the others.
 */
function commitBallot(ctx: BallotCtx, write: BallotWrite): Promise<number | null> {
  return new Promise((resolve, reject) => {
    let batch = waiting.get(ctx.db);
    if (!batch) {
      batch = [];
      waiting.set(ctx.db, batch);
      setImmediate(() => void flush(ctx));
    }
    batch.push({ write, resolve, reject });
  });
}

async function writeAll(ctx: BallotCtx, writes: readonly BallotWrite[]): Promise<(number | null)[]> {
  return inTransaction(ctx, async (tx) => {
    const revisions: (number | null)[] = [];
    for (const w of writes) {
      const revision = await upsertBallot(tx.db, tx.dialect, { ...w, now: tx.clock.now().toISOString() });
      if (revision !== null) {
        await audit(tx, { actorId: w.userId, action: revision === 1 ? 'ballot.cast' : 'ballot.changed', subjectType: 'ballot_round', subjectId: w.roundId, data: { revision } });
      }
      revisions.push(revision);
    }
    return revisions;
  });
}

async function flush(ctx: BallotCtx): Promise<void> {
  const batch = waiting.get(ctx.db) ?? [];
  waiting.delete(ctx.db);
  try {
    const revisions = await writeAll(ctx, batch.map((b) => b.write));
    batch.forEach((b, i) => b.resolve(revisions[i] ?? null));
  } catch (err) {
    if (batch.length === 1) return batch[0]!.reject(err);
    for (const b of batch) {
      try {
        b.resolve((await writeAll(ctx, [b.write]))[0] ?? null);
      } catch (e) {
        b.reject(e);
      }
    }
  }
}
