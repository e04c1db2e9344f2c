import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, createHarness, type Harness } from '../testing/harness.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { migrations } from '../../migrations/index.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
  await seedDemo(h.ctx);
});
after(() => h.close());

test('the front page is Persian, RTL, with today\'s Jalali date in the footer', async () => {
  const b = new Browser(h.app);
  const before = h.ctx.handle.queryCount();
  const res = await b.get('/');
  assert.ok(h.ctx.handle.queryCount() - before <= 5);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /^<!doctype html><html lang="fa" dir="rtl">/);
  assert.match(res.body, /href="\/static\/css\/site\.css"/);
  assert.match(res.body, /class="skip-link" href="#main"/);
  const footer = res.body.slice(res.body.indexOf('<footer'));
  assert.match(footer, /امروز: [۰-۹]{1,2} (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}/);
  assert.doesNotMatch(res.body.replace(/<[^>]*>/g, ''), /\b20\d\d\b/, 'no Gregorian years or Latin digits in the text');
  assert.match(res.body, /۱٬۲۷۳٬۷۶۱/, 'province population');
});

test('/healthz reports the dialect and migration version', async () => {
  const res = await h.app.inject('/healthz');
  assert.equal(res.statusCode, 200);
  const body = JSON.parse(res.body);
  assert.deepEqual(body, { status: 'ok', database: h.ctx.dialect, migration: Object.keys(migrations).at(-1) });
});

test('static assets: the stylesheet and only the two font files are served', async () => {
  assert.equal((await h.app.inject('/static/css/site.css')).statusCode, 200);
  const font = await h.app.inject('/static/fonts/Vazirmatn-NL-Regular.woff2');
  assert.equal(font.statusCode, 200);
  assert.match(String(font.headers['cache-control']), /immutable/);
  assert.equal((await h.app.inject('/static/fonts/OFL.txt')).statusCode, 404);
});

test('demo staff accounts exist and seeding twice adds nothing', async () => {
  const again = await seedDemo(h.ctx);
  assert.equal(again.users, 0);
  assert.equal(again.places.inserted, 0);
});

test('a failure inside the app is a Persian 500 page (and JSON for API clients), with nothing leaked', async () => {
  const broken = await createHarness();
  await broken.ctx.handle.close();
  const page = await broken.app.inject('/places');
  assert.equal(page.statusCode, 500);
  assert.match(page.body, /خطای داخلی سامانه/);
  assert.doesNotMatch(page.body, /at |Error:|sqlite|connection/i, 'no stack or driver message');
  const json = await broken.app.inject({ url: '/places', headers: { accept: 'application/json' } });
  assert.equal(JSON.parse(json.body).error.code, 'internal');
  await broken.app.close();
});
