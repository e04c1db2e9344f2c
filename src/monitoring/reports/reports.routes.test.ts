import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Browser, csrfToken, lastCode } from '../../testing/harness.ts';
import { loadPlanResults } from './plan-results.ts';
import { findReportOfPeriod } from './reports.repo.ts';
import { createReportsWorld, type ReportsWorld } from './reports-test-setup.ts';

let w: ReportsWorld;
let planId: number;
let period: string;
let officer: Browser;
let secretary: Browser;

before(async () => {
  w = await createReportsWorld();
  planId = await w.fundedPlan({ daysAgo: 200 });
  period = (await w.periods(planId))[0]!.period;
  officer = await w.staff('welfare@example.org');
  secretary = await w.staff('secretary@example.org');
});
after(() => w.close());

const form = (x: Record<string, string> = {}) => ({
  'activities.0.status': 'done', 'activities.0.percent': '', 'activities.0.note': 'چهار کارگاه برگزار شد',
  'activities.1.status': 'in_progress', 'activities.1.percent': '۵۰', 'activities.1.note': '',
  'activities.2.status': 'not_started', 'activities.2.percent': '', 'activities.2.note': '',
  'beneficiaries.0.female': '۴۰', 'beneficiaries.0.male': '', 'beneficiaries.0.ageBands.18_29': '۱۵', 'beneficiaries.0.ageBands.30_59': '25',
  'beneficiaries.1.female': '10', 'beneficiaries.1.male': '12',
  spentRials: '۲۰۰٬۰۰۰٬۰۰۰',
  'indicatorActuals.0.actual': '۱۱٫۵', 'indicatorActuals.1.actual': '40',
  narrative: 'كارگاه‌ها برگزار شد', challenges: '', nextSteps: '',
  ...x,
});

test('an officer sees the plan’s quarters with a late flag and files a report through the form', async () => {
  const list = await officer.get('/my/reports');
  assert.equal(list.statusCode, 200);
  assert.ok(list.body.includes('مهارت‌آموزی مادران محلهٔ راه‌آهن'));
  assert.ok(list.body.includes('ارسال‌نشده'));
  assert.ok(list.body.includes('دیرکرد'), 'a quarter whose due day has passed shows as late');
  assert.ok(list.body.includes(`href="/my/plans/${planId}/reports/${period}"`));

  const url = `/my/plans/${planId}/reports/${period}`;
  const page = await officer.get(url);
  assert.equal(page.statusCode, 200);
  for (const text of ['کارگاه مهارت فرزندپروری', 'مادران', 'نرخ ترک تحصیل کودکان محله', '۱٬۰۰۰٬۰۰۰٬۰۰۰ ریال']) assert.ok(page.body.includes(text), text);

  // Bad input: age bands that do not add up, and a percent that is not a number; nothing is stored.
  const bad = await officer.post(url, form({ 'beneficiaries.0.ageBands.30_59': '1', 'activities.1.percent': 'نیمه' }), { csrfFrom: url });
  assert.equal(bad.statusCode, 422);
  assert.ok(bad.body.includes('یک عدد بنویسید'));
  assert.equal(await findReportOfPeriod(w.db, planId, period), undefined);
  const overspent = await officer.post(url, form({ spentRials: '2,000,000,000' }), { csrfFrom: url });
  assert.equal(overspent.statusCode, 422);
  assert.ok(overspent.body.includes('مانده'));
  assert.equal(await findReportOfPeriod(w.db, planId, period), undefined);

  const saved = await officer.post(url, form({ action: 'save' }), { csrfFrom: url });
  assert.equal(saved.statusCode, 303);
  const draft = await findReportOfPeriod(w.db, planId, period);
  assert.equal(draft?.status, 'draft');
  assert.equal(draft?.spentRials, 200_000_000);
  assert.equal(draft?.beneficiariesTotal, 62);
  const again = await officer.get(url);
  assert.ok(again.body.includes('value="۱۱٫۵"'), 'the saved values come back in Persian digits');

  const sent = await officer.post(url, form({ action: 'submit' }), { csrfFrom: url });
  assert.equal(sent.statusCode, 303);
  assert.equal((await findReportOfPeriod(w.db, planId, period))?.status, 'submitted');
  const locked = await officer.get(url);
  assert.ok(!locked.body.includes('name="spentRials"'), 'a submitted report is shown, not edited');
});

test('another agency’s officer and a citizen are refused', async () => {
  const other = await w.staff('education@example.org');
  assert.equal((await other.get(`/my/plans/${planId}/reports/${period}`)).statusCode, 403);
  const citizen = new Browser(w.h.app);
  await citizen.post('/login/otp', { mobile: '09121230077' }, { csrfFrom: '/login' });
  await citizen.post('/verify', { code: lastCode(w.h, '09121230077') }, { csrfFrom: '/verify' });
  assert.equal((await citizen.get('/my/reports')).statusCode, 403);
  assert.equal((await citizen.get('/admin/reports')).statusCode, 403);
  const report = await findReportOfPeriod(w.db, planId, period);
  const token = csrfToken((await citizen.get('/')).body);
  assert.equal((await citizen.post(`/admin/reports/${report!.id}/decision`, { decision: 'approve', note: '' }, { csrf: token })).statusCode, 403);
  assert.equal((await new Browser(w.h.app).get(`/reports/${report!.id}/files/1`)).statusCode, 401);
});

test('the secretariat sees the queue, must write a note to return, and approves', async () => {
  const report = (await findReportOfPeriod(w.db, planId, period))!;
  const queue = await secretary.get('/admin/reports');
  assert.equal(queue.statusCode, 200);
  assert.ok(queue.body.includes(`href="/admin/reports/${report.id}"`));
  const overdue = await secretary.get('/admin/reports?tab=overdue');
  assert.ok(overdue.body.includes('ادارهٔ کل بهزیستی استان'), 'quarters never reported are listed by agency');

  const url = `/admin/reports/${report.id}`;
  const page = await secretary.get(url);
  assert.equal(page.statusCode, 200);
  for (const text of ['۱۲', '۸', '۱۱٫۵', 'کارگاه‌ها برگزار شد', 'تأیید گزارش']) assert.ok(page.body.includes(text), text);

  const noNote = await secretary.post(`${url}/decision`, { decision: 'return', note: '' }, { csrfFrom: url });
  assert.equal(noNote.statusCode, 422);
  assert.ok(noNote.body.includes('بنویسید چه چیزی باید اصلاح شود'));
  const ok = await secretary.post(`${url}/decision`, { decision: 'approve', note: '' }, { csrfFrom: url });
  assert.equal(ok.statusCode, 303);
  const results = (await loadPlanResults(w.db, planId))!;
  assert.equal(results.spentRials, 200_000_000);
  assert.equal(results.progressPercent, 50);
  assert.equal(results.beneficiaries.reachedTotal, 62);
  const mine = await officer.get('/my/reports');
  assert.ok(mine.body.includes('تأییدشده'));
});
