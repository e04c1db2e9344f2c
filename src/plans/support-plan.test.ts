// Residents' support for plans, the operations: one support per person, withdrawing, who may
// support (home within the plan's places, not the plan's own agency), when (in review or approved
// awaiting funding), and the count and its geography by county and place.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { addOfficer, insertAgency } from '../agencies/agencies.repo.ts';
import type { Actor } from '../accounts/permissions.ts';
import { updateUserProfile } from '../accounts/accounts.repo.ts';
import { AppError } from '../platform/http/errors.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { supportPlan } from './support-plan.ts';
import { loadSupportSummary } from './support-summary.ts';
import { supportOpenStatuses } from './support-rules.ts';
import { createSupportWorld, supportCounts, type SupportWorld } from './support-test-setup.ts';
import { parseSupportPlaces, supportSummaryView, SUPPORT_TOP, type SupportPlaceRow } from './support-view.ts';
import { withdrawPlanSupport } from './support-withdraw.ts';

let w: SupportWorld;
before(async () => {
  w = await createSupportWorld();
});
after(() => w.close());

/** The AppError an operation refused with. */
async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  assert.fail('expected a refusal');
}

async function audits(action: string, planId: number): Promise<number> {
  const r = await w.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).where('subject_id', '=', String(planId)).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('supporting a plan', () => {
  test('a resident supports once: the row keeps their home, the count is 1, a second support changes nothing', async () => {
    const { actor } = await w.resident('زهرا احمدی', w.places.minoodar);
    const first = await supportPlan(w.h.ctx, actor, w.planId);
    assert.deepEqual(first, { added: true, count: 1 });
    const row = await w.db.selectFrom('plan_supports').selectAll().where('plan_id', '=', w.planId).where('user_id', '=', actor.id).executeTakeFirstOrThrow();
    assert.equal(row.place_id, w.places.minoodar);
    assert.equal(await audits('plan.supported', w.planId), 1);

    const second = await supportPlan(w.h.ctx, actor, w.planId);
    assert.deepEqual(second, { added: false, count: 1 });
    assert.deepEqual(await supportCounts(w, w.planId), { column: 1, rows: 1 });
    assert.equal(await audits('plan.supported', w.planId), 1, 'no audit entry without a change');

    // The support keeps the place the person lived in when they gave it.
    await updateUserProfile(w.db, actor.id, { name: 'زهرا احمدی', homePlaceId: w.places.pounak, now: w.h.clock.now().toISOString() });
    const kept = await w.db.selectFrom('plan_supports').select('place_id').where('plan_id', '=', w.planId).where('user_id', '=', actor.id).executeTakeFirstOrThrow();
    assert.equal(kept.place_id, w.places.minoodar);
  });

  test('withdrawing removes the support and lowers the count; withdrawing again changes nothing', async () => {
    const { actor } = await w.resident('مریم کریمی', w.places.khiarj);
    const before = (await supportCounts(w, w.planId)).column;
    assert.equal((await supportPlan(w.h.ctx, actor, w.planId)).count, before + 1);
    assert.deepEqual(await withdrawPlanSupport(w.h.ctx, actor, w.planId), { removed: true, count: before });
    assert.deepEqual(await withdrawPlanSupport(w.h.ctx, actor, w.planId), { removed: false, count: before });
    assert.deepEqual(await supportCounts(w, w.planId), { column: before, rows: before });
    assert.equal(await audits('plan.support_withdrawn', w.planId), 1);
    // And may support again.
    assert.equal((await supportPlan(w.h.ctx, actor, w.planId)).added, true);
    assert.deepEqual(await withdrawPlanSupport(w.h.ctx, actor, w.planId), { removed: true, count: before });
  });

  test('the same person supporting twice at once is counted once', async () => {
    const { actor } = await w.resident('حمید نادری', w.places.pounak);
    const before = (await supportCounts(w, w.planId)).column;
    const results = await Promise.all([supportPlan(w.h.ctx, actor, w.planId), supportPlan(w.h.ctx, actor, w.planId)]);
    assert.equal(results.filter((r) => r.added).length, 1);
    assert.deepEqual(await supportCounts(w, w.planId), { column: before + 1, rows: before + 1 });
    await withdrawPlanSupport(w.h.ctx, actor, w.planId);
  });

  test('a resident of a place outside the plan is refused, with the plan\'s places and their home named', async () => {
    const { actor } = await w.resident('سعید مرادی', w.places.balaghi);
    const err = await refusal(supportPlan(w.h.ctx, actor, w.planId));
    assert.equal(err.code, 'forbidden');
    assert.match(err.detail ?? '', /محله مینودر/);
    assert.match(err.detail ?? '', /محله پونک/);
    assert.match(err.detail ?? '', /روستا خیارج/);
    assert.match(err.detail ?? '', /\(محله بلاغی\)/);
    assert.equal((await w.db.selectFrom('plan_supports').select('user_id').where('user_id', '=', actor.id).execute()).length, 0);
  });

  test('a home below one of the plan\'s places lies within it (a neighborhood of a city plan)', async () => {
    const { actor } = await w.resident('لیلا حسینی', w.places.balaghi);
    assert.deepEqual(await supportPlan(w.h.ctx, actor, w.cityPlanId), { added: true, count: 1 });
    await withdrawPlanSupport(w.h.ctx, actor, w.cityPlanId);
  });

  test('without a home place, the person is asked to choose one first', async () => {
    const { actor } = await w.resident('نیما فرهادی', null);
    const err = await refusal(supportPlan(w.h.ctx, actor, w.planId));
    assert.equal(err.code, 'forbidden');
    assert.match(err.detail ?? '', /نمایه/);
  });

  test('officers of the plan\'s own agency cannot support it; an officer of another agency who lives there can', async () => {
    const officer: Actor = { id: w.officerId, roles: ['agency_officer'], agencyIds: [w.agencyId] };
    await updateUserProfile(w.db, w.officerId, { name: 'مهدی رضایی', homePlaceId: w.places.minoodar, now: w.h.clock.now().toISOString() });
    const err = await refusal(supportPlan(w.h.ctx, officer, w.planId));
    assert.equal(err.code, 'forbidden');
    assert.match(err.detail ?? '', /دستگاه/);

    const now = w.h.clock.now().toISOString();
    const name = 'ادارهٔ کل ورزش و جوانان استان';
    const otherAgency = await insertAgency(w.db, { name, nameKey: matchKey(name), sortKey: persianSortKey(name), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
    const otherId = await createStaffUser(w.h.ctx, { actorId: null, name: 'پریسا امینی', email: 'sports@example.org', password: 'a long enough password', roles: ['agency_officer'] });
    await addOfficer(w.db, otherAgency, otherId, now);
    await updateUserProfile(w.db, otherId, { name: 'پریسا امینی', homePlaceId: w.places.pounak, now });
    const other: Actor = { id: otherId, roles: ['agency_officer'], agencyIds: [otherAgency] };
    assert.equal((await supportPlan(w.h.ctx, other, w.planId)).added, true);
    await withdrawPlanSupport(w.h.ctx, other, w.planId);
  });

  test('support is open in review and while approved awaiting funding; closed once rejected, funded, under way or completed', async () => {
    assert.deepEqual([...supportOpenStatuses], ['in_review', 'approved']);
    const planId = await w.plan('کارگاه مهارت‌آموزی برای مادران مینودر', undefined, 'in_review', { places: [{ placeId: w.places.minoodar, countyId: w.places.countyA }] });
    const a = await w.resident('فاطمه نوری', w.places.minoodar);
    const b = await w.resident('اکبر صالحی', w.places.minoodar);
    await supportPlan(w.h.ctx, a.actor, planId);
    await w.setStatus(planId, 'in_review', 'approved');
    assert.equal((await supportPlan(w.h.ctx, b.actor, planId)).added, true, 'approved: still open');
    await w.setStatus(planId, 'approved', 'funded');
    const closed = await refusal(supportPlan(w.h.ctx, (await w.resident('رقیه بهرامی', w.places.minoodar)).actor, planId));
    assert.equal(closed.code, 'conflict');
    assert.match(closed.detail ?? '', /تأمین اعتبار/);
    // Supports stay as they were at the decision: no withdrawing, and supporting again is a no-op.
    const frozen = await refusal(withdrawPlanSupport(w.h.ctx, b.actor, planId));
    assert.equal(frozen.code, 'conflict');
    assert.deepEqual(await supportPlan(w.h.ctx, a.actor, planId), { added: false, count: 2 });
    assert.deepEqual(await supportCounts(w, planId), { column: 2, rows: 2 });
    for (const [from, to] of [['funded', 'in_progress'], ['in_progress', 'completed']] as const) {
      await w.setStatus(planId, from, to);
      assert.equal((await refusal(supportPlan(w.h.ctx, (await w.resident('کاوه شریفی', w.places.minoodar)).actor, planId))).code, 'conflict', to);
    }
    const rejected = await w.plan('طرح ردشده برای مینودر', undefined, 'in_review', { places: [{ placeId: w.places.minoodar, countyId: w.places.countyA }] });
    await w.setStatus(rejected, 'in_review', 'rejected');
    assert.equal((await refusal(supportPlan(w.h.ctx, a.actor, rejected))).code, 'conflict');
  });

  test('a plan that is not public cannot be supported at all (404)', async () => {
    const draft = await w.plan('پیش‌نویس طرح برای مینودر', undefined, 'draft', { places: [{ placeId: w.places.minoodar, countyId: w.places.countyA }] });
    const { actor } = await w.resident('شیما قربانی', w.places.minoodar);
    assert.equal((await refusal(supportPlan(w.h.ctx, actor, draft))).code, 'not_found');
    assert.equal((await refusal(supportPlan(w.h.ctx, actor, 999_999))).code, 'not_found');
  });
});

describe('the count and its geography', () => {
  test('supporters are grouped by county and by neighborhood or village, in one statement', async () => {
    const planId = await w.plan('ورزش همگانی در مینودر، پونک و خیارج', undefined, 'in_review', {
      places: [{ placeId: w.places.minoodar, countyId: w.places.countyA }, { placeId: w.places.pounak, countyId: w.places.countyA }, { placeId: w.places.khiarj, countyId: w.places.countyB }],
    });
    const empty = await loadSupportSummary(w.db, planId);
    assert.equal(empty.countText, 'حمایت ساکنان: ۰ نفر');
    assert.equal(empty.geography, null);

    for (const [name, home] of [['آرش', w.places.minoodar], ['بهار', w.places.minoodar], ['پرستو', w.places.minoodar], ['تینا', w.places.pounak], ['ثمین', w.places.khiarj]] as const) {
      await supportPlan(w.h.ctx, (await w.resident(name, home)).actor, planId);
    }
    const before = w.h.ctx.handle.queryCount();
    const summary = await loadSupportSummary(w.db, planId);
    assert.equal(w.h.ctx.handle.queryCount() - before, 1, 'one statement');
    assert.equal(summary.countText, 'حمایت ساکنان: ۵ نفر');
    const g = summary.geography;
    assert.ok(g);
    assert.equal(g.total, 5);
    assert.deepEqual(g.counties.map((r) => [r.label, r.count, r.text]), [
      ['شهرستان قزوین', 4, '۴ نفر (۸۰٪)'],
      ['شهرستان تاکستان', 1, '۱ نفر (۲۰٪)'],
    ]);
    assert.deepEqual(g.places.map((r) => [r.label, r.count]), [['محله مینودر', 3], ['روستا خیارج', 1], ['محله پونک', 1]]);
  });

  test('the packed rows parse back, a place without a county is grouped as such', () => {
    const rows = parseSupportPlaces(['7\u001e2\u001eمینودر\u001eneighborhood\u001e3\u001eقزوین', '9\u001e1\u001eجایی\u001evillage\u001e\u001e'].join('\u001f'));
    assert.deepEqual(rows, [
      { placeId: 7, count: 2, name: 'مینودر', kind: 'neighborhood', countyId: 3, countyName: 'قزوین' },
      { placeId: 9, count: 1, name: 'جایی', kind: 'village', countyId: null, countyName: null },
    ]);
    assert.deepEqual(supportSummaryView(3, rows).geography?.counties.map((r) => r.label), ['شهرستان قزوین', 'بیرون از شهرستان‌ها']);
    assert.deepEqual(parseSupportPlaces(null), []);
  });

  test('beyond the ten largest places the rest are summed as «سایر»', () => {
    const rows: SupportPlaceRow[] = Array.from({ length: SUPPORT_TOP + 3 }, (_, i) => ({
      placeId: i + 1, count: 20 - i, name: `محلهٔ شمارهٔ ${i + 1}`, kind: 'neighborhood', countyId: 1, countyName: 'قزوین',
    }));
    const total = rows.reduce((s, r) => s + r.count, 0);
    const g = supportSummaryView(total, rows).geography!;
    assert.equal(g.places.length, SUPPORT_TOP + 1);
    assert.equal(g.places[0]!.count, 20);
    const others = g.places[SUPPORT_TOP]!;
    assert.equal(others.label, 'سایر (۳ مکان دیگر)');
    assert.equal(others.count, 10 + 9 + 8);
    assert.equal(g.places.reduce((s, r) => s + r.count, 0), total);
    assert.deepEqual(g.counties.map((r) => r.count), [total]);
  });
});
