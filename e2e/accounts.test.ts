// Browser tests of the accounts flow on the real app: home page, places, citizen registration
// with a one-time code, profile, sign-out, staff sign-in and the staff area, plus error pages.
// The same flow runs with JavaScript on and off on a phone-sized screen, and again on a desktop
// screen; the runs marked `shots` save full-page screenshots to e2e/screenshots/.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  browserSuite, latestOtp, newContext, screenshot, screenshotDir, type RunningApp, path, navigate, text,
} from './support.ts';

type Run = { label: string; javaScript: boolean; width: number; height: number; mobile: string; shots: boolean };

// A different number per run: each registration must create a new citizen.
const runs: Run[] = [
  { label: 'JavaScript on, 360×740', javaScript: true, width: 360, height: 740, mobile: '09123456781', shots: true },
  { label: 'JavaScript off, 360×740', javaScript: false, width: 360, height: 740, mobile: '09123456782', shots: false },
  { label: 'JavaScript on, 1280×800 (screenshots)', javaScript: true, width: 1280, height: 800, mobile: '09123456783', shots: true },
];

const STAFF = { email: 'admin@mahalle.local', password: 'mahalle-admin-demo' };

// Expected Persian texts, written out here rather than imported from the message catalogue so
// that a changed message is noticed.
const fa = {
  placesTitle: 'محله‌ها و مکان‌ها',
  registerTitle: 'ثبت‌نام شهروند',
  mobileLabel: 'شمارهٔ تلفن همراه',
  nameLabel: 'نام و نام خانوادگی',
  mobileInvalid: 'شمارهٔ همراه باید ۱۱ رقم باشد و با ۰۹ آغاز شود.',
  sendCode: 'دریافت کد تأیید',
  verifyTitle: 'وارد کردن کد تأیید',
  codeLabel: 'کد تأیید',
  verifySubmit: 'تأیید و ورود',
  wrongCode: 'کد واردشده درست نیست.',
  welcome: 'خوش آمدید!',
  profileTitle: 'حساب کاربری',
  homeLabel: 'محلهٔ من',
  saved: 'اطلاعات حساب ذخیره شد.',
  loggedOut: 'از سامانه خارج شدید.',
  loggedIn: 'با موفقیت وارد شدید.',
  login: 'ورود',
  loginTitle: 'ورود به سامانه',
  emailLabel: 'نشانی رایانامه',
  passwordLabel: 'گذرواژه',
  adminTitle: 'مدیریت سامانه',
  forbidden: 'دسترسی مجاز نیست',
  notFound: 'صفحه پیدا نشد',
};

const months = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const jalaliDate = new RegExp(`([۰-۹]{1,2}) (${months.join('|')}) ([۰-۹]{4})`);

const persianDigits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

async function focusedId(page: Page): Promise<string | undefined> {
  // Evaluated by the driver, so it works with the page's JavaScript disabled too.
  return page.evaluate(() => (globalThis as any).document.activeElement?.id as string | undefined);
}

async function flash(page: Page): Promise<string> {
  return text(page.locator('main .flash').first());
}

async function assertPersianShell(page: Page): Promise<void> {
  const html = page.locator('html');
  assert.equal(await html.getAttribute('lang'), 'fa');
  assert.equal(await html.getAttribute('dir'), 'rtl');
}

async function flow(browser: Browser, app: RunningApp, run: Run): Promise<void> {
  const context = await newContext(browser, { width: run.width, height: run.height, javaScript: run.javaScript, baseURL: app.baseURL });
  const page = await context.newPage();
  const shot = async (name: string) => {
    if (run.shots) await screenshot(page, name);
  };
  let step = 'start';
  const at = (name: string) => {
    step = name;
  };
  try {
    // ---- home ----
    at('home page');
    const home = await page.goto('/');
    assert.equal(home?.status(), 200);
    await assertPersianShell(page);
    const footer = await text(page.locator('footer.site-footer'));
    assert.match(footer, /[۰-۹]{4}/, `the footer shows a year in Persian digits: ${footer}`);
    assert.match(footer, jalaliDate, `the footer shows today's Jalali date with a Persian month name: ${footer}`);
    assert.doesNotMatch(footer.match(jalaliDate)?.[0] ?? '', /[0-9]/, 'no ASCII digits in the date');
    await shot('home');

    // ---- places: index → a county → its children ----
    at('places index');
    await navigate(page, page.locator('header nav.main-nav a[href="/places"]'));
    assert.equal(path(page), '/places');
    assert.equal(await text(page.locator('main h1')), fa.placesTitle);
    await assertPersianShell(page);
    await shot('places');

    at('county page');
    const county = page.locator('main table').getByRole('link', { name: 'قزوین', exact: true });
    const countyResponse = await navigate(page, county);
    assert.equal(countyResponse.status(), 200);
    assert.match(path(page), /^\/places\/\d+$/);
    assert.equal(await text(page.locator('main h1')), 'قزوین');
    assert.ok(await page.locator('main .place-header').getByText('شهرستان', { exact: true }).isVisible(), 'the kind badge says county');
    const children = page.locator('main section[aria-labelledby="children"] table');
    assert.ok(await children.getByRole('link', { name: 'روستای نمونهٔ الموت' }).isVisible(), 'the county lists its village');
    const city = children.getByRole('link', { name: 'قزوین', exact: true });
    assert.ok(await city.isVisible(), 'the county lists its city');
    assert.ok(await page.locator('nav.breadcrumbs').getByRole('link', { name: fa.placesTitle }).isVisible(), 'breadcrumbs lead back to the places index');
    await shot('county');

    at('city page');
    await navigate(page, city);
    assert.ok(await page.locator('main table').getByRole('link', { name: 'مینودر' }).isVisible(), 'the city lists its neighborhoods');

    // ---- register: bad input first ----
    at('register page');
    await navigate(page, page.locator('header .account-nav a[href="/register"]'));
    assert.equal(path(page), '/register');
    assert.equal(await text(page.locator('main h1')), fa.registerTitle);
    await shot('register');

    at('register with an invalid mobile number');
    await page.getByLabel(fa.nameLabel).fill('زهرا احمدی');
    await page.getByLabel(fa.mobileLabel).fill('12345');
    const invalid = await navigate(page, page.getByRole('button', { name: fa.sendCode }));
    assert.equal(invalid.status(), 422);
    assert.equal(invalid.request().method(), 'POST');
    await assertPersianShell(page);
    assert.equal(await text(page.locator('#mobile-error')), fa.mobileInvalid);
    assert.equal(await page.locator('#mobile').getAttribute('aria-invalid'), 'true');
    assert.match((await page.locator('#mobile').getAttribute('aria-describedby')) ?? '', /\bmobile-error\b/);
    assert.ok((await text(page.locator('.error-summary[role="alert"]'))).includes(fa.mobileInvalid), 'the error summary repeats the error');
    assert.equal(await page.getByLabel(fa.nameLabel).inputValue(), 'زهرا احمدی', 'the name is kept');
    await shot('register-error');

    // ---- register with Persian digits ----
    at('register');
    const typed = persianDigits(run.mobile);
    await page.getByLabel(fa.mobileLabel).fill(typed);
    const toVerify = await navigate(page, page.getByRole('button', { name: fa.sendCode }));
    assert.equal(toVerify.status(), 200);
    assert.equal(toVerify.request().redirectedFrom()?.method(), 'POST');
    assert.equal(path(page), '/verify');
    assert.equal(await text(page.locator('main h1')), fa.verifyTitle);
    const masked = persianDigits(`${run.mobile.slice(0, 4)}***${run.mobile.slice(-4)}`);
    assert.ok((await flash(page)).includes(masked), `the flash names the masked number ${masked}`);
    assert.equal(await focusedId(page), 'code', 'the code field has focus');
    await shot('verify');

    // ---- a wrong code, then the right one ----
    at('wrong code');
    const code = latestOtp(app.databaseFile, run.mobile);
    assert.match(code, /^\d{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel(fa.codeLabel).fill(persianDigits(wrong));
    const rejected = await navigate(page, page.getByRole('button', { name: fa.verifySubmit }));
    assert.equal(rejected.status(), 422);
    assert.equal(path(page), '/verify');
    const codeError = await text(page.locator('#code-error'));
    assert.ok(codeError.startsWith(fa.wrongCode), `Persian error for a wrong code: ${codeError}`);
    assert.match(codeError, /[۰-۹]/, 'attempts left in Persian digits');
    const codeInput = page.getByLabel(fa.codeLabel);
    assert.equal(await codeInput.getAttribute('id'), 'code', 'the field is labelled «کد تأیید»');
    assert.equal(await codeInput.getAttribute('aria-invalid'), 'true');
    assert.match((await codeInput.getAttribute('aria-describedby')) ?? '', /\bcode-error\b/, 'the error is tied to the field');
    assert.equal(await focusedId(page), 'code', 'the code field keeps focus');
    await shot('verify-error');

    at('right code');
    await codeInput.fill(persianDigits(code));
    const toProfile = await navigate(page, page.getByRole('button', { name: fa.verifySubmit }));
    assert.equal(toProfile.status(), 200);
    assert.equal(path(page), '/profile');
    assert.equal(await text(page.locator('main h1')), fa.profileTitle);
    assert.ok((await flash(page)).startsWith(fa.welcome), 'welcome flash');
    assert.ok((await text(page.locator('main'))).includes(persianDigits(run.mobile)), 'the profile shows the number in Persian digits');
    assert.equal(await page.getByLabel(fa.nameLabel).inputValue(), 'زهرا احمدی', 'the name from registration is kept');

    // ---- profile: choose a home neighborhood ----
    at('profile');
    const select = page.getByLabel(fa.homeLabel);
    const option = select.locator('option:not([value=""])').first();
    const value = await option.getAttribute('value');
    const label = (await option.innerText()).trim();
    assert.ok(value, 'the select offers at least one neighborhood or village');
    await select.selectOption(value);
    const saved = await navigate(page, page.locator('form[method="post"][action="/profile"]').getByRole('button', { name: 'ذخیره' }));
    assert.equal(saved.status(), 200);
    assert.equal(path(page), '/profile');
    assert.equal(await text(page.locator('main .flash-success')), fa.saved);
    assert.equal(await page.getByLabel(fa.homeLabel).inputValue(), value, 'the choice is kept');
    const homeLink = page.locator('main aside a[href^="/places/"]');
    assert.equal(await homeLink.getAttribute('href'), `/places/${value}`);
    assert.ok(label.startsWith((await homeLink.innerText()).trim()), 'the chosen place is linked');
    await shot('profile');

    at('citizen cannot open the staff area');
    const forbidden = await page.goto('/admin');
    assert.equal(forbidden?.status(), 403);
    assert.equal(await text(page.locator('main h1')), fa.forbidden);

    at('citizen logs out');
    await navigate(page, page.locator('header form[action="/logout"] button'));
    assert.equal(path(page), '/');
    assert.equal(await flash(page), fa.loggedOut);
    assert.ok(await page.locator('header .account-nav a[href="/login"]').isVisible(), 'the header offers to sign in again');

    // ---- staff: /admin asks for a sign-in, then opens ----
    at('staff login page');
    const loginPage = await page.goto('/admin');
    assert.equal(loginPage?.status(), 200);
    assert.equal(path(page), '/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/admin');
    assert.equal(await text(page.locator('main h1')), fa.loginTitle);
    await shot('login');

    at('staff signs in');
    await page.getByLabel(fa.emailLabel).fill(STAFF.email);
    await page.getByLabel(fa.passwordLabel).fill(STAFF.password);
    const admin = await navigate(page, page.locator('form[action="/login/password"]').getByRole('button', { name: fa.login, exact: true }));
    assert.equal(admin.status(), 200);
    assert.equal(path(page), '/admin');
    assert.equal(await text(page.locator('main h1')), fa.adminTitle);
    assert.equal(await flash(page), fa.loggedIn);
    assert.ok(await page.locator('main').getByRole('link', { name: 'کاربران' }).first().isVisible(), 'the admin sees the users link');
    await shot('admin');

    at('staff logs out');
    await navigate(page, page.locator('header form[action="/logout"] button'));
    assert.equal(path(page), '/');
    assert.equal(await flash(page), fa.loggedOut);
    const afterLogout = await page.goto('/admin');
    assert.equal(path(page), '/login', 'the staff area asks for a sign-in again');
    assert.equal(afterLogout?.status(), 200);

    // ---- 404 ----
    at('not found page');
    const missing = await page.goto('/no-such-page-e2e');
    assert.equal(missing?.status(), 404);
    await assertPersianShell(page);
    assert.equal(await text(page.locator('main h1')), fa.notFound);
    await shot('not-found');
  } catch (err) {
    // Keep a picture of where it went wrong, whatever the run.
    await screenshot(page, `failure-${run.javaScript ? 'js' : 'nojs'}-${step.replace(/\W+/g, '-')}`).catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    const log = app.output().trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `[${run.label}] step «${step}» failed at ${page.url()}: ${message}\n(screenshot in ${screenshotDir})` +
        (log ? `\napp output (last lines):\n${log}` : ''),
      { cause: err },
    );
  } finally {
    await context.close();
  }
}

browserSuite('accounts in a real browser', runs, flow);
