// Browser test of comments on a public plan (issue #5), on the demo data: a citizen registers,
// comments on /plans/1 (the first comment is held for a moderator), is refused in Persian for a
// Finglish comment with the text kept in the form, the demo moderator approves the held comment
// from /admin/moderation and visitors then see it; trusted now, the citizen answers a demo
// comment and the reply is published at once under its parent. With JavaScript the captcha's
// proof of work is solved in the background and the question is never answered; without it the
// arithmetic question is read from its label and answered (once in Persian digits).
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  browserSuite, latestOtp, newContext, screenshot, screenshotDir, type RunningApp, path, navigate, text, assertPersianShell, assertNoLatinDigits,
} from './support.ts';

type Run = {
  label: string;
  javaScript: boolean;
  width: number;
  height: number;
  /** A different citizen per run: each registration creates a new person. */
  mobile: string;
  name: string;
  comment: string;
  /** The first words of the demo comment answered, and the answer. */
  parentText: string;
  reply: string;
  /** How the moderator approves: the button on the comment's card, or its checkbox and the bulk button. */
  approveWith: 'card' | 'bulk';
};

// Comment texts are written without Persian diacritics (ٔ, ً) or digits, which the app
// normalises before storing, so what is typed is exactly what the thread shows.
const runs: Run[] = [
  {
    label: 'JavaScript on, 360×740',
    javaScript: true,
    width: 360,
    height: 740,
    mobile: '09125550101',
    name: 'مریم حسینی',
    comment: 'کارگاه‌های مهارت نه‌گفتن برای نوجوانان محله مینودر خیلی لازم است؛ لطفا جلسات والدین را هم عصرها بگذارید.',
    parentText: 'اگر کلاس‌های مهارت زندگی عصرها',
    reply: 'با این پیشنهاد موافقم؛ برگزاری کارگاه‌ها در سرای محله برای نوجوانان و خانواده‌ها راحت‌تر است.',
    approveWith: 'card',
  },
  {
    label: 'JavaScript off, 1280×800 (fallback captcha)',
    javaScript: false,
    width: 1280,
    height: 800,
    mobile: '09125550102',
    name: 'رضا مرادی',
    comment: 'مشاوره فردی برای نوجوانانی که در معرض اعتیاد هستند بسیار مهم است و مدارس محله باید همکاری کنند.',
    parentText: 'پارسال هم طرح مشابهی در محله',
    reply: 'من هم موافقم؛ گزارش نتیجه کارگاه‌ها و مشاوره نوجوانان باید برای ساکنان محله منتشر شود.',
    approveWith: 'bulk',
  },
];

const MODERATOR = { email: 'moderator@mahalle.local', password: 'mahalle-moderator-demo' };
const PLAN = '/plans/1';
const FINGLISH = 'salam, in tarh kheili khoobe vali bayad zoodtar shoroo beshe';

// Expected Persian texts, written out here rather than imported from the message catalogue so
// that a changed message is noticed.
const fa = {
  nameLabel: 'نام و نام خانوادگی',
  mobileLabel: 'شمارهٔ تلفن همراه',
  sendCode: 'دریافت کد تأیید',
  codeLabel: 'کد تأیید',
  verifySubmit: 'تأیید و ورود',
  welcome: 'خوش آمدید!',
  emailLabel: 'نشانی رایانامه',
  passwordLabel: 'گذرواژه',
  login: 'ورود',
  bodyLabel: 'متن نظر',
  submit: 'فرستادن نظر',
  captchaDone: 'تأیید شد؛ نیازی به پاسخ نیست.',
  heldNewUser: 'سپاس! نخستین نظر هر کاربر پیش از انتشار بررسی می‌شود؛ نظر شما پس از تأیید ناظر منتشر خواهد شد.',
  waiting: 'در انتظار بررسی؛ فقط شما آن را می‌بینید',
  finglish: 'لطفاً نظر خود را با حروف فارسی بنویسید؛ فارسی با حروف لاتین (فینگلیش) منتشر نمی‌شود.',
  newCommentTitle: 'نوشتن نظر',
  moderationTitle: 'بررسی نظرها',
  approveOne: 'تأیید همین نظر',
  approveSelected: 'تأیید و انتشار انتخاب‌شده‌ها',
  approved: 'تصمیم ثبت شد: ۱ نظر تأیید شد.',
  reply: 'پاسخ',
  replyTitle: 'پاسخ به نظر',
  replyTo: 'در پاسخ به نظر',
  replyPublished: 'پاسخ شما منتشر شد.',
};

const persianDigits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const asciiDigits = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

async function flash(page: Page): Promise<string> {
  return text(page.locator('main .flash').first());
}

/** The number in «نظرها (۴)». */
async function publishedCount(page: Page): Promise<number> {
  const heading = await text(page.locator('#comments-heading'));
  const m = /\(([۰-۹]+)\)/.exec(heading);
  assert.ok(m, `the thread heading shows the published count in Persian digits: ${heading}`);
  return Number(asciiDigits(m[1]!));
}

/** Opens a page with goto and checks the answer and the Persian shell. */
async function open(page: Page, url: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), status, `GET ${url}`);
  await assertPersianShell(page);
}

/**
 * Gets the form's captcha through. With JavaScript: waits for the proof of work to be solved and
 * the question to be hidden, and answers nothing. Without: reads «۷ به‌علاوهٔ ۵ چند می‌شود؟»
 * from the question's label and types the answer, in Persian or ASCII digits.
 */
async function passCaptcha(form: Locator, run: Run, digits: 'persian' | 'ascii'): Promise<void> {
  const question = form.locator('[data-captcha-question]');
  const status = form.locator('[data-captcha-status]');
  if (run.javaScript) {
    await form.locator('fieldset.captcha[data-altcha-state="done"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await text(status), fa.captchaDone, 'the captcha status says it was solved automatically');
    assert.equal(await question.isHidden(), true, 'the arithmetic question is hidden once solved');
    assert.notEqual(await form.locator('input[name="altcha"]').inputValue(), '', 'the solution is in the form');
    assert.equal(await form.locator('input[name="captcha_answer"]').inputValue(), '', 'the question is left unanswered');
    return;
  }
  assert.equal(await question.isVisible(), true, 'without JavaScript the question is shown');
  assert.equal(await text(status), '', 'without JavaScript no status is announced');
  const label = await text(question.locator('label'));
  const m = /^([۰-۹]+) (به‌علاوهٔ|منهای) ([۰-۹]+) چند می‌شود؟$/.exec(label);
  assert.ok(m, `the question is arithmetic in Persian digits: ${label}`);
  const a = Number(asciiDigits(m[1]!));
  const b = Number(asciiDigits(m[3]!));
  const answer = String(m[2] === 'منهای' ? a - b : a + b);
  await form.getByLabel(label).fill(digits === 'persian' ? persianDigits(answer) : answer);
}

async function register(page: Page, app: RunningApp, run: Run): Promise<void> {
  await open(page, '/register');
  await page.getByLabel(fa.nameLabel).fill(run.name);
  await page.getByLabel(fa.mobileLabel).fill(run.mobile);
  const toVerify = await navigate(page, page.getByRole('button', { name: fa.sendCode }));
  assert.equal(toVerify.status(), 200);
  assert.equal(path(page), '/verify');
  await assertPersianShell(page);
  await page.getByLabel(fa.codeLabel).fill(latestOtp(app.databaseFile, run.mobile));
  const toProfile = await navigate(page, page.getByRole('button', { name: fa.verifySubmit }));
  assert.equal(toProfile.status(), 200);
  assert.equal(path(page), '/profile');
  await assertPersianShell(page);
  assert.ok((await flash(page)).startsWith(fa.welcome), 'the citizen is signed in');
}

async function flow(browser: Browser, app: RunningApp, run: Run): Promise<void> {
  // Three people, each with their own cookies: the citizen, a visitor who is not signed in, the moderator.
  const contexts: BrowserContext[] = await Promise.all(
    [1, 2, 3].map(() => newContext(browser, { width: run.width, height: run.height, javaScript: run.javaScript, baseURL: app.baseURL })),
  );
  const [citizen, visitor, moderator] = await Promise.all(contexts.map((c) => c.newPage())) as [Page, Page, Page];
  const shot = (page: Page, name: string) => screenshot(page, `comments-${name}${run.javaScript ? '' : '-nojs'}`);
  let step = 'start';
  let current = citizen;
  const at = (name: string, page: Page) => {
    step = name;
    current = page;
  };
  try {
    // ---- 1. a new citizen ----
    at('register and verify', citizen);
    await register(citizen, app, run);

    // ---- 2. a comment on the plan: held, as the citizen's first ----
    at('comment form on the plan', citizen);
    await open(citizen, PLAN);
    const before = await publishedCount(citizen);
    await assertNoLatinDigits(citizen.locator('#comments'), 'the thread');
    let form = citizen.locator('form#comment-form');
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel(fa.bodyLabel).fill(run.comment);
    await passCaptcha(form, run, 'persian');
    await shot(citizen, 'thread-form');

    at('post the first comment', citizen);
    const posted = await navigate(citizen, form.getByRole('button', { name: fa.submit }));
    assert.equal(posted.status(), 200);
    assert.equal(posted.request().redirectedFrom()?.method(), 'POST', 'the form posts and redirects back');
    assert.equal(path(citizen), PLAN);
    await assertPersianShell(citizen);
    const hash = /^#comment-(\d+)$/.exec(new URL(citizen.url()).hash);
    assert.ok(hash, `the redirect points at the new comment: ${citizen.url()}`);
    const commentId = hash[1]!;
    assert.equal(await flash(citizen), fa.heldNewUser);
    const own = citizen.locator(`#comments li#comment-${commentId}`);
    assert.match((await own.getAttribute('class')) ?? '', /\bcomment-waiting\b/);
    assert.equal(await text(own.locator('.comment-head .badge')), fa.waiting, 'the author sees it marked as waiting');
    assert.equal(await text(own.locator('.comment-body')), run.comment);
    assert.equal(await text(own.locator('.comment-head strong')), run.name);
    assert.equal(await publishedCount(citizen), before, 'a held comment is not counted as published');
    await assertNoLatinDigits(citizen.locator('#comments'), 'the thread');

    at('a visitor does not see the held comment', visitor);
    await open(visitor, PLAN);
    assert.equal(await visitor.locator(`#comment-${commentId}`).count(), 0);
    assert.ok(!(await text(visitor.locator('#comments'))).includes(run.comment), 'the held text is not shown to visitors');

    // ---- 3. Finglish is refused in Persian, the text stays ----
    at('Finglish comment', citizen);
    form = citizen.locator('form#comment-form');
    await form.getByLabel(fa.bodyLabel).fill(FINGLISH);
    await passCaptcha(form, run, 'ascii');
    const refused = await navigate(citizen, form.getByRole('button', { name: fa.submit }));
    assert.equal(refused.status(), 422);
    assert.equal(refused.request().method(), 'POST');
    assert.equal(path(citizen), '/comments');
    await assertPersianShell(citizen);
    assert.equal(await text(citizen.locator('main h1')), fa.newCommentTitle);
    form = citizen.locator('form#comment-form');
    assert.equal(await text(form.locator('#body-error')), fa.finglish);
    const summary = await text(form.locator('.error-summary[role="alert"]'));
    assert.ok(summary.includes(fa.finglish), `the error summary repeats the message: ${summary}`);
    const textarea = form.getByLabel(fa.bodyLabel);
    assert.equal(await textarea.inputValue(), FINGLISH, 'the text stays in the form exactly as typed');
    assert.equal(await textarea.getAttribute('aria-invalid'), 'true');
    assert.match((await textarea.getAttribute('aria-describedby')) ?? '', /\bbody-error\b/);
    assert.equal(await form.locator('[data-altcha-challenge]').count(), 1, 'a fresh captcha comes with the form');
    await assertNoLatinDigits(form, 'the refused form');
    if (run.javaScript) await form.locator('fieldset.captcha[data-altcha-state="done"]').waitFor({ state: 'attached', timeout: 30_000 });
    await shot(citizen, 'finglish-error');

    at('the Finglish comment is not shown', visitor);
    await open(visitor, PLAN);
    assert.ok(!(await text(visitor.locator('#comments'))).includes('salam'), 'nothing of the Finglish text is shown');

    // ---- 4. the moderator approves the held comment ----
    at('moderator signs in', moderator);
    await open(moderator, '/login?next=/admin/moderation');
    const login = moderator.locator('form[action="/login/password"]');
    await login.getByLabel(fa.emailLabel).fill(MODERATOR.email);
    await login.getByLabel(fa.passwordLabel).fill(MODERATOR.password);
    const queueResponse = await navigate(moderator, login.getByRole('button', { name: fa.login, exact: true }));
    assert.equal(queueResponse.status(), 200);
    if (path(moderator) !== '/admin/moderation') await open(moderator, '/admin/moderation');
    await assertPersianShell(moderator);
    assert.equal(await text(moderator.locator('main h1')), fa.moderationTitle);

    at('moderation queue', moderator);
    const card = moderator.locator(`ol.moderation-list > li#comment-${commentId}`);
    assert.equal(await card.count(), 1, 'the held comment waits in the queue');
    assert.equal(await text(card.locator('.moderation-body')), run.comment);
    const meta = await text(card.locator('.meta').first());
    assert.ok(meta.includes(run.name), `the card names the author: ${meta}`);
    assert.ok(meta.includes(persianDigits(run.mobile)), `the card shows the author's number in Persian digits: ${meta}`);
    await assertNoLatinDigits(card, 'the queue card');
    await card.scrollIntoViewIfNeeded();
    await shot(moderator, 'moderation-queue');

    at('approve', moderator);
    if (run.approveWith === 'card') {
      await navigate(moderator, card.getByRole('button', { name: fa.approveOne }));
    } else {
      await card.locator('input[type="checkbox"][name="ids"]').check();
      await navigate(moderator, moderator.getByRole('button', { name: fa.approveSelected }));
    }
    assert.equal(path(moderator), '/admin/moderation');
    await assertPersianShell(moderator);
    assert.equal(await flash(moderator), fa.approved);
    assert.equal(await moderator.locator(`ol.moderation-list > li#comment-${commentId}`).count(), 0, 'the comment left the queue');

    // ---- 5. visitors see it ----
    at('a visitor sees the approved comment', visitor);
    await open(visitor, PLAN);
    const shown = visitor.locator(`#comments li#comment-${commentId}`);
    assert.match((await shown.getAttribute('class')) ?? '', /\bcomment-published\b/);
    assert.equal(await text(shown.locator('.comment-body')), run.comment);
    assert.equal(await shown.locator('.badge').count(), 0, 'no waiting badge any more');
    assert.equal(await publishedCount(visitor), before + 1);
    await assertNoLatinDigits(visitor.locator('#comments'), 'the thread');

    // ---- 6. trusted now: a reply to a demo comment is published at once, under its parent ----
    at('reply link', citizen);
    await open(citizen, PLAN);
    const parent = citizen.locator('#comments li.comment > article').filter({ hasText: run.parentText });
    assert.equal(await parent.count(), 1, `one demo comment starts with «${run.parentText}»`);
    const parentId = (await parent.locator('xpath=..').getAttribute('id'))?.replace(/^comment-/, '');
    assert.ok(parentId && /^\d+$/.test(parentId), 'the answered comment has an id');
    await parent.scrollIntoViewIfNeeded();
    await navigate(citizen, parent.getByRole('link', { name: fa.reply, exact: true }));
    assert.equal(path(citizen), '/comments/new');
    assert.equal(new URL(citizen.url()).searchParams.get('parent'), parentId);
    await assertPersianShell(citizen);
    assert.equal(await text(citizen.locator('main h1')), fa.replyTitle);
    const quote = await text(citizen.locator('main blockquote.comment-quote'));
    assert.ok(quote.includes(fa.replyTo) && quote.includes(run.parentText), `the page quotes the comment answered: ${quote}`);
    await assertNoLatinDigits(citizen.locator('main blockquote.comment-quote'), 'the quoted comment');

    at('post the reply', citizen);
    form = citizen.locator('form#comment-form');
    assert.equal(await form.locator('input[name="parent"]').inputValue(), parentId);
    await form.getByLabel(fa.bodyLabel).fill(run.reply);
    await passCaptcha(form, run, 'ascii');
    await assertNoLatinDigits(form, 'the reply form');
    const replied = await navigate(citizen, form.getByRole('button', { name: fa.submit }));
    assert.equal(replied.status(), 200);
    assert.equal(path(citizen), PLAN);
    await assertPersianShell(citizen);
    const replyHash = /^#comment-(\d+)$/.exec(new URL(citizen.url()).hash);
    assert.ok(replyHash, `the redirect points at the reply: ${citizen.url()}`);
    const replyId = replyHash[1]!;
    assert.equal(await flash(citizen), fa.replyPublished);
    const nested = citizen.locator(`#comments li#comment-${parentId} > ol.comment-replies > li#comment-${replyId}`);
    assert.equal(await nested.count(), 1, 'the reply is nested under the comment it answers');
    assert.match((await nested.getAttribute('class')) ?? '', /\bcomment-published\b/, 'a trusted citizen is published at once');
    assert.equal(await text(nested.locator('.comment-body')), run.reply);
    assert.equal(await nested.locator('.badge').count(), 0);
    await assertNoLatinDigits(citizen.locator('#comments'), 'the thread');
    if (run.javaScript) await shot(citizen, 'reply');

    at('a visitor sees the reply', visitor);
    await open(visitor, PLAN);
    const visible = visitor.locator(`#comments li#comment-${parentId} > ol.comment-replies > li#comment-${replyId}`);
    assert.equal(await text(visible.locator('.comment-body')), run.reply);
    assert.equal(await publishedCount(visitor), before + 2);
  } catch (err) {
    // Keep a picture of where it went wrong, whatever the run.
    await screenshot(current, `failure-comments-${run.javaScript ? 'js' : 'nojs'}-${step.replace(/\W+/g, '-')}`).catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    const log = app.output().trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `[${run.label}] step «${step}» failed at ${current.url()}: ${message}\n(screenshot in ${screenshotDir})` +
        (log ? `\napp output (last lines):\n${log}` : ''),
      { cause: err },
    );
  } finally {
    for (const c of contexts) await c.close();
  }
}

browserSuite('comments in a real browser', runs, flow);
