import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { can, type Actor } from '../accounts/permissions.ts';
import type { Role } from '../accounts/roles.ts';
import { addAgencyOfficer } from '../agencies/manage-officers.ts';
import { createAgency } from '../agencies/save-agency.ts';
import { insertCall, replaceCallPlaces, setCallStatus, upsertObligation, findObligation } from '../calls/calls.repo.ts';
import { demoPlaces as demoPlaceRecords, realPlaces } from '../places/demo-places.ts';
import { importPlaces } from '../places/import-places.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import { AppError } from '../platform/http/errors.ts';
import { currentFiscalYear } from '../platform/persian/jalali.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { demoPlans } from './demo-plans.ts';
import { diffPlanContent } from './plan-diff.ts';
import { parseStoredContent } from './plan-content.ts';
import { createPlanDraft, savePlanDraft } from './save-plan-draft.ts';
import { passScreening, returnPlan, startScreening } from './screen-plan.ts';
import { screeningChecklist } from './screening.ts';
import { gateReport, submitPlan } from './submit-plan.ts';
import { withdrawPlan } from './withdraw-plan.ts';
import { findPlan, findPlanVersion, listPlanEvents, listPlanVersions } from './plans.repo.ts';

let h: Harness;
let callId: number;
let ownAgency: number;
let otherAgency: number;
let minoodar: number;
const actors = {} as Record<'citizen' | 'expert' | 'own_officer' | 'other_officer' | 'secretary' | 'council_member' | 'moderator' | 'admin', Actor>;
let year: number;

before(async () => {
  h = await createHarness();
  await importPlaces(h.ctx, realPlaces, { actorId: null });
  await importPlaces(h.ctx, demoPlaceRecords, { actorId: null, isDemo: true });
  minoodar = (await findPlaceByCode(h.ctx.db, '9260300001'))!.id;
  const agencyInput = { kind: 'government', scopePlaceId: '', phone: '', email: '', address: '', active: true };
  ownAgency = await createAgency(h.ctx, null, { ...agencyInput, name: 'اداره کل بهزیستی استان قزوین' });
  otherAgency = await createAgency(h.ctx, null, { ...agencyInput, name: 'اداره کل ورزش و جوانان استان قزوین' });
  const make = async (key: keyof typeof actors, role: Role, agency?: number) => {
    const id = await createStaffUser(h.ctx, { actorId: null, name: `کاربر ${key}`, email: `${key}@example.org`, password: 'long enough password', roles: [role] });
    if (agency) await addAgencyOfficer(h.ctx, null, agency, `${key}@example.org`);
    actors[key] = { id, roles: [role], agencyIds: agency ? [agency] : [] };
  };
  await make('citizen', 'citizen');
  await make('expert', 'expert');
  await make('own_officer', 'agency_officer', ownAgency);
  await make('other_officer', 'agency_officer', otherAgency);
  await make('secretary', 'secretary');
  await make('council_member', 'council_member');
  await make('moderator', 'moderator');
  await make('admin', 'admin');
  year = currentFiscalYear(h.clock.now());
  const now = h.clock.now().toISOString();
  callId = await insertCall(h.ctx.db, {
    fiscalYear: year, title: 'فراخوان آزمایشی', description: 'شرح', budgetRials: 150_000_000_000,
    deadlineAt: new Date(h.clock.now().getTime() + 20 * 86400_000).toISOString(), harms: [], targetGroups: [], createdBy: null,
  }, now);
  await replaceCallPlaces(h.ctx.db, callId, [(await findPlaceByCode(h.ctx.db, '26'))!.id]);
  for (const a of [ownAgency, otherAgency]) await upsertObligation(h.ctx.db, { callId, agencyId: a, creditRials: 1_000_000_000_000_000, now });
  await setCallStatus(h.ctx.db, callId, 'open', now);
});
after(() => h.close());

/** A plan of the officer's agency, brought to the given state through the real operations. */
async function planIn(state: 'draft' | 'submitted' | 'screening' | 'in_review' | 'returned'): Promise<number> {
  const id = await createPlanDraft(h.ctx, actors.own_officer, { callId, agencyId: ownAgency, title: 'طرح آزمایشی' });
  if (state === 'draft') return id;
  await savePlanDraft(h.ctx, actors.own_officer, id, demoPlans[0]!.content(year, [minoodar]));
  await submitPlan(h.ctx, actors.own_officer, id);
  if (state === 'submitted') return id;
  await startScreening(h.ctx, actors.secretary, id);
  if (state === 'screening') return id;
  if (state === 'returned') {
    await returnPlan(h.ctx, actors.secretary, id, 'شمار ذی‌نفعان را با منبع آن روشن کنید.');
    return id;
  }
  await passScreening(h.ctx, actors.secretary, id, [...screeningChecklist]);
  return id;
}

async function outcome(run: () => Promise<unknown>): Promise<'allowed' | 'denied'> {
  try {
    await run();
    return 'allowed';
  } catch (err) {
    if (err instanceof AppError && err.code === 'forbidden') return 'denied';
    throw err;
  }
}

describe('permission matrix: every plan action as every role', () => {
  const expected: Record<string, (keyof typeof actors)[]> = {
    save_draft: ['own_officer'],
    submit: ['own_officer'],
    withdraw: ['own_officer'],
    start_screening: ['secretary'],
    pass_screening: ['secretary'],
    return: ['secretary'],
  };
  const run: Record<string, (a: Actor) => Promise<() => Promise<unknown>>> = {
    save_draft: async (a) => { const id = await planIn('draft'); return () => savePlanDraft(h.ctx, a, id, { summary: 'تغییر خلاصه' }); },
    submit: async (a) => {
      const id = await planIn('draft');
      await savePlanDraft(h.ctx, actors.own_officer, id, demoPlans[0]!.content(year, [minoodar]));
      return () => submitPlan(h.ctx, a, id);
    },
    withdraw: async (a) => { const id = await planIn('draft'); return () => withdrawPlan(h.ctx, a, id, 'دیگر لازم نیست'); },
    start_screening: async (a) => { const id = await planIn('submitted'); return () => startScreening(h.ctx, a, id); },
    pass_screening: async (a) => { const id = await planIn('screening'); return () => passScreening(h.ctx, a, id, [...screeningChecklist]); },
    return: async (a) => { const id = await planIn('screening'); return () => returnPlan(h.ctx, a, id, 'توضیح بیشتر لازم است.'); },
  };
  for (const action of Object.keys(expected)) {
    test(action, async () => {
      for (const who of Object.keys(actors) as (keyof typeof actors)[]) {
        const attempt = await run[action]!(actors[who]);
        assert.equal(await outcome(attempt), expected[action]!.includes(who) ? 'allowed' : 'denied', `${action} as ${who}`);
      }
    });
  }

  test('reading: drafts only by the agency and programme staff; public after screening', async () => {
    const draft = await findPlan(h.ctx.db, await planIn('draft'));
    const open = await findPlan(h.ctx.db, await planIn('in_review'));
    for (const who of Object.keys(actors) as (keyof typeof actors)[]) {
      const internal = ['own_officer', 'secretary', 'council_member', 'admin'].includes(who);
      assert.equal(can(actors[who], 'plan.read', { agencyId: draft!.agency_id, status: draft!.status }), internal, `draft as ${who}`);
      assert.equal(can(actors[who], 'plan.read', { agencyId: open!.agency_id, status: open!.status }), true, `public as ${who}`);
      assert.equal(can(actors[who], 'plan.read_internal', { agencyId: open!.agency_id, status: open!.status }), internal, `internal as ${who}`);
    }
    assert.equal(can(null, 'plan.read', { agencyId: open!.agency_id, status: open!.status }), false, 'anonymous visitors read through the public pages');
  });
});

describe('the submission workflow', () => {
  test('an incomplete plan is refused with Persian messages per field and nothing changes', async () => {
    const id = await planIn('draft');
    await assert.rejects(submitPlan(h.ctx, actors.own_officer, id), (e: AppError) => e.code === 'validation' && /[\u0600-\u06FF]/.test(e.fieldErrors?.summary ?? ''));
    assert.equal((await findPlan(h.ctx.db, id))!.status, 'draft');
    assert.equal((await listPlanVersions(h.ctx.db, id)).length, 0);
  });

  test('submit, screen, return with a message, resubmit: versions kept and the difference shown', async () => {
    const id = await planIn('returned');
    const plan = await findPlan(h.ctx.db, id);
    assert.equal(plan!.status, 'returned');
    assert.equal(plan!.is_public, 0);
    const events = await listPlanEvents(h.ctx.db, id);
    assert.equal(events[0]!.message, 'شمار ذی‌نفعان را با منبع آن روشن کنید.');
    assert.ok(h.ctx.db, 'officer notified');
    const notes = await h.ctx.db.selectFrom('notifications').select('subject').where('user_id', '=', actors.own_officer.id).execute();
    assert.ok(notes.some((n) => /بازگردانده شد/.test(n.subject)));

    const content = parseStoredContent(plan!.content);
    await savePlanDraft(h.ctx, actors.own_officer, id, {
      targetGroups: content.targetGroups.map((g, i) => (i === 0 ? { ...g, female: g.female + 20, ageBands: { ...g.ageBands, '12_17': g.ageBands['12_17'] + 20 } } : g)),
    });
    const { version } = await submitPlan(h.ctx, actors.own_officer, id);
    assert.equal(version, 2);
    const versions = await listPlanVersions(h.ctx.db, id);
    assert.deepEqual(versions.map((v) => v.version), [2, 1]);
    const v1 = parseStoredContent((await findPlanVersion(h.ctx.db, id, 1))!.content);
    const v2 = parseStoredContent((await findPlanVersion(h.ctx.db, id, 2))!.content);
    const diff = diffPlanContent(v1, v2);
    assert.deepEqual(diff.map((c) => c.field), ['targetGroups']);
    assert.match(diff[0]!.before, /۱۸۰ زن/);
    assert.match(diff[0]!.after, /۲۰۰ زن/);
    assert.equal((await findObligation(h.ctx.db, callId, ownAgency))!.status, 'submitted');
  });

  test('passing screening needs the whole checklist and makes the plan public', async () => {
    const id = await planIn('screening');
    await assert.rejects(passScreening(h.ctx, actors.secretary, id, ['in_remit']), (e: AppError) => e.code === 'validation');
    await passScreening(h.ctx, actors.secretary, id, [...screeningChecklist]);
    const plan = await findPlan(h.ctx.db, id);
    assert.equal(plan!.status, 'in_review');
    assert.equal(plan!.is_public, 1);
  });

  test('transitions out of order are refused; a withdrawn plan cannot be edited', async () => {
    const id = await planIn('draft');
    await assert.rejects(startScreening(h.ctx, actors.secretary, id), (e: AppError) => e.code === 'conflict');
    await withdrawPlan(h.ctx, actors.own_officer, id, 'اولویت دستگاه تغییر کرد');
    await assert.rejects(savePlanDraft(h.ctx, actors.own_officer, id, { summary: 'x' }), (e: AppError) => e.code === 'conflict');
    await assert.rejects(withdrawPlan(h.ctx, actors.own_officer, await planIn('draft'), 'کو'), (e: AppError) => e.code === 'validation');
  });

  test('credit: a second plan that would exceed the agency credit is refused by the gate', async () => {
    const first = await planIn('submitted');
    const firstTotal = (await findPlan(h.ctx.db, first))!.requested_rials;
    const used = await h.ctx.db.selectFrom('plans').select((eb) => eb.fn.sum<number>('requested_rials').as('n')).where('agency_id', '=', ownAgency).where('status', 'in', ['submitted', 'screening', 'in_review']).executeTakeFirstOrThrow();
    assert.ok(Number(used.n) >= firstTotal);
    await h.ctx.db.updateTable('call_agencies').set({ credit_rials: Number(used.n) + 1 }).where('agency_id', '=', ownAgency).execute();
    const id = await planIn('draft');
    await savePlanDraft(h.ctx, actors.own_officer, id, demoPlans[0]!.content(year, [minoodar]));
    const report = await gateReport(h.ctx, id);
    assert.match(report.requestedTotal ?? '', /اعتبار دستگاه/);
    await h.ctx.db.updateTable('call_agencies').set({ credit_rials: 1_000_000_000_000_000 }).where('agency_id', '=', ownAgency).execute();
  });

  test('every state change is audited', async () => {
    const id = await planIn('in_review');
    const actions = (await h.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'plan').where('subject_id', '=', String(id)).orderBy('id').execute()).map((r) => r.action);
    assert.deepEqual(actions, ['plan.created', 'plan.draft_saved', 'plan.submit', 'plan.start_screening', 'plan.pass_screening']);
  });
});
