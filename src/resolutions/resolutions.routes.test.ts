import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJalaliNumeric, jalaliPartsOf } from '../platform/persian/jalali.ts';
import { csrfToken, type Browser } from '../testing/harness.ts';
import { createResolution } from './create-resolution.ts';
import { findResolution, notesOfResolution } from './resolutions.repo.ts';
import { createResolutionsWorld, type ResolutionsWorld } from './resolutions-test-setup.ts';
import { setResolutionStatus } from './set-resolution-status.ts';

let w: ResolutionsWorld;
let secretary: Browser;
let council: Browser;
let officer: Browser;
let otherOfficer: Browser;
let ids: { overdueOld: number; overdueNew: number; soon: number; later: number; done: number; other: number };
let meetingId: number;

const DAY = 86_400_000;
const day = (days: number) => formatJalaliNumeric(jalaliPartsOf(w.h.clock.now().getTime() + days * DAY));

before(async () => {
  w = await createResolutionsWorld();
  meetingId = await w.meeting('جلسهٔ سوم ستاد', 60);
  const make = async (text: string, deadline: number, agencyId = w.agencyId) =>
    (await createResolution(w.h.ctx, w.secretary, meetingId, { text, agencyId: String(agencyId), deadline: day(deadline) })).id;
  ids = {
    later: await make('مصوبهٔ با مهلت دور', 40),
    overdueNew: await make('مصوبهٔ تازه دیرکرده', -3),
    soon: await make('مصوبهٔ با مهلت نزدیک', 5),
    overdueOld: await make('مصوبهٔ دیرکرد کهنه', -20),
    done: await make('مصوبهٔ انجام‌شده', -30),
    other: await make('مصوبهٔ آموزش و پرورش', 10, w.otherAgencyId),
  };
  await setResolutionStatus(w.h.ctx, w.secretary, ids.done, { status: 'done', note: '' });
  secretary = await w.staff('secretary@example.org');
  council = await w.staff('council@example.org');
  officer = await w.staff('welfare@example.org');
  otherOfficer = await w.staff('education@example.org');
});
after(() => w.close());

/** The text a person reads (tags, scripts and styles left out). */
const visibleText = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');

const order = (html: string, list: number[]) => list.map((id) => html.indexOf(`href="/admin/resolutions/${id}"`));

test('the follow-up page: overdue first, then by deadline; counts; filters by status and agency; printable', async () => {
  const res = await council.get('/admin/resolutions');
  assert.equal(res.statusCode, 200);
  const positions = order(res.body, [ids.overdueOld, ids.overdueNew, ids.soon, ids.other, ids.later]);
  assert.ok(positions.every((p) => p > 0), 'every active resolution is listed');
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'overdue (oldest first), then by deadline');
  assert.equal(res.body.indexOf(`href="/admin/resolutions/${ids.done}"`), -1, 'done is not in the active list');
  assert.match(res.body, /با دیرکرد<\/dt><dd>۲<\/dd>/);
  assert.match(res.body, /انجام‌شده<\/dt><dd>۱<\/dd>/);
  assert.match(res.body, /۲۰ روز گذشته/);
  assert.match(res.body, /دیرکرد/);

  const overdue = await council.get('/admin/resolutions?status=overdue');
  assert.deepEqual(order(overdue.body, [ids.soon, ids.later]), [-1, -1]);
  assert.ok(order(overdue.body, [ids.overdueOld])[0]! > 0);
  const done = await council.get('/admin/resolutions?status=done');
  assert.ok(done.body.includes(`href="/admin/resolutions/${ids.done}"`));
  const other = await council.get(`/admin/resolutions?agency=${w.otherAgencyId}&status=all`);
  assert.ok(other.body.includes(`href="/admin/resolutions/${ids.other}"`));
  assert.equal(order(other.body, [ids.overdueOld])[0], -1);
  const print = await council.get('/admin/resolutions?print=1');
  assert.equal(print.statusCode, 200);
  assert.ok(!print.body.includes('class="site-header"'), 'a bare document');
  assert.ok(print.body.includes('مصوبهٔ دیرکرد کهنه'));

  assert.equal((await officer.get('/admin/resolutions')).statusCode, 403);
  const home = await council.get('/admin');
  assert.ok(home.body.includes('href="/admin/resolutions"'));
});

test('a resolution page: text, meeting link, Jalali deadline with days, status; the form only for the secretariat', async () => {
  const res = await council.get(`/admin/resolutions/${ids.overdueOld}`);
  assert.equal(res.statusCode, 200);
  assert.ok(res.body.includes(`href="/admin/meetings/${meetingId}"`));
  assert.ok(res.body.includes('مصوبهٔ دیرکرد کهنه'));
  assert.match(res.body, /۲۰ روز گذشته/);
  assert.ok(!res.body.includes('/status"'), 'a council member reads only');
  const page = await secretary.get(`/admin/resolutions/${ids.overdueOld}`);
  assert.ok(page.body.includes(`action="/admin/resolutions/${ids.overdueOld}/status"`));
  assert.equal((await council.get('/admin/resolutions/999999')).statusCode, 404);
});

test('the secretariat cancels only with a reason, through the form', async () => {
  const url = `/admin/resolutions/${ids.later}`;
  const refused = await secretary.post(`${url}/status`, { status: 'cancelled', note: '' }, { csrfFrom: url });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /دلیل/);
  assert.equal((await findResolution(w.db, ids.later))?.status, 'open');
  const ok = await secretary.post(`${url}/status`, { status: 'cancelled', note: 'در مصوبهٔ دیگری ادغام شد' }, { csrfFrom: url });
  assert.equal(ok.statusCode, 303);
  assert.equal((await findResolution(w.db, ids.later))?.status, 'cancelled');
  const after = await secretary.get(url);
  assert.ok(after.body.includes('در مصوبهٔ دیگری ادغام شد'));
  assert.ok(!after.body.includes('/status"'), 'a closed resolution has no form');
  const council403 = await council.post(`${url}/status`, { status: 'done', note: '' }, { csrfFrom: url });
  assert.equal(council403.statusCode, 403);
});

test('the officer sees their agency’s resolutions, overdue first, and reports progress without JavaScript', async () => {
  const res = await officer.get('/my/resolutions');
  assert.equal(res.statusCode, 200);
  const pos = [ids.overdueOld, ids.overdueNew, ids.soon].map((id) => res.body.indexOf(`id="r-${id}"`));
  assert.ok(pos.every((p) => p > 0));
  assert.deepEqual([...pos].sort((a, b) => a - b), pos);
  assert.equal(res.body.indexOf(`id="r-${ids.other}"`), -1, 'not another agency’s');
  assert.ok(res.body.includes(`action="/my/resolutions/${ids.soon}/notes"`));
  assert.ok(!res.body.includes(`action="/my/resolutions/${ids.done}/notes"`), 'no form on a done resolution');

  const token = csrfToken(res.body);
  const empty = await officer.post(`/my/resolutions/${ids.soon}/notes`, { [`r${ids.soon}-report`]: 'in_progress', [`r${ids.soon}-body`]: '', from: 'list' }, { csrf: token });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /متن گزارش/);
  const started = await officer.post(`/my/resolutions/${ids.soon}/notes`, { [`r${ids.soon}-report`]: 'in_progress', [`r${ids.soon}-body`]: 'جلسهٔ هماهنگی برگزار شد', from: 'list' }, { csrf: token });
  assert.equal(started.statusCode, 303);
  assert.equal(started.headers.location, `/my/resolutions#r-${ids.soon}`);
  assert.equal((await findResolution(w.db, ids.soon))?.status, 'in_progress');

  const proposed = await officer.post(`/my/resolutions/${ids.soon}/notes`, { [`r${ids.soon}-report`]: 'done', [`r${ids.soon}-body`]: 'کار انجام شد' }, { csrfFrom: `/my/resolutions/${ids.soon}` });
  assert.equal(proposed.statusCode, 303);
  assert.equal((await findResolution(w.db, ids.soon))?.status, 'in_progress');
  const detail = await secretary.get(`/admin/resolutions/${ids.soon}`);
  assert.match(detail.body, /منتظر تأیید/);
  assert.ok(detail.body.includes('جلسهٔ هماهنگی برگزار شد'));

  const foreign = await otherOfficer.get(`/my/resolutions/${ids.soon}`);
  assert.equal(foreign.statusCode, 404);
  const refused = await otherOfficer.post(`/my/resolutions/${ids.soon}/notes`, { [`r${ids.soon}-body`]: 'گزارش' }, { csrfFrom: '/my/resolutions' });
  assert.equal(refused.statusCode, 403);
  assert.equal((await notesOfResolution(w.db, ids.soon)).length, 2);
  assert.equal((await secretary.get('/my/resolutions')).statusCode, 403);
  assert.ok((await officer.get('/my/plans')).body.includes('href="/my/resolutions"'));
});

test('every resolution page is Persian with Persian digits', async () => {
  const pages: [Browser, string][] = [
    [council, '/admin/resolutions'], [council, '/admin/resolutions?status=all&print=1'], [secretary, `/admin/resolutions/${ids.soon}`],
[officer, '/my/resolutions'], [officer, `/my/resolutions/${ids.overdueOld}`],
  ];
  for (const [browser, url] of pages) {
    const res = await browser.get(url);
    assert.equal(res.statusCode, 200, url);
    const text = visibleText(res.body);
    assert.ok(!/[0-9]/.test(text), `${url}: ${/.{0,30}[0-9].{0,30}/.exec(text)?.[0]}`);
    assert.ok(!/[A-Za-z]{3,}/.test(text), `${url}: ${/.{0,30}[A-Za-z]{3,}.{0,30}/.exec(text)?.[0]}`);
  }
});
