import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { officersOfAgency } from '../agencies/agencies.repo.ts';
import { setPlanFunded } from '../allocation/rounds.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { notify } from '../platform/notify/notify.ts';
import { findPlan } from '../plans/plans.repo.ts';
import { applyPlanTransition } from '../plans/transition-plan.ts';
import { findRound, setRoundStatus, votersOfRound } from './ballots.repo.ts';
import type { RoundCount } from './count-round.ts';
import { mayDo, phaseAt } from './round-rules.ts';

/**
 * Publishes a counted round: its winners are funded with their costs (approved → funded), their
 * agencies and every voter are told, and the results page and `.pb` file become public.
 */
export async function publishBallotRound(ctx: OpContext, actor: Actor, roundId: number): Promise<{ funded: number; notified: number }> {
  if (!can(actor, 'ballot.manage')) throw new AppError('forbidden');
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound();
  if (!mayDo('publish', phaseAt(round, ctx.clock.now())) || !round.result) throw new AppError('conflict', t('ballots.publish.not_counted'));
  const count = JSON.parse(round.result) as RoundCount;
  const cost = new Map(count.projects.map((p) => [p.id, p.cost]));
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    if (!(await setRoundStatus(tx.db, roundId, ['counted'], 'published', { published_at: now, updated_at: now }))) throw new AppError('conflict', t('ballots.publish.not_counted'));
    for (const id of count.result.selected) {
      const plan = await findPlan(tx.db, Number(id));
      if (!plan || plan.status !== 'approved') throw new AppError('conflict', t('ballots.publish.plan_changed', { title: plan?.title ?? id }));
      const rials = cost.get(id)!;
      await applyPlanTransition(tx, plan, 'fund', { actorId: actor.id, message: t('ballots.publish.funded_message', { round: round.title }), data: { ballotRound: roundId, rials } });
      await setPlanFunded(tx.db, plan.id, rials, now);
      for (const o of await officersOfAgency(tx.db, plan.agency_id)) {
        if (o.status === 'active') {
          await notify(tx.db, tx.clock, { userId: o.id, email: o.email, link: `/my/plans/${plan.id}`, subject: t('ballots.notify.funded_subject', { title: plan.title }), body: t('ballots.publish.funded_message', { round: round.title }) });
        }
      }
    }
    const voters = await votersOfRound(tx.db, roundId);
    for (const v of voters) {
      await notify(tx.db, tx.clock, { userId: v.id, email: v.email, link: `/ballots/${roundId}`, subject: t('ballots.notify.results_subject', { round: round.title }), body: t('ballots.notify.results_body') });
    }
    await audit(tx, { actorId: actor.id, action: 'ballot.round_published', subjectType: 'ballot_round', subjectId: roundId, data: { funded: count.result.selected, notified: voters.length } });
    return { funded: count.result.selected.length, notified: voters.length };
  });
}
