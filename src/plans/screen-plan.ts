import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { officersOfAgency } from '../agencies/agencies.repo.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { notify } from '../platform/notify/notify.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import type { PlanAction } from './plan-lifecycle.ts';
import { findPlan, type PlanRow } from './plans.repo.ts';
import { screeningChecklist } from './screening.ts';
import { applyPlanTransition } from './transition-plan.ts';

async function loadForScreening(ctx: OpContext, actor: Actor, planId: number): Promise<PlanRow> {
  if (!can(actor, 'plan.screen')) throw new AppError('forbidden');
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  return plan;
}

async function tellAgency(tx: OpContext, plan: PlanRow, subject: string, body: string) {
  for (const o of await officersOfAgency(tx.db, plan.agency_id)) {
    if (o.status !== 'active') continue;
    await notify(tx.db, tx.clock, { userId: o.id, email: o.email, subject, body, link: `/my/plans/${plan.id}` });
  }
}

/** The secretariat takes a submitted plan into screening. */
export async function startScreening(ctx: OpContext, actor: Actor, planId: number): Promise<void> {
  const plan = await loadForScreening(ctx, actor, planId);
  await inTransaction(ctx, (tx) => applyPlanTransition(tx, plan, 'start_screening', { actorId: actor.id }).then(() => undefined));
}

/** Screening passed: every checklist item confirmed; the plan goes to review and becomes public. */
export async function passScreening(ctx: OpContext, actor: Actor, planId: number, checked: readonly string[]): Promise<void> {
  const plan = await loadForScreening(ctx, actor, planId);
  const missing = screeningChecklist.filter((item) => !checked.includes(item));
  if (missing.length) throw new AppError('validation', undefined, { checklist: t('plan.checklist_incomplete') });
  await inTransaction(ctx, async (tx) => {
    await applyPlanTransition(tx, plan, 'pass_screening', { actorId: actor.id, data: { checklist: [...screeningChecklist] } });
    await tellAgency(tx, plan, t('plan.notify.screened', { title: plan.title }), t('plan.notify.screened_body', { title: plan.title }));
  });
}

/** Returns a plan to its agency for more information, with a message the officers see. */
export async function returnPlan(ctx: OpContext, actor: Actor, planId: number, message: string): Promise<void> {
  const plan = await loadForScreening(ctx, actor, planId);
  const text = normalizePersian(message);
  if (text.length < 10) throw new AppError('validation', undefined, { message: t('plan.message_required') });
  await inTransaction(ctx, async (tx) => {
    await applyPlanTransition(tx, plan, 'return' satisfies PlanAction, { actorId: actor.id, message: text });
    await tellAgency(tx, plan, t('plan.notify.returned', { title: plan.title }), text);
  });
}
