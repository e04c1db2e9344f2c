import { findUserByEmail, insertUser, updateUserProfile } from '../accounts/accounts.repo.ts';
import type { OpContext } from '../context.ts';
import { homeKinds } from '../places/place-kinds.ts';
import { publicPlanIdsOfCall } from './plans-public.repo.ts';
import { supportPlan } from './support-plan.ts';
import { planPlaceNames } from './support-plans.repo.ts';

/**
 * Demo residents who support plans. Like the demo commenters they cannot sign in (no mobile number,
 * no password) and are marked «نمونه» in their names; each lives in a demo neighborhood of the
 * plan they back (`plan`: which public demo plan, oldest first).
 */
const demoSupporters = [
  { email: 'supporter1@mahalle.local', name: 'مریم نوروزی (نمونه)', plan: 0 },
  { email: 'supporter2@mahalle.local', name: 'علی اکبری (نمونه)', plan: 0 },
  { email: 'supporter3@mahalle.local', name: 'سمیه رضایی (نمونه)', plan: 0 },
  { email: 'supporter4@mahalle.local', name: 'رضا حسینی (نمونه)', plan: 0 },
  { email: 'supporter5@mahalle.local', name: 'نرگس صادقی (نمونه)', plan: 1 },
  { email: 'supporter6@mahalle.local', name: 'محمد کریمی (نمونه)', plan: 1 },
  { email: 'supporter7@mahalle.local', name: 'زینب مرادی (نمونه)', plan: 1 },
] as const;

/**
 * A few supports on the public demo plans, made through the real operation by demo residents of
 * the plans' places. Skipped when the demo supporters exist already.
 */
export async function seedDemoSupports(ctx: OpContext, o: { callId: number }): Promise<number> {
  if (await findUserByEmail(ctx.db, demoSupporters[0].email)) return 0;
  const plans = await publicPlanIdsOfCall(ctx.db, o.callId);
  const now = ctx.clock.now().toISOString();
  let made = 0;
  for (const [i, s] of demoSupporters.entries()) {
    const planId = plans[s.plan];
    if (planId === undefined) continue;
    const homes = (await planPlaceNames(ctx.db, planId)).filter((p) => homeKinds.includes(p.kind));
    // Spread over the plan's places, so a plan of several places shows several on its page.
    const home = homes[i % Math.max(homes.length, 1)];
    if (!home) continue;
    const id = await insertUser(ctx.db, { email: s.email, name: s.name, now });
    await updateUserProfile(ctx.db, id, { name: s.name, homePlaceId: home.id, now });
    if ((await supportPlan(ctx, { id, roles: ['citizen'] }, planId)).added) made++;
  }
  return made;
}
