import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { runOneJob } from '../../platform/jobs/worker.ts';
import { jobHandlers } from '../../bootstrap.ts';
import type { Browser } from '../../testing/harness.ts';
import { createIndicatorsWorld, type IndicatorsWorld } from './indicators-test-setup.ts';
import { seedDemoIndicators } from './seed-demo-indicators.ts';
import { insertDataImport, updateDataImport } from './indicators.repo.ts';

let w: IndicatorsWorld;
let secretary: Browser;
let council: Browser;
let citizen: Browser;
let addId: number;

before(async () => {
  w = await createIndicatorsWorld();
  addId = await w.indicator('ADD', { name: 'نرخ اعتیاد آزمایشی', harm: 'ADDICTION' });
  await w.indicator('DROP', { name: 'نرخ ترک تحصیل آزمایشی', unit: 'درصد', harm: 'SCHOOL_DROPOUT' });
  secretary = await w.staff('secretary@example.org');
  council = await w.staff('council@example.org');
  citizen = await w.citizen();
});
after(() => w.close());

/** Runs queued jobs the way the worker would. */
async function drainJobs() {
  const handlers = jobHandlers(w.h.ctx);
  while (await runOneJob(w.db, w.h.ctx.dialect, w.h.clock, handlers, 'test')) {
    // until none is due
  }
}

/** The text a person reads (tags, scripts, styles, codes and left-to-right isolates left out). */
const visibleText = (html: string) =>
  html
    .replace(/<(script|style|code|title)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<bdi dir="ltr">[\s\S]*?<\/bdi>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');

function assertPersian(url: string, html: string, fileName = '') {
  const text = fileName ? visibleText(html).split(fileName).join(' ') : visibleText(html);
  assert.equal(text.match(/[^\s]*[0-9][^\s]*/g), null, `${url}: Latin digits`);
  assert.equal(text.match(/\b(?![A-Z]+\b)[A-Za-z]{3,}\b/g), null, `${url}: English words`);
}

describe('who may see what', () => {
  test('a citizen gets 403 everywhere; a council member reads but does not manage; signed-out people are sent to log in', async () => {
    for (const url of ['/admin/indicators', `/admin/indicators/${addId}`, '/admin/indicators/import', '/admin/indicators/imports', '/admin/indicators/new']) {
      assert.equal((await citizen.get(url)).statusCode, 403, url);
    }
    assert.equal((await council.get('/admin/indicators')).statusCode, 200);
    assert.equal((await council.get(`/admin/indicators/${addId}`)).statusCode, 200);
    assert.equal((await council.get('/admin/indicators/import')).statusCode, 403);
    assert.equal((await council.get('/admin/indicators/new')).statusCode, 403);
    const list = await council.get('/admin/indicators');
    assert.ok(!list.body.includes('href="/admin/indicators/new"'), 'no manage links for a reader');
    const anon = await w.h.app.inject({ method: 'GET', url: '/admin/indicators' });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/login/);
  });
});

describe('the catalogue', () => {
  test('list with search by name (any spelling) and filter by harm', async () => {
    const all = await secretary.get('/admin/indicators');
    assert.equal(all.statusCode, 200);
    assert.ok(all.body.includes('نرخ اعتیاد آزمایشی'));
    assert.ok(all.body.includes('کمتر بهتر است'));
    assert.ok(all.body.includes('اعتیاد'));
    assert.ok(all.body.includes('شهرستان'));
    const search = await secretary.get(`/admin/indicators?q=${encodeURIComponent('اعتياد')}`);
    assert.ok(search.body.includes('نرخ اعتیاد آزمایشی'));
    assert.ok(!search.body.includes('نرخ ترک تحصیل آزمایشی'));
    const byHarm = await secretary.get('/admin/indicators?harm=SCHOOL_DROPOUT');
    assert.ok(byHarm.body.includes('نرخ ترک تحصیل آزمایشی'));
    assert.ok(!byHarm.body.includes('نرخ اعتیاد آزمایشی'));
  });

  test('create through the form: bad input is explained and kept; a taken code is refused; then edited', async () => {
    const bad = await secretary.post('/admin/indicators', { code: 'با فاصله', name: '', unit: 'نفر', direction: 'lower_better', harm: '', level: 'county', source: '', description: '' }, { csrfFrom: '/admin/indicators/new' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /کد فقط از حروف لاتین/);
    assert.match(bad.body, /نام شاخص را بنویسید/);
    const taken = await secretary.post('/admin/indicators', { code: 'add', name: 'دیگر', unit: 'نفر', direction: 'lower_better', harm: '', level: 'county', source: '', description: '' }, { csrfFrom: '/admin/indicators/new' });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /پیش‌تر/);
    const ok = await secretary.post('/admin/indicators', { code: 'emp-1', name: 'اشتغال زنان', unit: 'درصد', direction: 'higher_better', harm: 'POVERTY_UNEMPLOYMENT', level: 'neighborhood', source: 'آمار', description: 'توضیح' }, { csrfFrom: '/admin/indicators/new' });
    assert.equal(ok.statusCode, 303);
    const id = Number(/\/admin\/indicators\/(\d+)$/.exec(String(ok.headers.location))?.[1]);
    const row = await w.db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.code, 'EMP-1');
    assert.equal(row.level, 'neighborhood');
    const edit = await secretary.post(`/admin/indicators/${id}`, { code: 'EMP-1', name: 'اشتغال زنان سرپرست خانوار', unit: 'درصد', direction: 'higher_better', harm: '', level: 'neighborhood', source: '', description: '' }, { csrfFrom: `/admin/indicators/${id}/edit` });
    assert.equal(edit.statusCode, 303);
    assert.equal((await w.db.selectFrom('indicators').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name, 'اشتغال زنان سرپرست خانوار');
    const audits = await w.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'indicator').where('subject_id', '=', String(id)).orderBy('id').execute();
    assert.deepEqual(audits.map((a) => a.action), ['indicator.created', 'indicator.updated']);

    // No values yet: it can be deleted.
    const page = await secretary.get(`/admin/indicators/${id}`);
    assert.ok(page.body.includes(`action="/admin/indicators/${id}/delete"`));
    const del = await secretary.post(`/admin/indicators/${id}/delete`, {}, { csrfFrom: `/admin/indicators/${id}` });
    assert.equal(del.statusCode, 303);
    assert.equal(await w.db.selectFrom('indicators').select('id').where('id', '=', id).executeTakeFirst(), undefined);
  });
});

describe('uploading a file', () => {
  test('the secretariat uploads a CSV, follows to the progress page, and after the job sees it done', async () => {
    const form = await secretary.get('/admin/indicators/import');
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('enctype="multipart/form-data"'));
    assert.ok(form.body.includes('href="/admin/indicators/import/sample.csv"'));
    const sample = await secretary.get('/admin/indicators/import/sample.csv');
    assert.equal(sample.statusCode, 200);
    assert.match(String(sample.headers['content-type']), /text\/csv/);
    assert.match(sample.body, /^\uFEFFindicator,place,period,value\r\nADD,26\d\d,1404,/);

    const before = await w.valueCount();
    const res = await w.upload(secretary, { name: 'مقادیر.csv', content: 'کد شاخص;کد مکان;دوره;مقدار\nADD;2601;۱۴۰۳;۱۲٫۵\nADD;2602;1403;13\nADD;2601;1404;11\n' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const url = String(res.headers.location);
    assert.match(url, /^\/admin\/indicators\/imports\/\d+$/);

    const queued = await secretary.get(url);
    assert.equal(queued.statusCode, 200);
    assert.ok(queued.body.includes('<meta http-equiv="refresh" content="2"/>') || queued.body.includes('<meta http-equiv="refresh" content="2">'));
    assert.match(queued.body, /در صف/);
    assert.match(queued.body, /<progress[^>]*value="0"/);
    assert.equal(await w.valueCount(), before, 'nothing before the job runs');

    await drainJobs();
    const done = await secretary.get(url);
    assert.ok(!done.body.includes('http-equiv="refresh"'), 'a finished import stops refreshing');
    assert.match(done.body, /انجام شد/);
    assert.match(done.body, /۳ مقدار ذخیره شد/);
    assert.match(done.body, /<progress[^>]*value="100"/);
    assert.equal(await w.valueCount(), before + 3);
    assertPersian(url, done.body, 'مقادیر.csv');

    const page = await secretary.get(`/admin/indicators/${addId}`);
    assert.match(page.body, /۱۲٫۵/);
    assert.ok(!page.body.includes(`action="/admin/indicators/${addId}/delete"`), 'an indicator with values cannot be deleted');
    const filtered = await secretary.get(`/admin/indicators/${addId}?type=quarter`);
    assert.match(filtered.body, /هنوز مقداری/);

    const list = await secretary.get('/admin/indicators/imports');
    assert.ok(list.body.includes(`href="${url}"`));
    assert.ok(list.body.includes('مقادیر.csv'));
  });

  test('a bad file shows the Persian row report and a CSV of it; nothing is stored', async () => {
    const before = await w.valueCount();
    const res = await w.upload(secretary, { name: 'بد.csv', content: 'indicator,place,period,value\nADD,2603,1403,1\nADD,2604,1403Q5,2\nNOPE,2605,1403,3\n' });
    assert.equal(res.statusCode, 303);
    const url = String(res.headers.location);
    await drainJobs();
    const page = await secretary.get(url);
    assert.match(page.body, /رد شد/);
    assert.match(page.body, /هیچ چیزی ذخیره نشد: ۲ خطا/);
    assert.match(page.body, /<td class="num">۳<\/td><td>دوره<\/td>/);
    assert.match(page.body, /<td class="num">۴<\/td><td>کد شاخص<\/td>/);
    assert.ok(page.body.includes(`href="${url}/errors.csv"`));
    assertPersian(url, page.body, 'بد.csv');
    const csv = await secretary.get(`${url}/errors.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /^\uFEFFردیف,ستون,اشکال\r\n3,دوره,/);
    assert.equal(await w.valueCount(), before);
  });

  test('while validating, the page shows how far it got and keeps refreshing; while writing, an indeterminate bar', async () => {
    const id = await insertDataImport(w.db, { kind: 'indicator_values', fileName: 'بزرگ.csv', storageKey: null, createdBy: w.secretaryId, now: w.h.clock.now().toISOString() });
    await updateDataImport(w.db, id, { status: 'validating', total_rows: 4000, processed_rows: 1000 });
    const page = await secretary.get(`/admin/indicators/imports/${id}`);
    assert.match(page.body, /در حال بررسی/);
    assert.match(page.body, /<progress[^>]*value="25"/);
    assert.match(page.body, /۱٬۰۰۰ از ۴٬۰۰۰ ردیف بررسی شد/);
    assert.match(page.body, /http-equiv="refresh" content="2"/);
    assert.equal(page.headers['cache-control'], 'no-store');
    await updateDataImport(w.db, id, { status: 'importing', processed_rows: 4000 });
    const writing = await secretary.get(`/admin/indicators/imports/${id}`);
    assert.match(writing.body, /<progress id="import-progress" max="100" aria-valuetext/);
    assert.match(writing.body, /در حال ذخیره/);
    assert.match(writing.body, /http-equiv="refresh"/);
    assertPersian('importing', writing.body, 'بزرگ.csv');
  });

  test('an XLSX upload works the same', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('x');
    s.addRow(['indicator', 'place', 'period', 'value']);
    s.addRow(['DROP', 2606, '1404Q1', 45.5]);
    const res = await w.upload(secretary, { name: 'values.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
    assert.equal(res.statusCode, 303);
    await drainJobs();
    assert.match((await secretary.get(String(res.headers.location))).body, /۱ مقدار ذخیره شد/);
  });

  test('no file, or a file that is neither CSV nor XLSX, is refused on the form; a council member may not upload', async () => {
    const none = await w.upload(secretary, null);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /پرونده‌ای برگزیده نشده/);
    const png = await w.upload(secretary, { name: 'x.csv', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) });
    assert.equal(png.statusCode, 422);
    assert.match(png.body, /فقط پروندهٔ CSV/);
    const refused = await w.upload(council, { name: 'v.csv', content: 'indicator,place,period,value\n' }).catch(() => null);
    assert.equal(refused?.statusCode ?? 403, 403);
  });
});

describe('demo indicators', () => {
  test('seeded once, marked «نمونه», with plausible values at their level; the pages stay Persian', async () => {
    const created = await seedDemoIndicators(w.h.ctx);
    assert.equal(created, 6);
    assert.equal(await seedDemoIndicators(w.h.ctx), 0, 'idempotent');
    const demo = await w.db.selectFrom('indicators').select(['id', 'code', 'level', 'source', 'is_demo']).where('is_demo', '=', 1).orderBy('code').execute();
    assert.equal(demo.length, 6);
    for (const d of demo) assert.equal(d.source, 'دادهٔ نمایشی — ساختگی');
    const addiction = demo.find((d) => d.code === 'DEMO_ADDICTION')!;
    const values = await w.db.selectFrom('indicator_values as v').innerJoin('places as p', 'p.id', 'v.place_id').select(['p.kind', 'v.period', 'v.value']).where('v.indicator_id', '=', addiction.id).execute();
    assert.equal(values.length, 6 * 9, 'six counties × (five years + four quarters)');
    assert.ok(values.every((v) => v.kind === 'county' && v.value > 0));
    const child = demo.find((d) => d.code === 'DEMO_CHILD_LABOUR')!;
    const childPlaces = await w.db.selectFrom('indicator_values as v').innerJoin('places as p', 'p.id', 'v.place_id').select(['p.kind', 'p.is_demo']).where('v.indicator_id', '=', child.id).execute();
    assert.ok(childPlaces.length > 0 && childPlaces.every((p) => p.kind === 'neighborhood' && p.is_demo === 1));

    const list = await council.get('/admin/indicators?harm=ADDICTION');
    assert.match(list.body, /badge-demo[^>]*>نمونه/);
    const page = await council.get(`/admin/indicators/${addiction.id}`);
    assert.match(page.body, /<svg/);
    assert.match(page.body, /ساختگی/);
    for (const [b, url] of [[council, '/admin/indicators'], [council, `/admin/indicators/${addiction.id}?type=year`], [secretary, '/admin/indicators/import'], [secretary, '/admin/indicators/new'], [secretary, `/admin/indicators/${addiction.id}/edit`]] as const) {
      const res = await b.get(url);
      assert.equal(res.statusCode, 200, url);
      assertPersian(url, res.body);
    }
  });
});
