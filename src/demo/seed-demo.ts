import type { CommentCtx } from '../comments/post-comment.ts';
import { seedDemoComments } from '../comments/seed-demo-comments.ts';
import { seedDemoReviews } from '../reviews/seed-demo-reviews.ts';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { findUserByEmail, rolesOf } from '../accounts/accounts.repo.ts';
import { seedDemoAgencies } from '../agencies/demo-agencies.ts';
import { seedDemoCall } from '../calls/demo-calls.ts';
import { seedDemoPlans } from '../plans/seed-demo-plans.ts';
import { seedDemoSupports } from '../plans/seed-demo-supports.ts';
import { seedDemoNeeds } from '../needs/seed-demo-needs.ts';
import { seedDemoBallots } from '../ballots/seed-demo-ballots.ts';
import { seedDemoMeetings } from '../meetings/seed-demo-meetings.ts';
import { seedDemoNews } from '../news/seed-demo-news.ts';
import { importPlaces } from '../places/import-places.ts';
import { seedDemoShapes } from '../monitoring/results/seed-demo-shapes.ts';
import { seedDemoIndicators } from '../monitoring/indicators/seed-demo-indicators.ts';
import { seedDemoReports } from '../monitoring/reports/seed-demo-reports.ts';
import { demoPlaces, realPlaces } from '../places/demo-places.ts';
import { countPlaces, findPlaceByCode } from '../places/places.repo.ts';

/** Demo staff accounts; the passwords are documented in README.md and are for demonstration only. */
export const demoStaff = [
  { email: 'admin@mahalle.local', name: 'مدیر سامانه (نمونه)', roles: ['admin'], password: 'mahalle-admin-demo' },
  { email: 'secretary@mahalle.local', name: 'دبیرخانهٔ ستاد (نمونه)', roles: ['secretary'], password: 'mahalle-secretary-demo' },
  { email: 'council@mahalle.local', name: 'عضو ستاد (نمونه)', roles: ['council_member'], password: 'mahalle-council-demo' },
  { email: 'moderator@mahalle.local', name: 'ناظر نظرات (نمونه)', roles: ['moderator'], password: 'mahalle-moderator-demo' },
  { email: 'expert@mahalle.local', name: 'کارشناس دانشگاهی (نمونه)', roles: ['expert'], password: 'mahalle-expert-demo' },
  { email: 'editor@mahalle.local', name: 'دبیر خبر (نمونه)', roles: ['editor'], password: 'mahalle-editor-demo' },
];

export type SeedReport = { places: { inserted: number; updated: number }; users: number; agencies: number; callId: number | null; plans: number; comments: number };

/**
 * Seeds the real province skeleton, illustrative neighborhoods, demo staff, the ten provincial
 * agencies with their officers, an open call and demo plans at several stages; safe to run twice.
 */
export async function seedDemo(ctx: CommentCtx): Promise<SeedReport> {
  // Rows already present (say, from an SCI import) keep their place in the finer hierarchy.
  const missing = async (records: typeof realPlaces) => {
    const out = [];
    for (const r of records) if (!(await findPlaceByCode(ctx.db, r.code))) out.push(r);
    return out;
  };
  const real = await importPlaces(ctx, await missing(realPlaces), { actorId: null });
  const demo = await importPlaces(ctx, await missing(demoPlaces), { actorId: null, isDemo: true });
  if (!real.ok || !demo.ok) {
    throw new Error(`demo places failed: ${JSON.stringify([...real.problems, ...demo.problems])}`);
  }
  let users = 0;
  for (const s of demoStaff) {
    if (await findUserByEmail(ctx.db, s.email)) continue;
    await createStaffUser(ctx, { actorId: null, ...s });
    users++;
  }
  const agencies = await seedDemoAgencies(ctx);
  const secretary = await findUserByEmail(ctx.db, 'secretary@mahalle.local');
  let callId: number | null = null;
  let plans = 0;
  if (secretary) {
    const actor = { id: secretary.id, roles: await rolesOf(ctx.db, secretary.id) };
    callId = await seedDemoCall(ctx, actor);
    plans = await seedDemoPlans(ctx, { callId, secretary: actor, agencies });
  }
  const expert = await findUserByEmail(ctx.db, 'expert@mahalle.local');
  const council = await findUserByEmail(ctx.db, 'council@mahalle.local');
  if (callId !== null && secretary && expert && council) {
    const actorOf = async (u: { id: number }) => ({ id: u.id, roles: await rolesOf(ctx.db, u.id) });
    await seedDemoReviews(ctx, { callId, secretary: await actorOf(secretary), expert: await actorOf(expert), council: await actorOf(council) });
  }
  const moderator = await findUserByEmail(ctx.db, 'moderator@mahalle.local');
  const comments = callId !== null && moderator ? await seedDemoComments(ctx, { callId, moderator: { id: moderator.id, roles: await rolesOf(ctx.db, moderator.id) } }) : 0;
  if (callId !== null) await seedDemoSupports(ctx, { callId });
  await seedDemoNeeds(ctx);
  if (callId !== null && secretary && expert && council) await seedDemoBallots(ctx, { callId, secretary, expert, council });
  await seedDemoMeetings(ctx);
  await seedDemoNews(ctx);
  await seedDemoShapes(ctx);
  await seedDemoIndicators(ctx);
  await seedDemoReports(ctx);
  return {
    places: { inserted: real.inserted + demo.inserted, updated: real.updated + demo.updated },
    users, agencies: agencies.length, callId, plans, comments,
  };
}

/** True on a database that has never been seeded or imported into. */
export async function isEmptyDatabase(ctx: Pick<CommentCtx, 'db'>): Promise<boolean> {
  return (await countPlaces(ctx.db)) === 0;
}
