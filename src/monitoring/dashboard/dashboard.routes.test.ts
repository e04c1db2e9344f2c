import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber } from '../../platform/persian/money.ts';
import { reportingPeriods, tehranDate } from '../reports/schedule.ts';
import { createDashboardWorld, type DashboardWorld } from './dashboard-test-setup.ts';
import { loadNeedIndex } from './load-need-index.ts';
import type { Browser } from '../../testing/harness.ts';

let w: DashboardWorld;
let council: Browser;

before(async () => {
  w = await createDashboardWorld();
  council = await w.staff('council@example.org');
});
after(() => w.close());

/** The text a person reads (tags left out). */
const visibleText = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
const latinDigits = (html: string) => /[0-9]/.test(visibleText(html).replace(/CSV/g, ''));

test('an empty database shows empty states, not errors', async () => {
  const res = await council.get('/admin/dashboard');
  assert.equal(res.statusCode, 200);
  for (const text of ['هنوز فراخوانی منتشر نشده است.', 'مصوبهٔ با دیرکردی نیست.', 'هنوز گزارشی سررسید نشده است.', 'هنوز داده‌ای برای محاسبهٔ شاخص نیاز نیست.', 'گزارش عقب‌افتاده‌ای نیست.']) {
    assert.ok(res.body.includes(text), `empty state: ${text}`);
  }
  assert.ok(!latinDigits(res.body), 'no Latin digits on the page');
  const targeting = await council.get('/admin/targeting');
  assert.equal(targeting.statusCode, 200);
  assert.ok(targeting.body.includes('مکانی در این سطح ثبت نشده است.'));
  assert.ok(targeting.body.includes('هنوز اعتبار یا جمعیتی برای مقایسه نیست.'));
  const csv = await council.get('/admin/targeting?format=csv');
  assert.equal(csv.statusCode, 200);
  assert.equal(csv.body.trim().split('\r\n').length, 1, 'a header row only');
});

test('with data: budget split, compliance, timeliness, participation and the need index, with table fallbacks and Persian digits', async () => {
  const province = await w.place('استان آزمون', 'province', null);
  const countyA = await w.place('شهرستان الف', 'county', province);
  const countyB = await w.place('شهرستان ب', 'county', province);
  const city = await w.place('شهر الف', 'city', countyA);
  const n1 = await w.place('محلهٔ یک', 'neighborhood', city, 2000);
  const n2 = await w.place('محلهٔ دو', 'neighborhood', city, 8000);
  const v1 = await w.place('روستای سه', 'village', countyB, 500);
  const v2 = await w.place('روستای چهار', 'village', countyB, 1500);
  const unemployment = await w.indicator('UNEMP', 'lower_better');
  const literacy = await w.indicator('LIT', 'higher_better');
  for (const [p, v] of [[n1, 30], [n2, 10], [v1, 25], [v2, 5]] as const) await w.value(unemployment, p, '1403', v);
  await w.value(unemployment, n1, '1402', 5); // older: not used
  for (const [p, q1, q2] of [[n1, 40, 60], [n2, 90, 90], [v2, 80, 80]] as const) {
    await w.value(literacy, p, '1403Q1', q1);
    await w.value(literacy, p, '1403Q2', q2);
  }
  await w.need(n1, 3);
  await w.need(v1, 1);
  await w.need(n2, 5, 'resolved'); // closed: not counted

  const callId = await w.call('open');
  await w.db.insertInto('call_agencies').values({ call_id: callId, agency_id: w.otherAgencyId, credit_rials: 5_000_000, status: 'overdue', exemption_reason: null, invited_at: w.now, submitted_at: null, overdue_at: w.now, reminded_7d_at: null, reminded_1d_at: null }).execute();
  await w.db.insertInto('call_agencies').values({ call_id: callId, agency_id: w.agencyId, credit_rials: 5_000_000, status: 'submitted', exemption_reason: null, invited_at: w.now, submitted_at: w.now, overdue_at: null, reminded_7d_at: null, reminded_1d_at: null }).execute();
  // The county-wide plan reaches both villages; the other plan only neighborhood two.
  const p1 = await w.fundedPlan({ callId, agencyId: w.agencyId, title: 'طرح شهرستان ب', fundedRials: 1_000_000, places: [{ placeId: countyB, countyId: countyB }], harms: ['ADDICTION'], targets: ['YOUTH', 'MOTHERS'], fundedDaysAgo: 200 });
  await w.fundedPlan({ callId, agencyId: w.otherAgencyId, title: 'طرح محلهٔ دو', fundedRials: 600_000, places: [{ placeId: n2, countyId: countyA }], harms: ['POVERTY_UNEMPLOYMENT', 'DIVORCE'], fundedDaysAgo: 200 });
  const fundedAt = new Date(w.h.clock.now().getTime() - 200 * 86_400_000).toISOString();
  const periods = reportingPeriods({ fundedAt, startDate: null, endDate: null, completedAt: null }, tehranDate(w.h.clock.now()));
  assert.ok(periods.length >= 2, 'a plan funded 200 days ago owes at least one report');
  const submittedAt = new Date(Date.parse(fundedAt) + 86_400_000).toISOString();
  await w.report(p1, w.agencyId, periods[0]!.period, { status: 'approved', spent: 400_000, reached: 120, submittedAt });

  const res = await council.get('/admin/dashboard');
  assert.equal(res.statusCode, 200);
  const html = res.body;
  assert.ok(!latinDigits(html), 'no Latin digits on the page');
  // Budget: funded by county (split rule), funded vs spent, harms split equally.
  assert.match(html, /شهرستان ب<\/a><\/th><td class="num">۱٬۰۰۰٬۰۰۰<\/td>/);
  assert.match(html, /شهرستان الف<\/a><\/th><td class="num">۶۰۰٬۰۰۰<\/td>/);
  assert.match(html, /شهرستان ب<\/a><\/th><td class="num">۴۰۰٬۰۰۰<\/td><td class="num">۱٬۰۰۰٬۰۰۰<\/td>/, 'spent with funded beside it');
  assert.match(html, /طلاق و گسست خانواده<\/th><td class="num">۳۰۰٬۰۰۰<\/td>/);
  assert.match(html, /اعتیاد<\/th><td class="num">۱٬۰۰۰٬۰۰۰<\/td>/);
  assert.ok(html.includes(`${formatNumber(1_600_000)} ریال`), 'total funded');
  // Every chart has its table fallback inside <details>.
  const charts = html.match(/<figure class="chart chart-bar">/g)?.length ?? 0;
  const fallbacks = html.match(/<details class="chart-data">/g)?.length ?? 0;
  assert.ok(charts >= 6, `bar charts drawn (${charts})`);
  assert.equal(fallbacks, charts, 'one table fallback per chart');
  assert.ok(html.includes('role="img"'));
  // Compliance of the open call: the overdue agency is named.
  assert.ok(html.includes('href="/admin/calls/' + callId + '/compliance"'));
  assert.ok(visibleText(html).includes('ادارهٔ کل آموزش و پرورش استان'));
  // Timeliness: one report on time, the other due quarters missing, owed by the welfare agency.
  assert.match(html, /ادارهٔ کل بهزیستی استان<\/td><td class="num">[۱-۹]/);
  // Participation: two open needs and four supports overall (and in the last 90 days).
  assert.match(html, /نیازهای ثبت‌شده<\/td><td class="num">۳<\/td><td class="num">۳<\/td>/);
  // Need index: neighborhood one is the top place and no funded plan reaches it.
  const top = html.indexOf('href="/places/' + n1 + '"');
  assert.ok(top > 0 && top < html.indexOf('href="/places/' + v2 + '"'));
  assert.ok(html.includes('محله‌ها و روستاهای پرنیاز بدون طرح تأمین‌شده: ۱.'));
  assert.ok(html.includes('href="/admin/targeting"'));
});

test('targeting: ranking, ancestor plans reach descendants, unreached high-need places, budget vs population share, CSV', async () => {
  const d = await loadNeedIndex(w.db, 'home');
  assert.deepEqual(d.ranked.map((r) => r.name), ['محلهٔ یک', 'روستای سه', 'محلهٔ دو', 'روستای چهار']);
  const n1 = d.ranked[0]!;
  // Latest yearly value (1403, not 1402) and, for literacy, the average of the 1403 quarters (docs/need-index.md).
  assert.ok(Math.abs(n1.score! - 275 / 3.5) < 1e-6, `neighborhood one scores 78.6 (got ${n1.score})`);
  const v1 = d.ranked.find((r) => r.name === 'روستای سه')!;
  assert.deepEqual(v1.coverage, { indicators: 1, indicatorsTotal: 2, needs: true, population: true }, 'literacy missing at village three');
  assert.ok(Math.abs(v1.score! - 72) < 1e-6, `village three scores 72 (got ${v1.score})`);
  assert.deepEqual(d.reach.get(v1.id), { plans: 1, rials: 500_000 }, 'the county plan reaches its villages, money spread equally');
  assert.deepEqual(d.summary.unreached.map((r) => r.name), ['محلهٔ یک']);
  assert.equal(d.summary.budgetShare, 0);
  assert.ok(Math.abs(d.summary.populationShare! - 2000 / 12000) < 1e-9);

  const res = await council.get('/admin/targeting');
  assert.equal(res.statusCode, 200);
  const html = res.body;
  assert.ok(!latinDigits(html), 'no Latin digits on the page');
  assert.ok(html.includes('۱ از ۲ شاخص'), 'coverage shown');
  const unreached = html.slice(html.indexOf('id="unreached-h"'), html.indexOf('id="ranking-h"'));
  assert.ok(unreached.includes('محلهٔ یک') && !unreached.includes('روستای سه'));
  assert.ok(html.includes('۱ مکان پرنیاز ۰٪ از اعتبار طرح‌های تأمین‌شده را گرفته‌اند و ۱۶٫۷٪ از جمعیت'), 'the share sentence');
  assert.ok(html.includes('<details class="chart-data">'), 'the share chart with its table');

  const counties = await council.get('/admin/targeting?level=county');
  assert.equal(counties.statusCode, 200);
  assert.match(counties.body, /شهرستان ب<\/a><\/td>/);

  const csv = await council.get('/admin/targeting?format=csv');
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines.length, 5);
  assert.ok(lines[1]!.startsWith('1,') && lines[1]!.includes('محلهٔ یک'));
  assert.ok(lines.some((l) => l.includes('روستای سه') && l.includes(',1,500000,')), 'plain digits, plans and rials');
});

test('only programme staff see the dashboard and the targeting view', async () => {
  const citizen = await w.citizen();
  assert.equal((await citizen.get('/admin/dashboard')).statusCode, 403);
  assert.equal((await citizen.get('/admin/targeting')).statusCode, 403);
  const officer = await w.staff('welfare@example.org');
  assert.equal((await officer.get('/admin/dashboard')).statusCode, 403);
  const secretary = await w.staff('secretary@example.org');
  assert.equal((await secretary.get('/admin/dashboard')).statusCode, 200);
  const anonymous = await w.h.app.inject({ method: 'GET', url: '/admin/dashboard' });
  assert.notEqual(anonymous.statusCode, 200);
});
