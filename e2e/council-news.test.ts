// Browser test of the council and the news desk (issue #7), on the demo data, in two runs
// against one app:
// 1. JavaScript off, 1280×800. The demo secretary creates a meeting (Jalali date and time typed in
//    Persian digits), adds a council member, invites the welfare agency, records attendance, adds
//    an agenda item, writes the minutes (markdown with a list), records a resolution for the
//    welfare agency with a Jalali deadline, marks the meeting held, writes a public summary and
//    publishes it. A visitor reads /meetings/:id: the summary and the resolution, never the
//    minutes. The welfare officer finds the resolution on /my/resolutions (after the demo's
//    overdue one) and reports that work has started; the secretary sees the new status on
//    /admin/resolutions (overdue first) and the note on the resolution's page. The demo editor
//    drafts an article from the meeting («پیش‌نویس خبر از این جلسه»), checks the prefill, adds an
//    overline and tags, saves and publishes; a visitor finds it on /news and at /news/:newsCode
//    (overline, lead, Jalali date, news code, the related meeting) and in /feed.xml.
// 2. JavaScript on, 360×740. The same pages on a phone (the staff reuse their sessions from the
//    first run: sign-ins are rate-limited per address), then a citizen registers, comments on the
//    article (held, as a new person's first comment), the demo moderator approves it, and the
//    citizen, trusted now, answers that published comment (the demo data has no comments under
//    articles to answer): the reply page shows «در پاسخ به این نظر» and the reply is published
//    under its parent.
// Full-page screenshots at each run's width go to e2e/screenshots/council-*-<width>.png.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Cookie, Locator, Page, Response } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import {
  browserSuite, latestOtp, newContext, screenshot, screenshotDir, type RunningApp, path, navigate, text, assertPersianShell, assertNoLatinDigits, assertNoSideScroll,
} from './support.ts';

type Run = {
  label: string;
  javaScript: boolean;
  width: number;
  height: number;
  /** The first run records the meeting and publishes the article; the second reads them on a phone and comments. */
  part: 'council' | 'phone';
};

const runs: Run[] = [
  { label: 'JavaScript off, 1280×800: meeting, resolution, progress note, article', javaScript: false, width: 1280, height: 800, part: 'council' },
  { label: 'JavaScript on, 360×740: the pages on a phone, a citizen comments and replies', javaScript: true, width: 360, height: 740, part: 'phone' },
];

const SECRETARY = { email: 'secretary@mahalle.local', password: 'mahalle-secretary-demo' };
const OFFICER = { email: 'welfare@mahalle.local', password: 'mahalle-officer-demo' };
const EDITOR = { email: 'editor@mahalle.local', password: 'mahalle-editor-demo' };
const MODERATOR = { email: 'moderator@mahalle.local', password: 'mahalle-moderator-demo' };
type Staff = 'secretary' | 'officer' | 'editor';

// What the first run creates and the second reads.
const shared: {
  meetingId?: number;
  resolutionId?: number;
  newsCode?: string;
  articleId?: number;
  cookies: Partial<Record<Staff, Cookie[]>>;
} = { cookies: {} };

// ---- dates, computed here with Intl's Persian calendar (not the app's code) --------------------

const DAY = 86_400_000;
const months = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const persianDigits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const asciiDigits = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
const jalaliFormat = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric', month: 'numeric', day: 'numeric' });
function jalali(ms: number): { y: number; m: number; d: number } {
  const parts = Object.fromEntries(jalaliFormat.formatToParts(ms).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day) };
}
/** ۱۴۰۵/۰۹/۰۸, as a person types it. */
const typedDate = (ms: number) => {
  const j = jalali(ms);
  return persianDigits(`${j.y}/${String(j.m).padStart(2, '0')}/${String(j.d).padStart(2, '0')}`);
};
/** ۸ آذر ۱۴۰۵, as the pages show it. */
const longDate = (ms: number) => {
  const j = jalali(ms);
  return persianDigits(`${j.d} ${months[j.m - 1]} ${j.y}`);
};

// The meeting was yesterday (so it can be marked held); the deadline is a month away.
const now = Date.now();
const meetingDay = now - DAY;
const deadlineDay = now + 30 * DAY;

// Texts typed into forms are written without Persian digits and with «ٔ» only where the app keeps
// it, so what is typed is what the pages show.
const MEETING = {
  title: 'جلسه ستاد توانمندسازی محلات — مشاوره خانواده در محله‌های هدف',
  date: typedDate(meetingDay),
  time: '۱۰:۳۰',
  venue: 'سالن جلسات استانداری قزوین',
  chair: 'معاون سیاسی، امنیتی و اجتماعی استاندار',
  member: { option: 'عضو ستاد (نمونه) (عضو ستاد)', name: 'عضو ستاد (نمونه)', role: 'عضو ستاد' },
  agency: 'اداره کل بهزیستی استان قزوین',
  representative: 'معاون امور اجتماعی',
  agenda: { title: 'گزارش بهزیستی از دفترهای مشاوره خانواده', notes: 'کمبود مشاور و جای دفترها در محله‌های هدف.' },
  // The minutes are internal: the sentence below must never reach the public page.
  minutesSecret: 'نماینده بهزیستی گفت دو مشاور از طرح کناره گرفته‌اند و جایگزین هنوز پیدا نشده است.',
  minutesItems: [
    'دفتر نخست در سرای محله مینودر آماده است.',
    'برای دفتر دوم هنوز جای مناسبی پیدا نشده است.',
    'خانواده‌ها نوبت را تلفنی یا حضوری می‌گیرند.',
  ],
  resolution: 'دفتر مشاوره خانواده در سرای محله مینودر تا پایان مهلت باز شود و شمار مراجعان هر ماه به دبیرخانه گزارش شود.',
  deadline: typedDate(deadlineDay),
  summaryFirst: 'ستاد گزارش بهزیستی از دفترهای مشاوره خانواده را شنید و مقرر کرد نخستین دفتر در سرای محله مینودر باز شود.',
  summarySecond: 'خانواده‌های محله می‌توانند نوبت مشاوره را تلفنی یا حضوری در سرای محله بگیرند.',
  progress: 'مشاوران دفتر سرای محله مینودر معرفی شدند و پذیرش خانواده‌ها از هفته آینده آغاز می‌شود.',
};
const minutesMarkdown = [
  '## گزارش بهزیستی',
  MEETING.minutesSecret,
  '',
  ...MEETING.minutesItems.map((i) => `- ${i}`),
].join('\n');
const summaryMarkdown = `${MEETING.summaryFirst}\n\n${MEETING.summarySecond}`;

const ARTICLE = {
  overline: 'مصوبه تازه ستاد توانمندسازی محلات',
  tags: ['مشاوره خانواده', 'بهزیستی'],
};

const CITIZEN = {
  name: 'زهرا احمدی',
  mobile: '09127770301',
  comment: 'دفتر مشاوره خانواده در سرای محله مینودر برای خانواده‌های ما خیلی لازم است؛ لطفا ساعت کار آن را عصرها هم بگذارید.',
  reply: 'برای نوبت حضوری هم یک روز در هفته را ویژه مادران شاغل محله بگذارید تا بتوانند بیایند.',
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
  emailLabel: 'نشانی رایانامه',
  passwordLabel: 'گذرواژه',
  login: 'ورود',
  optional: '(اختیاری)',

  meetingsTitle: 'جلسات ستاد',
  newMeeting: 'جلسهٔ تازه',
  fTitle: 'عنوان جلسه',
  fDate: 'تاریخ',
  fTime: 'ساعت شروع',
  fVenue: 'محل برگزاری',
  fChair: 'رئیس جلسه',
  createMeeting: 'ثبت جلسه',
  created: 'جلسه ثبت شد؛ اعضا، دستور جلسه و بقیه را در همین صفحه بیفزایید.',
  draft: 'پیش‌نویس',
  held: 'برگزارشده',
  published: 'منتشرشده',
  when: 'زمان',
  memberUser: 'از اعضای ستاد و دبیرخانه',
  memberRole: 'سمت در جلسه',
  addMember: 'افزودن عضو',
  memberAdded: 'عضو افزوده شد.',
  account: 'حساب سامانه',
  agencyLabel: 'دستگاه اجرایی',
  representative: 'نماینده',
  invite: 'دعوت از دستگاه',
  invited: 'دستگاه دعوت شد.',
  saveAttendance: 'ثبت حضور و غیاب',
  attendanceSaved: 'حضور و غیاب ثبت شد.',
  present: 'حاضر',
  addAgenda: 'افزودن به دستور جلسه',
  itemTitle: 'عنوان بند',
  itemNotes: 'توضیح',
  agendaAdded: 'بند به دستور جلسه افزوده شد.',
  minutesField: 'متن صورت‌جلسه (درونی؛ منتشر نمی‌شود)',
  saveMinutes: 'ذخیرهٔ صورت‌جلسه',
  minutesSaved: 'صورت‌جلسه ذخیره شد.',
  resText: 'متن مصوبه',
  resAgency: 'دستگاه مسئول',
  resDeadline: 'مهلت انجام',
  addResolution: 'ثبت مصوبه',
  resolutionAdded: 'مصوبه ثبت شد و به دستگاه مسئول خبر داده شد.',
  open: 'باز',
  hold: 'ثبت برگزاری جلسه',
  heldFlash: 'برگزاری جلسه ثبت شد.',
  summaryField: 'متن خلاصهٔ عمومی',
  publishMeeting: 'ذخیره و انتشار جلسه',
  publishedFlash: 'جلسه منتشر شد.',
  publicLink: 'صفحهٔ عمومی جلسه',
  newsDraft: 'پیش‌نویس خبر از این جلسه',
  printHeading: (title: string) => `صورت‌جلسهٔ ${title}`,
  printButton: 'چاپ',
  printPresent: 'حاضران:',
  signatures: 'امضای حاضران',
  resolutionsTitle: 'مصوبات',
  resCard: (agency: string, deadline: string) => `مسئول: ${agency} · مهلت: ${deadline}`,

  myTitle: 'مصوبات دستگاه من',
  report: 'نوع گزارش',
  started: 'اجرای مصوبه آغاز شد',
  reportBody: 'شرح گزارش',
  submitReport: 'ثبت گزارش',
  startedFlash: 'گزارش ثبت شد و مصوبه «در حال اجرا» است.',
  inProgress: 'در حال اجرا',
  overdue: 'دیرکرد',
  followTitle: 'پیگیری مصوبات ستاد',
  demoOverdue: 'دو دفتر مشاورهٔ خانواده در محله‌های هدف شهر قزوین راه‌اندازی شود',
  movedTo: 'وضعیت: در حال اجرا',
  officerName: 'کارشناس بهزیستی (نمونه)',

  newsFormTitle: 'خبر تازه',
  prefillNotice: (title: string) => `این پیش‌نویس از گزارش عمومی «${title}» پر شده است؛ پیش از انتشار آن را بازبینی کنید.`,
  prefillOverline: (date: string) => `جلسهٔ ستاد توانمندسازی محلات، ${date}`,
  prefillTitle: (title: string) => `گزارش ${title}`,
  prefillLead: (title: string, date: string, venue: string) => `${title} روز ${date} در ${venue} برگزار شد.`,
  overline: 'روتیتر',
  titleLabel: 'تیتر',
  lead: 'لید',
  body: 'متن خبر',
  tags: 'برچسب‌ها',
  meetings: 'جلسه‌های مرتبط',
  saveDraft: 'ذخیرهٔ پیش‌نویس',
  publishNow: 'انتشار اکنون',
  saved: (status: string) => new RegExp(`^خبر ذخیره شد \\(کد خبر: ([۰-۹]+)، ${status}\\)\\.$`),
  editTitle: (code: string) => `ویرایش خبر (کد خبر: ${code})`,
  newsTitle: 'اخبار',
  code: (code: string) => `کد خبر: ${code}`,
  dateline: 'قزوین – محله –',
  related: 'مرتبط با این خبر',

  bodyLabel: 'متن نظر',
  submit: 'فرستادن نظر',
  captchaDone: 'تأیید شد؛ نیازی به پاسخ نیست.',
  heldNewUser: 'سپاس! نخستین نظر هر کاربر پیش از انتشار بررسی می‌شود؛ نظر شما پس از تأیید ناظر منتشر خواهد شد.',
  waiting: 'در انتظار بررسی؛ فقط شما آن را می‌بینید',
  rulesLead: 'نظرها پس از بررسی خودکار منتشر می‌شوند. این نظرها منتشر نمی‌شوند:',
  moderationTitle: 'بررسی نظرها',
  approveOne: 'تأیید همین نظر',
  approved: 'تصمیم ثبت شد: ۱ نظر تأیید شد.',
  reply: 'پاسخ',
  replyTitle: 'پاسخ به نظر',
  replyTo: 'در پاسخ به نظر',
  replyPublished: 'پاسخ شما منتشر شد.',
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
    const hiddenColumns = [...d.querySelectorAll('.table-wrap')]
      .filter((w: any) => w.scrollWidth > w.clientWidth + 1)
      .map((w: any) => `«${w.getAttribute('aria-label')}» ${w.scrollWidth}px in ${w.clientWidth}px`);
    return { duplicateIds, orphanLabels, hiddenColumns };
  });
  if (found.duplicateIds.length) findings.push(`${what}: duplicate ids ${found.duplicateIds.join(', ')}`);
  if (found.orphanLabels.length) findings.push(`${what}: labels naming no field: ${found.orphanLabels.join('; ')}`);
  if (found.hiddenColumns.length) findings.push(`${what}: table columns scrolled out of view: ${found.hiddenColumns.join('; ')}`);
}

async function open(page: Page, url: string, status = 200): Promise<Response> {
  const res = await page.goto(url);
  assert.ok(res, `GET ${url}`);
  assert.equal(res.status(), status, `GET ${url}`);
  await assertPersianShell(page);
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

/** A form of the meeting page, by where it posts. */
const meetingForm = (page: Page, suffix: string) => page.locator(`main form[action="/admin/meetings/${shared.meetingId}${suffix}"]`);

/** Submits a meeting-page form and checks the redirect back to its section with the flash. */
async function submitMeetingForm(page: Page, form: Locator, button: string, flashText: string, anchor: string): Promise<void> {
  const res = await navigate(page, form.getByRole('button', { name: button, exact: true }));
  assert.equal(res.status(), 200);
  assert.equal(res.request().redirectedFrom()?.method(), 'POST', `«${button}» posts and redirects`);
  assert.equal(path(page), `/admin/meetings/${shared.meetingId}`);
  assert.equal(new URL(page.url()).hash, `#${anchor}`);
  await assertPersianShell(page);
  assert.equal(await flash(page), flashText);
  assert.equal(await page.locator('main .error-summary').count(), 0, 'no error summary');
}

/**
 * Gets the comment form's captcha through. With JavaScript: waits for the proof of work to be
 * solved and answers nothing. Without: reads the arithmetic question from its label.
 */
async function passCaptcha(form: Locator, javaScript: boolean): Promise<void> {
  if (javaScript) {
    await form.locator('fieldset.captcha[data-altcha-state="done"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await text(form.locator('[data-captcha-status]')), fa.captchaDone);
    assert.equal(await form.locator('[data-captcha-question]').isHidden(), true, 'the question is hidden once solved');
    return;
  }
  const label = await text(form.locator('[data-captcha-question] label'));
  const m = /^([۰-۹]+) (به‌علاوهٔ|منهای) ([۰-۹]+) چند می‌شود؟$/.exec(label);
  assert.ok(m, `the question is arithmetic in Persian digits: ${label}`);
  const a = Number(asciiDigits(m[1]!));
  const b = Number(asciiDigits(m[3]!));
  await form.getByLabel(label).fill(String(m[2] === 'منهای' ? a - b : a + b));
}

/** The number in «نظرها (۴)». */
async function publishedCount(page: Page): Promise<number> {
  const heading = await text(page.locator('#comments-heading'));
  const m = /\(([۰-۹]+)\)/.exec(heading);
  assert.ok(m, `the thread heading shows the published count in Persian digits: ${heading}`);
  return Number(asciiDigits(m[1]!));
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
    await inspect(page, `${name} at ${run.width}px`);
    await assertNoSideScroll(page, `${name} at ${run.width}px`);
    await assertNoLatinDigits(page.locator('main'), `${name} at ${run.width}px`);
    shots.push(await screenshot(page, `council-${name}`));
  };
  let step = 'start';
  let current: Page | undefined;
  const at = (name: string, page: Page) => {
    step = name;
    current = page;
  };
  try {
    if (run.part === 'council') await council(app, run, person, keepSession, shot, at);
    else await phone(app, run, person, shot, at);
  } catch (err) {
    if (current) await screenshot(current, `failure-council-${run.javaScript ? 'js' : 'nojs'}-${step.replace(/\W+/g, '-')}`).catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
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
    console.log(`[${run.label}] screenshots:\n${shots.join('\n')}`);
  }
}

type Person = (who?: Staff) => Promise<Page>;
type Shot = (page: Page, name: string) => Promise<void>;
type At = (name: string, page: Page) => void;

async function council(app: RunningApp, run: Run, person: Person, keepSession: (who: Staff, page: Page) => Promise<void>, shot: Shot, at: At): Promise<void> {
  const [secretary, visitor, officer, editor] = await Promise.all([person(), person(), person(), person()]);

  // ---- 1. the secretary creates the meeting ----
  at('secretary signs in', secretary);
  await signIn(secretary, SECRETARY, '/admin/meetings');
  await keepSession('secretary', secretary);
  assert.equal(path(secretary), '/admin/meetings');
  assert.equal(await text(secretary.locator('main h1')), fa.meetingsTitle);

  at('new meeting form', secretary);
  await navigate(secretary, secretary.locator('main').getByRole('link', { name: fa.newMeeting, exact: true }));
  assert.equal(path(secretary), '/admin/meetings/new');
  const details = secretary.locator('main form[action="/admin/meetings"]');
  await details.getByLabel(fa.fTitle).fill(MEETING.title);
  await details.getByLabel(fa.fDate, { exact: true }).fill(MEETING.date);
  await details.getByLabel(fa.fTime).fill(MEETING.time);
  await details.getByLabel(fa.fVenue).fill(MEETING.venue);
  await details.getByLabel(fa.fChair).fill(MEETING.chair);
  const created = await navigate(secretary, details.getByRole('button', { name: fa.createMeeting, exact: true }));
  assert.equal(created.status(), 200);
  const m = /^\/admin\/meetings\/(\d+)$/.exec(path(secretary));
  assert.ok(m, `the new meeting has a page: ${secretary.url()}`);
  shared.meetingId = Number(m[1]);
  const meetingPath = `/admin/meetings/${shared.meetingId}`;
  assert.equal(await flash(secretary), fa.created);
  assert.equal(await text(secretary.locator('main h1')), `${MEETING.title} ${fa.draft}`);
  const facts = await text(secretary.locator('main dl.kv'));
  assert.ok(facts.includes(`${fa.when} ${longDate(meetingDay)}، ${MEETING.time}`), `the Jalali date and time typed in Persian digits: ${facts}`);
  assert.ok(facts.includes(MEETING.venue) && facts.includes(MEETING.chair), `venue and chair: ${facts}`);
  await assertNoLatinDigits(secretary.locator('main dl.kv'), 'the meeting facts');

  // ---- 2. a member and the welfare agency ----
  at('add a member', secretary);
  let form = meetingForm(secretary, '/members');
  await form.getByLabel(fa.memberUser).selectOption({ label: MEETING.member.option });
  await form.getByLabel(fa.memberRole).fill(MEETING.member.role);
  await submitMeetingForm(secretary, form, fa.addMember, fa.memberAdded, 'members');
  const memberRow = secretary.locator('#members table tbody tr').filter({ hasText: MEETING.member.name });
  assert.equal(await memberRow.count(), 1, 'the member is listed');
  assert.ok((await text(memberRow)).includes(fa.account), 'as an account of the system');

  at('invite the welfare agency', secretary);
  form = meetingForm(secretary, '/agencies');
  await form.getByLabel(fa.agencyLabel).selectOption({ label: MEETING.agency });
  await form.getByLabel(fa.representative).fill(MEETING.representative);
  await submitMeetingForm(secretary, form, fa.invite, fa.invited, 'agencies');
  const agencyRow = secretary.locator('#agencies table tbody tr').filter({ hasText: MEETING.agency });
  assert.equal(await agencyRow.count(), 1, 'the agency is invited');
  assert.ok((await text(agencyRow)).includes(MEETING.representative));

  at('attendance', secretary);
  form = meetingForm(secretary, '/attendance');
  await form.getByRole('checkbox', { name: `${MEETING.member.name} — ${MEETING.member.role}`, exact: true }).check();
  await form.getByRole('checkbox', { name: MEETING.agency, exact: true }).check();
  await submitMeetingForm(secretary, form, fa.saveAttendance, fa.attendanceSaved, 'attendance');
  assert.ok((await text(memberRow)).includes(fa.present), 'the member attended');

  // ---- 3. the agenda: the form sits in a closed <details>, opened without script ----
  at('agenda item', secretary);
  await secretary.locator('#agenda details > summary').filter({ hasText: fa.addAgenda }).click();
  form = meetingForm(secretary, '/agenda').filter({ has: secretary.locator('[name="item_title"]') });
  await form.getByLabel(fa.itemTitle).fill(MEETING.agenda.title);
  await form.getByLabel(fa.itemNotes).fill(MEETING.agenda.notes);
  await submitMeetingForm(secretary, form, fa.addAgenda, fa.agendaAdded, 'agenda');
  const item = secretary.locator('#agenda ol.timeline > li').filter({ hasText: MEETING.agenda.title });
  assert.equal(await item.count(), 1, 'the item is on the agenda');
  assert.ok((await text(item)).startsWith('۱.'), `numbered in Persian digits: ${await text(item)}`);
  assert.ok((await text(item)).includes(MEETING.agenda.notes));

  // ---- 4. the minutes, with a list ----
  at('minutes', secretary);
  form = meetingForm(secretary, '/minutes');
  assert.equal(await text(form.locator('label[for="minutes"]')), `${fa.minutesField} ${fa.optional}`);
  await form.getByLabel(fa.minutesField).fill(minutesMarkdown);
  await submitMeetingForm(secretary, form, fa.saveMinutes, fa.minutesSaved, 'minutes-section');
  const minutes = secretary.locator('#minutes-section .markdown');
  assert.deepEqual((await minutes.locator('ul > li').allInnerTexts()).map((s) => s.trim()), MEETING.minutesItems, 'the markdown list is a list');
  assert.ok((await text(minutes)).includes(MEETING.minutesSecret));

  // ---- 5. a resolution for the welfare agency, with a Jalali deadline ----
  at('resolution', secretary);
  form = meetingForm(secretary, '/resolutions');
  await form.getByLabel(fa.resText).fill(MEETING.resolution);
  await form.getByLabel(fa.resAgency).selectOption({ label: MEETING.agency });
  await form.getByLabel(fa.resDeadline).fill(MEETING.deadline);
  await submitMeetingForm(secretary, form, fa.addResolution, fa.resolutionAdded, 'resolutions');
  const resRow = secretary.locator('#resolutions table tbody tr').filter({ hasText: MEETING.resolution });
  assert.equal(await resRow.count(), 1, 'the resolution is listed');
  const cells = (await resRow.locator('td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  assert.deepEqual(cells, ['۱', MEETING.resolution, MEETING.agency, longDate(deadlineDay), fa.open], 'number, text, agency, Jalali deadline, state');
  const resHref = await resRow.getByRole('link', { name: MEETING.resolution }).getAttribute('href');
  const r = /^\/admin\/resolutions\/(\d+)$/.exec(resHref ?? '');
  assert.ok(r, `the resolution links to its page: ${resHref}`);
  shared.resolutionId = Number(r[1]);

  // ---- 6. held, then the public summary and publication ----
  at('mark held', secretary);
  const held = await navigate(secretary, secretary.locator('#minutes-section').getByRole('button', { name: fa.hold, exact: true }));
  assert.equal(held.status(), 200);
  assert.equal(path(secretary), meetingPath);
  assert.equal(await flash(secretary), fa.heldFlash);
  assert.equal(await text(secretary.locator('main h1')), `${MEETING.title} ${fa.held}`);

  at('summary and publish', secretary);
  form = meetingForm(secretary, '/summary');
  // The same clash as the minutes: id «summary» is the section's and the textarea's.
  assert.equal(await text(form.locator('label[for="summary"]')), `${fa.summaryField} ${fa.optional}`);
  await form.getByLabel(fa.summaryField).fill(summaryMarkdown);
  await submitMeetingForm(secretary, form, fa.publishMeeting, fa.publishedFlash, 'summary-section');
  assert.equal(await text(secretary.locator('main h1')), `${MEETING.title} ${fa.published}`);
  assert.equal(await secretary.locator('main').getByRole('link', { name: fa.publicLink }).getAttribute('href'), `/meetings/${shared.meetingId}`);
  const newsLink = secretary.locator('main').getByRole('link', { name: fa.newsDraft });
  assert.equal(await newsLink.getAttribute('href'), `/admin/news/new?meeting=${shared.meetingId}`);
  await assertNoLatinDigits(secretary.locator('main'), 'the meeting page');
  await secretary.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await shot(secretary, 'admin-meeting');

  at('printable minutes', secretary);
  await open(secretary, `${meetingPath}/print`);
  assert.equal(await text(secretary.locator('main h1')), fa.printHeading(MEETING.title));
  assert.equal(await secretary.locator('header, nav, footer').count(), 0, 'no site header, navigation or footer');
  assert.equal(await text(secretary.locator('#print-now')), fa.printButton);
  const sheet = await text(secretary.locator('main'));
  assert.ok(sheet.includes(`${fa.printPresent} ${MEETING.member.name} — ${MEETING.member.role}`), `who attended: ${sheet.slice(0, 400)}`);
  assert.deepEqual((await secretary.locator('main .markdown ul > li').allInnerTexts()).map((s) => s.trim()), MEETING.minutesItems);
  assert.ok(sheet.includes(MEETING.resolution) && sheet.includes(longDate(deadlineDay)), 'the resolution with its deadline');
  assert.ok(sheet.includes(fa.signatures));
  assert.equal(await text(secretary.locator('main ul.signatures > li strong')), MEETING.member.name, 'a line to sign for the member');
  await assertNoLatinDigits(secretary.locator('main'), 'the printable minutes');
  await shot(secretary, 'print');
  // On paper: print media at the width of an A4 page (794 CSS px), named -794.
  await secretary.emulateMedia({ media: 'print' });
  await secretary.setViewportSize({ width: 794, height: 1123 });
  assert.equal(await secretary.locator('#print-now').isVisible(), false, 'the print button is not printed');
  assert.equal(await secretary.locator('main p.meta.no-print').isVisible(), false, 'nor the hint');
  await shot(secretary, 'print-paper');
  await secretary.emulateMedia({ media: 'screen' });
  await secretary.setViewportSize({ width: run.width, height: run.height });

  // ---- 7. the public page: summary and resolution, not the minutes ----
  at('public meeting page', visitor);
  await open(visitor, `/meetings/${shared.meetingId}`);
  assert.equal(await text(visitor.locator('main h1')), MEETING.title);
  const publicText = await text(visitor.locator('main'));
  assert.ok(publicText.includes(`${longDate(meetingDay)}، ${MEETING.time}، ${MEETING.venue}`), `date, time and venue: ${publicText.slice(0, 300)}`);
  assert.ok(publicText.includes(MEETING.summaryFirst) && publicText.includes(MEETING.summarySecond), 'the public summary');
  const card = visitor.locator('main ol.card-list > li').filter({ hasText: MEETING.resolution });
  assert.equal(await card.count(), 1, 'the resolution is public');
  assert.ok((await text(card)).includes(fa.resCard(MEETING.agency, longDate(deadlineDay))), `agency and deadline: ${await text(card)}`);
  assert.ok(!publicText.includes(MEETING.minutesSecret), 'the internal minutes stay internal');
  assert.ok(!publicText.includes(MEETING.minutesItems[1]!), 'no line of the minutes is public');
  assert.ok(!publicText.includes(MEETING.agenda.notes), 'nor the agenda notes');
  await assertNoLatinDigits(visitor.locator('main'), 'the public meeting page');
  await shot(visitor, 'public-meeting');

  // ---- 8. the welfare officer reports progress ----
  at('officer signs in', officer);
  await signIn(officer, OFFICER, '/my/resolutions');
  await keepSession('officer', officer);
  assert.equal(path(officer), '/my/resolutions');
  assert.equal(await text(officer.locator('main h1')), fa.myTitle);
  const cards = officer.locator('main section.card[id^="r-"]');
  assert.ok((await text(cards.first())).includes(fa.demoOverdue), 'the demo\'s overdue resolution comes first');
  assert.ok((await cards.first().locator('.badge').allInnerTexts()).includes(fa.overdue));
  const mine = officer.locator(`main section#r-${shared.resolutionId}`);
  assert.ok((await text(mine)).includes(MEETING.resolution), 'the officer sees the new resolution');
  assert.ok((await text(mine.locator('p.meta').first())).includes(longDate(deadlineDay)));
  await mine.getByLabel(fa.report).selectOption({ label: fa.started });
  await mine.getByLabel(fa.reportBody).fill(MEETING.progress);
  at('post the progress note', officer);
  const noted = await navigate(officer, mine.getByRole('button', { name: fa.submitReport, exact: true }));
  assert.equal(noted.status(), 200);
  assert.equal(path(officer), '/my/resolutions');
  assert.equal(new URL(officer.url()).hash, `#r-${shared.resolutionId}`);
  assert.equal(await flash(officer), fa.startedFlash);
  assert.ok((await officer.locator(`main section#r-${shared.resolutionId} .badge`).allInnerTexts()).includes(fa.inProgress), 'now in progress');
  await assertNoLatinDigits(officer.locator('main'), 'the officer\'s resolutions');
  await officer.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await shot(officer, 'my-resolutions');

  // ---- 9. the secretary follows up ----
  at('follow-up page', secretary);
  await open(secretary, '/admin/resolutions');
  assert.equal(await text(secretary.locator('main h1')), fa.followTitle);
  const rows = secretary.locator('main table').first().locator('tbody tr');
  assert.ok((await text(rows.first())).includes(fa.demoOverdue), 'overdue first');
  assert.ok((await rows.first().locator('.badge').allInnerTexts()).includes(fa.overdue));
  const row = rows.filter({ has: secretary.locator(`a[href="/admin/resolutions/${shared.resolutionId}"]`) });
  assert.equal(await row.count(), 1, 'the new resolution is followed up');
  const rowText = await text(row);
  assert.ok(rowText.includes(MEETING.agency) && rowText.includes(longDate(deadlineDay)), rowText);
  assert.deepEqual(await row.locator('.badge').allInnerTexts(), [fa.inProgress], 'in progress, not overdue');
  await assertNoLatinDigits(secretary.locator('main'), 'the follow-up page');
  await shot(secretary, 'follow-up');

  at('the resolution\'s notes', secretary);
  await navigate(secretary, row.locator(`a[href="/admin/resolutions/${shared.resolutionId}"]`));
  const note = secretary.locator('main ol.timeline > li').last();
  const noteText = await text(note);
  assert.ok(noteText.includes(fa.officerName) && noteText.includes(fa.movedTo) && noteText.includes(MEETING.progress), `the officer's note: ${noteText}`);

  // ---- 10. the editor drafts an article from the meeting ----
  at('editor signs in', editor);
  const draftHref = `/admin/news/new?meeting=${shared.meetingId}`;
  await signIn(editor, EDITOR, draftHref);
  await keepSession('editor', editor);
  assert.equal(`${path(editor)}${new URL(editor.url()).search}`, draftHref);
  assert.equal(await text(editor.locator('main h1')), fa.newsFormTitle);
  // Below the sign-in flash: the prefill notice.
  assert.equal(await text(editor.locator('main p.flash.flash-info')), fa.prefillNotice(MEETING.title));
  const article = editor.locator('main form[action="/admin/news"]');
  const value = (label: string) => article.getByLabel(label, { exact: true }).inputValue();
  assert.equal(await article.getByLabel(fa.overline).inputValue(), fa.prefillOverline(longDate(meetingDay)));
  const title = fa.prefillTitle(MEETING.title);
  assert.equal(await value(fa.titleLabel), title);
  const lead = await article.getByLabel(fa.lead).inputValue();
  assert.equal(lead, `${fa.prefillLead(MEETING.title, longDate(meetingDay), MEETING.venue)} ${MEETING.summaryFirst}`, 'the lead opens with the meeting and its summary');
  assert.equal(await article.getByLabel(fa.body).inputValue(), MEETING.summarySecond, 'the body is the rest of the public summary (its first paragraph is in the lead)');
  assert.deepEqual(await article.getByLabel(fa.meetings).evaluate((s) => [...(s as any).selectedOptions].map((o: any) => o.value)), [String(shared.meetingId)], 'the meeting is linked');
  assert.equal(await article.locator('input[type="hidden"][name="meeting"]').inputValue(), String(shared.meetingId));
  await article.getByLabel(fa.overline).fill(ARTICLE.overline);
  await article.getByLabel(fa.tags).fill(ARTICLE.tags.join('، '));
  await shot(editor, 'news-form');

  at('save the draft', editor);
  await navigate(editor, article.getByRole('button', { name: fa.saveDraft, exact: true }));
  const editMatch = /^\/admin\/news\/(\d+)\/edit$/.exec(path(editor));
  assert.ok(editMatch, `the draft opens for editing: ${editor.url()}`);
  shared.articleId = Number(editMatch[1]);
  const savedFlash = await flash(editor);
  const code = fa.saved(fa.draft).exec(savedFlash);
  assert.ok(code, `the flash names the news code and the state: ${savedFlash}`);
  shared.newsCode = asciiDigits(code[1]!);
  assert.equal(await text(editor.locator('main h1')), fa.editTitle(code[1]!));

  at('publish', editor);
  await navigate(editor, editor.locator(`main form[action="/admin/news/${shared.articleId}"]`).getByRole('button', { name: fa.publishNow, exact: true }));
  assert.equal(path(editor), `/admin/news/${shared.articleId}/edit`);
  assert.match(await flash(editor), fa.saved(fa.published));
  assert.ok((await text(editor.locator('#status'))).includes(fa.published));

  // ---- 11. the public article, the list and the feed ----
  const articlePath = `/news/${shared.newsCode}`;
  const codeShown = persianDigits(shared.newsCode);
  at('news list', visitor);
  await open(visitor, '/news');
  assert.equal(await text(visitor.locator('main h1')), fa.newsTitle);
  const first = visitor.locator('main article.news-card').first();
  assert.equal(await first.locator('h2 a').getAttribute('href'), articlePath, 'the new article comes first');
  assert.equal(await text(first.locator('h2 a')), title);
  assert.equal(await text(first.locator('.overline')), ARTICLE.overline);
  assert.match(await text(first.locator('time')), new RegExp(`^${longDate(now)}، [۰-۹]{2}:[۰-۹]{2}$`));
  await assertNoLatinDigits(visitor.locator('main'), 'the news list');
  await shot(visitor, 'news-list');

  at('public article', visitor);
  await navigate(visitor, first.locator('h2 a'));
  assert.equal(path(visitor), articlePath);
  await assertPersianShell(visitor);
  const page = visitor.locator('main article.news-article');
  assert.equal(await text(page.locator('header .overline')), ARTICLE.overline);
  assert.equal(await text(page.locator('h1')), title);
  const meta = await text(page.locator('header p.meta'));
  assert.match(meta, new RegExp(`^${longDate(now)}، [۰-۹]{2}:[۰-۹]{2} · ${fa.code(codeShown)}$`), `Jalali date and news code: ${meta}`);
  assert.ok(await page.locator('header time[datetime]').getAttribute('datetime'), 'a machine-readable date');
  assert.equal(await text(page.locator('.news-lead')), lead);
  assert.equal(await text(page.locator('.dateline')), fa.dateline);
  assert.ok((await text(page.locator('.news-body'))).includes(MEETING.summarySecond));
  // Tags are listed in code-point order, not in the order typed.
  assert.deepEqual(await page.locator('.news-tags a[rel="tag"]').allInnerTexts(), [...ARTICLE.tags].sort());
  const related = visitor.locator('section[aria-labelledby="related-title"]');
  assert.equal(await text(related.locator('h2')), fa.related);
  const meetingLink = related.getByRole('link', { name: MEETING.title });
  assert.equal(await meetingLink.getAttribute('href'), `/meetings/${shared.meetingId}`, 'the related meeting');
  assert.ok((await text(related)).includes(`(${longDate(meetingDay)})`));
  assert.equal(await visitor.locator('meta[property="og:title"]').getAttribute('content'), title);
  await assertNoLatinDigits(visitor.locator('main article'), 'the article');
  await shot(visitor, 'article');

  at('feed', visitor);
  const feed = await visitor.request.get('/feed.xml');
  assert.equal(feed.status(), 200);
  assert.match(feed.headers()['content-type'] ?? '', /^application\/rss\+xml\b/);
  const xml = await feed.text();
  const rss = new XMLParser({ ignoreAttributes: false }).parse(xml) as { rss: { '@_version': string; channel: { item: { title: string; link: string; pubDate: string; category?: string | string[] }[] } } };
  assert.equal(rss.rss['@_version'], '2.0');
  const items = [rss.rss.channel.item].flat();
  const entry = items.find((i) => i.link === `${app.baseURL}${articlePath}`);
  assert.ok(entry, `the feed lists ${articlePath}: ${items.map((i) => i.link).join(', ')}`);
  assert.equal(entry.title, title);
  assert.ok(Math.abs(Date.parse(entry.pubDate) - Date.now()) < 10 * 60_000, `an RFC 822 date of now: ${entry.pubDate}`);
  assert.deepEqual([entry.category ?? []].flat(), [...ARTICLE.tags].sort());
  assert.equal(items.indexOf(entry), 0, 'the newest item first');
}

async function phone(app: RunningApp, run: Run, person: Person, shot: Shot, at: At): Promise<void> {
  const { meetingId, resolutionId, newsCode, articleId } = shared;
  assert.ok(meetingId && resolutionId && newsCode && articleId, 'the first run recorded the meeting and published the article');
  const [secretary, officer, editor, visitor, citizen, moderator] = await Promise.all([
    person('secretary'), person('officer'), person('editor'), person(), person(), person(),
  ]);
  const articlePath = `/news/${newsCode}`;

  // ---- 1. the same pages on a phone ----
  at('admin meeting page on a phone', secretary);
  await open(secretary, `/admin/meetings/${meetingId}`);
  assert.equal(await text(secretary.locator('main h1')), `${MEETING.title} ${fa.published}`);
  await shot(secretary, 'admin-meeting');
  at('printable minutes on a phone', secretary);
  await open(secretary, `/admin/meetings/${meetingId}/print`);
  await shot(secretary, 'print');
  at('follow-up on a phone', secretary);
  await open(secretary, '/admin/resolutions');
  await shot(secretary, 'follow-up');
  at('public meeting page on a phone', visitor);
  await open(visitor, `/meetings/${meetingId}`);
  await shot(visitor, 'public-meeting');
  at('officer\'s resolutions on a phone', officer);
  await open(officer, '/my/resolutions');
  assert.ok((await officer.locator(`main section#r-${resolutionId} .badge`).allInnerTexts()).includes(fa.inProgress));
  await shot(officer, 'my-resolutions');
  at('news form on a phone', editor);
  await open(editor, `/admin/news/new?meeting=${meetingId}`);
  await shot(editor, 'news-form');
  at('news list on a phone', visitor);
  await open(visitor, '/news');
  await shot(visitor, 'news-list');

  // ---- 2. a citizen registers ----
  at('register and verify', citizen);
  await open(citizen, '/register');
  await citizen.getByLabel(fa.nameLabel).fill(CITIZEN.name);
  await citizen.getByLabel(fa.mobileLabel).fill(CITIZEN.mobile);
  await navigate(citizen, citizen.getByRole('button', { name: fa.sendCode }));
  assert.equal(path(citizen), '/verify');
  await citizen.getByLabel(fa.codeLabel).fill(latestOtp(app.databaseFile, CITIZEN.mobile));
  await navigate(citizen, citizen.getByRole('button', { name: fa.verifySubmit }));
  assert.equal(path(citizen), '/profile');
  assert.ok((await flash(citizen)).startsWith(fa.welcome), 'the citizen is signed in');

  // ---- 3. a comment on the article: held, as a new person's first ----
  at('comment on the article', citizen);
  await open(citizen, articlePath);
  const before = await publishedCount(citizen);
  assert.ok((await text(citizen.locator('#comments .comment-rules'))).startsWith(fa.rulesLead), 'the rules stand above the form');
  let form = citizen.locator('form#comment-form');
  await form.getByLabel(fa.bodyLabel).fill(CITIZEN.comment);
  await passCaptcha(form, run.javaScript);
  const posted = await navigate(citizen, form.getByRole('button', { name: fa.submit }));
  assert.equal(posted.status(), 200);
  assert.equal(path(citizen), articlePath);
  const hash = /^#comment-(\d+)$/.exec(new URL(citizen.url()).hash);
  assert.ok(hash, `the redirect points at the new comment: ${citizen.url()}`);
  const commentId = hash[1]!;
  assert.equal(await flash(citizen), fa.heldNewUser);
  const own = citizen.locator(`#comments li#comment-${commentId}`);
  assert.match((await own.getAttribute('class')) ?? '', /\bcomment-waiting\b/);
  assert.equal(await text(own.locator('.comment-head .badge')), fa.waiting);
  assert.equal(await text(own.locator('.comment-body')), CITIZEN.comment);

  // ---- 4. the moderator approves it ----
  at('moderator approves', moderator);
  await signIn(moderator, MODERATOR, '/admin/moderation');
  assert.equal(await text(moderator.locator('main h1')), fa.moderationTitle);
  const queued = moderator.locator(`ol.moderation-list > li#comment-${commentId}`);
  assert.equal(await text(queued.locator('.moderation-body')), CITIZEN.comment);
  await navigate(moderator, queued.getByRole('button', { name: fa.approveOne }));
  assert.equal(await flash(moderator), fa.approved);

  at('a visitor reads the comment', visitor);
  await open(visitor, articlePath);
  assert.match((await visitor.locator(`#comments li#comment-${commentId}`).getAttribute('class')) ?? '', /\bcomment-published\b/);
  assert.equal(await publishedCount(visitor), before + 1);

  // ---- 5. trusted now: a reply, published at once under its parent ----
  at('reply link', citizen);
  await open(citizen, articlePath);
  const parent = citizen.locator(`#comments li#comment-${commentId} > article`);
  await parent.scrollIntoViewIfNeeded();
  await navigate(citizen, parent.getByRole('link', { name: fa.reply, exact: true }));
  assert.equal(path(citizen), '/comments/new');
  assert.equal(new URL(citizen.url()).searchParams.get('parent'), commentId);
  assert.equal(await text(citizen.locator('main h1')), fa.replyTitle);
  const quote = await text(citizen.locator('main blockquote.comment-quote'));
  assert.ok(quote.includes(fa.replyTo) && quote.includes(CITIZEN.comment), `the page says what is answered: ${quote}`);
  await assertNoLatinDigits(citizen.locator('main blockquote.comment-quote'), 'the quoted comment');
  form = citizen.locator('form#comment-form');
  await form.getByLabel(fa.bodyLabel).fill(CITIZEN.reply);
  await passCaptcha(form, run.javaScript);
  await shot(citizen, 'reply-form');

  at('post the reply', citizen);
  await navigate(citizen, form.getByRole('button', { name: fa.submit }));
  assert.equal(path(citizen), articlePath);
  const replyHash = /^#comment-(\d+)$/.exec(new URL(citizen.url()).hash);
  assert.ok(replyHash, `the redirect points at the reply: ${citizen.url()}`);
  assert.equal(await flash(citizen), fa.replyPublished);
  const nested = citizen.locator(`#comments li#comment-${commentId} > ol.comment-replies > li#comment-${replyHash[1]}`);
  assert.equal(await nested.count(), 1, 'the reply is nested under the comment it answers');
  assert.match((await nested.getAttribute('class')) ?? '', /\bcomment-published\b/);
  assert.equal(await text(nested.locator('.comment-body')), CITIZEN.reply);
  assert.equal(await publishedCount(citizen), before + 2);
  await assertNoLatinDigits(citizen.locator('#comments'), 'the thread');

  at('the public article on a phone', visitor);
  await open(visitor, articlePath);
  assert.equal(await visitor.locator(`#comment-${replyHash[1]}`).count(), 1, 'visitors see the reply');
  await shot(visitor, 'article');
}

browserSuite('council meetings, resolutions and the news desk in a real browser', runs, flow);
