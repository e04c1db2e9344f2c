// Browser test of monitoring and results (issue #8), on the demo data, in two runs against one app:
// 1. JavaScript off, 1280×800. A visitor first reads the public results of the education
//    agency's demo plan and the council member the dashboard (what they say before is what the
//    figures after are computed from). The education officer opens /my/reports, where the demo's
//    missing quarter is flagged «دیرکرد», opens it and fills the form: every activity's status and
//    percent, the people reached per target group (women, men and age bands that add up), the
//    spending of the quarter typed in Persian digits, indicator actuals and a narrative. Spending
//    above the remaining amount first: the Persian error, and nothing is stored. Then a draft is
//    saved, a small PNG attached, and the report submitted («ارسال‌شده»). The secretary finds it
//    last in the queue (oldest submission first), reads spending against funding and people
//    against the plan, and approves it («تأییدشده»); the officer's list no longer flags the
//    quarter. The visitor sees the quarter in the plan's public results (reports table, timeline,
//    spent and people reached grown by what was typed), the plan on /results/progress, and the
//    plan's neighbourhood as a labelled link on the neighbourhood map and in its data table. The
//    council member's dashboard counts the quarter as late instead of missing; full-page
//    screenshot e2e/screenshots/monitoring-dashboard-1280.png.
// 2. JavaScript on, 360×740. The public results pages and the dashboard (the council member's
//    session from the first run: sign-ins are rate-limited per address) on a phone.
// Every page: lang="fa" dir="rtl", no Latin digits in <main>, no sideways scroll; full-page
// screenshots go to e2e/screenshots/monitoring-*-<width>.png.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Cookie, Locator, Page, Response } from 'playwright-core';
import {
  browserSuite, newContext, screenshot, screenshotDir, type RunningApp, path, navigate, text, assertPersianShell, assertNoLatinDigits, assertNoSideScroll,
} from './support.ts';

type Run = {
  label: string;
  javaScript: boolean;
  width: number;
  height: number;
  /** The first run files, approves and reads the report; the second reads the pages on a phone. */
  part: 'report' | 'phone';
};

const runs: Run[] = [
  { label: 'JavaScript off, 1280×800: a progress report filed, approved, and seen in the results and on the dashboard', javaScript: false, width: 1280, height: 800, part: 'report' },
  { label: 'JavaScript on, 360×740: the results pages and the dashboard on a phone', javaScript: true, width: 360, height: 740, part: 'phone' },
];

const OFFICER = { email: 'education@mahalle.local', password: 'mahalle-officer-demo' };
const SECRETARY = { email: 'secretary@mahalle.local', password: 'mahalle-secretary-demo' };
const COUNCIL = { email: 'council@mahalle.local', password: 'mahalle-council-demo' };
type Staff = 'officer' | 'secretary' | 'council';

// What the first run finds and creates, for the second.
const shared: {
  planId?: number;
  period?: string;
  reportId?: number;
  cityId?: number;
  cookies: Partial<Record<Staff, Cookie[]>>;
} = { cookies: {} };

// ---- digits, money and dates, computed here (not with the app's code) ----------------------------

const months = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const seasons = ['بهار', 'تابستان', 'پاییز', 'زمستان'];
const persianDigits = (s: string | number) => String(s).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const asciiDigits = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
/** ۱٬۲۳۴٬۵۶۷ (Persian digits, Arabic thousands separator). */
const grouped = (n: number) => persianDigits(String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')).replace(/,/g, '٬');
const rials = (n: number) => `${grouped(n)} ریال`;
/** The whole number in a text such as «۷۲۳٬۰۰۰٬۰۰۰ ریال». */
const numberIn = (s: string) => {
  const digits = asciiDigits(s).replace(/[^0-9]/g, '');
  assert.ok(digits, `a number in «${s}»`);
  return Number(digits);
};
const jalaliFormat = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: 'numeric', day: 'numeric' });
/** ۹ آذر ۱۴۰۵, as the pages show a date. */
const longDate = (ms: number) => {
  const parts = Object.fromEntries(jalaliFormat.formatToParts(ms).map((p) => [p.type, p.value]));
  return persianDigits(`${Number(parts.day)} ${months[Number(parts.month) - 1]} ${Number(parts.year)}`);
};
/** «زمستان ۱۴۰۴» for 1404Q4. */
const seasonOf = (code: string) => {
  const m = /^(\d{4})Q([1-4])$/.exec(code);
  assert.ok(m, `a quarter code: ${code}`);
  return `${seasons[Number(m[2]) - 1]} ${persianDigits(m[1]!)}`;
};

// What the officer reports. Activity percents by position (the first is done); the people reached
// in each of the plan's groups, with age bands that add up to women plus men.
const REPORT = {
  percents: [100, 70, 85, 60, 50],
  female: 20,
  male: 20,
  ages: { '۱۸ تا ۲۹ سال': 32, '۳۰ تا ۵۹ سال': 8 } as Record<string, number>,
  actualShare: 0.9,
  narrative: 'در زمستان سه دورهٔ آموزشی عصرگاهی در مدرسه‌های پونک و بلاغی برگزار شد و زوج‌های شرکت‌کننده جلسه‌های مشاوره را ادامه دادند.',
  challenges: 'سرمای هوا شرکت در جلسه‌های عصر را کم کرد.',
  nextSteps: 'ارزیابی پایانی و گزارش نهایی طرح.',
  file: 'فهرست-حضور-زمستان.png',
};
// A 1×1 transparent PNG.
const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

// Expected Persian texts, written out here rather than imported from the message catalogue so
// that a changed message is noticed.
const fa = {
  emailLabel: 'نشانی رایانامه',
  passwordLabel: 'گذرواژه',
  login: 'ورود',

  myTitle: 'گزارش‌های پیشرفت',
  late: 'دیرکرد',
  none: 'ارسال‌نشده',
  draft: 'پیش‌نویس',
  submitted: 'ارسال‌شده',
  approved: 'تأییدشده',
  start: (period: string) => `آغاز گزارش ${period}`,
  view: (period: string) => `دیدن گزارش ${period}`,
  approvedSpent: 'هزینهٔ تأییدشده',
  formTitle: (period: string, plan: string) => `گزارش پیشرفت ${period}: ${plan}`,
  status: 'وضعیت',
  percent: 'درصد پیشرفت',
  statusLabels: { not_started: 'آغاز نشده', in_progress: 'در حال انجام', done: 'انجام شد' },
  female: 'زن',
  male: 'مرد',
  actual: 'مقدار محقق',
  actualNote: 'توضیح',
  funded: 'اعتبار تخصیص‌یافته',
  remaining: 'ماندهٔ قابل هزینه',
  spentField: 'هزینهٔ این فصل (ریال)',
  narrative: 'شرح کارهای انجام‌شده',
  challenges: 'مشکلات و موانع',
  nextSteps: 'گام‌های فصل بعد',
  save: 'ذخیرهٔ پیش‌نویس',
  submit: 'ارسال برای دبیرخانه',
  overspend: (remaining: number, funded: number) => `هزینهٔ این فصل از ماندهٔ اعتبار طرح بیشتر است؛ مانده ${rials(remaining)} از اعتبار ${rials(funded)} است.`,
  filesAfterSave: 'پس از نخستین ذخیرهٔ گزارش می‌توانید عکس و سند پیوست کنید.',
  savedFlash: 'پیش‌نویس گزارش ذخیره شد.',
  fileLabel: 'پرونده',
  upload: 'بارگذاری پیوست',
  uploaded: (name: string) => `پیوست «${name}» بارگذاری شد.`,
  fileMeta: 'تصویر، ۱ کیلوبایت',
  submittedFlash: (period: string) => `گزارش ${period} برای دبیرخانه فرستاده شد.`,

  adminTitle: 'بررسی گزارش‌های پیشرفت',
  queueTab: 'در انتظار بررسی',
  approvedTab: 'تأییدشده',
  before: 'هزینهٔ تأییدشدهٔ فصل‌های پیش',
  thisQuarter: 'هزینهٔ این فصل',
  remainingAfter: 'مانده پس از این گزارش',
  beneficiariesCaption: (planned: number, reached: number) => `ذی‌نفعان این فصل به تفکیک گروه هدف (برنامه: ${grouped(planned)} نفر، این فصل: ${grouped(reached)} نفر)`,
  lateTimeliness: 'با تأخیر',
  approve: 'تأیید گزارش',
  approvedFlash: /^گزارش تأیید شد و به [۰-۹]+ کارشناس دستگاه خبر داده شد\.$/,
  decisionTitle: 'تصمیم دبیرخانه',

  hubTitle: 'نتایج اجرا',
  spent: 'هزینه‌شده',
  reached: 'افراد بهره‌مند',
  progress: 'پیشرفت',
  reachedOf: (reached: number, planned: number) => `${grouped(reached)} از ${grouped(planned)} نفر`,
  reportsTable: 'گزارش‌های تأییدشده',
  indicatorsTable: 'خط پایه، آخرین مقدار و هدف هر شاخص',
  timelineEntry: (period: string) => `گزارش ${period}: تأییدشده`,
  hubPlans: 'طرح‌های تخصیص‌یافته',
  mapTitle: 'نقشهٔ نتایج',
  neighborhoods: (city: string) => `محله‌های ${city}`,
  dataTable: 'جدول داده‌ها',

  dashTitle: 'داشبورد ستاد',
  dashSections: ['بودجه', 'پایبندی دستگاه‌ها', 'مصوبه‌های با دیرکرد', 'به‌موقع بودن گزارش‌های پیشرفت', 'مشارکت مردم', 'شاخص نیاز'],
  timelinessCaption: 'گزارش‌های پیشرفت به تفکیک فصل',
  lateReportersCaption: 'دستگاه‌هایی که گزارش پیشرفت طرح‌های تأمین‌شده‌شان را نفرستاده یا دیر فرستاده‌اند',
};

// ---- helpers (as in the other browser tests) ------------------------------------------------------

async function flash(page: Page): Promise<string> {
  return text(page.locator('main .flash').first());
}

/**
 * What a page does that the product should not, gathered rather than asserted (the product is not
 * this test's to change): duplicate ids, labels that name no form field, tables whose columns
 * are hidden in their scrolling box. Printed at the end of each run.
 */
const findings: string[] = [];
async function inspect(page: Page, what: string): Promise<void> {
  const found = await page.evaluate(() => {
    const d = (globalThis as any).document;
    const counts = new Map<string, number>();
    for (const el of d.querySelectorAll('[id]')) counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
    const duplicateIds = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    const orphanLabels = [...d.querySelectorAll('label[for]')]
      .filter((l: any) => !['INPUT', 'SELECT', 'TEXTAREA'].includes(d.getElementById(l.htmlFor)?.tagName))
      .map((l: any) => `${l.htmlFor} («${l.textContent.trim()}»)`);
    const hiddenColumns = [...d.querySelectorAll('.table-wrap, .chart-canvas')]
      .filter((w: any) => w.scrollWidth > w.clientWidth + 1)
      .map((w: any) => `«${w.getAttribute('aria-label') ?? w.querySelector('caption')?.textContent ?? w.closest('figure')?.querySelector('figcaption')?.textContent ?? ''}» ${w.scrollWidth}px in ${w.clientWidth}px`);
    return { duplicateIds, orphanLabels, hiddenColumns };
  });
  if (found.duplicateIds.length) findings.push(`${what}: duplicate ids ${found.duplicateIds.join(', ')}`);
  if (found.orphanLabels.length) findings.push(`${what}: labels naming no field: ${found.orphanLabels.join('; ')}`);
  if (found.hiddenColumns.length) findings.push(`${what}: tables or charts partly scrolled out of view: ${found.hiddenColumns.join('; ')}`);
}

/**
 * Checks whose failure is the product's and does not stop the flow: gathered and thrown at the end
 * of the run, so the steps after still run and the report names every such failure.
 */
const deferred: string[] = [];
function expectLater(ok: boolean, message: string): void {
  if (!ok) deferred.push(message);
}

async function open(page: Page, url: string, status = 200): Promise<Response> {
  const res = await page.goto(url);
  assert.ok(res, `GET ${url}`);
  assert.equal(res.status(), status, `GET ${url}`);
  await assertPersianShell(page);
  await assertNoLatinDigits(page.locator('main'), url);
  return res;
}

async function signIn(page: Page, who: { email: string; password: string }, next: string): Promise<void> {
  await open(page, `/login?next=${encodeURIComponent(next)}`);
  const form = page.locator('form[action="/login/password"]');
  await form.getByLabel(fa.emailLabel).fill(who.email);
  await form.getByLabel(fa.passwordLabel).fill(who.password);
  const res = await navigate(page, form.getByRole('button', { name: fa.login, exact: true }));
  assert.equal(res.status(), 200, `${who.email} signs in`);
  if (path(page) !== new URL(next, 'http://x').pathname) await open(page, next);
}

/** A <dl> of label/value pairs as an object. */
async function pairs(dl: Locator): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const item of await dl.locator(':scope > div').all()) {
    out[await text(item.locator('dt'))] = await text(item.locator('dd'));
  }
  return out;
}

/** A table's body rows as lists of cell texts (header cells included). */
async function rowsOf(table: Locator): Promise<string[][]> {
  const out: string[][] = [];
  for (const row of await table.locator('tbody tr').all()) {
    out.push((await row.locator('th, td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()));
  }
  return out;
}

/** The table in the scrolling region a Table component names after its caption. */
const region = (page: Page, caption: string) => page.locator('main').getByRole('region', { name: caption, exact: true }).locator('table');

/** What the public plan page says, read before and after the report. */
async function planResults(page: Page): Promise<{ stats: Record<string, string>; reports: string[][]; timeline: string[] }> {
  const stats = await pairs(page.locator('main dl.stats').first());
  const reportsTable = region(page, fa.reportsTable);
  const reports = (await reportsTable.count()) ? await rowsOf(reportsTable) : [];
  const timeline = (await page.locator('main ol.results-timeline > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  return { stats, reports, timeline };
}

/** The dashboard's timeliness row of a quarter ([quarter, on time, late, missing, share]) and the late reporters. */
async function dashboardFigures(page: Page, quarter: string) {
  const rows = await rowsOf(region(page, fa.timelinessCaption));
  const row = rows.find((r) => r[0] === quarter);
  assert.ok(row, `the timeliness table has a row for ${quarter}: ${JSON.stringify(rows)}`);
  const reporters = (await page.locator('main').getByRole('region', { name: fa.lateReportersCaption, exact: true }).count())
    ? await rowsOf(region(page, fa.lateReportersCaption))
    : [];
  return { row, reporters };
}

// ---- the flow ---------------------------------------------------------------------------------------

async function flow(browser: Browser, app: RunningApp, run: Run): Promise<void> {
  const contexts: BrowserContext[] = [];
  const person = async (who?: Staff) => {
    const c = await newContext(browser, { width: run.width, height: run.height, javaScript: run.javaScript, baseURL: app.baseURL });
    contexts.push(c);
    if (who && shared.cookies[who]) await c.addCookies(shared.cookies[who]!);
    return c.newPage();
  };
  const keepSession = async (who: Staff, page: Page) => {
    shared.cookies[who] = await page.context().cookies();
  };
  const shots: string[] = [];
  const shot = async (page: Page, name: string) => {
    await assertPersianShell(page);
    await inspect(page, `${name} at ${run.width}px`);
    await assertNoSideScroll(page, `${name} at ${run.width}px`);
    await assertNoLatinDigits(page.locator('main'), `${name} at ${run.width}px`);
    shots.push(await screenshot(page, `monitoring-${name}`));
  };
  let step = 'start';
  let current: Page | undefined;
  const at = (name: string, page: Page) => {
    step = name;
    current = page;
  };
  const started = Date.now();
  try {
    if (run.part === 'report') await report(run, person, keepSession, shot, at);
    else await phone(person, shot, at);
  } catch (err) {
    if (current) await screenshot(current, `failure-monitoring-${run.javaScript ? 'js' : 'nojs'}-${step.replace(/\W+/g, '-')}`).catch(() => undefined);
    const later = deferred.splice(0);
    const message = (err instanceof Error ? err.message : String(err)) + (later.length ? `\n(and before that:\n- ${later.join('\n- ')})` : '');
    const log = app.output().trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `[${run.label}] step «${step}» failed at ${current?.url()}: ${message}\n(screenshot in ${screenshotDir})` +
        (log ? `\napp output (last lines):\n${log}` : ''),
      { cause: err },
    );
  } finally {
    for (const c of contexts) await c.close();
    if (findings.length) console.log(`[${run.label}] product problems seen:\n- ${[...new Set(findings)].join('\n- ')}`);
    findings.length = 0;
    console.log(`[${run.label}] ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots:\n${shots.join('\n')}`);
  }
  if (deferred.length) {
    const failed = deferred.splice(0);
    assert.fail(`[${run.label}] the flow ran to its end, but:\n- ${failed.join('\n- ')}`);
  }
}

type Person = (who?: Staff) => Promise<Page>;
type Shot = (page: Page, name: string) => Promise<void>;
type At = (name: string, page: Page) => void;

async function report(run: Run, person: Person, keepSession: (who: Staff, page: Page) => Promise<void>, shot: Shot, at: At): Promise<void> {
  const [officer, secretary, council, visitor] = await Promise.all([person(), person(), person(), person()]);

  // ---- 1. the officer's reports: the demo's missing quarter is flagged late ----
  at('officer signs in', officer);
  await signIn(officer, OFFICER, '/my/reports');
  await keepSession('officer', officer);
  assert.equal(path(officer), '/my/reports');
  assert.equal(await text(officer.locator('main h1')), fa.myTitle);
  const lateRows = officer.locator('main table tbody tr').filter({ has: officer.locator('.badge', { hasText: fa.late }) });
  assert.equal(await lateRows.count(), 1, 'one quarter of the education plan is late');
  const lateRow = lateRows.first();
  const startLink = lateRow.getByRole('link');
  const href = (await startLink.getAttribute('href')) ?? '';
  const hm = /^\/my\/plans\/(\d+)\/reports\/(\d{4}Q[1-4])$/.exec(href);
  assert.ok(hm, `the late quarter links to its form: ${href}`);
  const planId = Number(hm[1]);
  const period = hm[2]!;
  shared.planId = planId;
  shared.period = period;
  const quarter = seasonOf(period);
  assert.equal(await text(lateRow.locator('th')), quarter, 'the quarter is named by its season');
  assert.deepEqual(await lateRow.locator('.badge').allInnerTexts(), [fa.none, fa.late], 'not sent, late');
  assert.equal(await text(startLink), fa.start(quarter));
  const card = officer.locator('main section.report-plan').filter({ has: officer.locator(`a[href="${href}"]`) });
  const planTitle = (await text(card.locator('h2'))).replace(/ نمونه$/, '');
  const agencyName = (await text(card.locator('p.meta'))).split(' — ')[0]!;
  const approvedBefore = numberIn((await pairs(card.locator('dl.report-money')))[fa.approvedSpent]!);
  await assertNoLatinDigits(officer.locator('main'), 'the officer\'s reports');
  await shot(officer, 'my-reports');

  // What the public and the council see before the report (the expected figures after are these
  // plus what the officer types).
  at('public plan results before', visitor);
  await open(visitor, `/results/plans/${planId}`);
  const before = await planResults(visitor);
  const spentBefore = numberIn(before.stats[fa.spent]!);
  assert.equal(spentBefore, approvedBefore, 'the public page counts the approved spending the officer sees');
  const reachedMatch = /^([۰-۹٬]+) از ([۰-۹٬]+) نفر$/.exec(before.stats[fa.reached]!);
  assert.ok(reachedMatch, `people reached of planned: ${before.stats[fa.reached]}`);
  const reachedBefore = numberIn(reachedMatch[1]!);
  const planned = numberIn(reachedMatch[2]!);
  assert.ok(!before.reports.some((r) => r[0] === quarter), 'the quarter is not among the approved reports yet');

  at('council dashboard before', council);
  await signIn(council, COUNCIL, '/admin/dashboard');
  await keepSession('council', council);
  const dashBefore = await dashboardFigures(council, quarter);

  // ---- 2. the form: a bad amount first, then a draft, a photo and the submission ----
  at('report form', officer);
  await navigate(officer, startLink);
  assert.equal(path(officer), href);
  assert.equal(await text(officer.locator('main h1')), fa.formTitle(quarter, planTitle));
  assert.ok((await text(officer.locator('main p.meta').filter({ hasText: 'مهلت ارسال' }))).includes(fa.late), 'the form says the report is late');
  const form = officer.locator(`main form[action="${href}"]`);
  const money = await pairs(form.locator('dl.report-money'));
  const funded = numberIn(money[fa.funded]!);
  const remaining = numberIn(money[fa.remaining]!);
  assert.ok(remaining > 2_000_000, `money left to spend: ${money[fa.remaining]}`);
  // Half of what is left, in whole millions.
  const spend = Math.floor(remaining / 2 / 1_000_000) * 1_000_000;

  // Activities: the status and the percent of each.
  const activityRows = form.locator('fieldset#activities tbody tr');
  const activities = (await activityRows.locator('th').allInnerTexts()).map((s) => s.trim());
  assert.ok(activities.length > 0, 'the plan has activities');
  const percents = activities.map((_, i) => REPORT.percents[i % REPORT.percents.length]!);
  for (const [i, name] of activities.entries()) {
    const p = percents[i]!;
    await form.getByRole('combobox', { name: `${name}: ${fa.status}`, exact: true }).selectOption({ label: p === 100 ? fa.statusLabels.done : fa.statusLabels.in_progress });
    await form.getByRole('textbox', { name: `${name}: ${fa.percent}`, exact: true }).fill(persianDigits(p));
  }
  // People reached, per target group.
  const groups = (await form.locator('fieldset#beneficiaries tbody tr th').allInnerTexts()).map((s) => s.trim());
  assert.ok(groups.length > 0, 'the plan has target groups');
  for (const g of groups) {
    await form.getByRole('textbox', { name: `${g}: ${fa.female}`, exact: true }).fill(persianDigits(REPORT.female));
    await form.getByRole('textbox', { name: `${g}: ${fa.male}`, exact: true }).fill(persianDigits(REPORT.male));
    for (const [band, n] of Object.entries(REPORT.ages)) await form.getByRole('textbox', { name: `${g}: ${band}`, exact: true }).fill(persianDigits(n));
  }
  const reachedNow = groups.length * (REPORT.female + REPORT.male);
  // Indicators: most of the way from the baseline to the target.
  const indicatorRows = await form.locator('fieldset#indicators tbody tr').all();
  const actuals: number[] = [];
  for (const row of indicatorRows) {
    const [baseline, target] = (await row.locator('td.num').allInnerTexts()).map((s) => Number(asciiDigits(s.trim()).replace('٫', '.')));
    assert.ok(Number.isFinite(baseline) && Number.isFinite(target), `the indicator has a baseline and a target: ${await text(row)}`);
    const actual = Math.round(baseline! + (target! - baseline!) * REPORT.actualShare);
    actuals.push(actual);
    await row.getByRole('textbox', { name: new RegExp(`: ${fa.actual}$`) }).fill(persianDigits(actual));
  }
  await form.getByLabel(fa.narrative).fill(REPORT.narrative);
  await form.getByLabel(fa.challenges).fill(REPORT.challenges);
  await form.getByLabel(fa.nextSteps).fill(REPORT.nextSteps);
  // More than is left, typed in Persian digits.
  await form.getByLabel(fa.spentField).fill(persianDigits(remaining + 1_000_000));
  await shot(officer, 'report-form');

  at('spending above the remaining amount', officer);
  const refused = await navigate(officer, form.getByRole('button', { name: fa.submit, exact: true }));
  assert.equal(refused.status(), 422, 'the report is refused');
  assert.equal(path(officer), href);
  const overspend = fa.overspend(remaining, funded);
  assert.ok((await text(officer.locator('main .error-summary'))).includes(overspend), `the error summary: ${await text(officer.locator('main .error-summary'))}`);
  const spentInput = form.getByLabel(fa.spentField);
  assert.equal(await spentInput.getAttribute('aria-invalid'), 'true');
  assert.equal(await text(officer.locator('main #spentRials-error')), overspend, 'the error sits under the amount');
  assert.equal(await form.getByLabel(fa.narrative).inputValue(), REPORT.narrative, 'what was typed is kept');
  assert.deepEqual(await officer.locator('main .report-status .badge').allInnerTexts(), [fa.none], 'nothing was stored: still not sent');
  assert.equal(await text(officer.locator('main section.report-attachments p.empty')), fa.filesAfterSave, 'nor a draft to attach files to');
  await assertNoLatinDigits(officer.locator('main'), 'the refused form');
  await shot(officer, 'report-form-error');

  at('save a draft', officer);
  await spentInput.fill(persianDigits(spend));
  const saved = await navigate(officer, form.getByRole('button', { name: fa.save, exact: true }));
  assert.equal(saved.status(), 200);
  assert.equal(saved.request().redirectedFrom()?.method(), 'POST', 'the draft posts and redirects');
  assert.equal(path(officer), href);
  assert.equal(await flash(officer), fa.savedFlash);
  assert.deepEqual(await officer.locator('main .report-status .badge').allInnerTexts(), [fa.draft]);
  assert.equal(await form.getByLabel(fa.spentField).inputValue(), grouped(spend), 'the amount is stored');
  assert.equal(await form.getByRole('textbox', { name: `${groups[0]}: ${fa.female}`, exact: true }).inputValue(), persianDigits(REPORT.female));
  assert.equal(await form.getByLabel(fa.narrative).inputValue(), REPORT.narrative);

  at('attach a photo', officer);
  const files = officer.locator('main section.report-attachments');
  await files.getByLabel(fa.fileLabel, { exact: true }).setInputFiles({ name: REPORT.file, mimeType: 'image/png', buffer: PNG_BYTES });
  const uploaded = await navigate(officer, files.getByRole('button', { name: fa.upload, exact: true }));
  assert.equal(uploaded.status(), 200);
  assert.equal(path(officer), href);
  assert.equal(new URL(officer.url()).hash, '#files-h');
  assert.equal(await flash(officer), fa.uploaded(REPORT.file));
  const fileItem = officer.locator('main section.report-attachments ul.report-files > li');
  assert.equal(await fileItem.count(), 1);
  assert.equal(await text(fileItem.getByRole('link')), REPORT.file);
  assert.equal(await text(fileItem.locator('.meta')), `(${fa.fileMeta})`);
  const fileHref = (await fileItem.getByRole('link').getAttribute('href')) ?? '';
  const fm = /^\/reports\/(\d+)\/files\/\d+$/.exec(fileHref);
  assert.ok(fm, `the file links to its download: ${fileHref}`);
  shared.reportId = Number(fm[1]);
  const download = await officer.request.get(fileHref);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'image/png');
  assert.deepEqual(Buffer.from(await download.body()), PNG_BYTES, 'the same bytes come back');
  assert.equal((await visitor.request.get(fileHref, { maxRedirects: 0 })).ok(), false, 'a visitor cannot download it');
  await shot(officer, 'report-draft');

  at('submit', officer);
  const sent = await navigate(officer, form.getByRole('button', { name: fa.submit, exact: true }));
  assert.equal(sent.status(), 200);
  assert.equal(path(officer), '/my/reports');
  assert.equal(await flash(officer), fa.submittedFlash(quarter));
  const row = officer.locator('main table tbody tr').filter({ has: officer.locator(`a[href="${href}"]`) });
  assert.equal(await row.count(), 1);
  assert.equal(await text(row.locator('.report-status')), fa.submitted, 'the quarter is sent');
  assert.equal(await text(row.getByRole('link')), fa.view(quarter), 'and no longer editable');
  await shot(officer, 'my-reports-submitted');

  // ---- 3. the secretariat: the queue, oldest first, and the approval ----
  at('secretary signs in', secretary);
  await signIn(secretary, SECRETARY, '/admin/reports');
  await keepSession('secretary', secretary);
  assert.equal(await text(secretary.locator('main h1')), fa.adminTitle);
  assert.equal(await text(secretary.locator('main nav.tabs a[aria-current="page"]')), fa.queueTab);
  const queue = region(secretary, fa.queueTab);
  const queued = await rowsOf(queue);
  assert.ok(queued.length >= 2, `the demo's submitted report and the new one: ${JSON.stringify(queued)}`);
  const mine = queue.locator('tbody tr').filter({ has: secretary.locator(`a[href="/admin/reports/${shared.reportId}"]`) });
  assert.equal(await mine.count(), 1, 'the new report is in the queue');
  const mineIndex = queued.findIndex((r) => r[0]!.startsWith(planTitle) && r[2] === quarter);
  assert.equal(mineIndex, queued.length - 1, 'submitted last, so listed last (oldest submission first)');
  const cells = queued[mineIndex]!;
  assert.equal(cells[1], agencyName);
  assert.ok(cells[3]!.startsWith(longDate(Date.now())), `submitted today: ${cells[3]}`);
  assert.ok(cells[4]!.endsWith(fa.late), `past its due date: ${cells[4]}`);
  assert.equal(cells[5], rials(spend));
  await shot(secretary, 'admin-reports');

  at('the report against its plan', secretary);
  await navigate(secretary, mine.getByRole('link', { name: planTitle }));
  assert.equal(path(secretary), `/admin/reports/${shared.reportId}`);
  assert.equal(await text(secretary.locator('main h1')), fa.formTitle(quarter, planTitle));
  const meta = await secretary.locator('main p.meta .badge').allInnerTexts();
  assert.ok(meta.includes(fa.submitted) && meta.includes(fa.lateTimeliness), `submitted, late: ${meta}`);
  const adminMoney = await pairs(secretary.locator('main dl.report-money'));
  assert.deepEqual(adminMoney, {
    [fa.funded]: rials(funded),
    [fa.before]: rials(approvedBefore),
    [fa.thisQuarter]: rials(spend),
    [fa.remainingAfter]: rials(funded - approvedBefore - spend),
  }, 'spending against the funded amount');
  const people = secretary.locator('main').getByRole('region', { name: fa.beneficiariesCaption(planned, reachedNow), exact: true });
  assert.equal(await people.count(), 1, 'people reached against the plan');
  const peopleRows = await rowsOf(people.locator('table'));
  assert.deepEqual(peopleRows[0]!.slice(0, 5), [groups[0], peopleRows[0]![1], persianDigits(REPORT.female), persianDigits(REPORT.male), persianDigits(REPORT.female + REPORT.male)]);
  assert.ok((await text(secretary.locator('main'))).includes(REPORT.narrative), 'the narrative');
  assert.equal(await text(secretary.locator('main ul.report-files a')), REPORT.file, 'the photo');
  await shot(secretary, 'admin-report');

  at('approve', secretary);
  const decision = secretary.locator('main section.report-decision');
  assert.equal(await text(decision.locator('h2')), fa.decisionTitle);
  const approved = await navigate(secretary, decision.getByRole('button', { name: fa.approve, exact: true }));
  assert.equal(approved.status(), 200);
  assert.equal(path(secretary), '/admin/reports');
  assert.match(await flash(secretary), fa.approvedFlash);
  assert.equal(await secretary.locator(`main a[href="/admin/reports/${shared.reportId}"]`).count(), 0, 'out of the queue');
  await open(secretary, '/admin/reports?tab=approved');
  assert.equal(await secretary.locator(`main a[href="/admin/reports/${shared.reportId}"]`).count(), 1, 'among the approved');
  await open(secretary, `/admin/reports/${shared.reportId}`);
  assert.ok((await secretary.locator('main p.meta .badge').allInnerTexts()).includes(fa.approved), 'the report is approved');
  assert.equal(await secretary.locator('main section.report-decision').count(), 0, 'no decision left to take');
  await shot(secretary, 'admin-report-approved');

  at('the officer\'s list after approval', officer);
  await open(officer, '/my/reports');
  const after = officer.locator('main table tbody tr').filter({ has: officer.locator(`a[href="${href}"]`) });
  assert.equal(await text(after.locator('.report-status')), fa.approved);
  // Once approved there is nothing left for the officer to do: the quarter must not stay flagged
  // «دیرکرد» (that it came late is the secretariat's and the dashboard's to count).
  const flags = await after.locator('.badge').allInnerTexts();
  expectLater(!flags.includes(fa.late), `/my/reports: the approved quarter ${quarter} is still flagged «${fa.late}» (badges: ${flags.join('، ')}; screenshot monitoring-my-reports-approved-${run.width}.png)`);
  await shot(officer, 'my-reports-approved');

  // ---- 4. the public results ----
  at('public plan results after', visitor);
  await open(visitor, `/results/plans/${planId}`);
  const now = await planResults(visitor);
  assert.equal(now.stats[fa.spent], rials(spentBefore + spend), 'spent grows by the quarter\'s spending');
  assert.equal(now.stats[fa.reached], fa.reachedOf(reachedBefore + reachedNow, planned), 'people reached grow by the quarter\'s');
  const progress = Math.round(percents.reduce((a, b) => a + b, 0) / percents.length);
  assert.equal(now.stats[fa.progress], `${persianDigits(progress)}٪`, 'progress is the mean of the activities\' percents');
  const reportRow = now.reports.find((r) => r[0] === quarter);
  assert.ok(reportRow, `the quarter is among the approved reports: ${JSON.stringify(now.reports)}`);
  assert.deepEqual(reportRow, [quarter, longDate(Date.now()), `${persianDigits(progress)}٪`, rials(spend), grouped(reachedNow)]);
  assert.equal(now.reports.length, before.reports.length + 1);
  assert.equal(now.reports.at(-1)![0], quarter, 'in period order');
  assert.ok(now.timeline.includes(`${longDate(Date.now())} ${fa.timelineEntry(quarter)}`), `the timeline: ${now.timeline.join(' | ')}`);
  // The indicators' latest values are this quarter's.
  const indicatorRows2 = await rowsOf(region(visitor, fa.indicatorsTable));
  for (const [i, r] of indicatorRows2.entries()) assert.equal(r[2], `${persianDigits(actuals[i]!)} (${quarter})`, `indicator ${i + 1}: ${r.join(' | ')}`);
  assert.ok(!(await text(visitor.locator('main'))).includes(REPORT.narrative), 'the internal narrative is not published');
  await shot(visitor, 'plan-results');

  at('results hub', visitor);
  await open(visitor, '/results/progress');
  assert.equal(await text(visitor.locator('main h1')), fa.hubTitle);
  const hubRows = await rowsOf(region(visitor, fa.hubPlans));
  const hubRow = hubRows.find((r) => r[0]!.startsWith(planTitle));
  assert.ok(hubRow, `the plan is listed: ${JSON.stringify(hubRows)}`);
  assert.equal(hubRow[3], rials(spentBefore + spend), 'with what it spent');
  assert.equal(hubRow[4], `${persianDigits(progress)}٪`, 'and its progress');
  const bar = region(visitor, fa.hubPlans).locator('tbody tr').filter({ hasText: planTitle }).locator('progress');
  assert.equal(await bar.getAttribute('value'), String(progress), 'the bar shows the same progress');
  await shot(visitor, 'results-hub');

  // The plan's first place, and the city it lies in (the place page's breadcrumbs).
  at('the plan\'s place', visitor);
  await open(visitor, `/results/plans/${planId}`);
  const placeLink = visitor.locator('main section[aria-labelledby="links"] a[href^="/results/places/"]').first();
  const placeHref = (await placeLink.getAttribute('href'))!;
  const placeName = (await text(placeLink)).replace(/^(محله|روستا) /, '');
  await navigate(visitor, placeLink);
  await assertPersianShell(visitor);
  await assertNoLatinDigits(visitor.locator('main'), 'the place\'s results');
  const cityCrumb = visitor.locator('nav.breadcrumbs a[href^="/results/places/"]').filter({ hasText: /^شهر / });
  assert.equal(await cityCrumb.count(), 1, 'the place lies in a city');
  const cityName = (await text(cityCrumb)).replace(/^شهر /, '');
  shared.cityId = Number(/(\d+)$/.exec((await cityCrumb.getAttribute('href'))!)![1]);

  at('neighbourhood map', visitor);
  await open(visitor, `/results/map?layer=neighborhood&city=${shared.cityId}`);
  assert.equal(await text(visitor.locator('main h1')), fa.mapTitle);
  const map = visitor.locator('main figure.map');
  assert.equal(await text(map.locator('figcaption')), fa.neighborhoods(cityName));
  const area = map.locator(`svg a[href="${placeHref}"]`);
  assert.equal(await area.count(), 1, `the plan's place ${placeName} is drawn as a link`);
  const areaLabel = (await area.getAttribute('aria-label')) ?? '';
  assert.match(areaLabel, new RegExp(`^${placeName}: [۰-۹]`), `named with a value in Persian digits: ${areaLabel}`);
  assert.equal(await area.locator('title').evaluate((el) => el.textContent), areaLabel, 'the tooltip says the same');
  const details = map.locator('details.chart-data');
  assert.equal(await details.getAttribute('open'), null, 'the data table starts closed');
  await details.locator('summary').click();
  assert.notEqual(await details.getAttribute('open'), null, 'and opens without script');
  const tableRow = details.locator('tbody tr').filter({ has: visitor.locator(`a[href="${placeHref}"]`) });
  assert.equal(await tableRow.count(), 1, 'the data table lists the place');
  const tableValue = await text(tableRow.locator('td'));
  assert.ok(areaLabel.replace(/\s+/g, ' ').startsWith(`${placeName}: ${tableValue}`), `the same value in the table: ${tableValue} / ${areaLabel}`);
  await shot(visitor, 'map-neighborhoods');

  // ---- 5. the council's dashboard ----
  at('dashboard', council);
  await open(council, '/admin/dashboard');
  assert.equal(await text(council.locator('main h1')), fa.dashTitle);
  assert.deepEqual((await council.locator('main section.dash-section > h2').allInnerTexts()).map((s) => s.trim()), fa.dashSections, 'the six sections');
  assert.deepEqual((await council.locator('main nav.dash-toc a').allInnerTexts()).map((s) => s.trim()), fa.dashSections, 'and their table of contents');
  const dashAfter = await dashboardFigures(council, quarter);
  const [, onTime0, late0, missing0] = dashBefore.row.map((c) => numberIn(c.replace(/٪.*/, '') || '0'));
  const [, onTime1, late1, missing1] = dashAfter.row.map((c) => numberIn(c.replace(/٪.*/, '') || '0'));
  assert.deepEqual([onTime1, late1, missing1], [onTime0, late0! + 1, missing0! - 1], `the quarter counts as late, not missing: before ${dashBefore.row.join(' | ')}, after ${dashAfter.row.join(' | ')}`);
  const reporterBefore = dashBefore.reporters.find((r) => r[0] === agencyName);
  assert.ok(reporterBefore, `the agency was among the late reporters: ${JSON.stringify(dashBefore.reporters)}`);
  const reporterAfter = dashAfter.reporters.find((r) => r[0] === agencyName);
  assert.ok(reporterAfter, `and still is, for a late report: ${JSON.stringify(dashAfter.reporters)}`);
  assert.deepEqual(reporterAfter.slice(1).map(numberIn), [numberIn(reporterBefore[1]!) - 1, numberIn(reporterBefore[2]!) + 1], 'one missing fewer, one late more');
  await council.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await shot(council, 'dashboard');
}

async function phone(person: Person, shot: Shot, at: At): Promise<void> {
  const { planId, cityId, cookies } = shared;
  assert.ok(planId && cityId && cookies.council, 'the first run filed the report and kept the council member\'s session');
  const [visitor, council] = await Promise.all([person(), person('council')]);

  at('results hub on a phone', visitor);
  await open(visitor, '/results/progress');
  assert.equal(await text(visitor.locator('main h1')), fa.hubTitle);
  await shot(visitor, 'results-hub');

  at('plan results on a phone', visitor);
  await open(visitor, `/results/plans/${planId}`);
  assert.ok((await planResults(visitor)).reports.some((r) => r[0] === seasonOf(shared.period!)), 'the approved quarter is listed');
  await shot(visitor, 'plan-results');

  at('map on a phone', visitor);
  await open(visitor, `/results/map?layer=neighborhood&city=${cityId}`);
  const map = visitor.locator('main figure.map');
  assert.ok((await map.locator('svg a[href^="/results/places/"]').count()) > 0, 'the neighbourhoods are links');
  // The map scales down to the phone's width.
  const [svgWidth, mainWidth] = await Promise.all([
    map.locator('svg').evaluate((el) => (el as any).getBoundingClientRect().width as number),
    visitor.locator('main').evaluate((el) => (el as any).getBoundingClientRect().width as number),
  ]);
  assert.ok(svgWidth <= mainWidth + 1, `the map fits: ${svgWidth}px in ${mainWidth}px`);
  await map.locator('details.chart-data summary').click();
  await shot(visitor, 'map-neighborhoods');

  at('county map on a phone', visitor);
  await open(visitor, '/results/map');
  await shot(visitor, 'map-counties');

  at('dashboard on a phone', council);
  await open(council, '/admin/dashboard');
  assert.equal(await text(council.locator('main h1')), fa.dashTitle);
  await shot(council, 'dashboard');
}

browserSuite('monitoring: a progress report filed, approved and published, and the council dashboard, in a real browser', runs, flow, { timeoutMs: 120_000 });
