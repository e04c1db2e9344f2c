import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUserByMobile } from '../accounts/accounts.repo.ts';
import { createStaffUser } from '../accounts/create-staff-user.ts';
import { updateProfile } from '../accounts/update-profile.ts';
import { addOfficer, insertAgency } from '../agencies/agencies.repo.ts';
import { insertRound, setPlanFunded, setRoundStatus } from '../allocation/rounds.repo.ts';
import { createCommentsWorld, solveQuestion, STAFF_PASSWORD, type CommentsWorld } from '../comments/comments-test-setup.ts';
import { uploadRoot } from '../platform/files/store-upload.ts';
import { persianSortKey } from '../platform/persian/collation.ts';
import { matchKey } from '../platform/persian/normalize.ts';
import { importPlaces } from '../places/import-places.ts';
import { demoPlaces, realPlaces } from '../places/demo-places.ts';
import { findPlaceByCode } from '../places/places.repo.ts';
import { setPlanStatus } from '../plans/plans.repo.ts';
import { csrfToken, type Browser } from '../testing/harness.ts';
import { findNeed } from './needs.repo.ts';
import { postNeed } from './post-need.ts';
import { setNeedStatus } from './set-need-status.ts';
import { supportNeed } from './support-need.ts';

let w: CommentsWorld;
let dir: string;
let uploads: string;
const ids = { minoodar: 0, pounak: 0, village: 0, takestanNb: 0, qazvinCounty: 0, takestanCounty: 0 };
let minoodarPlan = 0;
let takestanPlan = 0;
let secretary: Browser;
let secretaryId = 0;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image bytes for a test')]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

function multipart(fields: Record<string, string | string[]>, file: { content: Buffer; name?: string } | null) {
  const boundary = '----mahalle-needs-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file?.name ?? ''}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  if (file) parts.push(file.content);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Posts the need form as a browser does: multipart, with the token of /needs/new and an (empty) file part. */
async function postForm(b: Browser, fields: Record<string, string | string[]>, photo: Buffer | null = null) {
  const page = await b.get('/needs/new');
  const body = multipart({ _csrf: csrfToken(page.body), ...fields }, photo ? { content: photo, name: 'photo.bin' } : null);
  return w.h.app.inject({ method: 'POST', url: '/needs', ...body, cookies: { sid: b.cookie('sid')!, _csrf: b.cookie('_csrf')! } });
}

const needForm = (o: Partial<Record<'place_id' | 'title' | 'body', string>> & { harms?: string[]; targets?: string[] } = {}) => ({
  place_id: String(ids.minoodar),
  title: 'کلاس مهارت زندگی برای نوجوانان',
  body: 'نوجوانان محله عصرها جایی برای رفتن ندارند و در کوچه‌ها می‌مانند؛ کلاس در سرای محله کمک می‌کند.',
  harms: ['ADDICTION'],
  targets: ['ADOLESCENTS'],
  ...o,
});

const files = (sub: string) => (existsSync(join(uploads, sub)) ? readdirSync(join(uploads, sub)).length : 0);
const countNeeds = async () => Number((await w.db.selectFrom('needs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const idFromLocation = (loc: unknown) => Number(/^\/needs\/(\d+)$/.exec(String(loc))?.[1]);
const userId = async (mobile: string) => (await findUserByMobile(w.db, mobile))!.id;
const actor = async (mobile: string) => ({ id: await userId(mobile), roles: ['citizen' as const] });
/** Visible text only, for checking digits and words as a person reads them. */
const visible = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<title>[\s\S]*?<\/title>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mahalle-needs-'));
  // The database comes from the test harness; DATABASE_URL here only places the uploads folder.
  w = await createCommentsWorld({ DATABASE_URL: `sqlite:${join(dir, 'test.db')}` });
  uploads = uploadRoot(w.h.ctx.config);
  await importPlaces(w.h.ctx, realPlaces, { actorId: null });
  await importPlaces(w.h.ctx, demoPlaces, { actorId: null, isDemo: true });
  const id = async (code: string) => (await findPlaceByCode(w.db, code))!.id;
  Object.assign(ids, {
    minoodar: await id('9260300001'), pounak: await id('9260300002'), village: await id('9260390001'), takestanNb: await id('9260200001'),
    qazvinCounty: await id('2603'), takestanCounty: await id('2602'),
  });
  minoodarPlan = await w.plan('آموزش مهارت زندگی نوجوانان مینودر', undefined, 'in_review', { places: [{ placeId: ids.minoodar, countyId: ids.qazvinCounty }] });
  takestanPlan = await w.plan('پیشگیری از اعتیاد در تاکستان', undefined, 'in_review', { places: [{ placeId: ids.takestanNb, countyId: ids.takestanCounty }] });
  secretaryId = await createStaffUser(w.h.ctx, { actorId: null, name: 'دبیرخانه', email: 'secretary@example.org', password: STAFF_PASSWORD, roles: ['secretary'] });
  secretary = await w.staff('secretary@example.org');
});
after(async () => {
  await w.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('posting a need', () => {
  test('visitors are sent to sign in; a citizen posts a need with a photo, at their home place by default', async () => {
    const anon = await w.h.app.inject({ url: '/needs/new' });
    assert.equal(anon.statusCode, 303);
    assert.equal(anon.headers.location, `/login?next=${encodeURIComponent('/needs/new')}`);

    const { browser, mobile } = await w.citizen('مریم کریمی');
    await updateProfile(w.h.ctx, await actor(mobile), { name: 'مریم کریمی', homePlaceId: String(ids.pounak) });
    const form = await browser.get('/needs/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, new RegExp(`<option value="${ids.pounak}" selected`), 'the home place is chosen');
    assert.match(form.body, /<label for="title">/);

    const res = await postForm(browser, needForm({ place_id: String(ids.pounak), title: 'كلاس  مهارت زندگي' }), PNG);
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const id = idFromLocation(res.headers.location);
    const need = await findNeed(w.db, id);
    assert.ok(need);
    assert.equal(need.place_id, ids.pounak);
    assert.equal(need.title, 'کلاس مهارت زندگی', 'Arabic letters folded, spaces collapsed');
    assert.deepEqual(JSON.parse(need.harms), ['ADDICTION']);
    assert.deepEqual(JSON.parse(need.target_groups), ['ADOLESCENTS']);
    assert.equal(need.photo_type, 'image/png');
    assert.equal(need.status, 'new');
    const audit = await w.db.selectFrom('audit_log').select('data').where('action', '=', 'need.posted').where('subject_id', '=', String(id)).executeTakeFirst();
    assert.ok(audit, 'audited');

    const page = await browser.get(`/needs/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /کلاس مهارت زندگی/);
    assert.match(page.body, new RegExp(`href="/places/${ids.qazvinCounty}"`), 'the place with its parent chain');
    assert.match(page.body, /مریم کریمی/);
    assert.match(page.body, new RegExp(`src="/needs/${id}/photo"`));
    assert.match(page.body, /این نیاز را شما ثبت کرده‌اید/);
    assert.match(visible(page.body), /[۰-۹]+ (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ۱۴[۰-۹]{2}/, 'a Jalali date');
    assert.doesNotMatch(visible(page.body), /[0-9]/, 'Persian digits only');

    const photo = await w.h.app.inject({ url: `/needs/${id}/photo` });
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/png');
    assert.equal(photo.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(photo.rawPayload, PNG);
    assert.equal((await w.h.app.inject({ url: '/needs/999999/photo' })).statusCode, 404);
  });

  test('refused: a photo too big, a file that is not a photo, a missing title or a place that is not a home — nothing stored, text kept', async () => {
    const { browser } = await w.citizen('رضا نادری');
    const before = { needs: await countNeeds(), files: files('needs') };
    const typed = 'شرح نیازی که باید پس از خطا دوباره در فرم دیده شود تا از نو نوشته نشود.';

    const big = await postForm(browser, needForm({ body: typed }), Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]));
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /حجم عکس بیش از ۵ مگابایت است/);
    assert.ok(big.body.includes(typed), 'the description is kept');

    const pdf = await postForm(browser, needForm({ body: typed }), Buffer.from('%PDF-1.7 a document, not a photo'));
    assert.equal(pdf.statusCode, 415);
    assert.match(pdf.body, /عکس JPEG، PNG یا WEBP نیست/);

    const noTitle = await postForm(browser, needForm({ title: '', body: typed }), PNG);
    assert.equal(noTitle.statusCode, 422);
    assert.match(noTitle.body, /عنوان نیاز را بنویسید/);
    assert.match(noTitle.body, /عکسی را که برگزیده بودید دوباره انتخاب کنید/);
    assert.match(noTitle.body, /value="ADDICTION" checked/, 'the tags are kept');

    const county = await postForm(browser, needForm({ place_id: String(ids.qazvinCounty) }));
    assert.equal(county.statusCode, 422);
    assert.match(county.body, /محله یا روستا نیست/);

    assert.equal(await countNeeds(), before.needs, 'no row');
    assert.equal(files('needs'), before.files, 'no file left behind');
    const forged = multipart({ _csrf: 'forged', ...needForm() }, null);
    const csrf = await w.h.app.inject({ method: 'POST', url: '/needs', ...forged, cookies: { sid: browser.cookie('sid')!, _csrf: browser.cookie('_csrf')! } });
    assert.equal(csrf.statusCode, 403);
  });

  test('the published rules: Finglish, an insult or an accusation against a person are refused with the rule, text kept, nothing stored', async () => {
    const { browser } = await w.citizen('مینا رستمی');
    const before = await countNeeds();
    const finglish = await postForm(browser, needForm({ body: 'salam, in mahale shab ha kheili tarike va bayad cheragh gozasht' }));
    assert.equal(finglish.statusCode, 422);
    assert.match(finglish.body, /فینگلیش/);
    assert.ok(finglish.body.includes('salam, in mahale shab ha kheili tarike'), 'the text is kept');
    const accusation = await postForm(browser, needForm({ body: 'شهردار منطقه دزد است و پول پارک محله را خورده؛ پارک هنوز چراغ ندارد.' }));
    assert.equal(accusation.statusCode, 422);
    assert.match(accusation.body, /مشکل را شرح دهید، نه اتهام را/);
    assert.equal(await countNeeds(), before, 'nothing stored');
    // Criticism of how a service works is a need like any other.
    const criticism = await postForm(browser, needForm({ body: 'شهرداری دو سال است چراغ‌های پارک محله را تعمیر نکرده و شب‌ها نوجوانان آنجا جمع می‌شوند.' }));
    assert.equal(criticism.statusCode, 303);
  });

  test('a sixth need within a day is refused with a Persian message and the text kept', async () => {
    const { browser, mobile } = await w.citizen('پرکار');
    const a = await actor(mobile);
    for (let i = 0; i < 5; i++) {
      await postNeed(w.h.ctx, a, { placeId: String(ids.village), title: `نیاز شماره ${i + 1} روستا`, body: 'شرحی به اندازهٔ کافی بلند برای این نیاز آزمایشی روستا.', harms: ['POVERTY_UNEMPLOYMENT'], targets: [], photo: null, uploadRoot: uploads });
    }
    const res = await postForm(browser, needForm({ title: 'ششمین نیاز امروز' }));
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /در یک شبانه‌روز حداکثر ۵ نیاز/);
    assert.match(res.body, /ششمین نیاز امروز/);
    w.h.clock.advance(24 * 3600 + 1);
    assert.equal((await postForm(browser, needForm({ title: 'نیاز فردای آن روز' }))).statusCode, 303, 'a day later it is accepted');
  });
});

describe('support', () => {
  test('support twice counts once; withdrawing takes it back; the author cannot support their own need', async () => {
    const author = await w.citizen('نویسندهٔ نیاز');
    const { id } = await postNeed(w.h.ctx, await actor(author.mobile), { placeId: String(ids.minoodar), title: 'روشنایی پارک کوچک محله', body: 'پارک کوچک محله شب‌ها تاریک است و پاتوق شده است.', harms: ['DELINQUENCY'], targets: ['YOUTH'], photo: null, uploadRoot: uploads });
    const { browser: b } = await w.citizen('حامی نیاز');
    const page = await b.get(`/needs/${id}`);
    assert.match(page.body, /از این نیاز حمایت می‌کنم/);
    assert.match(page.body, /۰ حمایت/);
    for (let i = 0; i < 2; i++) {
      const res = await b.post(`/needs/${id}/support`, {}, { csrfFrom: `/needs/${id}` });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/needs/${id}#support`);
    }
    assert.equal((await findNeed(w.db, id))!.support_count, 1);
    const rows = await w.db.selectFrom('need_supports').select('user_id').where('need_id', '=', id).execute();
    assert.equal(rows.length, 1);
    const supported = await b.get(`/needs/${id}`);
    assert.match(supported.body, /حمایت کرده‌اید/);
    assert.match(supported.body, /۱ حمایت/);
    assert.match(supported.body, /پس گرفتن حمایت/);

    await b.post(`/needs/${id}/withdraw`, {}, { csrfFrom: `/needs/${id}` });
    await b.post(`/needs/${id}/withdraw`, {}, { csrfFrom: `/needs/${id}` });
    assert.equal((await findNeed(w.db, id))!.support_count, 0);
    assert.equal((await w.db.selectFrom('need_supports').select('user_id').where('need_id', '=', id).execute()).length, 0);

    const own = await author.browser.post(`/needs/${id}/support`, {}, { csrfFrom: `/needs/${id}` });
    assert.equal(own.statusCode, 403);
    assert.match(own.body, /از نیازی که خودتان ثبت کرده‌اید نمی‌توانید حمایت کنید/);
    assert.equal((await findNeed(w.db, id))!.support_count, 0);
    const actions = (await w.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'need').where('subject_id', '=', String(id)).execute()).map((r) => r.action);
    assert.deepEqual(actions.filter((a) => a.startsWith('need.support')), ['need.supported', 'need.support_withdrawn']);
  });

  test('visitors see the count and a sign-in link; the page is cached and within five statements', async () => {
    const author = await w.citizen('نویسنده');
    const { id } = await postNeed(w.h.ctx, await actor(author.mobile), { placeId: String(ids.minoodar), title: 'کتابخانه کوچک برای کودکان', body: 'کودکان محله جایی برای کتاب خواندن ندارند و عصرها در خیابان‌اند.', harms: ['SCHOOL_DROPOUT'], targets: ['CHILDREN'], photo: null, uploadRoot: uploads });
    const url = `/needs/${id}`;
    const before = w.h.ctx.handle.queryCount();
    const first = await w.h.app.inject({ url });
    assert.ok(w.h.ctx.handle.queryCount() - before <= 5, `${w.h.ctx.handle.queryCount() - before} statements`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /برای حمایت وارد شوید/);
    assert.doesNotMatch(first.body, /name="_csrf"/);
    assert.equal(first.headers['x-page-cache'], 'miss');
    assert.equal((await w.h.app.inject({ url })).headers['x-page-cache'], 'hit');
    assert.equal((await w.h.app.inject({ url: '/needs/999999' })).statusCode, 404);
    assert.equal((await w.h.app.inject({ method: 'POST', url: `${url}/support` })).statusCode, 403, 'no token, no session');
    assert.equal((await findNeed(w.db, id))!.support_count, 0);
  });
});

describe('the secretariat', () => {
  test('acknowledged, then addressed by a public plan of the place: every supporter and the author are told', async () => {
    const author = await w.citizen('نویسندهٔ پاسخ‌گرفته');
    const { id } = await postNeed(w.h.ctx, await actor(author.mobile), { placeId: String(ids.minoodar), title: 'مهارت زندگی برای نوجوانان مینودر', body: 'نوجوانان مینودر به کلاس مهارت زندگی و مشاوره نیاز دارند.', harms: ['ADDICTION'], targets: ['ADOLESCENTS'], photo: null, uploadRoot: uploads });
    const supporters = [await w.citizen('حامی یکم'), await w.citizen('حامی دوم')];
    for (const s of supporters) await supportNeed(w.h.ctx, await actor(s.mobile), id);
    const url = `/needs/${id}`;

    const page = await secretary.get(url);
    assert.match(page.body, /پاسخ دبیرخانهٔ ستاد/);
    assert.match(page.body, new RegExp(`name="plans" value="${minoodarPlan}"`), 'a plan of the place is offered');
    assert.doesNotMatch(page.body, new RegExp(`name="plans" value="${takestanPlan}"`), 'a plan of another county is not');

    const noPlan = await secretary.post(`${url}/status`, { status: 'addressed', note: '' }, { csrfFrom: url });
    assert.equal(noPlan.statusCode, 422);
    assert.match(noPlan.body, /دست‌کم یک طرح پاسخ‌دهنده برگزینید/);
    const elsewhere = await secretary.post(`${url}/status`, { status: 'addressed', note: '', plans: String(takestanPlan) }, { csrfFrom: url });
    assert.equal(elsewhere.statusCode, 422);
    assert.match(elsewhere.body, /از طرح‌های عمومی این محله یا شهرستان نیست/);
    const resolvedEarly = await secretary.post(`${url}/status`, { status: 'resolved', note: '' }, { csrfFrom: url });
    assert.equal(resolvedEarly.statusCode, 422);
    assert.equal((await findNeed(w.db, id))!.status, 'new');

    const ack = await secretary.post(`${url}/status`, { status: 'acknowledged', note: 'به دستگاه‌های مرتبط اعلام شد.' }, { csrfFrom: url });
    assert.equal(ack.statusCode, 303);
    const authorId = await userId(author.mobile);
    const notes = async (user: number) => w.db.selectFrom('notifications').select(['subject', 'link', 'body']).where('user_id', '=', user).where('channel', '=', 'in_app').where('link', '=', url).execute();
    assert.equal((await notes(authorId)).length, 1, 'the author is told');
    assert.equal((await notes(await userId(supporters[0]!.mobile))).length, 0, 'supporters are told only when it is addressed');

    const done = await secretary.post(`${url}/status`, { status: 'addressed', note: 'این طرح در داوری است.', plans: String(minoodarPlan) }, { csrfFrom: url });
    assert.equal(done.statusCode, 303);
    const need = await findNeed(w.db, id);
    assert.equal(need!.status, 'addressed');
    assert.equal(need!.status_by, secretaryId);
    const links = await w.db.selectFrom('need_plans').select(['plan_id', 'kind']).where('need_id', '=', id).execute();
    assert.deepEqual(links, [{ plan_id: minoodarPlan, kind: 'addresses' }]);
    for (const who of [...supporters.map((s) => s.mobile), author.mobile]) {
      const got = (await notes(await userId(who))).filter((n) => n.subject.includes('پاسخ داده می‌شود'));
      assert.equal(got.length, 1, who);
      assert.equal(got[0]!.link, url);
      assert.match(got[0]!.body, /آموزش مهارت زندگی نوجوانان مینودر/);
    }
    const audit = await w.db.selectFrom('audit_log').select('data').where('action', '=', 'need.status_changed').where('subject_id', '=', String(id)).execute();
    assert.equal(audit.length, 2);

    const pub = await w.h.app.inject({ url });
    assert.match(pub.body, /در دست پاسخ با طرح/);
    assert.match(pub.body, /به گفتهٔ دبیرخانه به این نیاز پاسخ می‌دهند/);
    assert.match(pub.body, new RegExp(`href="/plans/${minoodarPlan}"`));
    assert.match(pub.body, /این طرح در داوری است/);

    assert.equal((await secretary.post(`${url}/status`, { status: 'resolved', note: '' }, { csrfFrom: url })).statusCode, 303);
    const final = await secretary.get(url);
    assert.match(final.body, /وضعیت آن دیگر تغییر نمی‌کند/);
  });

  test('declining needs a reason, which everyone reads; a declined need takes no new support', async () => {
    const author = await w.citizen('نویسندهٔ ردشده');
    const { id } = await postNeed(w.h.ctx, await actor(author.mobile), { placeId: String(ids.pounak), title: 'آسفالت خیابان اصلی', body: 'خیابان اصلی محله چاله دارد و باید آسفالت شود.', harms: ['POVERTY_UNEMPLOYMENT'], targets: [], photo: null, uploadRoot: uploads });
    const url = `/needs/${id}`;
    const noReason = await secretary.post(`${url}/status`, { status: 'declined', note: '   ' }, { csrfFrom: url });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /دلیل نپذیرفتن را بنویسید/);
    const ok = await secretary.post(`${url}/status`, { status: 'declined', note: 'آسفالت در حوزهٔ شهرداری است، نه این برنامه.' }, { csrfFrom: url });
    assert.equal(ok.statusCode, 303);
    const page = await w.h.app.inject({ url });
    assert.match(page.body, /نپذیرفته/);
    assert.match(page.body, /آسفالت در حوزهٔ شهرداری است/);
    const { browser } = await w.citizen('حامی دیرآمده');
    assert.match((await browser.get(url)).body, /حمایت تازه نمی‌پذیرد/);
    const late = await browser.post(`${url}/support`, {}, { csrfFrom: url });
    assert.equal(late.statusCode, 409);
    assert.equal((await findNeed(w.db, id))!.support_count, 0);
  });

  test('permissions: citizens neither set a status nor see the queue; the secretariat\'s queue puts new needs first', async () => {
    const { browser, mobile } = await w.citizen('شهروند کنجکاو');
    const { id } = await postNeed(w.h.ctx, await actor(mobile), { placeId: String(ids.village), title: 'خانه بهداشت روستا پزشک ندارد', body: 'پزشک هفته‌ای یک بار هم به خانهٔ بهداشت روستا نمی‌آید.', harms: ['POVERTY_UNEMPLOYMENT'], targets: ['ELDERLY'], photo: null, uploadRoot: uploads });
    const res = await browser.post(`/needs/${id}/status`, { status: 'acknowledged', note: '' }, { csrfFrom: `/needs/${id}` });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /دسترسی مجاز نیست/);
    assert.equal((await findNeed(w.db, id))!.status, 'new');
    assert.doesNotMatch((await browser.get(`/needs/${id}`)).body, /پاسخ دبیرخانهٔ ستاد/);
    assert.equal((await browser.get('/admin/needs')).statusCode, 403);
    await assert.rejects(setNeedStatus(w.h.ctx, await actor(mobile), id, { status: 'acknowledged', note: '', planIds: [] }), { code: 'forbidden' });

    assert.doesNotMatch((await browser.get('/needs')).body, /href="\/admin\/needs"/);
    assert.match((await secretary.get('/needs')).body, /href="\/admin\/needs"/, 'the secretariat finds its queue from the list');
    const queue = await secretary.get('/admin/needs');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /خانه بهداشت روستا پزشک ندارد/);
    const newAt = queue.body.indexOf('خانه بهداشت روستا پزشک ندارد');
    const declinedAt = queue.body.indexOf('آسفالت خیابان اصلی');
    assert.ok(declinedAt === -1 || newAt < declinedAt, 'new needs before declined ones');
    const onlyDeclined = await secretary.get('/admin/needs?status=declined');
    assert.doesNotMatch(onlyDeclined.body, /خانه بهداشت روستا پزشک ندارد/);
  });
});

describe('agencies cite needs', () => {
  test('an officer cites needs of the plan\'s places while it is editable; never for another agency\'s plan; the public plan page shows them', async () => {
    const author = await w.citizen('نویسندهٔ شاهد');
    const { id: needId } = await postNeed(w.h.ctx, await actor(author.mobile), { placeId: String(ids.minoodar), title: 'مشاوره خانواده برای نوجوانان', body: 'خانواده‌ها نمی‌دانند با نوجوان درگیر با مواد چه کنند؛ مشاوره لازم است.', harms: ['ADDICTION'], targets: ['FAMILIES'], photo: null, uploadRoot: uploads });
    const helper = await w.citizen('حامی شاهد');
    await supportNeed(w.h.ctx, await actor(helper.mobile), needId);
    const { id: farId } = await postNeed(w.h.ctx, await actor(author.mobile), { placeId: String(ids.takestanNb), title: 'نیازی در تاکستان', body: 'این نیاز در محله‌ای دیگر و شهرستانی دیگر است.', harms: ['ADDICTION'], targets: [], photo: null, uploadRoot: uploads });

    const draft = await w.plan('طرح پیش‌نویس مینودر', undefined, 'draft', { places: [{ placeId: ids.minoodar, countyId: ids.qazvinCounty }] });
    const officer = await w.staff('officer@example.org');
    const overview = await officer.get(`/my/plans/${draft}`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /نیازهای مردم به‌عنوان شاهد/);
    assert.match(overview.body, new RegExp(`name="needs" value="${needId}"`));
    assert.doesNotMatch(overview.body, new RegExp(`name="needs" value="${farId}"`), 'only needs of the plan\'s places');

    const far = await officer.post(`/my/plans/${draft}/needs`, { needs: String(farId) }, { csrfFrom: `/my/plans/${draft}` });
    assert.equal(far.statusCode, 422);
    const ok = await officer.post(`/my/plans/${draft}/needs`, { needs: String(needId) }, { csrfFrom: `/my/plans/${draft}` });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/my/plans/${draft}#needs`);
    const cited = await w.db.selectFrom('need_plans').select(['need_id', 'kind']).where('plan_id', '=', draft).execute();
    assert.deepEqual(cited, [{ need_id: needId, kind: 'evidence' }]);
    assert.match((await officer.get(`/my/plans/${draft}`)).body, new RegExp(`value="${needId}" checked`));

    // Another agency's officer may neither see the section nor cite for this plan.
    const now = w.h.clock.now().toISOString();
    const otherAgency = await insertAgency(w.db, { name: 'اداره ورزش', nameKey: matchKey('اداره ورزش'), sortKey: persianSortKey('اداره ورزش'), kind: 'government', scopePlaceId: null, phone: null, email: null, address: null, active: true }, now);
    const otherId = await createStaffUser(w.h.ctx, { actorId: null, name: 'کارشناس ورزش', email: 'sport-officer@example.org', password: STAFF_PASSWORD, roles: ['agency_officer'] });
    await addOfficer(w.db, otherAgency, otherId, now);
    const other = await w.staff('sport-officer@example.org');
    const theirs = await w.plan('طرح اداره ورزش', undefined, 'draft', { agencyId: otherAgency, places: [{ placeId: ids.minoodar, countyId: ids.qazvinCounty }] });
    const forbidden = await other.post(`/my/plans/${draft}/needs`, { needs: '' }, { csrfFrom: `/my/plans/${theirs}` });
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.body, /دسترسی مجاز نیست/, 'refused by the permission, not by the form token');
    assert.equal((await w.db.selectFrom('need_plans').select('need_id').where('plan_id', '=', draft).execute()).length, 1, 'nothing removed');
    const citizen = await w.citizen('شهروند ناخوانده');
    assert.equal((await citizen.browser.post(`/my/plans/${draft}/needs`, { needs: '' }, { csrfFrom: `/needs/${needId}` })).statusCode, 403);

    // Public once the plan is; no longer editable, so the section only lists what it cites.
    assert.ok(await setPlanStatus(w.db, draft, 'draft', 'in_review', { now, isPublic: true }));
    const frozen = await officer.post(`/my/plans/${draft}/needs`, { needs: '' }, { csrfFrom: `/my/plans/${draft}` });
    assert.equal(frozen.statusCode, 409);
    const readOnly = await officer.get(`/my/plans/${draft}`);
    assert.doesNotMatch(readOnly.body, /name="needs"/);
    assert.match(readOnly.body, /مشاوره خانواده برای نوجوانان/);

    const before = w.h.ctx.handle.queryCount();
    const pub = await w.h.app.inject({ url: `/plans/${draft}` });
    assert.ok(w.h.ctx.handle.queryCount() - before <= 5, `${w.h.ctx.handle.queryCount() - before} statements`);
    assert.match(pub.body, /نیازهای مردم که این طرح به آن‌ها استناد کرده/);
    assert.match(pub.body, new RegExp(`href="/needs/${needId}"`));
    assert.match(pub.body, /۱ حمایت/);
    const needPage = await w.h.app.inject({ url: `/needs/${needId}` });
    assert.match(needPage.body, /طرح‌هایی که به این نیاز استناد کرده‌اند/);
    assert.match(needPage.body, /طرح پیش‌نویس مینودر/);
    const stillDraft = await w.h.app.inject({ url: `/needs/${needId}` });
    assert.doesNotMatch(stillDraft.body, /طرح اداره ورزش/, 'non-public plans are never shown');
  });
});

describe('comments on a need', () => {
  test('the moderated thread works as on plans: rules above the form, captcha, a held first comment, replies', async () => {
    const author = await w.citizen('نویسندهٔ بحث');
    const { id } = await postNeed(w.h.ctx, await actor(author.mobile), { placeId: String(ids.minoodar), title: 'کلاس ورزش عصرگاهی برای نوجوانان', body: 'نوجوانان محله عصرها بیکارند؛ کلاس ورزش در سالن مدرسه کمک می‌کند.', harms: ['ADDICTION'], targets: ['ADOLESCENTS'], photo: null, uploadRoot: uploads });
    const url = `/needs/${id}`;
    const anon = await w.h.app.inject({ url });
    assert.match(anon.body, /id="comments"/);
    assert.match(anon.body, /برای نوشتن نظر وارد شوید/);
    assert.match(anon.body, /توهین/);

    const { browser } = await w.citizen('گفت‌وگوکننده');
    const page = await browser.get(url);
    assert.match(page.body, /name="body"/);
    assert.match(page.body, /data-altcha-challenge=/);
    assert.ok(page.body.indexOf('توهین') < page.body.indexOf('name="body"'), 'rules above the form');
    const res = await browser.post('/comments', { subject: `need:${id}`, body: 'کلاس ورزش عصرها برای نوجوانان محله ما خیلی لازم است؛ سالن مدرسه خالی می‌ماند.', ...solveQuestion(page.body) }, { csrf: csrfToken(page.body) });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), new RegExp(`^/needs/${id}#comment-\\d+$`));
    const comment = await w.db.selectFrom('comments').select(['id', 'subject_type', 'subject_id', 'status']).where('subject_id', '=', id).where('subject_type', '=', 'need').executeTakeFirstOrThrow();
    assert.equal(comment.status, 'held', 'a newcomer\'s first comment waits for a moderator');
    assert.match((await browser.get(url)).body, /در انتظار بررسی/);

    const staffPage = await secretary.get(url);
    const staffRes = await secretary.post('/comments', { subject: `need:${id}`, body: 'دبیرخانه این پیشنهاد را با ادارهٔ آموزش و پرورش در میان می‌گذارد تا سالن مدرسه عصرها باز باشد.', ...solveQuestion(staffPage.body) }, { csrf: csrfToken(staffPage.body) });
    assert.equal(staffRes.statusCode, 303);
    const published = await w.db.selectFrom('comments').select(['id', 'status']).where('subject_type', '=', 'need').where('subject_id', '=', id).where('status', '=', 'published').executeTakeFirstOrThrow();
    const replyForm = await browser.get(`/comments/new?subject=need:${id}&parent=${published.id}`);
    assert.equal(replyForm.statusCode, 200);
    assert.match(replyForm.body, /کلاس ورزش عصرگاهی برای نوجوانان/);
    const reply = await browser.post('/comments', { subject: `need:${id}`, parent: String(published.id), body: 'ممنون از پاسخ؛ اگر سالن باز شود، خانواده‌ها هم کمک می‌کنند.', ...solveQuestion(replyForm.body) }, { csrf: csrfToken(replyForm.body) });
    assert.equal(reply.statusCode, 303);
    const visibleThread = await w.h.app.inject({ url });
    assert.match(visibleThread.body, /دبیرخانه این پیشنهاد را/);
  });
});

describe('the list and the neighborhood page', () => {
  let kudak = 0;
  let alavand = 0;
  before(async () => {
    const a = await w.citizen('نویسندهٔ فهرست');
    const b = await w.citizen('نویسندهٔ دوم فهرست');
    const author = await actor(a.mobile);
    kudak = (await postNeed(w.h.ctx, author, { placeId: String(ids.pounak), title: 'کودکان کار در پونک', body: 'چند کودک سر چهارراه کار می‌کنند و به مدرسه نمی‌روند.', harms: ['CHILD_LABOUR'], targets: ['CHILDREN'], photo: null, uploadRoot: uploads })).id;
    alavand = (await postNeed(w.h.ctx, await actor(b.mobile), { placeId: String(ids.takestanNb), title: 'سالمندان تنها در تاکستان', body: 'سالمندان تنهای محله کسی را برای خرید و دارو ندارند.', harms: ['POVERTY_UNEMPLOYMENT'], targets: ['ELDERLY'], photo: null, uploadRoot: uploads })).id;
    for (let i = 0; i < 3; i++) await supportNeed(w.h.ctx, await actor((await w.citizen(`حامی ${i}`)).mobile), alavand);
  });

  test('filters, search with Arabic ي and ك, sorts and the page past the end, each within five statements', async () => {
    const get = async (url: string) => {
      const before = w.h.ctx.handle.queryCount();
      const res = await w.h.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.ok(w.h.ctx.handle.queryCount() - before <= 5, `${url}: ${w.h.ctx.handle.queryCount() - before} statements`);
      return res.body;
    };
    const all = await get('/needs');
    assert.match(all, /ثبت نیاز محله/);
    assert.match(all, /کودکان کار در پونک/);
    assert.ok(all.indexOf('سالمندان تنها در تاکستان') < all.indexOf('کودکان کار در پونک'), 'most supported first');
    assert.doesNotMatch(visible(all), /[0-9]/, 'Persian digits only');

    const arabic = await get(`/needs?q=${encodeURIComponent('كودكان')}`);
    assert.match(arabic, /کودکان کار در پونک/);
    assert.doesNotMatch(arabic, /سالمندان تنها/);
    const yeh = await get(`/needs?q=${encodeURIComponent('سالمندان تنهاي')}`);
    assert.match(yeh, /سالمندان تنها در تاکستان/);
    assert.match(await get(`/needs?q=${encodeURIComponent('ي')}`), /واژه‌ای برای یافتن نیست/);

    const county = await get(`/needs?county=${ids.takestanCounty}`);
    assert.match(county, /سالمندان تنها در تاکستان/);
    assert.doesNotMatch(county, /کودکان کار در پونک/);
    const place = await get(`/needs?place=${ids.pounak}`);
    assert.match(place, /کودکان کار در پونک/);
    assert.doesNotMatch(place, /سالمندان تنها/);
    assert.match(place, /فقط نیازهای محله پونک/);
    assert.match(place, new RegExp(`href="/needs/new\\?place=${ids.pounak}"`));

    const harm = await get('/needs?harm=CHILD_LABOUR');
    assert.match(harm, /کودکان کار در پونک/);
    assert.doesNotMatch(harm, /سالمندان تنها/);
    const target = await get('/needs?target=ELDERLY');
    assert.match(target, /سالمندان تنها/);
    assert.doesNotMatch(target, /کودکان کار در پونک/);
    const declined = await get('/needs?status=declined');
    assert.match(declined, /آسفالت خیابان اصلی/);
    assert.doesNotMatch(declined, /کودکان کار در پونک/);

    const newest = await get('/needs?sort=newest');
    assert.ok(newest.indexOf('سالمندان تنها در تاکستان') < newest.indexOf('کودکان کار در پونک'), 'newest first');
    assert.match(await get('/needs?page=500'), /این صفحه خالی است/);
    assert.match(await get(`/needs?harm=SUICIDE`), /نیازی با این پالایه‌ها پیدا نشد/);
  });

  test('a neighborhood page shows its top needs, the plans that cover it and its published results, within five statements and cached', async () => {
    const now = w.h.clock.now().toISOString();
    const round = await insertRound(w.db, { callId: w.callId, method: 'greedy', valueRule: 'score', budgetRials: 10_000_000_000, constraints: '{}', input: '{}', result: '{}', note: null, createdBy: secretaryId, now });
    await setRoundStatus(w.db, round, 'draft', 'committed', { committed_at: now, committed_by: secretaryId });
    await setRoundStatus(w.db, round, 'committed', 'published', { published_at: now });
    await setPlanFunded(w.db, minoodarPlan, 900_000_000, now);
    const url = `/places/${ids.minoodar}`;
    const before = w.h.ctx.handle.queryCount();
    const first = await w.h.app.inject({ url });
    assert.equal(first.statusCode, 200);
    assert.ok(w.h.ctx.handle.queryCount() - before <= 5, `${w.h.ctx.handle.queryCount() - before} statements`);
    assert.match(first.body, /نیازهای این محله/);
    assert.match(first.body, /مهارت زندگی برای نوجوانان مینودر/);
    const needItems = first.body.slice(first.body.indexOf('id="place-needs"'), first.body.indexOf('id="place-plans"')).match(/href="\/needs\/\d+"/g) ?? [];
    assert.ok(needItems.length <= 5, 'five needs at most');
    assert.match(first.body, /طرح‌های این محله/);
    assert.match(first.body, new RegExp(`href="/plans/${minoodarPlan}"`));
    assert.match(first.body, /نتایج منتشرشدهٔ تخصیص/);
    assert.match(first.body, new RegExp(`href="/results/${round}"`));
    assert.match(first.body, /۹۰٬۰۰۰٬۰۰۰ تومان/);
    assert.match(first.body, new RegExp(`href="/needs/new\\?place=${ids.minoodar}"`));
    assert.equal((await w.h.app.inject({ url })).headers['x-page-cache'], 'hit');

    const pounak = await w.h.app.inject({ url: `/places/${ids.pounak}` });
    assert.match(pounak.body, /کودکان کار در پونک/);
    assert.doesNotMatch(pounak.body, /آسفالت خیابان اصلی/, 'declined needs are left out');
    assert.match(pounak.body, /هنوز طرح عمومی‌ای برای اینجا نیست/);
    const county = await w.h.app.inject({ url: `/places/${ids.qazvinCounty}` });
    assert.doesNotMatch(county.body, /نیازهای این محله/, 'only neighborhoods and villages');
    void kudak;
  });
});
