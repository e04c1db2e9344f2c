import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../../demo/seed-demo.ts';
import { findPlaceByCode } from '../../places/places.repo.ts';
import { Browser, createHarness, lastCode, type Harness } from '../../testing/harness.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
  await seedDemo(h.ctx);
});
after(() => h.close());

/** The text a person reads: no tags, no attribute values, no <code> or left-to-right <bdi> (emails). */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|code)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<bdi dir="ltr">[\s\S]*?<\/bdi>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

function assertPersian(url: string, html: string) {
  const text = visibleText(html);
  const latinDigits = text.match(/[^\s]*[0-9][^\s]*/g);
  assert.equal(latinDigits, null, `${url}: Latin digits in ${JSON.stringify(latinDigits)}`);
  // Format names such as CSV and JSON are written in capitals in Persian text too.
  const englishWords = text.match(/\b(?![A-Z]+\b)[A-Za-z]{3,}\b/g);
  assert.equal(englishWords, null, `${url}: English words ${JSON.stringify(englishWords)}`);
}

test('every page a person sees is in Persian with Persian digits', async () => {
  const anon = new Browser(h.app);
  const county = await findPlaceByCode(h.ctx.db, '2603');
  const city = await findPlaceByCode(h.ctx.db, '2603051595');
  const urls = ['/', '/places', `/places/${county!.id}`, `/places/${city!.id}`, '/places?q=%D9%82%D8%B2%D9%88%DB%8C%D9%86', '/login', '/register', '/no-such-page', '/results'];
  for (const url of urls) assertPersian(url, (await anon.get(url)).body);

  const citizen = new Browser(h.app);
  await citizen.post('/register', { mobile: '09121230000', name: 'شهروند آزمون' }, { csrfFrom: '/register' });
  assertPersian('/verify', (await citizen.get('/verify')).body);
  assertPersian('/verify (wrong code)', (await citizen.post('/verify', { code: '12' }, { csrfFrom: '/verify' })).body);
  await citizen.post('/verify', { code: lastCode(h, '09121230000') }, { csrfFrom: '/verify' });
  for (const url of ['/profile', '/notifications', '/admin']) assertPersian(url, (await citizen.get(url)).body);

  const admin = new Browser(h.app);
  await admin.post('/login/password', { email: 'admin@mahalle.local', password: 'mahalle-admin-demo' }, { csrfFrom: '/login' });
  const someone = await h.ctx.db.selectFrom('users').select('id').where('mobile', '=', '09121230000').executeTakeFirstOrThrow();
  const inReview = await h.ctx.db.selectFrom('plans').select(['id', 'call_id']).where('status', '=', 'in_review').orderBy('id').executeTakeFirstOrThrow();
  for (const url of ['/admin', '/admin/places/import', '/admin/users', '/admin/users/new', `/admin/users/${someone.id}`, '/admin/audit', '/admin/audit?verify=1', '/admin/moderation', '/admin/moderation/stats', '/admin/moderation/blocks', '/admin/reviews', '/admin/reviews?list=discuss', `/admin/reviews/${inReview.id}`, `/admin/calls/${inReview.call_id}/rubric`, `/admin/calls/${inReview.call_id}/allocation`, '/admin/dashboard', '/admin/targeting', '/admin/need-index', '/admin/indicators', '/admin/indicators/import', '/admin/indicators/imports', '/admin/reports', '/admin/reports?tab=overdue', '/results/progress', '/results/map', '/open-data', '/api/docs']) {
    assertPersian(url, (await admin.get(url)).body);
  }

  const expert = new Browser(h.app);
  await expert.post('/login/password', { email: 'expert@mahalle.local', password: 'mahalle-expert-demo' }, { csrfFrom: '/login' });
  assertPersian('/reviews', (await expert.get('/reviews')).body);
});
