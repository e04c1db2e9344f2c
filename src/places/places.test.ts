import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Browser, createHarness, type Harness } from '../testing/harness.ts';
import { demoPlaces, realPlaces } from './demo-places.ts';
import { importPlaces } from './import-places.ts';
import { parsePlaceFile } from './parse-place-file.ts';
import { countPlacesByKind, findPlaceByCode, placeWithAncestors } from './places.repo.ts';

const divisionsFile = fileURLToPath(new URL('../../../shared/data/places/qazvin-divisions.json', import.meta.url));

let h: Harness;
before(async () => {
  h = await createHarness();
});
after(() => h.close());

describe('importing places', () => {
  test('parses CSV with Persian digits and Arabic letters, normalizing names', () => {
    const csv = 'code,name,kind,parent_code,population,population_year\n26,قزوين,province,,۱٬۲۷۳٬۷۶۱,۱۳۹۵\n2603,قزوین,county,26,596932,1395\n';
    const { records, problems } = parsePlaceFile(csv, 'places.csv');
    assert.deepEqual(problems, []);
    assert.equal(records[0]!.name, 'قزوین', 'Arabic yeh folded to Persian');
    assert.equal(records[0]!.population, 1273761);
    assert.equal(records[1]!.parentCode, '26');
  });

  test('reports every bad row in Persian and writes nothing', async () => {
    const csv = 'code,name,kind,parent_code,population\nabc,,castle,,-5\n';
    const { problems } = parsePlaceFile(csv, 'bad.csv');
    assert.equal(problems.length, 4);
    assert.ok(problems.every((p) => p.source === 'سطر 2' && /[\u0600-\u06FF]/.test(p.message)));
    const orphan = parsePlaceFile('[{"code":"999","name":"یتیم","kind":"county","parent_code":"77"}]', 'x.json');
    const report = await importPlaces(h.ctx, orphan.records, { actorId: null });
    assert.equal(report.ok, false);
    assert.match(report.problems[0]!.message, /والد با کد 77 پیدا نشد/);
    const wrongLevel = parsePlaceFile('[{"code":"26","name":"قزوین","kind":"province"},{"code":"261","name":"محله","kind":"neighborhood","parent_code":"26"}]', 'x.json');
    const r2 = await importPlaces(h.ctx, wrongLevel.records, { actorId: null });
    assert.equal(r2.ok, false);
    assert.equal(await findPlaceByCode(h.ctx.db, '26'), undefined, 'all or nothing: the valid province was not kept');
    const dup = parsePlaceFile('[{"code":"26","name":"الف","kind":"province"},{"code":"26","name":"ب","kind":"province"}]', 'x.json');
    assert.match((await importPlaces(h.ctx, dup.records, { actorId: null })).problems[0]!.message, /تکراری/);
    const unreadable = parsePlaceFile('{not json', 'x.json');
    assert.match(unreadable.problems[0]!.message, /پرونده خوانا نیست/);
  });

  test('demo seed, then the SCI divisions file joined on codes', { skip: !existsSync(divisionsFile) && 'needs ../shared/data/places/qazvin-divisions.json (absent in this clone)' }, async () => {
    await importPlaces(h.ctx, realPlaces, { actorId: null });
    await importPlaces(h.ctx, demoPlaces, { actorId: null, isDemo: true });
    const qazvinCity = await findPlaceByCode(h.ctx.db, '2603051595');
    const { records, problems } = parsePlaceFile(readFileSync(divisionsFile, 'utf8'), divisionsFile);
    assert.deepEqual(problems, []);
    const report = await importPlaces(h.ctx, records, { actorId: null });
    assert.equal(report.ok, true, JSON.stringify(report.problems));
    const counts = await countPlacesByKind(h.ctx.db);
    assert.equal(counts.province, 1);
    assert.equal(counts.county, 6);
    assert.equal(counts.district, 19);
    assert.equal(counts.city, 25);
    assert.equal(counts.urban_district, 4);
    assert.equal(counts.rural_district, 46);
    assert.equal(report.updated, realPlaces.length, 'seeded rows were matched by code, not duplicated');
    // The seeded city kept its id (and its demo neighborhoods) but moved under its bakhsh.
    const after = await findPlaceByCode(h.ctx.db, '2603051595');
    assert.equal(after!.id, qazvinCity!.id);
    const chain = await placeWithAncestors(h.ctx.db, after!.id);
    assert.deepEqual(chain.map((p) => p.kind), ['city', 'district', 'county', 'province']);
    // Names differ between sources (بوئین‌زهرا / بویین زهرا): the join is on the code.
    assert.equal((await findPlaceByCode(h.ctx.db, '2601'))!.population, 122994);
    assert.equal((await findPlaceByCode(h.ctx.db, '26'))!.population, 1273761);
    const again = await importPlaces(h.ctx, records, { actorId: null });
    assert.equal(again.inserted, 0, 'a second import only updates');
  });
});

describe('place pages', () => {
  test('/places lists the counties; a county page shows children, population and the parent chain', async () => {
    if (!(await findPlaceByCode(h.ctx.db, '26'))) {
      await importPlaces(h.ctx, realPlaces, { actorId: null });
      await importPlaces(h.ctx, demoPlaces, { actorId: null, isDemo: true });
    }
    const b = new Browser(h.app);
    const index = await b.get('/places');
    assert.equal(index.statusCode, 200);
    assert.match(index.body, /<html lang="fa" dir="rtl">/);
    assert.match(index.body, /۵۹۶٬۹۳۲/, 'population in Persian digits and grouping');
    const county = await findPlaceByCode(h.ctx.db, '2603');
    const before = h.ctx.handle.queryCount();
    const page = await b.get(`/places/${county!.id}`);
    const queries = h.ctx.handle.queryCount() - before;
    assert.equal(page.statusCode, 200);
    assert.ok(queries <= 5, `${queries} queries`);
    assert.match(page.body, /شهرستان/);
    assert.match(page.body, /۲۶۰۳/);
    assert.match(page.body, /سرشماری ۱۳۹۵/);
    const city = await findPlaceByCode(h.ctx.db, '2603051595');
    const cityPage = await b.get(`/places/${city!.id}`);
    assert.match(cityPage.body, /مینودر/);
    assert.match(cityPage.body, /نمونه/, 'demo places are marked');
    assert.match(cityPage.body, /aria-label="مسیر صفحه"/);
    assert.match(cityPage.body, new RegExp(`href="/places/${county!.id}"`), 'breadcrumbs lead back up');
  });

  test('search ignores Arabic letter forms and ZWNJ', async () => {
    const b = new Browser(h.app);
    const res = await b.get(`/places?q=${encodeURIComponent('راه آهن')}`);
    assert.match(res.body, /راه‌آهن/);
    const arabic = await b.get(`/places?q=${encodeURIComponent('قزوين')}`);
    assert.match(arabic.body, /نتیجه‌های جست‌وجو/);
    assert.match(arabic.body, /href="\/places\/\d+">قزوین/);
  });

  test('place ids in Persian digits work; paging past the end is empty, not an error', async () => {
    const county = await findPlaceByCode(h.ctx.db, '2603');
    const persianId = String(county!.id).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const b = new Browser(h.app);
    assert.equal((await b.get(`/places/${encodeURIComponent(persianId)}`)).statusCode, 200);
    const far = await b.get(`/places/${county!.id}?page=999`);
    assert.equal(far.statusCode, 200);
  });
});

test('a cached public page shows a change as soon as it is made', async () => {
  const { updateProfile } = await import('../accounts/update-profile.ts');
  const { insertUser } = await import('../accounts/accounts.repo.ts');
  const place = await findPlaceByCode(h.ctx.db, '9260300002');
  const b = new Browser(h.app);
  const first = await b.get(`/places/${place!.id}`);
  assert.match(first.body, /هنوز هیچ شهروندی/);
  assert.equal((await b.get(`/places/${place!.id}`)).headers['x-page-cache'], 'hit');
  const id = await insertUser(h.ctx.db, { mobile: '09127778899', name: 'ساکن', now: new Date().toISOString() });
  await updateProfile(h.ctx, { id, roles: ['citizen'] }, { name: 'ساکن پونک', homePlaceId: String(place!.id) });
  const after = await b.get(`/places/${place!.id}`);
  assert.match(after.body, /۱ شهروند/);
});

describe('importing places from the admin page', () => {
  function multipart(fields: Record<string, string>, file: { name: string; content: Buffer | string } | null) {
    const boundary = '----mahalle-test-boundary';
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    if (file) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
      parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
      parts.push(Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  async function signedIn(email: string, roles: string[]) {
    const { createStaffUser } = await import('../accounts/create-staff-user.ts');
    await createStaffUser(h.ctx, { actorId: null, name: 'کارمند', email, password: 'long enough password', roles });
    const b = new Browser(h.app);
    await b.post('/login/password', { email, password: 'long enough password' }, { csrfFrom: '/login' });
    return b;
  }

  async function upload(b: Browser, file: { name: string; content: Buffer | string } | null, csrf?: string) {
    const page = await b.get('/admin/places/import');
    const token = csrf ?? /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const body = multipart({ _csrf: token }, file);
    return h.app.inject({ method: 'POST', url: '/admin/places/import', ...body, cookies: { sid: b.cookie('sid')!, _csrf: b.cookie('_csrf')! } });
  }

  test('an admin uploads a CSV; bad files are explained in Persian and change nothing', async () => {
    const admin = await signedIn('places-admin@example.org', ['admin']);
    const ok = await upload(admin, { name: 'v.csv', content: 'code,name,kind,parent_code\n2603888001,روستای بارگذاری‌شده,village,2603\n' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    assert.ok(await findPlaceByCode(h.ctx.db, '2603888001'));

    const bad = await upload(admin, { name: 'v.csv', content: 'code,name,kind,parent_code\n2603888002,روستای بی‌والد,village,4444\n2603888003,,castle,2603\n' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /هیچ چیزی ذخیره نشد/);
    assert.equal(await findPlaceByCode(h.ctx.db, '2603888002'), undefined);

    const binary = await upload(admin, { name: 'photo.csv', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) });
    assert.equal(binary.statusCode, 415);
    assert.match(binary.body, /متنی \(UTF-8\) نیست/);
    const none = await upload(admin, null);
    assert.equal(none.statusCode, 422);
    const noCsrf = await upload(admin, { name: 'v.csv', content: 'code,name,kind,parent_code\n2603888004,روستا,village,2603\n' }, 'forged');
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(await findPlaceByCode(h.ctx.db, '2603888004'), undefined);
    const huge = await upload(admin, { name: 'big.csv', content: Buffer.alloc(11 * 1024 * 1024, 0x61) });
    assert.equal(huge.statusCode, 413);
    assert.match(huge.body, /حجم داده بیش از حد مجاز است/);
  });

  test('only those with place.manage may import', async () => {
    const secretary = await signedIn('places-secretary@example.org', ['secretary']);
    assert.equal((await secretary.get('/admin/places/import')).statusCode, 403);
    const res = await upload(secretary, { name: 'v.csv', content: 'code,name,kind,parent_code\n2603888005,روستا,village,2603\n' }, 'x');
    assert.ok([403].includes(res.statusCode));
    assert.equal(await findPlaceByCode(h.ctx.db, '2603888005'), undefined);
  });
});
