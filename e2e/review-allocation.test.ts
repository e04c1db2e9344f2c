// Browser test of expert review and budget allocation (issue #4), on the demo data, JavaScript off
// at 1280×800: the demo council member finishes their draft review of the first public demo plan
// and sends it; the secretariat reads the combined scores and approves the plan; the second demo
// plan in review gets the demo expert and council member as reviewers, both accept and send a
// review, and it is approved too; the secretariat runs an allocation of the call's approved plans,
// reads every plan's explanation and the spending charts, commits and publishes it; a visitor reads
// the result with its explanations at /results and downloads the `.pb` file.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { browserSuite, newContext, screenshot, screenshotDir, type RunningApp, path, text, assertPersianShell, assertNoLatinDigits,
} from './support.ts';

const SECRETARY = { email: 'secretary@mahalle.local', password: 'mahalle-secretary-demo' };
const EXPERT = { email: 'expert@mahalle.local', password: 'mahalle-expert-demo' };
const COUNCIL = { email: 'council@mahalle.local', password: 'mahalle-council-demo' };

// The two public demo plans in review, titles as the app shows them.
const PLAN_A = 'پیشگیری از اعتیاد نوجوانان محلهٔ مینودر';
const PLAN_B = 'توانمندسازی اقتصادی زنان سرپرست خانوار پونک';

// Texts typed into forms are written without Persian diacritics (ٔ) or digits, which the app
// normalises before storing, so what is typed is exactly what the page shows.
//
// Expected Persian texts, written out here rather than imported from the message catalogue so
// that a changed message is noticed.
const fa = {
  emailLabel: 'نشانی رایانامه',
  passwordLabel: 'گذرواژه',
  login: 'ورود',
  workspaceTitle: 'داوری‌های من',
  formTitle: 'فرم داوری',
  draftAt: 'پیش‌نویس ذخیره‌شده در',
  score: {
    '0': '۰ — اطلاعات بیشتر لازم است',
    '1': '۱ — ضعیف',
    '2': '۲ — نه چندان خوب',
    '3': '۳ — قابل قبول',
    '4': '۴ — خوب',
    '5': '۵ — عالی',
    na: 'موضوعیت ندارد',
  } as Record<string, string>,
  recommendationYes: 'بله، پشتیبانی شود',
  overallComment: 'توضیح کلی',
  sendReview: 'فرستادن داوری',
  sent: 'داوری شما فرستاده شد. سپاس.',
  yourReview: 'داوری شما',
  recommendationLine: 'پیشنهاد: بله، پشتیبانی شود',
  statusSubmitted: 'فرستاده شد',
  noConflict: 'با دستگاه این طرح تعارض منافع ندارم',
  accept: 'می‌پذیرم',
  accepted: 'درخواست را پذیرفتید؛ اکنون می‌توانید طرح را داوری کنید.',
  reviewListTitle: 'داوری طرح‌ها',
  aggregateCaption: 'امتیاز هر معیار (۰ تا ۵) و میانهٔ آن',
  blocksCaption: 'میانگین محورها',
  thresholdsPass: 'همهٔ محورها به ۲٫۵ رسیده‌اند.',
  commentsTitle: 'توضیح داوران',
  twoOfTwo: '۲ از ۲',
  assignSubmit: 'فرستادن درخواست داوری',
  assignedTwo: 'درخواست داوری برای ۲ داور فرستاده شد.',
  expertName: 'کارشناس دانشگاهی (نمونه)',
  councilName: 'عضو ستاد (نمونه)',
  outcomeApproved: 'تصویب',
  reasonsLabel: 'دلایل تصمیم',
  determineSubmit: 'ثبت تصمیم',
  approvedFlash: 'تصمیم «تصویب» ثبت شد و به دستگاه اجرایی خبر داده شد.',
  planStatusLabel: 'وضعیت طرح',
  statusApproved: 'تأییدشده',
  closed: 'این طرح در مرحلهٔ داوری نیست؛ انتخاب داور و ثبت تصمیم ممکن نیست.',
  allocationTitle: 'تخصیص بودجهٔ «',
  approvedPlansCaption: 'طرح‌های تصویب‌شده',
  methodOptimal: 'بیشترین ارزش کل با رعایت قیدها',
  preview: 'پیش‌نمایش تخصیص',
  statusDraft: 'پیش‌نمایش',
  explainCaption: 'چرا هر طرح تأمین شد یا نشد',
  selected: 'تأمین شد',
  whyOptimalSelected: 'در ترکیبی که با رعایت قیدها بیشترین ارزش کل را می‌دهد جای دارد و تأمین شد.',
  chartCounty: 'خرج به تفکیک شهرستان',
  chartHarm: 'خرج به تفکیک آسیب اجتماعی',
  chartTarget: 'خرج به تفکیک گروه هدف',
  harms: ['اعتیاد', 'زنان سرپرست خانوار', 'فقر و بیکاری'],
  targets: ['نوجوانان', 'خانواده‌ها', 'زنان سرپرست خانوار', 'کودکان'],
  commitConfirm: 'نتیجه و دلیل‌ها را خوانده‌ام و تأمین این طرح‌ها را تأیید می‌کنم.',
  commitButton: 'قطعی کردن',
  committedTwo: 'تخصیص قطعی شد؛ ۲ طرح تأمین شد.',
  statusCommitted: 'قطعی',
  publishButton: 'انتشار در صفحهٔ نتایج',
  published: 'نتیجه در صفحهٔ نتایج منتشر شد.',
  statusPublished: 'منتشرشده',
  publicLink: 'دیدن در صفحهٔ نتایج',
  resultsTitle: 'نتایج تخصیص بودجه',
  resultTitle: 'نتیجهٔ تخصیص «',
  pbDownload: 'دریافت پروندهٔ بازمحاسبه',
};


/** The flash message at the top of <main>. */
async function flash(page: Page): Promise<string> {
  return text(page.locator('main > .flash').first());
}

/** Clicks something that submits a form or follows a link, waits for the new document and checks its shell. */
async function navigate(page: Page, target: Locator, status = 200): Promise<Response> {
  const [response] = await Promise.all([page.waitForNavigation(), target.click()]);
  assert.ok(response, 'the click should load a new document');
  assert.equal(response.status(), status, `${response.request().method()} → ${page.url()}`);
  await assertPersianShell(page);
  return response;
}

/** Opens a page with goto and checks the answer and the Persian shell. */
async function open(page: Page, url: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), status, `GET ${url}`);
  await assertPersianShell(page);
}

async function login(page: Page, who: { email: string; password: string }): Promise<void> {
  await open(page, '/login');
  const form = page.locator('form[action="/login/password"]');
  await form.getByLabel(fa.emailLabel).fill(who.email);
  await form.getByLabel(fa.passwordLabel).fill(who.password);
  await navigate(page, form.getByRole('button', { name: fa.login, exact: true }));
  assert.notEqual(path(page), '/login', `${who.email} is signed in`);
}

/** A table by its caption. */
const table = (scope: Page | Locator, caption: string) => scope.locator('table').filter({ has: scope.locator('caption', { hasText: caption }) });

/** The link to a plan's page in a list, by the plan's title. */
async function hrefOf(page: Page, title: string, prefix: string): Promise<string> {
  const link = page.locator(`main a[href^="${prefix}"]`).filter({ hasText: title });
  assert.equal(await link.count(), 1, `one link to «${title}» under ${prefix}`);
  return (await link.getAttribute('href'))!;
}

/**
 * Scores every criterion of the open review form: `na` for the criteria listed in `notApplicable`,
 * else the score given for it or `fallback`; then the recommendation and an overall comment.
 * Returns the criterion keys of the form.
 */
async function fillReview(page: Page, o: { scores?: Record<string, string>; fallback: string; notApplicable: string[]; comment: string }): Promise<string[]> {
  const form = page.locator('main form[action^="/reviews/"]').filter({ has: page.getByRole('button', { name: fa.sendReview }) });
  const groups = form.locator('fieldset[id^="score_"]');
  const keys: string[] = [];
  for (const g of await groups.all()) keys.push((await g.getAttribute('id'))!.replace(/^score_/, ''));
  assert.ok(keys.length >= 10, `the form scores the rubric's criteria: ${keys.join(', ')}`);
  for (const k of keys) {
    const value = o.notApplicable.includes(k) ? 'na' : (o.scores?.[k] ?? o.fallback);
    await form.locator(`fieldset#score_${k}`).getByLabel(fa.score[value]!, { exact: true }).check();
  }
  await form.locator('fieldset#recommendation').getByLabel(fa.recommendationYes, { exact: true }).check();
  await form.getByLabel(new RegExp(`^${fa.overallComment}`)).fill(o.comment);
  return keys;
}

/** Sends the open review form and checks the flash and the read-only review. */
async function sendReview(page: Page, keys: string[], notApplicable: string[]): Promise<void> {
  const assignmentPath = path(page);
  await navigate(page, page.getByRole('button', { name: fa.sendReview }));
  assert.equal(path(page), assignmentPath, 'back on the assignment after sending');
  assert.equal(await flash(page), fa.sent);
  assert.equal(await page.locator('main form[action^="/reviews/"]').count(), 0, 'no form once the review is sent');
  assert.equal(await page.locator('main input[type="radio"]').count(), 0, 'no score to change');
  assert.equal(await text(page.locator('#submitted-title')), fa.yourReview);
  const rows = table(page, fa.yourReview).locator('tbody tr');
  assert.equal(await rows.count(), keys.length, 'every criterion is listed in the sent review');
  const naRows = rows.filter({ hasText: fa.score.na });
  assert.equal(await naRows.count(), notApplicable.length, 'the criteria marked N/A read «موضوعیت ندارد»');
  assert.ok((await text(page.locator('main'))).includes(fa.recommendationLine), 'the recommendation is shown');
  assert.equal(await text(page.locator('main dl.kv .badge').first()), fa.statusSubmitted);
}

/** Accepts a request to review (no conflict of interest) from /reviews. */
async function acceptAssignment(page: Page, title: string): Promise<void> {
  await open(page, '/reviews');
  await navigate(page, page.locator('main table a').filter({ hasText: title }));
  assert.match(path(page), /^\/reviews\/\d+$/);
  const acceptButton = page.getByRole('button', { name: fa.accept, exact: true });
  const accept = page.locator('form[action$="/respond"]').filter({ has: acceptButton });
  await accept.getByLabel(fa.noConflict).check();
  await navigate(page, accept.getByRole('button', { name: fa.accept, exact: true }));
  assert.equal(await flash(page), fa.accepted);
  assert.equal(await text(page.locator('#form-title')), fa.formTitle);
}

/** Records «تصویب» on /admin/reviews/:id and checks the plan left review as approved. */
async function approve(page: Page, reasons: string): Promise<void> {
  const form = page.locator('main form[action$="/determine"]');
  await form.locator('fieldset#outcome').getByLabel(fa.outcomeApproved, { exact: true }).check();
  await form.getByLabel(fa.reasonsLabel).fill(reasons);
  const planPath = path(page);
  await navigate(page, form.getByRole('button', { name: fa.determineSubmit }));
  assert.equal(path(page), planPath);
  assert.equal(await flash(page), fa.approvedFlash);
  const status = page.locator('main dl.kv > div').filter({ has: page.locator('dt', { hasText: fa.planStatusLabel }) }).locator('dd');
  assert.equal(await text(status), fa.statusApproved);
  assert.ok((await text(page.locator('main'))).includes(fa.closed), 'the page says review is over for this plan');
  assert.equal(await page.locator('main form[action$="/determine"], main form[action$="/assign"]').count(), 0, 'no more forms');
  assert.ok((await text(page.locator('main ul.timeline'))).includes(reasons), 'the determination and its reasons are listed');
}

/** What is shown in an element, less its code (file names and commands are not Persian text). */
async function shownWithoutCode(locator: Locator): Promise<string> {
  let shown = await text(locator);
  for (const code of await locator.locator('code').all()) shown = shown.replace(await text(code), ' ');
  return shown;
}

async function flow(browser: Browser, app: RunningApp): Promise<void> {
  // Four people, each with their own cookies.
  const contexts: BrowserContext[] = await Promise.all(
    [1, 2, 3, 4].map(() => newContext(browser, { width: 1280, height: 800, javaScript: false, baseURL: app.baseURL })),
  );
  const [council, secretary, expert, visitor] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page, Page];
  const shot = (page: Page, name: string) => screenshot(page, `review-allocation-${name}`);
  let step = 'start';
  let current = council;
  const at = (name: string, page: Page) => {
    step = name;
    current = page;
  };
  try {
    // ---- 1. the council member finishes the draft review of plan A and sends it ----
    at('council member signs in', council);
    await login(council, COUNCIL);
    await open(council, '/reviews');
    assert.equal(await text(council.locator('main h1')), fa.workspaceTitle);
    const workspaceLink = council.locator('main table a').filter({ hasText: PLAN_A });
    assert.equal(await workspaceLink.count(), 1, 'plan A is in the workspace');

    at('the draft review of plan A', council);
    await navigate(council, workspaceLink);
    assert.match(path(council), /^\/reviews\/\d+$/);
    assert.equal(await text(council.locator('#form-title')), fa.formTitle);
    assert.ok((await text(council.locator('main'))).includes(fa.draftAt), 'the page says when the draft was saved');
    // The demo draft scored T1 and T2 «۴»; nothing else.
    for (const k of ['T1', 'T2']) {
      assert.equal(await council.locator(`input[name="score_${k}"][value="4"]`).isChecked(), true, `the draft score of ${k} is kept`);
    }
    assert.equal(await council.locator('input[name="score_T3"]:checked').count(), 0, 'an unscored criterion is left empty');

    at('score plan A', council);
    const councilNa = ['E5'];
    const keysA = await fillReview(council, {
      scores: { T2: '5', E1: '5', J1: '5' }, fallback: '4', notApplicable: councilNa,
      comment: 'طرح نیاز محله را با آمار نشان داده و برنامهٔ پایش روشنی دارد؛ سهم مشارکت شهرداری را دقیق‌تر بنویسید.',
    });
    await council.locator('fieldset#score_E5').scrollIntoViewIfNeeded();
    await shot(council, 'review-form');
    at('send the review of plan A', council);
    await sendReview(council, keysA, councilNa);

    // ---- 2. the secretariat reads the combined scores and approves plan A ----
    at('secretary signs in', secretary);
    await login(secretary, SECRETARY);
    await open(secretary, '/admin/reviews');
    assert.equal(await text(secretary.locator('main h1')), fa.reviewListTitle);
    const hrefA = await hrefOf(secretary, PLAN_A, '/admin/reviews/');
    const hrefB = await hrefOf(secretary, PLAN_B, '/admin/reviews/');
    assert.match(hrefA, /^\/admin\/reviews\/\d+$/);
    assert.equal(hrefA, '/admin/reviews/1', 'plan A is the first public demo plan');

    at('the aggregate of plan A', secretary);
    await navigate(secretary, secretary.locator(`main a[href="${hrefA}"]`));
    const factsA = await text(secretary.locator('main dl.kv').first());
    assert.ok(factsA.includes(fa.twoOfTwo), `two of two reviews sent: ${factsA}`);
    const aggregate = table(secretary, fa.aggregateCaption);
    const headers = (await aggregate.locator('thead th').allInnerTexts()).map((h) => h.trim());
    assert.ok(headers.includes(fa.expertName) && headers.includes(fa.councilName), `a column per reviewer: ${headers.join(' | ')}`);
    const rows = aggregate.locator('tbody tr');
    assert.equal(await rows.count(), keysA.length, 'a row per criterion');
    const medians = (await rows.locator('td:last-child').allInnerTexts()).map((m) => m.trim());
    // E5 was N/A for both reviewers: no median («—»); every other median is a number in Persian digits.
    for (const m of medians) assert.match(m, /^([۰-۹]+(٫[۰-۹])?|—)$/, `a median in Persian digits: «${m}»`);
    assert.equal(medians.filter((m) => m !== '—').length, keysA.length - 1, 'a median for every criterion but the N/A one');
    const rowOf = (label: string) => rows.filter({ has: secretary.locator('td:first-child', { hasText: label }) });
    // T4: the expert gave ۳ and the council member ۴; T2: ۵ and ۵.
    assert.equal((await rowOf('مشارکت ساکنان در طراحی طرح').locator('td:last-child').innerText()).trim(), '۳٫۵', 'the median of ۳ and ۴');
    assert.equal((await rowOf('دقت در تعیین گروه هدف').locator('td:last-child').innerText()).trim(), '۵', 'the median of ۵ and ۵');
    assert.equal((await rowOf('خطرها و پیش‌فرض‌ها').locator('td:last-child').innerText()).trim(), '—', 'no median for a criterion both marked N/A');
    assert.equal(await text(secretary.locator('main dl.kv').nth(1).locator('dd').nth(1)), fa.thresholdsPass);
    assert.equal(await secretary.locator('section[aria-labelledby="review-comments-title"] article').count(), 2, 'two reviews with their comments');
    await assertNoLatinDigits(secretary.locator('main'), 'the aggregate page');
    await shot(secretary, 'aggregate');

    at('approve plan A', secretary);
    await approve(secretary, 'دو داور طرح را در هر سه محور بالاتر از آستانه ارزیابی کرده‌اند؛ طرح برای تخصیص بودجه تصویب شد.');

    // ---- 3. plan B: two reviewers, two reviews, approval ----
    at('assign reviewers to plan B', secretary);
    await open(secretary, hrefB);
    const assign = secretary.locator('main form[action$="/assign"]');
    const reviewers = assign.locator('fieldset#reviewers');
    await reviewers.locator('label').filter({ hasText: fa.expertName }).locator('input').check();
    await reviewers.locator('label').filter({ hasText: fa.councilName }).locator('input').check();
    const due = await assign.locator('input[name="due"]').inputValue();
    assert.match(due, /^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}$/, `the default due date is a Jalali date in Persian digits: ${due}`);
    await navigate(secretary, assign.getByRole('button', { name: fa.assignSubmit }));
    assert.equal(path(secretary), hrefB);
    assert.equal(await flash(secretary), fa.assignedTwo);
    const assigned = await text(table(secretary, 'داوران این طرح').locator('tbody'));
    assert.ok(assigned.includes(fa.expertName) && assigned.includes(fa.councilName), `both reviewers are listed: ${assigned}`);

    at('the expert signs in, accepts and reviews plan B', expert);
    await login(expert, EXPERT);
    await acceptAssignment(expert, PLAN_B);
    const keysB = await fillReview(expert, {
      fallback: '4', notApplicable: ['J3'], scores: { T1: '5', E2: '3' },
      comment: 'زنان سرپرست خانوار و کودکانشان به‌درستی هدف گرفته شده‌اند؛ برنامهٔ پایش کسب‌وکارها باید دقیق‌تر شود.',
    });
    await sendReview(expert, keysB, ['J3']);

    at('the council member accepts and reviews plan B', council);
    await acceptAssignment(council, PLAN_B);
    await fillReview(council, { fallback: '5', notApplicable: [], scores: { E3: '4' }, comment: 'طرح با شواهد روشن و مشارکت خیران محله نوشته شده است.' });
    await sendReview(council, keysB, []);

    at('approve plan B', secretary);
    await open(secretary, hrefB);
    assert.ok((await text(secretary.locator('main dl.kv').first())).includes(fa.twoOfTwo), 'two of two reviews sent');
    await approve(secretary, 'هر دو داور طرح را پشتیبانی کرده‌اند و میانگین تمام محورها از آستانه بالاتر است.');

    // ---- 4. the allocation: preview, explanations, charts, commit, publish ----
    at('the call\'s allocation page', secretary);
    await open(secretary, '/admin/calls');
    const callIds: string[] = [];
    for (const a of await secretary.locator('main a[href^="/admin/calls/"]').all()) {
      const id = /^\/admin\/calls\/(\d+)$/.exec((await a.getAttribute('href')) ?? '')?.[1];
      if (id) callIds.push(id);
    }
    // This year's call and last year's (its plans funded, reporting progress): the one with plan A.
    assert.equal(callIds.length, 2, `two calls in the demo: ${callIds.join(', ')}`);
    const withPlanA: string[] = [];
    for (const id of callIds) {
      await open(secretary, `/admin/calls/${id}/allocation`);
      if ((await text(secretary.locator('main'))).includes(PLAN_A)) withPlanA.push(id);
    }
    assert.equal(withPlanA.length, 1, `plan A is in one call: ${withPlanA.join(', ')}`);
    const callId = withPlanA[0]!;
    await open(secretary, `/admin/calls/${callId}/allocation`);
    assert.ok((await text(secretary.locator('main h1'))).startsWith(fa.allocationTitle));
    const approvedRows = await table(secretary, fa.approvedPlansCaption).locator('tbody tr').allInnerTexts();
    assert.equal(approvedRows.length, 2, 'both approved plans are listed');
    assert.ok(approvedRows.some((r) => r.includes(PLAN_A)) && approvedRows.some((r) => r.includes(PLAN_B)));
    const form = secretary.locator('main form#form');
    const budget = await form.locator('input[name="budget"]').inputValue();
    assert.notEqual(budget, '', 'the budget defaults to the call\'s');
    await form.locator('fieldset#method').getByLabel(fa.methodOptimal, { exact: true }).check();

    at('preview the allocation', secretary);
    await navigate(secretary, form.getByRole('button', { name: fa.preview }));
    const roundId = /^\/admin\/allocation\/(\d+)$/.exec(path(secretary))?.[1];
    assert.ok(roundId, `redirected to the round: ${secretary.url()}`);
    assert.equal(await text(secretary.locator('main .place-header .badge')), fa.statusDraft);
    await assertExplanations(secretary, false);
    await assertCharts(secretary);
    await assertNoLatinDigits(secretary.locator('main'), 'the round page');
    await shot(secretary, 'round');

    at('commit the allocation', secretary);
    const commit = secretary.locator(`main form[action="/admin/allocation/${roundId}/commit"]`);
    await commit.getByLabel(fa.commitConfirm).check();
    await navigate(secretary, commit.getByRole('button', { name: fa.commitButton, exact: true }));
    assert.equal(path(secretary), `/admin/allocation/${roundId}`);
    assert.equal(await flash(secretary), fa.committedTwo);
    assert.equal(await text(secretary.locator('main .place-header .badge')), fa.statusCommitted);

    at('publish the allocation', secretary);
    await navigate(secretary, secretary.getByRole('button', { name: fa.publishButton }));
    assert.equal(await flash(secretary), fa.published);
    assert.equal(await text(secretary.locator('main .place-header .badge')), fa.statusPublished);
    assert.equal(await secretary.getByRole('link', { name: fa.publicLink }).getAttribute('href'), `/results/${roundId}`);

    // ---- 5. a visitor reads the result ----
    at('public results list', visitor);
    await open(visitor, '/results');
    assert.equal(await text(visitor.locator('main h1')), fa.resultsTitle);
    const resultLink = visitor.locator(`main table a[href="/results/${roundId}"]`);
    assert.equal(await resultLink.count(), 1, 'the round is listed');
    await assertNoLatinDigits(visitor.locator('main'), 'the results list');

    at('public result', visitor);
    await navigate(visitor, resultLink);
    assert.equal(path(visitor), `/results/${roundId}`);
    assert.ok((await text(visitor.locator('main h1'))).startsWith(fa.resultTitle));
    await assertExplanations(visitor, true);
    await assertCharts(visitor);
    const shown = await shownWithoutCode(visitor.locator('main'));
    assert.doesNotMatch(shown, /[0-9]/, `no Latin digits on the result page: ${shown.match(/.{0,40}[0-9].{0,40}/)?.[0]}`);
    await shot(visitor, 'results');

    at('download the .pb file', visitor);
    const download = visitor.getByRole('link', { name: fa.pbDownload });
    const pbHref = await download.getAttribute('href');
    assert.equal(pbHref, `/results/${roundId}.pb`);
    const pb = await visitor.request.get(pbHref!);
    assert.equal(pb.status(), 200, `GET ${pbHref}`);
    assert.match(pb.headers()['content-type'] ?? '', /^text\/plain\b/);
    const pbText = await pb.text();
    assert.ok(pbText.startsWith('META'), `the file starts with META: ${JSON.stringify(pbText.slice(0, 40))}`);
    assert.match(pbText, /\nPROJECTS\n/, 'the file lists the projects');
  } catch (err) {
    // Keep a picture of where it went wrong.
    await screenshot(current, `failure-review-allocation-${step.replace(/\W+/g, '-')}`).catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    const log = app.output().trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `step «${step}» failed at ${current.url()}: ${message}\n(screenshot in ${screenshotDir})` + (log ? `\napp output (last lines):\n${log}` : ''),
      { cause: err },
    );
  } finally {
    for (const c of contexts) await c.close();
  }
}

/** Both approved plans are in the explanations table, funded, each with the optimal method's reason. */
async function assertExplanations(page: Page, publicPage: boolean): Promise<void> {
  const rows = table(page, fa.explainCaption).locator('tbody tr');
  assert.equal(await rows.count(), 2, 'a row per approved plan');
  for (const title of [PLAN_A, PLAN_B]) {
    const row = rows.filter({ hasText: title });
    assert.equal(await row.count(), 1, `«${title}» is explained`);
    const cells = row.locator('td');
    assert.equal(await text(cells.nth(5)), fa.selected, `«${title}» is funded`);
    assert.equal(await text(cells.nth(6)), fa.whyOptimalSelected, `the reason «${title}» was funded`);
    assert.equal(await cells.nth(1).locator('a[href^="/plans/"]').count(), publicPage ? 1 : 0, 'plans link to their public page on /results');
  }
}

/** Spending by county, harm and target group, each a table of rows with Persian amounts. */
async function assertCharts(page: Page): Promise<void> {
  const rowsOf = async (caption: string) => (await table(page, caption).locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  const counties = await rowsOf(fa.chartCounty);
  assert.ok(counties.length >= 1, 'spending by county has rows');
  const harms = await rowsOf(fa.chartHarm);
  for (const h of fa.harms) assert.ok(harms.some((r) => r.startsWith(h)), `spending on «${h}»: ${harms.join(' / ')}`);
  const targets = await rowsOf(fa.chartTarget);
  for (const g of fa.targets) assert.ok(targets.some((r) => r.startsWith(g)), `spending on «${g}»: ${targets.join(' / ')}`);
  for (const r of [...counties, ...harms, ...targets]) assert.match(r, /تومان/, `an amount in tomans: ${r}`);
}

browserSuite('expert review and budget allocation in a real browser', [{ label: 'review, approve, allocate, publish (JavaScript off, 1280×800)' }], (browser, app) => flow(browser, app), { timeoutMs: 120000 });
