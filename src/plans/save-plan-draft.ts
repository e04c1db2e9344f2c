import { z } from 'zod';
import { inTransaction, type OpContext } from '../context.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import { findCall, eligiblePlaceIds, findObligation } from '../calls/calls.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { t } from '../platform/i18n/t.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { denormalize } from './denormalize.ts';
import { emptyPlanContent, parseStoredContent, PlanContentSchema, type PlanContent } from './plan-content.ts';
import { editableStatuses } from './plan-lifecycle.ts';
import { findPlan, insertPlan, updatePlanContent } from './plans.repo.ts';

/** Persian text fields are normalized before they are stored; structure is kept. */
function normalizeContent(c: PlanContent): PlanContent {
  const n = (s: string) => normalizePersian(s);
  return {
    ...c,
    title: n(c.title),
    summary: n(c.summary),
    goal: n(c.goal),
    assumptions: n(c.assumptions),
    participationPlan: n(c.participationPlan),
    overlapDescription: n(c.overlapDescription),
    outcomes: c.outcomes.map(n),
    outputs: c.outputs.map(n),
    activities: c.activities.map(n),
    evidence: c.evidence.map((e) => ({ statement: n(e.statement), value: n(e.value), year: n(e.year), source: n(e.source) })),
    indicators: c.indicators.map((i) => ({ ...i, statement: n(i.statement), unit: n(i.unit), period: n(i.period), meansOfVerification: n(i.meansOfVerification) })),
    budgetLines: c.budgetLines.map((l) => ({ ...l, item: n(l.item), unit: n(l.unit) })),
    cofunding: c.cofunding.map((x) => ({ ...x, source: n(x.source) })),
    schedule: c.schedule.map((s) => ({ ...s, activity: n(s.activity) })),
    partners: c.partners.map((p) => ({ ...p, name: n(p.name) })),
  };
}

function validated(content: unknown): PlanContent {
  const parsed = PlanContentSchema.safeParse(content);
  if (!parsed.success) {
    const fields = Object.keys(z.flattenError(parsed.error).fieldErrors);
    const errors = Object.fromEntries((fields.length ? fields : ['form']).map((k) => [k, t('plan.field_invalid')]));
    throw new AppError('validation', undefined, errors);
  }
  return normalizeContent(parsed.data);
}

/** Starts a draft plan for an agency in an open call. */
export async function createPlanDraft(ctx: OpContext, actor: Actor, o: { callId: number; agencyId: number; title: string }): Promise<number> {
  if (!can(actor, 'plan.create', { agencyId: o.agencyId })) throw new AppError('forbidden');
  const call = await findCall(ctx.db, o.callId);
  if (!call) throw notFound();
  if (call.status !== 'open') throw new AppError('conflict', t('plan.call_not_open'));
  if (!(await findObligation(ctx.db, o.callId, o.agencyId))) throw new AppError('forbidden', t('plan.agency_not_invited'));
  const content = validated({ ...emptyPlanContent(), title: o.title });
  if (content.title.length < 3) throw new AppError('validation', undefined, { title: t('gate.title') });
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const d = await denormalize(tx.db, content, []);
    const id = await insertPlan(tx.db, { callId: o.callId, agencyId: o.agencyId, createdBy: actor.id, now, ...d });
    await audit(tx, { actorId: actor.id, action: 'plan.created', subjectType: 'plan', subjectId: id, data: { callId: o.callId, agencyId: o.agencyId } });
    return id;
  });
}

/**
 * Saves part of a draft (one step of the form): the patch replaces those fields, the rest is
 * kept. Drafts may be incomplete; only types and sizes are checked here.
 */
export async function savePlanDraft(ctx: OpContext, actor: Actor, planId: number, patch: Partial<PlanContent>): Promise<PlanContent> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) throw notFound();
  if (!can(actor, 'plan.edit', { agencyId: plan.agency_id, status: plan.status })) throw new AppError('forbidden');
  if (!editableStatuses.includes(plan.status)) throw new AppError('conflict', t('plan.not_editable'));
  const content = validated({ ...parseStoredContent(plan.content), ...patch });
  await inTransaction(ctx, async (tx) => {
    const d = await denormalize(tx.db, content, await eligiblePlaceIds(tx.db, plan.call_id));
    await updatePlanContent(tx.db, planId, d, tx.clock.now().toISOString());
    await audit(tx, { actorId: actor.id, action: 'plan.draft_saved', subjectType: 'plan', subjectId: planId, data: { fields: Object.keys(patch) } });
  });
  return content;
}
