// A small province for ballot tests: two counties, a city with two neighborhoods, a village, an
// open call with approved plans, the secretariat, and voters made directly in the database.

import type { Actor } from '../accounts/permissions.ts';
import { insertUser, replaceRoles } from '../accounts/accounts.repo.ts';
import { createCommentsWorld } from '../comments/comments-test-setup.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import type { PlaceKind } from '../places/place-kinds.ts';
import { insertPlace } from '../places/places.repo.ts';
import type { RoundSettings } from './round-rules.ts';

export async function createBallotWorld(env: Record<string, string> = {}) {
  const w = await createCommentsWorld(env);
  const { db, h } = w;
  const now = h.clock.now().toISOString();
  const place = (name: string, kind: PlaceKind, parentId: number | null, code: string) =>
    insertPlace(db, { parentId, kind, code, name, nameKey: matchKey(name), sortKey: persianSortKey(name), population: null, populationYear: null, lat: null, lon: null, isDemo: false }, now);
  const province = await place('قزوین', 'province', null, '26');
  const countyA = await place('البرز', 'county', province, '2601');
  const countyB = await place('آوج', 'county', province, '2606');
  const city = await place('الوند', 'city', countyA, '260101');
  const north = await place('محلهٔ شمالی', 'neighborhood', city, '9260100001');
  const south = await place('محلهٔ جنوبی', 'neighborhood', city, '9260100002');
  const village = await place('روستای آبگرم', 'village', countyB, '9260600001');

  const secretaryId = await insertUser(db, { name: 'دبیرخانه', email: 'secretary@example.org', now });
  await replaceRoles(db, secretaryId, ['secretary'], now);
  const secretary: Actor = { id: secretaryId, roles: ['secretary'] };

  let voters = 0;
  /** A citizen with a home (or none). */
  async function voter(homePlaceId: number | null, name = 'ساکن'): Promise<Actor> {
    const id = await insertUser(db, { name: `${name} ${++voters}`, mobile: `0935${String(1_000_000 + voters).padStart(7, '0')}`, now });
    await replaceRoles(db, id, ['citizen'], now);
    if (homePlaceId !== null) await db.updateTable('users').set({ home_place_id: homePlaceId }).where('id', '=', id).execute();
    return { id, roles: ['citizen'] };
  }

  const plans = {
    park: await w.plan('بازسازی پارک محله برای نوجوانان', undefined, 'approved', { rials: 4_000_000_000 }),
    library: await w.plan('کتابخانهٔ کودک در سرای محله', undefined, 'approved', { rials: 3_000_000_000 }),
    clinic: await w.plan('مشاورهٔ خانواده برای مادران', undefined, 'approved', { rials: 2_000_000_000 }),
    sports: await w.plan('ورزش عصرگاهی نوجوانان', undefined, 'approved', { rials: 1_000_000_000 }),
  };

  /** Settings for a round open from yesterday to a week from now over county A. */
  function settings(o: Partial<RoundSettings> = {}): RoundSettings {
    return {
      title: 'بودجهٔ مشارکتی محله‌های البرز', description: 'ساکنان البرز دربارهٔ بخشی از بودجه تصمیم می‌گیرند.', method: 'mes-add1',
      budgetRials: 6_000_000_000, minApprovals: 1, maxApprovals: 3, requireVerified: false,
      opensAt: new Date(h.clock.now().getTime() - 86_400_000).toISOString(), closesAt: new Date(h.clock.now().getTime() + 7 * 86_400_000).toISOString(),
      planIds: [plans.park, plans.library, plans.clinic, plans.sports], placeIds: [countyA], ...o,
    };
  }
  const ctx = { ...h.ctx, secret: h.ctx.config.sessionSecret };
  return { ...w, ctx, places: { province, countyA, countyB, city, north, south, village }, secretary, voter, plans, settings };
}

export type BallotWorld = Awaited<ReturnType<typeof createBallotWorld>>;
