// A world for plan-support tests, on top of the comments world (a public plan's agency with its
// officer, citizens signing in with a one-time code): two counties with neighborhoods and a
// village, a plan for three of those places, a plan for a whole city, and residents who choose
// their home on /profile as a person would.

import assert from 'node:assert/strict';
import { findUserByMobile } from '../accounts/accounts.repo.ts';
import type { Actor } from '../accounts/permissions.ts';
import { createCommentsWorld } from '../comments/comments-test-setup.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import { insertPlace } from '../places/places.repo.ts';
import { audit } from '../platform/audit/audit.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import type { Browser } from '../testing/harness.ts';
import type { PlanStatus } from './plan-lifecycle.ts';
import { setPlanStatus } from './plans.repo.ts';

export async function createSupportWorld() {
  const w = await createCommentsWorld();
  const now = w.h.clock.now().toISOString();
  const place = (parentId: number | null, kind: PlaceKind, name: string) =>
    insertPlace(w.db, { parentId, kind, code: null, name, nameKey: matchKey(name), sortKey: persianSortKey(name), population: null, populationYear: null, lat: null, lon: null, isDemo: false }, now);
  const province = await place(null, 'province', 'قزوین');
  const countyA = await place(province, 'county', 'قزوین');
  const cityA = await place(countyA, 'city', 'قزوین');
  const minoodar = await place(cityA, 'neighborhood', 'مینودر');
  const pounak = await place(cityA, 'neighborhood', 'پونک');
  const balaghi = await place(cityA, 'neighborhood', 'بلاغی');
  const countyB = await place(province, 'county', 'تاکستان');
  const ruralB = await place(countyB, 'rural_district', 'اسفرورین');
  const khiarj = await place(ruralB, 'village', 'خیارج');

  /** In review, for Minoodar, Pounak (county A) and the village Khiarj (county B). */
  const planId = await w.plan('آموزش مهارت زندگی به نوجوانان مینودر، پونک و خیارج', undefined, 'in_review', {
    places: [{ placeId: minoodar, countyId: countyA }, { placeId: pounak, countyId: countyA }, { placeId: khiarj, countyId: countyB }],
  });
  /** In review, for the whole city: every neighborhood of it lies within. */
  const cityPlanId = await w.plan('سرای نوجوان برای همهٔ محله‌های شهر قزوین', undefined, 'in_review', { places: [{ placeId: cityA, countyId: countyA }] });

  /** A citizen signed in through the real flow who picked a home on /profile (or none). */
  async function resident(name: string, homeId: number | null): Promise<{ browser: Browser; actor: Actor; mobile: string }> {
    const { browser, mobile } = await w.citizen(name);
    if (homeId !== null) {
      const res = await browser.post('/profile', { name, home_place_id: String(homeId) }, { csrfFrom: '/profile' });
      assert.equal(res.statusCode, 303, 'profile saved');
    }
    const user = await findUserByMobile(w.db, mobile);
    assert.ok(user, 'user');
    assert.equal(user.home_place_id, homeId);
    return { browser, mobile, actor: { id: user.id, roles: ['citizen'] } };
  }

  /** Moves a plan to another state (as the lifecycle would) and records it, so cached pages change. */
  async function setStatus(id: number, from: PlanStatus, to: PlanStatus) {
    assert.ok(await setPlanStatus(w.db, id, from, to, { now: w.h.clock.now().toISOString(), isPublic: true }));
    await audit(w.h.ctx, { actorId: null, action: 'plan.test_fixture', subjectType: 'plan', subjectId: id });
  }

  return { ...w, places: { province, countyA, cityA, minoodar, pounak, balaghi, countyB, ruralB, khiarj }, planId, cityPlanId, resident, setStatus };
}

export type SupportWorld = Awaited<ReturnType<typeof createSupportWorld>>;

/** The stored count and the number of rows, which the operations keep equal. */
export async function supportCounts(w: SupportWorld, planId: number): Promise<{ column: number; rows: number }> {
  const plan = await w.db.selectFrom('plans').select('support_count').where('id', '=', planId).executeTakeFirstOrThrow();
  const rows = await w.db.selectFrom('plan_supports').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
  return { column: Number(plan.support_count), rows: Number(rows.n) };
}
