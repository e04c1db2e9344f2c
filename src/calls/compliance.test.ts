import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createHarness, type Harness } from '../testing/harness.ts';
import { callInput, callsFixture, recordSubmittedPlan, type Fixture } from './calls.fixtures.ts';
import { complianceRows, findCall, scorecardTotals } from './calls.repo.ts';
import { complianceLine, lastReminderOf, sortCompliance } from './compliance.ts';
import { complianceCsv, complianceXlsx } from './compliance-export.ts';
import { createCall } from './create-call.ts';
import { exemptAgency } from './exempt-agency.ts';
import { inviteAgency } from './invite-agency.ts';
import { runCallReminders } from './reminders.ts';
import { formatRate, scorecardRates } from './scorecard.ts';
import { transitionCall } from './transition-call.ts';

let h: Harness;
let f: Fixture;
let callId: number;
before(async () => {
  h = await createHarness();
  f = await callsFixture(h.ctx);
  callId = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { days: 5 }));
  for (const i of [0, 1, 2, 3, 4, 5]) {
    await inviteAgency(h.ctx, f.staff.secretary, callId, { agencyId: String(f.agencies[i]!.agencyId), credit: String((i + 1) * 1_000_000_000) });
  }
  await transitionCall(h.ctx, f.staff.secretary, callId, 'open');
  await recordSubmittedPlan(h.ctx, callId, f.agencies[1]!, 'approved');
  await recordSubmittedPlan(h.ctx, callId, f.agencies[1]!, 'rejected');
  await recordSubmittedPlan(h.ctx, callId, f.agencies[3]!);
  await exemptAgency(h.ctx, f.staff.secretary, callId, f.agencies[2]!.agencyId, 'اجرای طرح مشابه با اعتبار ملی، مصوبهٔ ستاد');
  h.clock.advance(6 * 86400);
  await runCallReminders(h.ctx);
  await recordSubmittedPlan(h.ctx, callId, f.agencies[4]!); // late
});
after(() => h.close());

const statuses = (rows: { status: string }[]) => rows.map((r) => r.status);

test('overdue agencies come first, then those still invited, then those that submitted or were exempted', async () => {
  const rows = await complianceRows(h.ctx.db, callId);
  assert.deepEqual(statuses(rows), ['overdue', 'overdue', 'submitted', 'submitted', 'submitted', 'exempted']);
  assert.deepEqual(new Set(rows.slice(0, 2).map((r) => r.agency_id)), new Set([f.agencies[0]!.agencyId, f.agencies[5]!.agencyId]));
  const one = rows.find((r) => r.agency_id === f.agencies[1]!.agencyId)!;
  assert.equal(one.plans_submitted, 2);
  assert.equal(one.plans_approved, 1);
  const page = await complianceRows(h.ctx.db, callId, { page: { limit: 2, offset: 2 } });
  assert.deepEqual(statuses(page), ['submitted', 'submitted'], 'pages keep the order');
  assert.deepEqual(
    statuses(sortCompliance([{ status: 'exempted' }, { status: 'submitted' }, { status: 'invited' }, { status: 'overdue' }])),
    ['overdue', 'invited', 'submitted', 'exempted'],
  );
});

test('each line carries credit, plans, status, days to the deadline and the last reminder', async () => {
  const call = (await findCall(h.ctx.db, callId))!;
  const rows = await complianceRows(h.ctx.db, callId);
  const lines = rows.map((r) => complianceLine(r, call.deadline_at, h.clock.now()));
  const overdue = lines[0]!;
  assert.equal(overdue.statusLabel, 'دیرکرد');
  assert.ok(overdue.daysToDeadline! < 0);
  assert.match(overdue.daysText, /روز از مهلت گذشته/);
  assert.equal(overdue.lastReminder?.kind, 'overdue');
  assert.match(overdue.lastReminderText, /اعلان دیرکرد/);
  const exempted = lines[5]!;
  assert.equal(exempted.daysToDeadline, null);
  assert.match(exempted.exemptionReason!, /اعتبار ملی/);
  assert.deepEqual(lastReminderOf({ reminded_7d_at: null, reminded_1d_at: null, overdue_at: null }), null);
  assert.equal(lastReminderOf({ reminded_7d_at: '2026-01-01T00:00:00Z', reminded_1d_at: '2026-01-07T00:00:00Z', overdue_at: null })?.kind, '1d');
});

async function lines() {
  const call = (await findCall(h.ctx.db, callId))!;
  return (await complianceRows(h.ctx.db, callId)).map((r) => complianceLine(r, call.deadline_at, h.clock.now()));
}

test('the CSV opens in Excel: UTF-8 byte-order mark, Persian headers, one row per agency, plain-digit amounts', async () => {
  const csv = complianceCsv(await lines());
  assert.equal(csv.charCodeAt(0), 0xfeff);
  const rows = csv.slice(1).trimEnd().split('\r\n');
  assert.equal(rows.length, 7);
  assert.equal(rows[0], 'ردیف,دستگاه اجرایی,اعتبار (ریال),طرح‌های ارسال‌شده,وضعیت,دلیل معافیت,روز تا پایان مهلت,تاریخ ارسال,آخرین یادآوری');
  const exempted = rows[6]!.split(',');
  assert.equal(exempted[0], '6');
  assert.equal(exempted[4], 'معاف');
  assert.ok(rows[1]!.startsWith('1,'));
  const agency1 = rows.find((r) => r.includes(f.agencies[1]!.officerEmail) || r.includes('آموزش و پرورش'))!;
  assert.match(agency1, /,2000000000,2,طرح فرستاده,/);
  assert.equal(complianceCsv([{ ...(await lines())[0]!, exemptionReason: '=HYPERLINK("x")' }]).includes(`"'=HYPERLINK(""x"")"`), true, 'formulas are defused');
});

test('the XLSX reads back with exceljs: a right-to-left sheet with the same rows and numeric amounts', async () => {
  const buffer = await complianceXlsx(await lines(), 'پایبندی دستگاه‌ها');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  assert.equal(sheet.name, 'پایبندی دستگاه‌ها');
  assert.equal(sheet.views[0]?.rightToLeft, true);
  assert.equal(sheet.rowCount, 7);
  assert.equal(sheet.getRow(1).getCell(2).value, 'دستگاه اجرایی');
  const values = sheet.getRow(2).values as unknown[];
  assert.equal(values[5], 'دیرکرد');
  assert.equal(typeof values[3], 'number');
  assert.equal(typeof values[7], 'number');
  const credits = [2, 3, 4, 5, 6, 7].map((r) => sheet.getRow(r).getCell(3).value as number).sort((a, b) => a - b);
  assert.deepEqual(credits, [1, 2, 3, 4, 5, 6].map((n) => n * 1_000_000_000));
});

test('the scorecard counts submission, on-time and approval rates across calls', async () => {
  // A second call the agencies 1 and 4 both answer on time.
  const second = await createCall(h.ctx, f.staff.secretary, callInput(h.ctx, f, { days: 5, title: 'فراخوان دوم' }));
  for (const i of [1, 4]) await inviteAgency(h.ctx, f.staff.secretary, second, { agencyId: String(f.agencies[i]!.agencyId), credit: '1000000000' });
  await transitionCall(h.ctx, f.staff.secretary, second, 'open');
  await recordSubmittedPlan(h.ctx, second, f.agencies[4]!, 'funded');
  const now = h.clock.now().toISOString();
  const late = await scorecardTotals(h.ctx.db, f.agencies[4]!.agencyId, now);
  assert.deepEqual({ ...late, creditRials: 0 }, { calls: 2, exempted: 0, due: 2, submitted: 2, onTime: 1, creditRials: 0, plansSubmitted: 2, plansApproved: 1 });
  const rates = scorecardRates(late);
  assert.deepEqual(rates, { submissionRate: 1, onTimeRate: 0.5, approvalRate: 0.5 });
  assert.equal(formatRate(rates.onTimeRate), '۵۰٪');
  const pending = await scorecardTotals(h.ctx.db, f.agencies[1]!.agencyId, now);
  assert.equal(pending.due, 1, 'a call still open and unanswered is not yet held against the agency');
  assert.deepEqual(scorecardRates(pending), { submissionRate: 1, onTimeRate: 1, approvalRate: 0.5 });
  const never = await scorecardTotals(h.ctx.db, f.agencies[0]!.agencyId, now);
  assert.deepEqual(scorecardRates(never), { submissionRate: 0, onTimeRate: null, approvalRate: null });
  assert.equal(formatRate(null), '—');
  const exempt = await scorecardTotals(h.ctx.db, f.agencies[2]!.agencyId, now);
  assert.equal(scorecardRates(exempt).submissionRate, null, 'an exemption is not held against the agency');
});
