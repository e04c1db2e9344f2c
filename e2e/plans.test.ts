// Browser test of the plan workflow with JavaScript disabled, on the demo programme data:
// an officer starts a draft and is told (in Persian) what the gate still needs; the secretariat
// takes a submitted demo plan into screening and returns it with a message; its officer edits
// and resubmits; the version comparison shows the change; the compliance page lists the
// agencies that submitted nothing. Screenshots at 360 and 1280 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser, newContext, screenshot, startApp, type RunningApp } from './support.ts';

const OFFICER_PASSWORD = 'mahalle-officer-demo';
const skip = browserSkipReason();

async function login(page: Page, email: string, password: string) {
  await page.goto('/login');
  const form = page.locator('form[action="/login/password"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
}

async function logout(page: Page) {
  await Promise.all([page.waitForNavigation(), page.locator('form[action="/logout"] button').click()]);
}

async function submitForm(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).click()]);
}

describe('plan workflow in the browser (JavaScript off)', { skip: skip || undefined }, () => {
  let app: RunningApp;
  let browser: Browser;
  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const width of [360, 1280]) {
    test(`draft, return, resubmit, compare, compliance at ${width} px`, async () => {
      const context = await newContext(browser, { width, height: width === 360 ? 740 : 800, javaScript: false, baseURL: app.baseURL });
      const page = await context.newPage();
      const shot = (name: string) => screenshot(page, `plans-${name}`);

      // An officer drafts a plan; the gate lists what is missing, in Persian.
      await login(page, 'police@mahalle.local', OFFICER_PASSWORD);
      await page.goto('/my/plans');
      await shot('workspace');
      const create = page.locator('form[action="/my/plans"]').first();
      await create.locator('input[type="text"], input:not([type])').first().fill(`طرح آزمایشی پیشگیری از بزهکاری ${width}`);
      await submitForm(page, 'form[action="/my/plans"] button[type="submit"]');
      assert.match(page.url(), /\/my\/plans\/\d+\/edit\/1$/);
      await page.locator('textarea[name="summary"]').fill('برگزاری کارگاه‌های پیشگیری از بزهکاری برای نوجوانان محله با همکاری مدارس و شورایاری.');
      await page.locator('input[name="harms"][value="DELINQUENCY"]').check();
      await submitForm(page, 'button[name="action"][value="continue"]');
      assert.match(page.url(), /\/edit\/2$/);
      await page.goto(page.url().replace(/\/edit\/2$/, '/edit/10'));
      const review = await page.locator('main').innerText();
      assert.match(review, /نوع مداخله/);
      await shot('draft-review');
      await logout(page);

      // The secretariat screens the education agency's submitted demo plan and returns it.
      await login(page, 'secretary@mahalle.local', 'mahalle-secretary-demo');
      await page.goto('/admin/screening');
      await shot('screening-queue');
      const link = page.locator('main a[href^="/admin/screening/"]').first();
      const href = (await link.getAttribute('href'))!;
      const planId = href.split('/').pop()!;
      await page.goto(href);
      if (await page.locator(`form[action="${href}/start"]`).count()) await submitForm(page, `form[action="${href}/start"] button`);
      await page.locator(`form[action="${href}/return"] textarea[name="message"]`).fill('شمار زوج‌های جوان محله را با منبع آن روشن‌تر بنویسید.');
      await submitForm(page, `form[action="${href}/return"] button`);
      assert.match(await page.locator('main').innerText(), /بازگشت برای تکمیل/);
      await shot('returned');

      // The compliance page lists the agencies that submitted nothing.
      const callLink = await page.goto('/admin/calls');
      assert.equal(callLink?.status(), 200);
      const compliance = page.locator('main a[href$="/compliance"]').first();
      await page.goto((await compliance.getAttribute('href'))!);
      const report = await page.locator('main').innerText();
      assert.match(report, /جمعیت هلال احمر استان قزوین/);
      assert.match(report, /تبلیغات اسلامی/);
      await shot('compliance');
      await logout(page);

      // The officer reads the message, edits, resubmits; the comparison shows the change.
      const agencyOfficer = width === 360 ? 'education@mahalle.local' : 'education@mahalle.local';
      await login(page, agencyOfficer, OFFICER_PASSWORD);
      await page.goto(`/my/plans/${planId}/edit/1`);
      assert.match(await page.locator('main').innerText(), /شمار زوج‌های جوان محله/);
      const title = page.locator('input[name="title"]');
      await title.fill(`${await title.inputValue()} (ویرایش ${width})`);
      await submitForm(page, 'button[name="action"][value="save"]');
      await page.goto(`/my/plans/${planId}/edit/10`);
      await submitForm(page, `form[action="/my/plans/${planId}/submit"] button`);
      assert.match(page.url(), new RegExp(`/my/plans/${planId}$`));
      const versions = page.locator(`main a[href^="/my/plans/${planId}/versions/"]`).first();
      await page.goto((await versions.getAttribute('href'))!);
      const diff = await page.locator('main').innerText();
      assert.match(diff, new RegExp(`ویرایش ${width === 360 ? '۳۶۰' : '۱۲۸۰'}|ویرایش ${width}`));
      await shot('diff');
      await context.close();
    });
  }
});
