// A small world for progress-report tests: the secretariat, two agencies with an officer each, a
// citizen, a call, and plans inserted directly and marked funded some days before the clock.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaffUser } from '../../accounts/create-staff-user.ts';
import type { Actor } from '../../accounts/permissions.ts';
import { addOfficer, insertAgency } from '../../agencies/agencies.repo.ts';
import { insertCall } from '../../calls/calls.repo.ts';
import { PlanContentSchema, type PlanContent } from '../../plans/plan-content.ts';
import { insertPlan } from '../../plans/plans.repo.ts';
import { persianSortKey } from '../../platform/persian/collation.ts';
import { currentFiscalYear } from '../../platform/persian/jalali.ts';
import { matchKey } from '../../platform/persian/normalize.ts';
import { Browser, createHarness, type Harness } from '../../testing/harness.ts';
import { periodsOfPlan } from './report-rules.ts';
import { findReportingPlan } from './reports.repo.ts';
import { tehranDate } from './schedule.ts';

export const STAFF_PASSWORD = 'a long enough password';
const DAY = 86_400_000;

export const samplePlanContent = (): PlanContent =>
  PlanContentSchema.parse({
    title: 'مهارت‌آموزی مادران محلهٔ راه‌آهن',
    activities: ['کارگاه مهارت فرزندپروری', 'مشاورهٔ خانواده', 'دورهٔ آموزش حرفه‌ای'],
    indicators: [
      { level: 'outcome', statement: 'نرخ ترک تحصیل کودکان محله', unit: 'درصد', baseline: 12, target: 8 },
      { level: 'output', statement: 'مادران آموزش‌دیده', unit: 'نفر', baseline: 0, target: 200 },
    ],
    targetGroups: [
      { group: 'MOTHERS', female: 200, male: 0, ageBands: { '18_29': 80, '30_59': 120 } },
      { group: 'CHILDREN', female: 60, male: 40, ageBands: { '0_11': 100 } },
    ],
  });

export async function createReportsWorld(env: Record<string, string> = {}) {
  const uploads = mkdtempSync(join(tmpdir(), 'mahalle-reports-'));
  // The database comes from openTestDatabase; DATABASE_URL here only places the uploads folder.
  const h: Harness = await createHarness({ DATABASE_URL: `sqlite:${join(uploads, 'unused.db')}`, ...env });
  const db = h.ctx.db;
  const now = h.clock.now().toISOString();
  const user = (name: string, email: string, roles: Parameters<typeof createStaffUser>[1]['roles']) =>
    createStaffUser(h.ctx, { actorId: null, name, email, password: STAFF_PASSWORD, roles });
  const secretaryId = await user('دبیر ستاد', 'secretary@example.org', ['secretary']);
  const officerId = await user('مهدی رضایی', 'welfare@example.org', ['agency_officer']);
  const otherOfficerId = await user('سارا کریمی', 'education@example.org', ['agency_officer']);
  const councilId = await user('عضو ستاد', 'council@example.org', ['council_member']);
  const agency = (name: string) =>
    insertAgency(db, { name, nameKey: matchKey(name), sortKey: persianSortKey(name), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
  const agencyId = await agency('ادارهٔ کل بهزیستی استان');
  const otherAgencyId = await agency('ادارهٔ کل آموزش و پرورش استان');
  await addOfficer(db, agencyId, officerId, now);
  await addOfficer(db, otherAgencyId, otherOfficerId, now);
  const fiscalYear = currentFiscalYear(h.clock.now());
  const callId = await insertCall(
    db,
    { fiscalYear, title: 'فراخوان آزمایشی', description: 'فراخوان آزمایشی', budgetRials: 50_000_000_000, deadlineAt: now, harms: [], targetGroups: [], createdBy: null },
    now,
  );

  /** A plan of an agency, funded `daysAgo` days before the clock with `fundedRials`. */
  async function fundedPlan(o: { agencyId?: number; fundedRials?: number; daysAgo?: number; content?: PlanContent; title?: string } = {}): Promise<number> {
    const content = o.content ?? samplePlanContent();
    const title = o.title ?? content.title;
    const id = await insertPlan(db, {
      callId, agencyId: o.agencyId ?? agencyId, createdBy: officerId, now, title, summary: '', searchText: matchKey(title), requestedRials: o.fundedRials ?? 1_000_000_000,
      content: JSON.stringify(content), tags: [], places: [],
    });
    const fundedAt = new Date(h.clock.now().getTime() - (o.daysAgo ?? 200) * DAY).toISOString();
    await db.updateTable('plans').set({ status: 'funded', funded_rials: o.fundedRials ?? 1_000_000_000 }).where('id', '=', id).execute();
    await db.insertInto('plan_events').values({ plan_id: id, from_status: 'approved', to_status: 'funded', actor_id: secretaryId, message: null, data: '{}', at: fundedAt }).execute();
    return id;
  }

  /** The plan's reporting periods as of the clock. */
  async function periods(planId: number) {
    const plan = await findReportingPlan(db, planId);
    assert.ok(plan);
    return periodsOfPlan(plan, tehranDate(h.clock.now()));
  }

  const secretary: Actor = { id: secretaryId, roles: ['secretary'] };
  const officer: Actor = { id: officerId, roles: ['agency_officer'], agencyIds: [agencyId] };
  const otherOfficer: Actor = { id: otherOfficerId, roles: ['agency_officer'], agencyIds: [otherAgencyId] };
  const council: Actor = { id: councilId, roles: ['council_member'] };

  async function staff(email: string): Promise<Browser> {
    const b = new Browser(h.app);
    const res = await b.post('/login/password', { email, password: STAFF_PASSWORD }, { csrfFrom: '/login' });
    assert.equal(res.statusCode, 303, `login ${email}`);
    return b;
  }

  async function inbox(userId: number): Promise<string[]> {
    const rows = await db.selectFrom('notifications').select('subject').where('user_id', '=', userId).where('channel', '=', 'in_app').orderBy('id').execute();
    return rows.map((r) => r.subject);
  }

  async function auditActions(): Promise<string[]> {
    const rows = await db.selectFrom('audit_log').select('action').orderBy('id').execute();
    return rows.map((r) => r.action);
  }

  return {
    h, db, uploads, secretaryId, officerId, otherOfficerId, agencyId, otherAgencyId, callId, secretary, officer, otherOfficer, council,
    fundedPlan, periods, staff, inbox, auditActions, close: () => h.close(),
  };
}

export type ReportsWorld = Awaited<ReturnType<typeof createReportsWorld>>;
