import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { enqueueJob, type JobHandler } from '../platform/jobs/worker.ts';
import { findRound, roundsDueForClock, setRoundStatus, type BallotRoundRow } from './ballots.repo.ts';
import { mayDo, phaseAt, statusForPhase } from './round-rules.ts';

export const BALLOT_CLOCK_JOB = 'ballot.clock';

/** Wakes the clock job when the round opens and when it closes. */
export async function scheduleRoundClock(ctx: OpContext, round: Pick<BallotRoundRow, 'id' | 'opens_at' | 'closes_at'>): Promise<void> {
  const now = ctx.clock.now().getTime();
  for (const at of [round.opens_at, round.closes_at]) {
    await enqueueJob(ctx.db, ctx.clock, BALLOT_CLOCK_JOB, { roundId: round.id }, { delaySeconds: Math.max(0, Math.ceil((Date.parse(at) - now) / 1000)) });
  }
}

/** Brings stored statuses up to the clock (scheduled → open → closed), each change audited once. */
export async function runRoundClock(ctx: OpContext): Promise<number> {
  const now = ctx.clock.now();
  let moved = 0;
  for (const { id } of await roundsDueForClock(ctx.db, now.toISOString())) {
    await inTransaction(ctx, async (tx) => {
      const round = await findRound(tx.db, id);
      if (!round) return;
      const to = statusForPhase(phaseAt(round, now));
      if (to === round.status) return;
      if (!(await setRoundStatus(tx.db, id, [round.status], to, { updated_at: now.toISOString() }))) return;
      await audit(tx, { actorId: null, action: to === 'open' ? 'ballot.round_opened' : 'ballot.round_closed', subjectType: 'ballot_round', subjectId: id, data: { by: 'clock' } });
      moved++;
    });
  }
  return moved;
}

export function ballotClockJobHandler(ctx: OpContext): JobHandler {
  return async () => {
    await runRoundClock(ctx);
  };
}

/** The secretariat opens a scheduled round now instead of on its date. */
export async function openRoundNow(ctx: OpContext, actor: Actor, roundId: number): Promise<void> {
  if (!can(actor, 'ballot.manage')) throw new AppError('forbidden');
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound();
  if (!mayDo('open_now', phaseAt(round, ctx.clock.now()))) throw new AppError('conflict', t('ballots.transition.not_allowed'));
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (!(await setRoundStatus(tx.db, roundId, ['scheduled'], 'open', { opens_at: now, updated_at: now }))) throw new AppError('conflict', t('ballots.transition.not_allowed'));
    await audit(tx, { actorId: actor.id, action: 'ballot.round_opened', subjectType: 'ballot_round', subjectId: roundId, data: { by: 'hand', was: round.opens_at } });
  });
}

/** The secretariat closes an open round now instead of on its date. */
export async function closeRoundNow(ctx: OpContext, actor: Actor, roundId: number): Promise<void> {
  if (!can(actor, 'ballot.manage')) throw new AppError('forbidden');
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound();
  if (!mayDo('close_now', phaseAt(round, ctx.clock.now()))) throw new AppError('conflict', t('ballots.transition.not_allowed'));
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (!(await setRoundStatus(tx.db, roundId, ['scheduled', 'open'], 'closed', { closes_at: now, updated_at: now }))) throw new AppError('conflict', t('ballots.transition.not_allowed'));
    await audit(tx, { actorId: actor.id, action: 'ballot.round_closed', subjectType: 'ballot_round', subjectId: roundId, data: { by: 'hand', was: round.closes_at } });
  });
}
