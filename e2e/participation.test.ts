// Browser test of residents taking part (issue #6), on the demo data. In each run two new
// citizens register with a one-time code and choose a home inside Qazvin county, the area of the
// demo ballot round /ballots/1 (open, at least 1 and at most 2 of its 4 projects):
// - citizen A posts a need for their neighborhood, citizen B supports it and the count shows ۱;
// - citizen A votes: beyond the limits first (with JavaScript the third box is disabled and the
//   running total follows the ticks; without it the server answers with the Persian limit error
//   and the «محاسبهٔ هزینهٔ انتخاب» button computes the total without storing anything), then
//   within them; gets a receipt; changes the vote; checks the receipt on the round page.
// In the second run (JavaScript off) the demo secretary then closes, counts and publishes the
// round; a visitor reads the winners, their explanations and the turnout, downloads the `.pb`
// file and finds in it as many ballots as the page says and the citizens' final ballots under the
// ids their receipt checks name.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { parsePb } from '../src/allocation/pabulib.ts';
import {
  browserSuite, latestOtp, newContext, screenshot, screenshotDir, type RunningApp, path, navigate, text, assertPersianShell, assertNoLatinDigits, assertNoSideScroll,
} from './support.ts';

type Citizen = { name: string; mobile: string; /** The home, as the profile's select shows it. */ home: string };

type Run = {
  label: string;
  javaScript: boolean;
  width: number;
  height: number;
  /** Posts the need and votes. */
  a: Citizen;
  /** Supports the need. */
  b: Citizen;
  need: { title: string; body: string; harm: { code: string; label: string }; photo: boolean };
  /** The receipt as typed into the check form: as shown (Persian digits, dashes) or ASCII digits only. */
  receiptTyped: 'as-shown' | 'ascii';
  /** Closes, counts and publishes the round afterwards. */
  results: boolean;
};

// Texts typed into forms are written without Persian diacritics (ٔ) or digits, which the app
// normalises before storing, so what is typed is exactly what the pages show. Different mobiles
// per run: each registration creates new people. The homes are demo neighborhoods of Qazvin city.
const runs: Run[] = [
  {
    label: 'JavaScript on, 360×740',
    javaScript: true,
    width: 360,
    height: 740,
    a: { name: 'نرگس کاظمی', mobile: '09127770201', home: 'نوروزیان (نمونه)' },
    b: { name: 'حمید صادقی', mobile: '09127770202', home: 'پونک (نمونه)' },
    need: {
      title: 'چراغ و نگهبان برای کوچه‌های تاریک نوروزیان',
      body: 'کوچه‌های پشت بوستان نوروزیان شب‌ها تاریک است و نوجوانان آنجا جمع می‌شوند؛ مادران می‌ترسند بچه‌ها را برای خرید بفرستند. چراغ و یک نگهبان شب کمک بزرگی است.',
      harm: { code: 'ADDICTION', label: 'اعتیاد' },
      photo: false,
    },
    receiptTyped: 'as-shown',
    results: false,
  },
  {
    label: 'JavaScript off, 1280×800 (then the results)',
    javaScript: false,
    width: 1280,
    height: 800,
    a: { name: 'فاطمه رحیمی', mobile: '09127770203', home: 'بلاغی (نمونه)' },
    b: { name: 'علی نوری', mobile: '09127770204', home: 'شهرک بعثت (نمونه)' },
    need: {
      title: 'کلاس درس عصر برای کودکان کار بلاغی',
      body: 'چند کودک محله بلاغی به جای مدرسه سر چهارراه گل می‌فروشند. یک کلاس عصر با معلم داوطلب و یک وعده غذا می‌تواند آنان را به درس برگرداند.',
      harm: { code: 'CHILD_LABOUR', label: 'کودکان کار و خیابان' },
      photo: true,
    },
    receiptTyped: 'ascii',
    results: true,
  },
];

const SECRETARY = { email: 'secretary@mahalle.local', password: 'mahalle-secretary-demo' };
const ROUND = '/ballots/1';
const ADMIN_ROUND = '/admin/ballots/1';

// The four projects of the demo round as the ballot shows them (titles normalised: «محله» without
// «ٔ»), with their costs in tomans. The round's budget is ۲۹۰٬۰۰۰٬۰۰۰ تومان.
const P = {
  safeHouse: { title: 'خانهٔ امن پس از مدرسه برای کودکان محلهٔ راه‌آهن', tomans: 121_000_000 },
  mothers: { title: 'گروه‌های همیاری مادران شهرک بعثت', tomans: 119_000_000 },
  park: { title: 'روشنایی و زمین ورزش نوجوانان در بوستان نوروزیان', tomans: 245_600_000 },
  books: { title: 'گوشهٔ کتاب کودک و نوجوان در روستای الموت', tomans: 88_800_000 },
};

// Expected Persian texts, written out here rather than imported from the message catalogue so
// that a changed message is noticed.
const fa = {
  nameLabel: 'نام و نام خانوادگی',
  mobileLabel: 'شمارهٔ تلفن همراه',
  sendCode: 'دریافت کد تأیید',
  codeLabel: 'کد تأیید',
  verifySubmit: 'تأیید و ورود',
  welcome: 'خوش آمدید!',
  homeLabel: 'محلهٔ من',
  save: 'ذخیره',
  saved: 'اطلاعات حساب ذخیره شد.',
  emailLabel: 'نشانی رایانامه',
  passwordLabel: 'گذرواژه',
  login: 'ورود',

  needsTitle: 'نیازهای محله‌ها',
  newNeed: 'ثبت نیاز محله',
  needPlace: 'محله یا روستا',
  needTitle: 'عنوان نیاز',
  needBody: 'شرح نیاز',
  needHarms: 'آسیب‌های مرتبط',
  needPhoto: 'عکس',
  needSubmit: 'ثبت نیاز',
  needPosted: 'نیاز شما ثبت شد و همه می‌توانند آن را ببینند و از آن حمایت کنند.',
  needNew: 'تازه',
  hasPhoto: 'با عکس',
  supportTitle: 'حمایت',
  supports: (n: string) => `${n} حمایت`,
  supportButton: 'از این نیاز حمایت می‌کنم',
  supportThanks: 'حمایت شما ثبت شد.',
  supportDone: 'حمایت کرده‌اید.',
  withdraw: 'پس گرفتن حمایت',
  withdrawn: 'حمایت شما پس گرفته شد.',
  ownNote: 'این نیاز را شما ثبت کرده‌اید؛ شمار حمایت، حمایت دیگران است.',

  phaseOpen: 'در حال رأی‌گیری',
  phasePublished: 'نتیجه منتشر شد',
  choose: 'طرح‌هایی را که می‌خواهید اجرا شوند برگزینید',
  limits: 'دست‌کم ۱ و حداکثر ۲ طرح را برگزینید.',
  tooFew: 'دست‌کم ۱ طرح را برگزینید.',
  tooMany: 'بیشتر از ۲ طرح نمی‌توانید برگزینید.',
  selected: 'انتخاب شما:',
  selectedCost: 'هزینهٔ این طرح‌ها با هم:',
  overBudget: 'هزینهٔ انتخاب شما از بودجهٔ این دور بیشتر است؛ اشکالی ندارد، ولی همهٔ آن‌ها برنده نخواهند شد.',
  submit: 'ثبت رأی',
  change: 'ثبت تغییر رأی',
  preview: 'محاسبهٔ هزینهٔ انتخاب',
  castFlash: 'رأی شما ثبت شد. کد رسید: ',
  changedFlash: 'رأی شما تغییر کرد. کد رسید همان است: ',
  castTitle: 'رأی شما ثبت شده است.',
  receiptLabel: 'کد رسید:',
  revision: (n: string) => `(نسخهٔ ${n})`,
  receiptTitle: 'بررسی رسید رأی',
  receiptField: 'کد رسید ۱۶ رقمی',
  receiptCheck: 'بررسی',
  receiptRecorded: /^برگهٔ رأی با این کد ثبت شده است \(آخرین تغییر: .+\) و در شمارش خواهد بود\.$/,
  receiptCounted: /^برگهٔ رأی با این کد \(آخرین تغییر: .+\) شمرده شده است\.$/,
  receiptInFile: /^شناسهٔ این برگه در پروندهٔ نتیجه: ([0-9a-f]{12})$/,
  receiptMalformed: 'کد رسید باید ۱۶ رقم باشد.',
  receiptNotFound: 'برگه‌ای با این کد در این دور نیست.',

  closeConfirm: 'آری، رأی‌گیری همین حالا پایان یابد.',
  closeButton: 'پایان رأی‌گیری',
  closed: 'رأی‌گیری پایان یافت. اکنون می‌توانید رأی‌ها را بشمارید.',
  confirmRequired: 'برای انجام این کار، تأیید را تیک بزنید.',
  countConfirm: 'آری، رأی‌ها شمرده شوند.',
  countButton: 'شمارش',
  counted: /^([۰-۹٬]+) برگهٔ رأی شمرده شد و ([۰-۹]+) طرح برگزیده شد\. نتیجه را بخوانید و سپس منتشر کنید\.$/,
  countedPhase: 'شمارش‌شده، در انتظار انتشار',
  unpublishedTitle: 'نتیجهٔ شمارش (منتشرنشده)',
  publishConfirm: 'آری، نتیجه را خوانده‌ام و منتشر شود.',
  publishButton: 'انتشار نتیجه',
  published: /^نتیجه منتشر شد: ([۰-۹]+) طرح تأمین شد و به ([۰-۹٬]+) رأی‌دهنده خبر داده شد\.$/,

  resultsTitle: 'نتیجه',
  ballotsStat: 'برگه‌های رأی',
  fundedStat: 'طرح‌های برگزیده',
  projectsCaption: 'هر طرح، شمار موافقان و دلیل برگزیده شدن یا نشدن',
  won: 'برگزیده شد',
  lost: 'برگزیده نشد',
  turnoutCaption: 'برگه‌های رأی در برابر ساکنان ثبت‌نام‌کرده در هر محله یا روستا',
  download: 'دریافت mahalle-ballot-1.pb',
};

const persianDigits = (s: string | number) => String(s).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const asciiDigits = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
/** A sum in tomans as the app writes it: `۲۴۰٬۰۰۰٬۰۰۰ تومان`. */
const tomans = (n: number) => `${persianDigits(n.toLocaleString('en-US').replace(/,/g, '٬'))} تومان`;

/** What run 1 left in the round, checked in the published file by run 2. */
const finalBallots: { label: string; code: string; planIds: string[] }[] = [];

/** The flash message of the layout (not the receipt banner or a notice). */
async function flash(page: Page): Promise<string> {
  return text(page.locator('main > div.flash').first());
}

async function open(page: Page, url: string, status = 200): Promise<Response> {
  const res = await page.goto(url);
  assert.ok(res, `GET ${url}`);
  assert.equal(res.status(), status, `GET ${url}`);
  await assertPersianShell(page);
  return res;
}

/** A small valid PNG (a green and white band), generated here rather than read from disk. */
function smallPng(width = 48, height = 32): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const green = y < height / 2;
      row.set(green ? [0x1b, 0x7f, 0x4b] : [0xff, 0xff, 0xff], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Registers with a one-time code and chooses the home neighborhood on the profile. */
async function registerCitizen(page: Page, app: RunningApp, who: Citizen): Promise<void> {
  await open(page, '/register');
  await page.getByLabel(fa.nameLabel).fill(who.name);
  await page.getByLabel(fa.mobileLabel).fill(who.mobile);
  const toVerify = await navigate(page, page.getByRole('button', { name: fa.sendCode }));
  assert.equal(toVerify.status(), 200);
  assert.equal(path(page), '/verify');
  await page.getByLabel(fa.codeLabel).fill(latestOtp(app.databaseFile, who.mobile));
  const toProfile = await navigate(page, page.getByRole('button', { name: fa.verifySubmit }));
  assert.equal(toProfile.status(), 200);
  assert.equal(path(page), '/profile');
  assert.ok((await flash(page)).startsWith(fa.welcome), 'the citizen is signed in');
  await page.getByLabel(fa.homeLabel).selectOption({ label: who.home });
  const saved = await navigate(page, page.locator('form[method="post"][action="/profile"]').getByRole('button', { name: fa.save }));
  assert.equal(saved.status(), 200);
  assert.equal(await flash(page), fa.saved);
}

async function signInStaff(page: Page, next: string): Promise<void> {
  await open(page, `/login?next=${encodeURIComponent(next)}`);
  const form = page.locator('form[action="/login/password"]');
  await form.getByLabel(fa.emailLabel).fill(SECRETARY.email);
  await form.getByLabel(fa.passwordLabel).fill(SECRETARY.password);
  const res = await navigate(page, form.getByRole('button', { name: fa.login, exact: true }));
  assert.equal(res.status(), 200);
  if (path(page) !== next) await open(page, next);
  assert.equal(path(page), next);
}

/** The support box of a need page: its count and its text. */
async function supportBox(page: Page): Promise<{ count: string; all: string }> {
  const box = page.locator('#support');
  return { count: await text(box.locator('.need-count')), all: await text(box) };
}

const box = (page: Page, p: { title: string }) => page.locator('form.ballot-form').getByRole('checkbox', { name: p.title, exact: true });

/** The running count and cost of the ballot's summary bar. */
async function summary(page: Page): Promise<{ count: string; cost: string; over: boolean; all: string }> {
  const bar = page.locator('form.ballot-form .ballot-summary');
  return {
    count: await text(bar.locator('[data-ballot="count"]')),
    cost: await text(bar.locator('[data-ballot="cost"]')),
    over: await bar.locator('[data-ballot="over"]').isVisible(),
    all: await text(bar),
  };
}

async function checkedTitles(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const p of Object.values(P)) if (await box(page, p).isChecked()) out.push(p.title);
  return out;
}

/** Submits one of the admin round page's confirmation forms. */
async function adminAction(page: Page, button: string, confirm: string | null): Promise<Response> {
  const form = page.locator('main form.card').filter({ has: page.getByRole('button', { name: button, exact: true }) });
  assert.equal(await form.count(), 1, `one form with «${button}»`);
  if (confirm) await form.getByLabel(confirm).check();
  return navigate(page, form.getByRole('button', { name: button, exact: true }));
}

async function checkReceipt(page: Page, code: string): Promise<{ text: string; detail: string | null; tone: string }> {
  const section = page.locator('section[aria-labelledby="receipt-check"]');
  await section.getByLabel(fa.receiptField).fill(code);
  const res = await navigate(page, section.getByRole('button', { name: fa.receiptCheck, exact: true }));
  assert.equal(res.status(), 200);
  assert.equal(path(page), `${ROUND}/receipt`);
  await assertPersianShell(page);
  assert.equal(await text(page.locator('main h1')), fa.receiptTitle);
  const outcome = page.locator('main > div.flash');
  const paragraphs = outcome.locator('p');
  return {
    text: await text(paragraphs.first()),
    detail: (await paragraphs.count()) > 1 ? await text(paragraphs.nth(1)) : null,
    tone: (await outcome.getAttribute('class')) ?? '',
  };
}

async function flow(browser: Browser, app: RunningApp, run: Run): Promise<void> {
  const contexts: BrowserContext[] = [];
  const context = async (o: { width?: number; height?: number } = {}) => {
    const c = await newContext(browser, { width: o.width ?? run.width, height: o.height ?? run.height, javaScript: run.javaScript, baseURL: app.baseURL });
    contexts.push(c);
    return c.newPage();
  };
  const [citizenA, citizenB] = await Promise.all([context(), context()]);
  const shot = (page: Page, name: string) => screenshot(page, `participation-${name}`);
  let step = 'start';
  let current = citizenA;
  const at = (name: string, page: Page) => {
    step = name;
    current = page;
  };
  try {
    // ---- 1. two new citizens with homes in the round's area ----
    at('citizen A registers', citizenA);
    await registerCitizen(citizenA, app, run.a);
    at('citizen B registers', citizenB);
    await registerCitizen(citizenB, app, run.b);

    // ---- 2. citizen A posts a need for their neighborhood ----
    at('need form', citizenA);
    await open(citizenA, '/needs');
    assert.equal(await text(citizenA.locator('main h1')), fa.needsTitle);
    await navigate(citizenA, citizenA.locator('main').getByRole('link', { name: fa.newNeed }));
    assert.equal(path(citizenA), '/needs/new');
    await assertPersianShell(citizenA);
    const place = citizenA.getByLabel(fa.needPlace);
    const chosenPlace = await place.locator('option:checked').innerText();
    assert.equal(chosenPlace.trim(), run.a.home, 'the form starts on the citizen\'s home');
    await citizenA.getByLabel(fa.needTitle).fill(run.need.title);
    await citizenA.getByLabel(fa.needBody).fill(run.need.body);
    const harms = citizenA.getByRole('group', { name: fa.needHarms });
    await harms.getByLabel(run.need.harm.label, { exact: true }).check();
    assert.equal(await harms.locator(`input[value="${run.need.harm.code}"]`).isChecked(), true);
    if (run.need.photo) {
      await citizenA.getByLabel(fa.needPhoto).setInputFiles({ name: 'kooche.png', mimeType: 'image/png', buffer: smallPng() });
    }

    at('post the need', citizenA);
    const posted = await navigate(citizenA, citizenA.getByRole('button', { name: fa.needSubmit, exact: true }));
    assert.equal(posted.status(), 200);
    assert.equal(posted.request().redirectedFrom()?.method(), 'POST', 'the form posts and redirects');
    const needPath = path(citizenA);
    assert.match(needPath, /^\/needs\/\d+$/);
    await assertPersianShell(citizenA);
    assert.equal(await flash(citizenA), fa.needPosted);
    assert.equal(await text(citizenA.locator('main h1')), run.need.title);
    assert.ok((await text(citizenA.locator('main .place-header'))).includes(fa.needNew), 'the new need is marked «تازه»');
    const facts = await text(citizenA.locator('main dl.kv'));
    assert.ok(facts.includes(run.need.harm.label), `the page names the harm: ${facts}`);
    assert.ok(facts.includes(run.a.name), `the page names the author: ${facts}`);
    assert.ok(facts.includes(run.a.home.replace(/ \(نمونه\)$/, '')), `the page names the neighborhood: ${facts}`);
    assert.ok((await text(citizenA.locator('section[aria-labelledby="body-title"]'))).includes(run.need.body.slice(0, 30)), 'the description is shown');
    let support = await supportBox(citizenA);
    assert.equal(support.count, fa.supports('۰'));
    assert.ok(support.all.includes(fa.ownNote), 'the author is told the count is other people\'s support');
    assert.equal(await citizenA.locator('#support button').count(), 0, 'the author cannot support their own need');
    await assertNoLatinDigits(citizenA.locator('main dl.kv'), 'the need\'s facts');
    if (run.need.photo) {
      const img = citizenA.locator('main img.need-photo');
      assert.equal(await img.count(), 1, 'the photo is shown');
      const src = (await img.getAttribute('src')) ?? '';
      assert.equal(src, `${needPath}/photo`);
      const photo = await citizenA.request.get(src);
      assert.equal(photo.status(), 200);
      assert.equal(photo.headers()['content-type'], 'image/png');
      assert.ok((await img.evaluate((el) => (el as any).naturalWidth as number)) > 0, 'the browser decodes the photo');
    }

    // ---- 3. citizen B supports it ----
    at('citizen B supports the need', citizenB);
    await open(citizenB, needPath);
    support = await supportBox(citizenB);
    assert.equal(support.count, fa.supports('۰'));
    await navigate(citizenB, citizenB.locator('#support').getByRole('button', { name: fa.supportButton }));
    assert.equal(path(citizenB), needPath);
    assert.equal(new URL(citizenB.url()).hash, '#support');
    assert.equal(await flash(citizenB), fa.supportThanks);
    support = await supportBox(citizenB);
    assert.equal(support.count, fa.supports('۱'), 'the count shows one support in Persian digits');
    assert.ok(support.all.includes(fa.supportDone));

    if (run.javaScript) {
      at('citizen B withdraws and supports again', citizenB);
      await navigate(citizenB, citizenB.locator('#support').getByRole('button', { name: fa.withdraw }));
      assert.equal(await flash(citizenB), fa.withdrawn);
      assert.equal((await supportBox(citizenB)).count, fa.supports('۰'));
      await navigate(citizenB, citizenB.locator('#support').getByRole('button', { name: fa.supportButton }));
      assert.equal((await supportBox(citizenB)).count, fa.supports('۱'));
    }
    await shot(citizenB, 'need');
    await assertNoSideScroll(citizenB, 'the need page');

    at('the author sees the support', citizenA);
    await open(citizenA, needPath);
    assert.equal((await supportBox(citizenA)).count, fa.supports('۱'));

    at('needs list', citizenA);
    await open(citizenA, '/needs?sort=newest');
    const card = citizenA.locator('main article.need-card').filter({ has: citizenA.getByRole('link', { name: run.need.title, exact: true }) });
    assert.equal(await card.count(), 1, 'the new need is listed');
    assert.equal(await card.locator('h2 a').getAttribute('href'), needPath);
    assert.equal(await text(card.locator('.need-count')), fa.supports('۱'));
    const cardMeta = await text(card.locator('.meta'));
    assert.equal(cardMeta.includes(fa.hasPhoto), run.need.photo, `the card says whether there is a photo: ${cardMeta}`);
    await assertNoLatinDigits(citizenA.locator('main'), 'the needs list');
    await shot(citizenA, 'needs-list');
    await assertNoSideScroll(citizenA, 'the needs list');

    // ---- 4. citizen A votes ----
    at('ballot form', citizenA);
    await open(citizenA, ROUND);
    assert.ok((await text(citizenA.locator('main'))).includes(fa.phaseOpen), 'the round is open');
    const ballot = citizenA.locator('form.ballot-form');
    assert.equal(await ballot.count(), 1, 'an eligible resident gets the ballot');
    assert.equal(await text(ballot.locator('fieldset#plans legend')), fa.choose);
    assert.equal(await text(ballot.locator('#plans-hint')), fa.limits);
    assert.equal(await ballot.locator('#receipt').count(), 0, 'no receipt before the first ballot');
    for (const p of Object.values(P)) {
      assert.equal(await box(citizenA, p).isChecked(), false, `«${p.title}» starts unticked`);
      const meta = await text(ballot.locator('li.card').filter({ has: citizenA.getByRole('checkbox', { name: p.title, exact: true }) }).locator('.meta'));
      assert.ok(meta.endsWith(`هزینه: ${tomans(p.tomans)}`), `the card shows the cost: ${meta}`);
    }
    let s = await summary(citizenA);
    assert.equal(s.count, '۰');
    assert.equal(s.cost, tomans(0));
    assert.ok(s.all.startsWith(fa.selected) && s.all.includes(fa.selectedCost), `the summary reads: ${s.all}`);
    assert.equal(s.over, false);

    const receiptCode = async () => {
      const code = await text(citizenA.locator('#receipt .receipt-code'));
      assert.match(code, /^[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}$/, `the receipt is 16 Persian digits in groups of four: ${code}`);
      return code;
    };

    if (run.javaScript) {
      // Nothing ticked: the server answers with the minimum.
      at('submit an empty ballot', citizenA);
      const empty = await navigate(citizenA, ballot.getByRole('button', { name: fa.submit, exact: true }));
      assert.equal(empty.status(), 422);
      assert.equal(await text(citizenA.locator('#plans-error')), fa.tooFew);
      assert.match((await citizenA.locator('fieldset#plans').getAttribute('class')) ?? '', /\bfield-invalid\b/);
      await shot(citizenA, 'ballot-error');

      // The script keeps the total and disables a third box once two are ticked.
      at('tick two projects, the others wait', citizenA);
      await box(citizenA, P.safeHouse).check();
      s = await summary(citizenA);
      assert.equal(s.count, '۱');
      assert.equal(s.cost, tomans(P.safeHouse.tomans), 'the total follows the tick');
      await box(citizenA, P.park).check();
      s = await summary(citizenA);
      assert.equal(s.count, '۲');
      assert.equal(s.cost, tomans(P.safeHouse.tomans + P.park.tomans));
      assert.equal(s.over, true, 'over the budget the voter is told so');
      assert.ok(s.all.includes(fa.overBudget));
      assert.doesNotMatch(s.all, /[0-9]/, 'the live total is in Persian digits');
      assert.equal(await box(citizenA, P.mothers).isDisabled(), true, 'a third box is disabled');
      assert.equal(await box(citizenA, P.books).isDisabled(), true, 'a third box is disabled');
      assert.equal(await box(citizenA, P.park).isDisabled(), false, 'a ticked box can be unticked');
      await shot(citizenA, 'ballot-selection');
      // A viewport picture (not full page): the sticky summary over the list.
      await box(citizenA, P.mothers).scrollIntoViewIfNeeded();
      await citizenA.screenshot({ path: join(screenshotDir, `participation-ballot-viewport-${run.width}.png`) });

      at('change the selection before casting', citizenA);
      await box(citizenA, P.park).uncheck();
      assert.equal(await box(citizenA, P.books).isDisabled(), false, 'below the maximum every box is free again');
      s = await summary(citizenA);
      assert.equal(s.over, false);
      await box(citizenA, P.books).check();
      s = await summary(citizenA);
      assert.equal(s.count, '۲');
      assert.equal(s.cost, tomans(P.safeHouse.tomans + P.books.tomans));
    } else {
      // Without the script nothing stops a third tick: the server refuses it and keeps the ticks.
      at('submit three projects', citizenA);
      await box(citizenA, P.safeHouse).check();
      await box(citizenA, P.mothers).check();
      await box(citizenA, P.park).check();
      const tooMany = await navigate(citizenA, ballot.getByRole('button', { name: fa.submit, exact: true }));
      assert.equal(tooMany.status(), 422);
      assert.equal(tooMany.request().method(), 'POST');
      await assertPersianShell(citizenA);
      assert.equal(await text(citizenA.locator('#plans-error')), fa.tooMany);
      assert.equal(await citizenA.locator('#plans-error').getAttribute('role'), 'alert');
      assert.match((await citizenA.locator('fieldset#plans').getAttribute('class')) ?? '', /\bfield-invalid\b/);
      assert.deepEqual(await checkedTitles(citizenA), [P.safeHouse.title, P.mothers.title, P.park.title], 'the selection is kept');
      assert.equal(await citizenA.locator('#receipt').count(), 0, 'nothing was stored');
      s = await summary(citizenA);
      assert.equal(s.count, '۳');
      assert.equal(s.cost, tomans(P.safeHouse.tomans + P.mothers.tomans + P.park.tomans));
      assert.equal(s.over, true);
      await shot(citizenA, 'ballot-error');
      // What the voter sees first after the refusal (not full page): the top of the round.
      await citizenA.screenshot({ path: join(screenshotDir, `participation-ballot-error-viewport-${run.width}.png`) });

      at('compute the cost without voting', citizenA);
      await box(citizenA, P.park).uncheck();
      const preview = await navigate(citizenA, citizenA.locator('form.ballot-form').getByRole('button', { name: fa.preview, exact: true }));
      assert.equal(preview.status(), 200);
      assert.equal(preview.request().method(), 'POST');
      assert.equal(preview.request().redirectedFrom(), null, 'the preview answers in place');
      s = await summary(citizenA);
      assert.equal(s.count, '۲');
      assert.equal(s.cost, tomans(P.safeHouse.tomans + P.mothers.tomans));
      assert.equal(s.over, false);
      assert.deepEqual(await checkedTitles(citizenA), [P.safeHouse.title, P.mothers.title]);
      assert.equal(await citizenA.locator('#plans-error').count(), 0);
      assert.equal(await citizenA.locator('#receipt').count(), 0, 'the preview stores no ballot');
      assert.equal(await citizenA.locator('form.ballot-form').getByRole('button', { name: fa.submit, exact: true }).count(), 1, 'still «ثبت رأی», not a change');
      await shot(citizenA, 'ballot-selection');
    }
    const firstPick = await checkedTitles(citizenA);

    at('cast the ballot', citizenA);
    const cast = await navigate(citizenA, citizenA.locator('form.ballot-form').getByRole('button', { name: fa.submit, exact: true }));
    assert.equal(cast.status(), 200);
    assert.equal(cast.request().redirectedFrom()?.method(), 'POST');
    assert.equal(path(citizenA), ROUND);
    assert.equal(new URL(citizenA.url()).hash, '#receipt');
    await assertPersianShell(citizenA);
    const castFlash = await flash(citizenA);
    assert.ok(castFlash.startsWith(fa.castFlash), `the flash confirms the ballot: ${castFlash}`);
    const code = await receiptCode();
    // The code is wrapped in left-to-right isolates (U+2066…U+2069) so its groups keep their order in a right-to-left sentence.
    assert.equal(castFlash, `${fa.castFlash}\u2066${code}\u2069`, 'the flash and the banner show the same receipt, isolated left to right');
    const banner = await text(citizenA.locator('#receipt'));
    assert.ok(banner.startsWith(fa.castTitle), `the banner: ${banner}`);
    assert.ok(banner.includes(fa.receiptLabel) && banner.includes(fa.revision('۱')), `the banner shows the label and the first version: ${banner}`);
    assert.equal(await citizenA.locator('#receipt .receipt-code').getAttribute('dir'), 'ltr');
    assert.deepEqual(await checkedTitles(citizenA), firstPick, 'the ballot shows what was cast');
    assert.equal(await citizenA.locator('form.ballot-form').getByRole('button', { name: fa.change, exact: true }).count(), 1, 'the button now changes the vote');
    await assertNoLatinDigits(citizenA.locator('#receipt'), 'the receipt banner');
    await shot(citizenA, 'ballot-receipt');
    await assertNoSideScroll(citizenA, 'the ballot page');

    at('change the vote to one project', citizenA);
    const dropped = firstPick[0]!;
    await box(citizenA, { title: dropped }).uncheck();
    if (run.javaScript) assert.equal((await summary(citizenA)).count, '۱', 'the total follows the untick');
    const changed = await navigate(citizenA, citizenA.locator('form.ballot-form').getByRole('button', { name: fa.change, exact: true }));
    assert.equal(changed.status(), 200);
    assert.equal(path(citizenA), ROUND);
    assert.equal(await flash(citizenA), `${fa.changedFlash}\u2066${code}\u2069`, 'the vote changed and the receipt stays');
    assert.equal(await receiptCode(), code);
    assert.ok((await text(citizenA.locator('#receipt'))).includes(fa.revision('۲')), 'the banner shows the second version');
    const finalPick = await checkedTitles(citizenA);
    assert.deepEqual(finalPick, firstPick.slice(1));
    s = await summary(citizenA);
    assert.equal(s.count, '۱');
    const finalPlanIds = await Promise.all(finalPick.map(async (title) => (await box(citizenA, { title }).getAttribute('value'))!));

    // ---- 5. the receipt check on the round page ----
    at('check the receipt', citizenA);
    const typed = run.receiptTyped === 'ascii' ? asciiDigits(code).replace(/-/g, '') : code;
    let outcome = await checkReceipt(citizenA, typed);
    assert.match(outcome.tone, /\bflash-success\b/);
    assert.match(outcome.text, fa.receiptRecorded, `the receipt is recorded: ${outcome.text}`);
    assert.ok(outcome.text.includes('ثبت شده است'));
    assert.equal(outcome.detail, null, 'no file before the results');
    if (run.javaScript) {
      at('check malformed and unknown receipts', citizenA);
      await open(citizenA, ROUND);
      outcome = await checkReceipt(citizenA, '۱۲۳۴');
      assert.equal(outcome.text, fa.receiptMalformed);
      assert.match(outcome.tone, /\bflash-error\b/);
      const other = asciiDigits(code).replace(/-/g, '').replace(/^./, (d) => String((Number(d) + 1) % 10));
      await open(citizenA, ROUND);
      outcome = await checkReceipt(citizenA, other);
      assert.equal(outcome.text, fa.receiptNotFound);
    }
    finalBallots.push({ label: run.label, code, planIds: finalPlanIds });

    if (!run.results) return;

    // ---- 6. the secretariat closes the round, counts and publishes ----
    const secretary = await context();
    at('secretary opens the round', secretary);
    await signInStaff(secretary, ADMIN_ROUND);
    await assertPersianShell(secretary);

    at('close without confirming', secretary);
    const unconfirmed = await adminAction(secretary, fa.closeButton, null);
    assert.equal(unconfirmed.status(), 422);
    assert.equal(await text(secretary.locator('#confirmClose-error')), fa.confirmRequired);

    at('close the round', secretary);
    await adminAction(secretary, fa.closeButton, fa.closeConfirm);
    assert.equal(path(secretary), ADMIN_ROUND);
    assert.equal(await flash(secretary), fa.closed);

    at('count', secretary);
    await adminAction(secretary, fa.countButton, fa.countConfirm);
    const countFlash = await flash(secretary);
    const counted = fa.counted.exec(countFlash);
    assert.ok(counted, `the flash reports the count: ${countFlash}`);
    const ballotsCounted = Number(asciiDigits(counted[1]!).replace(/٬/g, ''));
    const winnersCounted = Number(asciiDigits(counted[2]!));
    assert.ok(ballotsCounted >= finalBallots.length, `the test's ballots are among the ${ballotsCounted} counted`);
    assert.ok(winnersCounted >= 1, 'at least one project wins');
    assert.ok((await text(secretary.locator('main .place-header'))).includes(fa.countedPhase));
    assert.equal(await text(secretary.locator('#result')), fa.unpublishedTitle);
    assert.equal(await secretary.locator('#winners + ol > li').count(), winnersCounted);
    await shot(secretary, 'admin-counted');
    await assertNoSideScroll(secretary, 'the admin round page');

    at('citizen A\'s receipt before publication', citizenA);
    await open(citizenA, ROUND);
    outcome = await checkReceipt(citizenA, typed);
    assert.match(outcome.text, fa.receiptCounted, `counted, not yet published: ${outcome.text}`);
    assert.equal(outcome.detail, null);

    at('publish', secretary);
    await adminAction(secretary, fa.publishButton, fa.publishConfirm);
    const publishFlash = await flash(secretary);
    const published = fa.published.exec(publishFlash);
    assert.ok(published, `the flash reports the publication: ${publishFlash}`);
    assert.equal(Number(asciiDigits(published[1]!)), winnersCounted);

    // ---- 7. a visitor reads the results ----
    const visitor = await context();
    at('results page', visitor);
    await open(visitor, ROUND);
    assert.equal(await text(visitor.locator('main > p .badge').first()), fa.phasePublished, 'the round says its result is published');
    assert.equal(await visitor.locator('form.ballot-form').count(), 0, 'no ballot any more');
    assert.equal(await text(visitor.locator('#results')), fa.resultsTitle);
    const results = visitor.locator('section[aria-labelledby="results"]');
    const stat = async (label: string) => text(results.locator('dl.stats > div').filter({ has: visitor.locator('dt', { hasText: label }) }).locator('dd'));
    const ballotsShown = Number(asciiDigits(await stat(fa.ballotsStat)).replace(/٬/g, ''));
    assert.equal(ballotsShown, ballotsCounted, 'the page shows as many ballots as were counted');
    assert.equal(Number(asciiDigits(await stat(fa.fundedStat))), winnersCounted);
    const projects = results.getByRole('region', { name: fa.projectsCaption });
    const rows = projects.locator('li.card');
    assert.equal(await rows.count(), Object.keys(P).length, 'every project is explained');
    let winners = 0;
    for (let i = 0; i < (await rows.count()); i++) {
      const outcomeText = await text(rows.nth(i).locator('.badge'));
      assert.ok(outcomeText === fa.won || outcomeText === fa.lost, `the outcome: ${outcomeText}`);
      if (outcomeText === fa.won) winners++;
      const why = await text(rows.nth(i).locator('p.why'));
      assert.ok(why.length > 20, `each project says why: «${why}»`);
      assert.match(await text(rows.nth(i).locator('p.meta')), /^[۰-۹٬]+ موافق/, 'approvals in Persian digits');
    }
    assert.equal(winners, winnersCounted, 'the winners are the counted ones');
    assert.equal(await text(rows.first().locator('.badge')), fa.won, 'winners come first');
    const turnout = results.getByRole('region', { name: fa.turnoutCaption });
    const turnoutText = await text(turnout);
    assert.ok(turnoutText.includes(run.a.home.replace(/ \(نمونه\)$/, '')), `the turnout lists the citizen's neighborhood: ${turnoutText}`);
    await assertNoLatinDigits(results.locator('dl.stats'), 'the result figures');
    await assertNoLatinDigits(projects, 'the projects table');
    await assertNoLatinDigits(turnout, 'the turnout table');
    await shot(visitor, 'results');

    at('results page on a phone', visitor);
    const phone = await context({ width: 360, height: 740 });
    await open(phone, ROUND);
    await shot(phone, 'results');

    at('download the .pb file', visitor);
    const link = results.getByRole('link', { name: fa.download });
    assert.equal(await link.getAttribute('href'), `${ROUND}.pb`);
    const pbResponse = await visitor.request.get((await link.getAttribute('href'))!);
    assert.equal(pbResponse.status(), 200);
    assert.match(pbResponse.headers()['content-disposition'] ?? '', /attachment; filename="mahalle-ballot-1\.pb"/);
    const pb = parsePb(await pbResponse.text());
    assert.equal(pb.votes.length, ballotsShown, 'the file has a VOTES line per ballot the page counts');
    assert.equal(pb.meta.get('num_votes'), String(ballotsShown));
    assert.equal(pb.meta.get('max_length'), '2');
    assert.equal(pb.projects.filter((p) => p.selected === 1).length, winnersCounted, 'the file marks the same winners');
    for (const v of pb.votes) assert.ok(v.vote.length >= 1 && v.vote.length <= 2, 'every ballot is within the limits');

    // ---- 8. the receipts now say counted, and name the ballot in the file ----
    for (const mine of finalBallots) {
      at(`receipt of «${mine.label}» after publication`, visitor);
      await open(visitor, ROUND);
      outcome = await checkReceipt(visitor, mine.code);
      assert.match(outcome.text, fa.receiptCounted, `the ballot was counted: ${outcome.text}`);
      assert.ok(outcome.text.includes('شمرده شده است'));
      const inFile = fa.receiptInFile.exec(outcome.detail ?? '');
      assert.ok(inFile, `the check names the ballot's id in the file: ${outcome.detail}`);
      const line = pb.votes.filter((v) => v.voterId === inFile[1]);
      assert.equal(line.length, 1, `the ballot ${inFile[1]} is in the file's VOTES once`);
      assert.deepEqual([...line[0]!.vote].sort(), [...mine.planIds].sort(), 'the file holds the changed ballot, not the first one');
      if (mine.code === code) await shot(visitor, 'receipt-counted');
    }
  } catch (err) {
    // Keep a picture of where it went wrong, whatever the run.
    await screenshot(current, `failure-participation-${run.javaScript ? 'js' : 'nojs'}-${step.replace(/\W+/g, '-')}`).catch(() => undefined);
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

browserSuite('participation in a real browser: needs, support, a ballot and its results', runs, flow);
