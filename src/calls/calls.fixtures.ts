// Shared set-up for the calls and agencies tests: the province, the demo agencies with their
// officers, staff in each role, and a way to record a plan as submitted without the plan form.
import assert from 'node:assert/strict';
import type { OpContext } from '../context.ts';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import type { Actor } from '../accounts/permissions.ts';
import type { Role } from '../accounts/roles.ts';
import { seedDemoAgencies, type SeededAgency } from '../agencies/demo-agencies.ts';
import { importPlaces } from '../places/import-places.ts';
import { demoPlaces, realPlaces } from '../places/demo-places.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import { insertPlan, setPlanStatus } from '../plans/plans.repo.ts';
import type { PlanStatus } from '../plans/plan-lifecycle.ts';
import { formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { nextObligation } from './call-lifecycle.ts';
import type { CallInput } from './call-input.ts';
import { findObligation, setObligation } from './calls.repo.ts';

export const STAFF_PASSWORD = 'correct horse battery';

export type Fixture = {
  staff: Record<'secretary' | 'council' | 'admin' | 'moderator' | 'expert', Actor & { email: string }>;
  agencies: SeededAgency[];
  provinceId: number;
  countyId: number;
};

export async function callsFixture(ctx: OpContext): Promise<Fixture> {
  await importPlaces(ctx, realPlaces, { actorId: null });
  await importPlaces(ctx, demoPlaces, { actorId: null, isDemo: true });
  const names: Record<string, string> = { secretary: 'دبیر آزمون', council: 'عضو ستاد آزمون', admin: 'مدیر آزمون', moderator: 'ناظر آزمون', expert: 'کارشناس آزمون' };
  const make = async (key: string, role: Role) => {
    const email = `${key}@example.org`;
    const id = await createStaffUser(ctx, { actorId: null, name: names[key]!, email, password: STAFF_PASSWORD, roles: [role] });
    return { id, roles: [role], email };
  };
  const staff = {
    secretary: await make('secretary', 'secretary'),
    council: await make('council', 'council_member'),
    admin: await make('admin', 'admin'),
    moderator: await make('moderator', 'moderator'),
    expert: await make('expert', 'expert'),
  };
  const agencies = await seedDemoAgencies(ctx);
  const province = await findPlaceByCode(ctx.db, '26');
  const county = await findPlaceByCode(ctx.db, '2603');
  return { staff, agencies, provinceId: province!.id, countyId: county!.id };
}

/** A valid call form whose last day is `days` days from the clock's now. */
export function callInput(ctx: OpContext, f: Fixture, over: Partial<CallInput> & { days?: number } = {}): CallInput {
  const now = ctx.clock.now();
  const { days = 21, ...rest } = over;
  return {
    title: 'فراخوان آزمایشی توانمندسازی محلات',
    description: 'شرح فراخوان آزمایشی برای پیشگیری از آسیب‌های اجتماعی در محله‌ها.',
    fiscalYear: String(jalaliPartsOf(now).jy),
    budget: '100,000,000,000',
    deadline: formatJalaliNumeric(jalaliPartsOf(now.getTime() + days * 86_400_000)),
    harms: ['ADDICTION', 'DIVORCE'],
    targetGroups: ['MOTHERS', 'CHILDREN'],
    placeIds: [String(f.provinceId)],
    ...rest,
  };
}

export const officerActor = (a: SeededAgency): Actor => ({ id: a.officerId, roles: ['agency_officer'], agencyIds: [a.agencyId] });

/**
 * Records a plan of the agency as submitted to the call (and optionally moved on to a later
 * state), updating the obligation as submitPlan does. Returns the plan id.
 */
export async function recordSubmittedPlan(ctx: OpContext, callId: number, a: SeededAgency, finalStatus: PlanStatus = 'submitted'): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const id = await insertPlan(ctx.db, {
    callId, agencyId: a.agencyId, createdBy: a.officerId, now, title: 'طرح آزمایشی', summary: 'خلاصهٔ طرح آزمایشی',
    searchText: 'طرح آزمایشی', requestedRials: 1_000_000_000, content: '{}', tags: [], places: [],
  });
  await setPlanStatus(ctx.db, id, 'draft', 'submitted', { now, submittedAt: now, version: 1 });
  if (finalStatus !== 'submitted') await setPlanStatus(ctx.db, id, 'submitted', finalStatus, { now, isPublic: true });
  const o = await findObligation(ctx.db, callId, a.agencyId);
  if (o) {
    const next = nextObligation(o.status, 'plan_submitted');
    if (next !== o.status) await setObligation(ctx.db, callId, a.agencyId, { status: next, submitted_at: now });
  }
  return id;
}

/** The text a person reads: no tags, attribute values, page title or left-to-right <bdi> (emails). */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|code|title)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<bdi dir="ltr">[\s\S]*?<\/bdi>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

/** Fails when a page shows Latin digits or English words (format names in capitals excepted). */
export function assertPersianPage(url: string, html: string): void {
  const text = visibleText(html);
  assert.equal(text.match(/[^\s]*[0-9][^\s]*/g), null, `${url}: Latin digits`);
  assert.equal(text.match(/\b(?![A-Z]+\b)[A-Za-z]{3,}\b/g), null, `${url}: English words`);
}
