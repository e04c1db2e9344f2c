import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../platform/http/errors.ts';
import { toPersianDigits } from '../platform/persian/digits.ts';
import { parseJalaliDate } from '../platform/persian/jalali.ts';
import { normalizePersian } from '../platform/persian/normalize.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { callActionBlocker } from './call-lifecycle.ts';
import { countObligations, eligiblePlaceIds, findCall, findObligation } from './calls.repo.ts';
import { callInput, callsFixture, officerActor, recordSubmittedPlan, type Fixture } from './calls.fixtures.ts';
import { createCall } from './create-call.ts';
import { deadlineOfJalaliDay, lastDayOfDeadline } from './deadline.ts';
import { exemptAgency, liftExemption } from './exempt-agency.ts';
import { checkInvitation, inviteAgency, removeInvitation } from './invite-agency.ts';
import { CALL_REMINDERS_JOB } from './reminders.ts';
import { transitionCall } from './transition-call.ts';
import { updateCallDetails } from './update-call.ts';

let h: Harness;
let f: Fixture;
before(async () => {
  h = await createHarness();
  f = await callsFixture(h.ctx);
});
after(() => h.close());

/** The field errors of a validation failure, or fails. */
async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError && err.code === 'validation' && err.fieldErrors, String(err));
    return err.fieldErrors;
  }
  assert.fail('expected a validation error');
}

async function rejects(p: Promise<unknown>, code: string, detail?: RegExp) {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code);
    if (detail) assert.match(err.detail ?? '', detail);
    return true;
  });
}

function parseJalaliOk(text: string) {
  const r = parseJalaliDate(text);
  assert.ok(r.ok);
  return r.value;
}

const invite = (callId: number, i: number, credit: string) =>
  inviteAgency(h.ctx, f.staff.secretary, callId, { agencyId: String(f.agencies[i]!.agencyId), credit });

describe('creating and editing calls', () => {
  test('only the secretariat and admins may create calls', async () => {
    for (const who of [f.staff.council, f.staff.moderator, f.staff.expert, officerActor(f.agencies[0]!)]) {
      await rejects(createCall(h.ctx, who, callInput(h.ctx, f)), 'forbidden');
    }
    const id = await createCall(h.ctx, f.staff.admin, callInput(h.ctx, f));
    assert.equal((await findCall(h.ctx.db, id))?.status, 'draft');
  });

  test('every field is checked at once, with Persian messages', async () => {
    const errors = await fieldErrors(
      createCall(h.ctx, f.staff.secretary, {
        title: 'کم', description: 'کوتاه', fiscalYear: '1390', budget: '-5', deadline: '1405/13/40',
        harms: ['NOT_A_HARM'], targetGroups: [], placeIds: ['999999'],
      }),
    );
    assert.deepEqual(Object.keys(errors).sort(), ['budget', 'deadline', 'description', 'fiscalYear', 'harms', 'placeIds', 'targetGroups', 'title']);
    assert.match(errors.title!, /عنوان فراخوان/);
    assert.match(errors.fiscalYear!, /سال مالی/);
    assert.match(errors.deadline!, /۱۴۰۵\/۰۳\/۲۸/);
    assert.match(errors.placeIds!, /محدودهٔ اجرا/);
    const past = await fieldErrors(createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { days: -3 })));
    assert.match(past.deadline!, /در آینده/);
  });

  test('Persian digits, grouping and a Jalali deadline are stored as rials and the end of that Tehran day', async () => {
    const input = callInput(h.ctx, f);
    const id = await createCall(h.ctx, f.staff.secretary, { ...input, budget: '۱۵۰٬۰۰۰٬۰۰۰٬۰۰۰', fiscalYear: toPersianDigits(input.fiscalYear), deadline: toPersianDigits(input.deadline) });
    const call = await findCall(h.ctx.db, id);
    assert.equal(call?.budget_rials, 150_000_000_000);
    assert.equal(call?.deadline_at, deadlineOfJalaliDay(parseJalaliOk(input.deadline)));
    // 28 Khordad 1405 is 18 June 2026; the day ends when 29 Khordad starts in Tehran (+03:30).
    assert.equal(deadlineOfJalaliDay({ jy: 1405, jm: 3, jd: 28 }), '2026-06-18T20:30:00.000Z');
    assert.deepEqual(lastDayOfDeadline('2026-06-18T20:30:00.000Z'), { jy: 1405, jm: 3, jd: 28 });
    assert.deepEqual(await eligiblePlaceIds(h.ctx.db, id), [f.provinceId]);
  });

  test('a call is edited while draft or open, never after; the budget cannot fall below the credits', async () => {
    const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f));
    await invite(id, 0, '40,000,000,000');
    await updateCallDetails(h.ctx, f.staff.secretary, id, callInput(h.ctx, f, { title: 'فراخوان ویرایش‌شده', placeIds: [String(f.countyId)] }));
    assert.equal((await findCall(h.ctx.db, id))?.title, 'فراخوان ویرایش‌شده');
    assert.deepEqual(await eligiblePlaceIds(h.ctx.db, id), [f.countyId]);
    const low = await fieldErrors(updateCallDetails(h.ctx, f.staff.secretary, id, callInput(h.ctx, f, { budget: '10000000000' })));
    assert.match(low.budget!, /۴۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال/);
    await rejects(updateCallDetails(h.ctx, f.staff.council, id, callInput(h.ctx, f)), 'forbidden');
    await transitionCall(h.ctx, f.staff.secretary, id, 'open');
    await updateCallDetails(h.ctx, f.staff.secretary, id, callInput(h.ctx, f, { days: 30 }));
    h.clock.advance(31 * 86400);
    await transitionCall(h.ctx, f.staff.secretary, id, 'close');
    await rejects(updateCallDetails(h.ctx, f.staff.secretary, id, callInput(h.ctx, f)), 'conflict', /قابل ویرایش نیست/);
  });
});

describe('invitations and credits', () => {
  test('credits must be positive and together stay within the ceiling; the amount can be checked before saving', async () => {
    const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { budget: '50000000000' }));
    const bad = await fieldErrors(inviteAgency(h.ctx, f.staff.secretary, id, { agencyId: 'x', credit: 'صد' }));
    assert.match(bad.agencyId!, /دستگاه فعال/);
    assert.match(bad.credit!, /عدد درست مثبت/);
    const checked = await checkInvitation(h.ctx, f.staff.secretary, id, { agencyId: String(f.agencies[0]!.agencyId), credit: '۳۰٬۰۰۰٬۰۰۰٬۰۰۰' });
    assert.equal(checked.creditRials, 30_000_000_000);
    assert.equal(await countObligations(h.ctx.db, id), 0, 'checking writes nothing');
    assert.deepEqual(await invite(id, 0, '30000000000'), { agencyId: f.agencies[0]!.agencyId, created: true });
    const over = await fieldErrors(invite(id, 1, '30000000000'));
    assert.match(over.credit!, /۲۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال/);
    assert.deepEqual(await invite(id, 0, '50000000000'), { agencyId: f.agencies[0]!.agencyId, created: false }, 'changing a credit does not count it twice');
    assert.equal((await findObligation(h.ctx.db, id, f.agencies[0]!.agencyId))?.credit_rials, 50_000_000_000);
    await rejects(inviteAgency(h.ctx, f.staff.council, id, { agencyId: String(f.agencies[1]!.agencyId), credit: '1' }), 'forbidden');
  });

  test('an agency is removed only while the call is a draft', async () => {
    const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f));
    await invite(id, 0, '1000000000');
    await invite(id, 1, '1000000000');
    await removeInvitation(h.ctx, f.staff.secretary, id, f.agencies[1]!.agencyId);
    assert.equal(await countObligations(h.ctx.db, id), 1);
    await transitionCall(h.ctx, f.staff.secretary, id, 'open');
    await rejects(removeInvitation(h.ctx, f.staff.secretary, id, f.agencies[0]!.agencyId), 'conflict', /پیش‌نویس/);
  });

  test('an agency invited to an open call is told at once', async () => {
    const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f));
    await invite(id, 0, '1000000000');
    await transitionCall(h.ctx, f.staff.secretary, id, 'open');
    const a = f.agencies[2]!;
    const before = await inApp(a.officerId);
    await invite(id, 2, '2000000000');
    const after = await inApp(a.officerId);
    assert.equal(after.length, before.length + 1);
    assert.match(after[0]!.body, /۲۰۰٬۰۰۰٬۰۰۰ تومان/);
  });
});

async function inApp(userId: number) {
  return h.ctx.db.selectFrom('notifications').select(['subject', 'body', 'link']).where('user_id', '=', userId).where('channel', '=', 'in_app').orderBy('id', 'desc').execute();
}

describe('the call lifecycle', () => {
  test('blockers are explained in Persian and nothing changes', async () => {
    const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f));
    await rejects(transitionCall(h.ctx, f.staff.secretary, id, 'open'), 'conflict', /هیچ دستگاهی/);
    await rejects(transitionCall(h.ctx, f.staff.secretary, id, 'close'), 'conflict', /وضعیت کنونی/);
    await rejects(transitionCall(h.ctx, f.staff.secretary, id, 'explode'), 'bad_request');
    await rejects(transitionCall(h.ctx, f.staff.council, id, 'open'), 'forbidden');
    await invite(id, 0, '1000000000');
    await transitionCall(h.ctx, f.staff.secretary, id, 'open');
    await rejects(transitionCall(h.ctx, f.staff.secretary, id, 'close'), 'conflict', /هنوز به پایان نرسیده/);
    assert.equal((await findCall(h.ctx.db, id))?.status, 'open');
    assert.equal(
      callActionBlocker('open', { status: 'draft', deadlineAt: '2000-01-01T00:00:00Z', budgetRials: 1, invitedAgencies: 1, now: h.clock.now() }),
      'deadline_passed',
    );
  });

  test('opening tells every officer their credit and schedules the three reminder sweeps; the call then runs to its end', async () => {
    const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { days: 20 }));
    await invite(id, 3, '7000000000');
    await invite(id, 4, '3000000000');
    const jobsBefore = await h.ctx.db.selectFrom('jobs').select('id').where('kind', '=', CALL_REMINDERS_JOB).execute();
    assert.equal(await transitionCall(h.ctx, f.staff.secretary, id, 'open'), 'open');
    const mine = await inApp(f.agencies[3]!.officerId);
    assert.match(mine[0]!.subject, /فراخوان تازه/);
    assert.match(mine[0]!.body, /۷۰۰٬۰۰۰٬۰۰۰ تومان/);
    assert.equal(mine[0]!.link, `/calls/${id}`);
    const email = await h.ctx.db.selectFrom('notifications').select('recipient').where('user_id', '=', f.agencies[4]!.officerId).where('channel', '=', 'email').execute();
    assert.ok(email.some((e) => e.recipient === f.agencies[4]!.officerEmail));
    const jobs = await h.ctx.db.selectFrom('jobs').select(['payload', 'run_at']).where('kind', '=', CALL_REMINDERS_JOB).orderBy('id').execute();
    const fresh = jobs.slice(jobsBefore.length);
    assert.equal(fresh.length, 3);
    const deadline = Date.parse((await findCall(h.ctx.db, id))!.deadline_at);
    assert.deepEqual(fresh.map((j) => Date.parse(j.run_at) - deadline), [-7 * 86400_000, -86400_000, 1000]);
    assert.deepEqual(JSON.parse(fresh[0]!.payload), { callId: id });
    const audit = await h.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'call').where('subject_id', '=', String(id)).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['call.created', 'call.agency_invited', 'call.agency_invited', 'call.open']);
    h.clock.advance(21 * 86400);
    for (const [action, status] of [['close', 'closed'], ['start_review', 'reviewing'], ['start_allocation', 'allocating'], ['decide', 'decided'], ['archive', 'archived']] as const) {
      assert.equal(await transitionCall(h.ctx, f.staff.secretary, id, action), status);
    }
    await rejects(transitionCall(h.ctx, f.staff.secretary, id, 'open'), 'conflict');
  });
});

describe('exemptions', () => {
  test('an exemption needs a reason, cannot cover an agency that submitted, and can be lifted', async () => {
    const id = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { days: 10 }));
    await invite(id, 5, '1000000000');
    await invite(id, 6, '1000000000');
    await transitionCall(h.ctx, f.staff.secretary, id, 'open');
    const a = f.agencies[5]!.agencyId;
    const short = await fieldErrors(exemptAgency(h.ctx, f.staff.secretary, id, a, 'کوتاه'));
    assert.match(short.reason!, /دلیل معافیت/);
    await rejects(exemptAgency(h.ctx, f.staff.council, id, a, 'به موجب مصوبهٔ ستاد'), 'forbidden');
    await exemptAgency(h.ctx, f.staff.secretary, id, a, 'به موجب مصوبهٔ شمارهٔ ۱۲ ستاد استان');
    let o = await findObligation(h.ctx.db, id, a);
    assert.equal(o?.status, 'exempted');
    assert.equal(o?.exemption_reason, normalizePersian('به موجب مصوبهٔ شمارهٔ ۱۲ ستاد استان'));

    await recordSubmittedPlan(h.ctx, id, f.agencies[6]!);
    await rejects(exemptAgency(h.ctx, f.staff.secretary, id, f.agencies[6]!.agencyId, 'دلیلی به اندازهٔ کافی بلند'), 'conflict', /طرح فرستاده است/);
    await rejects(liftExemption(h.ctx, f.staff.secretary, id, f.agencies[6]!.agencyId), 'conflict', /معاف نیست/);

    // Lifted after the deadline: overdue at once, and told so.
    h.clock.advance(11 * 86400);
    await liftExemption(h.ctx, f.staff.secretary, id, a);
    o = await findObligation(h.ctx.db, id, a);
    assert.equal(o?.status, 'overdue');
    assert.equal(o?.exemption_reason, null);
    assert.ok(o?.overdue_at);
    assert.match((await inApp(f.agencies[5]!.officerId))[0]!.subject, /گذشت/);
  });
});
