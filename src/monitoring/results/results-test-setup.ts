// A small world for the results tests: the demo places with shapes, one agency and call, and
// plans inserted directly at the stages the results care about (funded with reports, funded
// without, approved but never funded, a withdrawn funded one), indicators and their values.

import { insertAgency } from '../../agencies/agencies.repo.ts';
import { persianSortKey } from '../../platform/persian/collation.ts';
import { matchKey } from '../../platform/persian/normalize.ts';
import { demoPlaces, realPlaces } from '../../places/demo-places.ts';
import { findPlaceByCode } from '../../places/places.repo.ts';
import { importPlaces } from '../../places/import-places.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';
import { seedDemoShapes } from './seed-demo-shapes.ts';

export type PlanSpec = {
  title: string;
  status: 'approved' | 'funded' | 'in_progress' | 'completed' | 'withdrawn';
  fundedRials: number | null;
  placeCodes: string[];
  harms: string[];
  targets?: { group: string; female: number; male: number }[];
  indicators?: { statement: string; unit: string; baseline: number | null; target: number | null }[];
  isPublic?: boolean;
  isDemo?: boolean;
};

export type ReportSpec = {
  period: string;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  spentRials: number;
  progress: number | null;
  beneficiaries?: { group: string; female: number; male: number }[];
  actuals?: { index: number; actual: number }[];
};

export async function createResultsWorld(options: { boundariesFile?: string } = {}) {
  const h: Harness = await createHarness();
  const db = h.ctx.db;
  const now = h.clock.now().toISOString();
  const real = await importPlaces(h.ctx, realPlaces, { actorId: null });
  const demo = await importPlaces(h.ctx, demoPlaces, { actorId: null, isDemo: true });
  if (!real.ok || !demo.ok) throw new Error('places');
  await seedDemoShapes(h.ctx, { boundariesFile: options.boundariesFile ?? '/nonexistent/boundaries.geojson' });
  const agencyName = 'ادارهٔ کل بهزیستی استان';
  const agencyId = await insertAgency(db, { name: agencyName, nameKey: matchKey(agencyName), sortKey: persianSortKey(agencyName), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
  const call = await db
    .insertInto('calls')
    .values({ fiscal_year: 1405, title: 'فراخوان آزمایشی', description: '', budget_rials: 100_000_000_000, deadline_at: now, status: 'closed', created_by: null, opened_at: now, closed_at: now, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const callId = Number(call.id);

  async function placeId(code: string): Promise<number> {
    const p = await findPlaceByCode(db, code);
    if (!p) throw new Error(`no place ${code}`);
    return Number(p.id);
  }

  async function plan(spec: PlanSpec): Promise<number> {
    const ids = await Promise.all(spec.placeCodes.map(placeId));
    const content = {
      title: spec.title, harms: spec.harms, placeIds: ids,
      targetGroups: (spec.targets ?? []).map((g) => ({ ...g })),
      indicators: (spec.indicators ?? []).map((i) => ({ level: 'outcome', ...i, period: '', meansOfVerification: '' })),
      activities: ['فعالیت نخست'],
      startDate: '2026-03-21', endDate: '2027-03-20',
    };
    const isPublic = spec.isPublic ?? spec.status !== 'withdrawn';
    const row = await db
      .insertInto('plans')
      .values({
        call_id: callId, agency_id: agencyId, status: spec.status, title: spec.title, summary: '', search_text: matchKey(spec.title), sort_key: persianSortKey(spec.title),
        requested_rials: spec.fundedRials ?? 1_000_000, funded_rials: spec.fundedRials, content: JSON.stringify(content), is_public: isPublic ? 1 : 0,
        created_by: null, submitted_at: now, public_at: isPublic ? now : null, is_demo: spec.isDemo ? 1 : 0, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    for (const pid of ids) {
      const chain = await db
        .selectFrom('places as p')
        .leftJoin('places as a', 'a.id', 'p.parent_id')
        .leftJoin('places as b', 'b.id', 'a.parent_id')
        .select(['p.kind as k0', 'p.id as i0', 'a.kind as k1', 'a.id as i1', 'b.kind as k2', 'b.id as i2'])
        .where('p.id', '=', pid)
        .executeTakeFirstOrThrow();
      const county = chain.k0 === 'county' ? chain.i0 : chain.k1 === 'county' ? chain.i1 : chain.k2 === 'county' ? chain.i2 : null;
      await db.insertInto('plan_places').values({ plan_id: id, place_id: pid, county_id: county === null ? null : Number(county) }).execute();
    }
    for (const code of spec.harms) await db.insertInto('plan_tags').values({ plan_id: id, kind: 'harm', code }).execute();
    if (spec.fundedRials !== null) {
      await db.insertInto('plan_events').values({ plan_id: id, from_status: 'approved', to_status: 'funded', actor_id: null, message: null, at: '2026-04-01T08:00:00.000Z' }).execute();
    }
    return id;
  }

  async function report(planId: number, spec: ReportSpec): Promise<number> {
    const total = (spec.beneficiaries ?? []).reduce((s, g) => s + g.female + g.male, 0);
    const content = {
      spentRials: spec.spentRials,
      beneficiaries: spec.beneficiaries ?? [],
      indicatorActuals: (spec.actuals ?? []).map((a) => ({ ...a, note: '' })),
      activities: [],
    };
    const decided = spec.status === 'approved' || spec.status === 'returned';
    const row = await db
      .insertInto('progress_reports')
      .values({
        plan_id: planId, agency_id: agencyId, period: spec.period, due_on: '2026-07-06', status: spec.status, content: JSON.stringify(content),
        progress_percent: spec.progress, spent_rials: spec.spentRials, beneficiaries_total: total, created_by: null,
        submitted_by: null, submitted_at: spec.status === 'draft' ? null : now, decided_by: null, decided_at: decided ? now : null, decision_note: null,
        created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    if (spec.status === 'approved') {
      await db.insertInto('progress_report_events').values({ report_id: id, from_status: 'submitted', to_status: 'approved', actor_id: null, message: null, at: now }).execute();
    }
    return id;
  }

  async function indicator(spec: { code: string; name: string; unit: string; direction: 'lower_better' | 'higher_better'; harm: string | null; level: string; isDemo?: boolean }): Promise<number> {
    const row = await db
      .insertInto('indicators')
      .values({ code: spec.code, name: spec.name, name_key: matchKey(spec.name), unit: spec.unit, direction: spec.direction, harm: spec.harm, level: spec.level, source: '', is_demo: spec.isDemo ? 1 : 0, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async function value(indicatorId: number, placeCode: string, period: string, v: number): Promise<void> {
    const type = /Q/.test(period) ? 'quarter' : period.length === 6 ? 'month' : 'year';
    await db.insertInto('indicator_values').values({ indicator_id: indicatorId, place_id: await placeId(placeCode), period, period_type: type, year: Number(period.slice(0, 4)), value: v, import_id: null, updated_at: now }).execute();
  }

  return { h, db, agencyId, callId, placeId, plan, report, indicator, value, close: () => h.close() };
}

export type ResultsWorld = Awaited<ReturnType<typeof createResultsWorld>>;
