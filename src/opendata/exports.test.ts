import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { datasetNames, datasets } from './datasets.ts';
import { csvCell, guardFormula } from './export-formats.ts';
import { createOpenDataWorld, FORMULA_TITLE, SECRETS, type OpenDataWorld } from './opendata-test-setup.ts';

let w: OpenDataWorld;
const EXTRA_VALUES = 6000;

before(async () => {
  w = await createOpenDataWorld();
  // Many values of one more indicator, so the export crosses its page size (5,000) more than once.
  const db = w.h.ctx.db;
  const now = '2026-05-01T08:00:00.000Z';
  const ind = await db
    .insertInto('indicators')
    .values({ code: 'BULK', name: 'شاخص انبوه', name_key: 'شاخص انبوه', unit: 'درصد', direction: 'higher_better', harm: null, level: 'county', source: '', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const places = (await db.selectFrom('places').select('id').execute()).map((p) => p.id);
  const rows = [];
  for (let i = 0; i < EXTRA_VALUES; i++) {
    const month = (i % 12) + 1;
    const year = 1300 + Math.floor(i / 12 / places.length);
    const placeId = places[Math.floor(i / 12) % places.length]!;
    rows.push({ indicator_id: ind.id, place_id: placeId, period: `${year}${String(month).padStart(2, '0')}`, period_type: 'month' as const, year, value: i / 4, import_id: null, updated_at: now });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('indicator_values').values(rows.slice(i, i + 500)).execute();
});
after(() => w.close());

const get = (url: string) => w.h.app.inject({ method: 'GET', url });

/** A minimal RFC 4180 reader for checking what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

describe('cells', () => {
  test('quoting follows RFC 4180 and formulas are disarmed', () => {
    assert.equal(csvCell('ساده'), 'ساده');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    for (const start of ['=', '+', '-', '@']) assert.equal(guardFormula(`${start}1+1`), `'${start}1+1`);
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell(-5), '-5', 'numbers are numbers, not formulas');
    assert.equal(csvCell(true), '1');
    assert.equal(csvCell(null), '');
  });
});

describe('downloads', () => {
  test('CSV: byte-order mark, English header, quoting, formula guard, headers for download', async () => {
    const res = await get('/open-data/plans.csv');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="mahalle-plans-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.match(String(res.headers['cache-control']), /^public, max-age=\d+$/);
    const bytes = res.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    assert.deepEqual(rows[0], datasets.plans.columns.map((c) => c.key));
    assert.equal(rows.length, 4, 'header and three public plans');
    const titleAt = rows[0]!.indexOf('title');
    const p1 = rows.find((r) => r[0] === String(w.ids.p1))!;
    assert.equal(p1[titleAt], `'${FORMULA_TITLE}`);
    // The raw line quotes the title (it holds a comma and quotes) and doubles its quotes.
    assert.ok(bytes.toString('utf8').includes(`"'=SUM(1,2) طرح ""آزمون"" فرمول"`));
    assert.equal(p1[rows[0]!.indexOf('harms')], 'ADDICTION');
    assert.equal(p1[rows[0]!.indexOf('place_codes')], '9260300001');
    assert.equal(p1[rows[0]!.indexOf('is_demo')], '0');
    const p2 = rows.find((r) => r[0] === String(w.ids.p2))!;
    assert.equal(p2[rows[0]!.indexOf('is_demo')], '1');
  });

  test('JSON: dataset, generated_at, license and typed rows', async () => {
    const res = await get('/open-data/results.json');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { dataset: string; generated_at: string; license: string; rows: Record<string, unknown>[] };
    assert.equal(body.dataset, 'results');
    assert.match(body.generated_at, /^\d{4}-\d{2}-\d{2}T/);
    assert.match(body.license, /[\u0600-\u06FF]/);
    assert.deepEqual(body.rows.map((r) => [r.plan_id, r.spent_rials, r.reached, r.progress_percent]), [[w.ids.p1, 500_000_000, 120, 45], [w.ids.p2, 0, 0, null]]);
    assert.deepEqual(Object.keys(body.rows[0]!), datasets.results.columns.map((c) => c.key));
    const allocations = (await get('/open-data/allocations.json')).json() as { rows: { plan_id: number; selected: boolean; reason: string }[] };
    assert.deepEqual(allocations.rows.map((r) => [r.plan_id, r.selected]), [[w.ids.p1, true], [w.ids.p2, true], [w.ids.p3, false]]);
  });

  test('XLSX opens with exceljs, has the header row and every row', async () => {
    const res = await get('/open-data/plans.xlsx');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /filename="mahalle-plans-[\d-]+\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('plans')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, datasets.plans.columns.map((c) => c.key));
    assert.equal(sheet.actualRowCount, 4);
    const titleCol = header.indexOf('title') + 1;
    const titles = [2, 3, 4].map((r) => String(sheet.getRow(r).getCell(titleCol).value));
    assert.ok(titles.includes(`'${FORMULA_TITLE}`), JSON.stringify(titles));
    assert.equal(book.worksheets.length, 2, 'the data and the column guide');
  });

  test('the indicator values export streams every row, in CSV, JSON and XLSX', async () => {
    const total = EXTRA_VALUES + 7;
    const csv = (await get('/open-data/indicator-values.csv')).rawPayload.toString('utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    assert.equal(lines.length, total + 1);
    assert.equal(new Set(lines).size, total + 1, 'no row twice');
    const json = (await get('/open-data/indicator-values.json')).json() as { rows: { indicator_code: string }[] };
    assert.equal(json.rows.length, total);
    assert.equal(json.rows.filter((r) => r.indicator_code === 'BULK').length, EXTRA_VALUES);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await get('/open-data/indicator-values.xlsx')).rawPayload as unknown as ArrayBuffer);
    assert.equal(book.getWorksheet('indicator-values')!.actualRowCount, total + 1);
  });

  test('no private data in any export, and unknown files are 404', async () => {
    for (const name of datasetNames) {
      for (const format of ['csv', 'json']) {
        const text = (await get(`/open-data/${name}.${format}`)).body;
        for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(String(secret)), `${name}.${format} shows ${secret}`);
        assert.doesNotMatch(text, /\b(email|mobile|phone|address)\b/, `${name}.${format}`);
      }
    }
    for (const url of ['/open-data/users.csv', '/open-data/plans.exe', '/open-data/plans']) assert.equal((await get(url)).statusCode, 404, url);
  });
});

describe('pages', () => {
  /** The text a person reads (as persian-ui.test.ts reads it). */
  const visibleText = (html: string) =>
    html
      .replace(/<(script|style|code|pre)[\s\S]*?<\/\1>/g, ' ')
      .replace(/<title>[\s\S]*?<\/title>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z]+;|&#\d+;/g, ' ');

  test('/open-data lists every dataset in Persian with Persian digits and the licence', async () => {
    const res = await get('/open-data');
    assert.equal(res.statusCode, 200);
    const text = visibleText(res.body);
    assert.equal(text.match(/[0-9]/g), null, 'no Latin digits');
    assert.equal(text.match(/\b(?![A-Z]+\b)[A-Za-z]{3,}\b/g), null, 'no English words');
    assert.match(text, /اوپن‌استریت‌مپ/);
    for (const name of datasetNames) {
      for (const format of ['csv', 'xlsx', 'json']) assert.ok(res.body.includes(`href="/open-data/${name}.${format}"`), `${name}.${format}`);
    }
    // Row counts in Persian digits: 3 plans, 6,007 values.
    assert.match(text, /۶٬۰۰۷/);
    assert.ok(res.body.includes('<code dir="ltr">requested_rials</code>'));
    assert.equal((await get('/open-data')).headers['x-page-cache'], 'hit');
  });

  test('/api/docs describes every endpoint in Persian, from the same list as the OpenAPI document', async () => {
    const res = await get('/api/docs');
    assert.equal(res.statusCode, 200);
    const text = visibleText(res.body);
    assert.equal(text.match(/[0-9]/g), null, 'no Latin digits');
    assert.equal(text.match(/\b(?![A-Z]+\b)[A-Za-z]{3,}\b/g), null, 'no English words');
    const doc = (await get('/api/docs/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of Object.keys(doc.paths)) assert.ok(res.body.includes(`GET ${path}`), path);
    assert.ok(res.body.includes('curl -s &#39;https://mahalle.example.org/api/v1/plans?harm=ADDICTION&amp;per_page=1&#39;') || res.body.includes("curl -s 'https://mahalle.example.org/api/v1/plans?harm=ADDICTION&amp;per_page=1'"));
    assert.doesNotMatch(res.body, /<script/);
  });
});
