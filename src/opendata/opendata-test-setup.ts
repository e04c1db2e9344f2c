// A small world for open data tests: real and demo places, one agency with contact details that
// must never leak, a call with public and private plans, a published and an unpublished
// allocation round, indicators with values, and progress reports in every state.

import { importPlaces } from '../places/import-places.ts';
import { demoPlaces, realPlaces } from '../places/demo-places.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import type { PlanStatus } from '../plans/plan-lifecycle.ts';
import { createHarness, type Harness } from '../testing/harness.ts';

/** Strings that exist only in private rows or personal fields: none may appear in any output. */
export const SECRETS = {
  agencyEmail: 'agency-secret@example.org',
  agencyPhone: '02833334444',
  officerEmail: 'officer-secret@example.org',
  officerMobile: '09120001111',
  officerName: 'کارشناس پنهان آزمون',
  draftTitle: 'طرح محرمانهٔ پیش‌نویس',
  submittedTitle: 'طرح محرمانهٔ فرستاده',
  unpublishedRoundTitle: 'طرح دور منتشرنشده',
  submittedReportSpent: 999_999_999,
};

export const FORMULA_TITLE = '=SUM(1,2) طرح "آزمون" فرمول';

export type OpenDataWorld = {
  h: Harness;
  ids: { p1: number; p2: number; p3: number; draft: number; submitted: number; round: number; unpublishedRound: number; county: number; minoodar: number };
  close: () => Promise<void>;
};

export async function createOpenDataWorld(): Promise<OpenDataWorld> {
  const h = await createHarness({ BASE_URL: 'https://mahalle.example.org' });
  const db = h.ctx.db;
  await importPlaces(h.ctx, realPlaces, { actorId: null });
  await importPlaces(h.ctx, demoPlaces, { actorId: null, isDemo: true });
  const place = async (code: string) => (await findPlaceByCode(db, code))!.id;
  const [county, takestanCounty, minoodar, pooneh, takestanNb] = await Promise.all([place('2603'), place('2602'), place('9260300001'), place('9260300002'), place('9260200001')]);
  const now = '2026-05-01T08:00:00.000Z';

  const user = await db
    .insertInto('users')
    .values({ mobile: SECRETS.officerMobile, email: SECRETS.officerEmail, name: SECRETS.officerName, password_hash: null, home_place_id: null, created_at: now, updated_at: now, last_login_at: null, national_id_hash: null, residency_place_id: null, residency_method: null, residency_verified_at: null, residency_verified_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const agency = await db
    .insertInto('agencies')
    .values({ name: 'ادارهٔ کل بهزیستی آزمون', name_key: 'اداره کل بهزیستی ازمون', sort_key: 'a', kind: 'government', scope_place_id: null, phone: SECRETS.agencyPhone, email: SECRETS.agencyEmail, address: 'نشانی پنهان', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('agency_officers').values({ agency_id: agency.id, user_id: user.id, created_at: now }).execute();

  const call = async (title: string) =>
    (await db
      .insertInto('calls')
      .values({ fiscal_year: 1405, title, description: 'فراخوان آزمون', budget_rials: 10_000_000_000, deadline_at: now, status: 'decided', created_by: user.id, opened_at: now, closed_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  const call1 = await call('فراخوان آزمون ۱۴۰۵');
  const call2 = await call('فراخوان دوم آزمون');

  const plan = async (o: { title: string; status: PlanStatus; isPublic: 0 | 1; funded?: number; requested?: number; callId?: number; places: [number, number][]; harms: string[]; targets: string[]; isDemo?: 0 | 1 }) => {
    const row = await db
      .insertInto('plans')
      .values({
        call_id: o.callId ?? call1, agency_id: agency.id, status: o.status, title: o.title, summary: `خلاصهٔ ${o.title}`, search_text: o.title, sort_key: o.title,
        requested_rials: o.requested ?? 1_000_000_000, funded_rials: o.funded ?? null, content: '{}', is_public: o.isPublic, created_by: user.id,
        submitted_at: now, public_at: o.isPublic ? now : null, is_demo: o.isDemo ?? 0, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [placeId, countyId] of o.places) await db.insertInto('plan_places').values({ plan_id: row.id, place_id: placeId, county_id: countyId }).execute();
    for (const code of o.harms) await db.insertInto('plan_tags').values({ plan_id: row.id, kind: 'harm', code }).execute();
    for (const code of o.targets) await db.insertInto('plan_tags').values({ plan_id: row.id, kind: 'target', code }).execute();
    return row.id;
  };
  const p1 = await plan({ title: FORMULA_TITLE, status: 'funded', isPublic: 1, funded: 1_000_000_000, places: [[minoodar, county]], harms: ['ADDICTION'], targets: ['ADOLESCENTS'] });
  const p2 = await plan({ title: 'توانمندسازی مادران سرپرست خانوار تاکستان', status: 'in_progress', isPublic: 1, funded: 3_000_000_000, requested: 3_000_000_000, places: [[takestanNb, takestanCounty]], harms: ['DIVORCE'], targets: ['MOTHERS'], isDemo: 1 });
  const p3 = await plan({ title: 'پیشگیری از اعتیاد در پونک', status: 'in_review', isPublic: 1, places: [[pooneh, county]], harms: ['ADDICTION'], targets: ['YOUTH'] });
  const draft = await plan({ title: SECRETS.draftTitle, status: 'draft', isPublic: 0, places: [[minoodar, county]], harms: ['ADDICTION'], targets: ['YOUTH'] });
  const submitted = await plan({ title: SECRETS.submittedTitle, status: 'submitted', isPublic: 0, places: [[minoodar, county]], harms: ['ADDICTION'], targets: ['YOUTH'] });

  const facts = (id: number, title: string, cost: number) => ({ id, title, agencyId: agency.id, agencyName: 'ادارهٔ کل بهزیستی آزمون', cost, county: null, harms: [], targets: [], beneficiaries: 10, score: 3 });
  const round = async (callId: number, status: 'published' | 'committed', f: ReturnType<typeof facts>[], outcomes: unknown[]) =>
    (await db
      .insertInto('allocation_rounds')
      .values({
        call_id: callId, status, method: 'greedy', value_rule: 'score', budget_rials: 4_500_000_000, constraints: '{}',
        input: JSON.stringify({ input: {}, facts: f }),
        result: JSON.stringify({ method: 'greedy', budget: 4_500_000_000, spent: 4_000_000_000, selected: [], outcomes }),
        note: null, created_by: user.id, created_at: now, committed_by: user.id, committed_at: now, published_at: status === 'published' ? now : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  const roundId = await round(
    call1,
    'published',
    [facts(p1, FORMULA_TITLE, 1_000_000_000), facts(p2, 'توانمندسازی مادران سرپرست خانوار تاکستان', 3_000_000_000), facts(p3, 'پیشگیری از اعتیاد در پونک', 1_000_000_000)],
    [
      { id: String(p1), selected: true, reason: 'selected', rank: 1, detail: { cost: 1_000_000_000, remaining: 3_500_000_000 } },
      { id: String(p2), selected: true, reason: 'selected', rank: 2, detail: { cost: 3_000_000_000, remaining: 500_000_000 } },
      { id: String(p3), selected: false, reason: 'over_budget', rank: 3, detail: { cost: 1_000_000_000, remaining: 500_000_000 } },
    ],
  );
  const unpublishedRound = await round(call2, 'committed', [facts(999_999, SECRETS.unpublishedRoundTitle, 1)], [{ id: '999999', selected: true, reason: 'selected', rank: 1 }]);

  const report = async (planId: number, period: string, status: 'draft' | 'submitted' | 'approved' | 'returned', spent: number, reached: number, progress: number | null) =>
    db
      .insertInto('progress_reports')
      .values({
        plan_id: planId, agency_id: agency.id, period, due_on: '2026-07-06', status, content: '{}', progress_percent: progress, spent_rials: spent, beneficiaries_total: reached,
        created_by: user.id, submitted_by: status === 'draft' ? null : user.id, submitted_at: status === 'draft' ? null : now,
        decided_by: status === 'approved' || status === 'returned' ? user.id : null, decided_at: status === 'approved' || status === 'returned' ? now : null,
        decision_note: null, created_at: now, updated_at: now,
      })
      .execute();
  await report(p1, '1405Q1', 'approved', 200_000_000, 50, 20);
  await report(p1, '1405Q2', 'approved', 300_000_000, 70, 45);
  await report(p1, '1405Q3', 'submitted', SECRETS.submittedReportSpent, 999, 90);
  await report(p2, '1405Q2', 'returned', 777_777_777, 888, 60);
  await report(p2, '1405Q3', 'draft', 666_666_666, 555, 70);

  const indicator = async (code: string, name: string, isDemo: 0 | 1) =>
    (await db
      .insertInto('indicators')
      .values({ code, name, name_key: name, unit: 'در هزار نفر', direction: 'lower_better', harm: 'ADDICTION', level: 'county', source: 'منبع آزمون', is_demo: isDemo, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  const indA = await indicator('ADDICTION_RATE', 'نرخ اعتیاد', 0);
  const indB = await indicator('DEMO_RATE', 'شاخص نمونه', 1);
  const value = (indicatorId: number, placeId: number, period: string, periodType: 'year' | 'quarter', year: number, v: number) =>
    db.insertInto('indicator_values').values({ indicator_id: indicatorId, place_id: placeId, period, period_type: periodType, year, value: v, import_id: null, updated_at: now }).execute();
  for (const year of [1400, 1401, 1402, 1403]) await value(indA, county, String(year), 'year', year, 2 + (year - 1400) / 10);
  await value(indA, county, '1403Q1', 'quarter', 1403, 0.6);
  await value(indA, takestanCounty, '1403', 'year', 1403, 3.1);
  await value(indB, minoodar, '1403', 'year', 1403, 7);

  return {
    h,
    ids: { p1, p2, p3, draft, submitted, round: roundId, unpublishedRound, county, minoodar },
    close: () => h.close(),
  };
}
