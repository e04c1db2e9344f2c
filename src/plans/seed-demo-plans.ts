import type { OpContext } from '../context.ts';
import type { Actor } from '../accounts/permissions.ts';
import { findCall } from '../calls/calls.repo.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { findPlaceByCode, searchPlaces } from '../places/places.repo.ts';
import { demoPlans } from './demo-plans.ts';
import { callHasPlans } from './plans.repo.ts';
import { createPlanDraft, savePlanDraft } from './save-plan-draft.ts';
import { passScreening, returnPlan, startScreening } from './screen-plan.ts';
import { screeningChecklist } from './screening.ts';
import { submitPlan } from './submit-plan.ts';

/** Where each demo plan ends up, so the demo shows every stage of screening. */
const demoStages = { welfare: 'in_review', education: 'submitted', relief: 'in_review', sports: 'returned' } as const;

/**
 * Demo plans written for this project, taken through the real operations (draft, submit,
 * screening) by the demo officers and the demo secretary. Skipped when the call already has plans.
 */
export async function seedDemoPlans(
  ctx: OpContext,
  o: { callId: number; secretary: Actor; agencies: readonly { key: string; agencyId: number; officerId: number }[] },
): Promise<number> {
  const call = await findCall(ctx.db, o.callId);
  if (!call || call.status !== 'open') return 0;
  if (await callHasPlans(ctx.db, o.callId)) return 0;
  let made = 0;
  for (const demo of demoPlans) {
    const ref = o.agencies.find((a) => a.key === demo.agencyKey);
    if (!ref) continue;
    const actor: Actor = { id: ref.officerId, roles: ['agency_officer'], agencyIds: [ref.agencyId] };
    const placeIds: number[] = [];
    for (const name of demo.placeNames) {
      const hit = (await searchPlaces(ctx.db, matchKey(name), 5)).find((p) => p.kind === 'neighborhood' || p.kind === 'village');
      if (hit) placeIds.push(hit.id);
    }
    if (placeIds.length === 0) placeIds.push((await findPlaceByCode(ctx.db, '9260300001'))?.id ?? 0);
    const content = demo.content(call.fiscal_year, placeIds);
    const id = await createPlanDraft(ctx, actor, { callId: o.callId, agencyId: ref.agencyId, title: content.title });
    await savePlanDraft(ctx, actor, id, content);
    await submitPlan(ctx, actor, id);
    const stage = demoStages[demo.agencyKey as keyof typeof demoStages] ?? 'submitted';
    if (stage !== 'submitted') await startScreening(ctx, o.secretary, id);
    if (stage === 'in_review') await passScreening(ctx, o.secretary, id, [...screeningChecklist]);
    if (stage === 'returned') await returnPlan(ctx, o.secretary, id, 'برآورد شمار جوانان بیکار محله را با منبعی رسمی‌تر (مثلاً آمار مرکز بهداشت یا شورایاری) پشتیبانی کنید.');
    made++;
  }
  return made;
}
