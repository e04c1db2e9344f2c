// A small world for dashboard tests: staff, two agencies, a province with two counties, a city with
// two neighborhoods and two villages, two indicators, an open call, funded plans with reports,
// needs and a resolution, inserted directly (the operations that normally write them are not
// under test here).

import assert from 'node:assert/strict';
import { createStaffUser } from '../../accounts/create-staff-user.ts';
import type { Actor } from '../../accounts/permissions.ts';
import { addOfficer, insertAgency } from '../../agencies/agencies.repo.ts';
import type { PlaceKind } from '../../places/place-kinds.ts';
import { persianSortKey } from '../../platform/persian/collation.ts';
import { matchKey } from '../../platform/persian/normalize.ts';
import { Browser, createHarness, lastCode, type Harness } from '../../testing/harness.ts';

export const STAFF_PASSWORD = 'a long enough password';

export async function createDashboardWorld() {
  const h: Harness = await createHarness();
  const db = h.ctx.db;
  const now = h.clock.now().toISOString();
  const user = (name: string, email: string, roles: Parameters<typeof createStaffUser>[1]['roles']) =>
    createStaffUser(h.ctx, { actorId: null, name, email, password: STAFF_PASSWORD, roles });
  const secretaryId = await user('دبیر ستاد', 'secretary@example.org', ['secretary']);
  const councilId = await user('عضو ستاد', 'council@example.org', ['council_member']);
  const officerId = await user('کارشناس بهزیستی', 'welfare@example.org', ['agency_officer']);
  const agency = async (name: string) =>
    insertAgency(db, { name, nameKey: matchKey(name), sortKey: persianSortKey(name), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
  const agencyId = await agency('ادارهٔ کل بهزیستی استان');
  const otherAgencyId = await agency('ادارهٔ کل آموزش و پرورش استان');
  await addOfficer(db, agencyId, officerId, now);

  async function place(name: string, kind: PlaceKind, parentId: number | null, population: number | null = null): Promise<number> {
    const r = await db
      .insertInto('places')
      .values({ parent_id: parentId, kind, code: null, name, name_key: matchKey(name), sort_key: persianSortKey(name), population, population_year: population ? 1395 : null, lat: null, lon: null, geometry: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async function indicator(code: string, direction: 'lower_better' | 'higher_better', level = 'neighborhood'): Promise<number> {
    const r = await db
      .insertInto('indicators')
      .values({ code, name: `شاخص ${code}`, name_key: matchKey(`شاخص ${code}`), unit: 'درصد', direction, harm: null, level, source: 'آزمون', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async function value(indicatorId: number, placeId: number, period: string, v: number) {
    const type = period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month';
    await db.insertInto('indicator_values').values({ indicator_id: indicatorId, place_id: placeId, period, period_type: type, year: Number(period.slice(0, 4)), value: v, import_id: null, updated_at: now }).execute();
  }

  async function call(status: 'open' | 'closed' = 'open'): Promise<number> {
    const r = await db
      .insertInto('calls')
      .values({ fiscal_year: 1405, title: 'فراخوان آزمون ۱۴۰۵', description: '', budget_rials: 10_000_000, deadline_at: new Date(h.clock.now().getTime() - 5 * 86_400_000).toISOString(), status, created_by: secretaryId, opened_at: now, closed_at: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  /** A funded plan, funded `fundedDaysAgo` days ago, on the given places (with their counties) and tags. */
  async function fundedPlan(o: {
    callId: number; agencyId: number; title: string; fundedRials: number; places: { placeId: number; countyId: number | null }[];
    harms?: string[]; targets?: string[]; fundedDaysAgo?: number; startDate?: string | null;
  }): Promise<number> {
    const content = JSON.stringify({ startDate: o.startDate ?? null, endDate: null });
    const r = await db
      .insertInto('plans')
      .values({
        call_id: o.callId, agency_id: o.agencyId, status: 'funded', title: o.title, summary: '', search_text: matchKey(o.title), sort_key: persianSortKey(o.title),
        requested_rials: o.fundedRials, funded_rials: o.fundedRials, content, created_by: secretaryId, submitted_at: now, public_at: now, version: 1, is_public: 1, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const planId = Number(r.id);
    for (const p of o.places) await db.insertInto('plan_places').values({ plan_id: planId, place_id: p.placeId, county_id: p.countyId }).execute();
    for (const code of o.harms ?? []) await db.insertInto('plan_tags').values({ plan_id: planId, kind: 'harm', code }).execute();
    for (const code of o.targets ?? []) await db.insertInto('plan_tags').values({ plan_id: planId, kind: 'target', code }).execute();
    const at = new Date(h.clock.now().getTime() - (o.fundedDaysAgo ?? 200) * 86_400_000).toISOString();
    await db.insertInto('plan_events').values({ plan_id: planId, from_status: 'approved', to_status: 'funded', actor_id: secretaryId, message: null, data: '{}', at }).execute();
    return planId;
  }

  async function report(planId: number, agencyIdOf: number, period: string, o: { status: 'draft' | 'submitted' | 'approved' | 'returned'; spent?: number; reached?: number; submittedAt?: string | null }) {
    const r = await db
      .insertInto('progress_reports')
      .values({
        plan_id: planId, agency_id: agencyIdOf, period, due_on: '2026-01-01', status: o.status, content: '{}', progress_percent: 50,
        spent_rials: o.spent ?? 0, beneficiaries_total: o.reached ?? 0, created_by: officerId, submitted_by: o.submittedAt ? officerId : null,
        submitted_at: o.submittedAt ?? null, decided_by: null, decided_at: null, decision_note: null, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async function need(placeId: number, supporters: number, status: 'new' | 'resolved' = 'new') {
    const r = await db
      .insertInto('needs')
      .values({ place_id: placeId, author_id: councilId, title: 'نیاز آزمون', body: 'متن نیاز', search_key: 'نیاز', status, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < supporters; i++) {
      const u = await db.insertInto('users').values({ name: `حامی ${i}`, mobile: null, email: null, password_hash: null, home_place_id: placeId, created_at: now, updated_at: now, last_login_at: null }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('need_supports').values({ need_id: Number(r.id), user_id: Number(u.id), created_at: now }).execute();
    }
  }

  const secretary: Actor = { id: secretaryId, roles: ['secretary'] };
  const council: Actor = { id: councilId, roles: ['council_member'] };

  async function staff(email: string): Promise<Browser> {
    const b = new Browser(h.app);
    const res = await b.post('/login/password', { email, password: STAFF_PASSWORD }, { csrfFrom: '/login' });
    assert.equal(res.statusCode, 303, `login ${email}`);
    return b;
  }

  async function citizen(mobile = '09121230000'): Promise<Browser> {
    const b = new Browser(h.app);
    await b.post('/register', { mobile, name: 'شهروند آزمون' }, { csrfFrom: '/register' });
    const res = await b.post('/verify', { code: lastCode(h, mobile) }, { csrfFrom: '/verify' });
    assert.equal(res.statusCode, 303, 'citizen signed in');
    return b;
  }

  return {
    h, db, now, secretaryId, councilId, officerId, agencyId, otherAgencyId, secretary, council,
    place, indicator, value, call, fundedPlan, report, need, staff, citizen, close: () => h.close(),
  };
}

export type DashboardWorld = Awaited<ReturnType<typeof createDashboardWorld>>;
