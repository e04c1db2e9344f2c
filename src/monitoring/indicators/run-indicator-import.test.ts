import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { inTransaction } from '../../context.ts';
import { findDataImport, insertDataImport } from './indicators.repo.ts';
import { createIndicatorsWorld, type IndicatorsWorld } from './indicators-test-setup.ts';
import { runIndicatorImport, type ImportProgress } from './run-indicator-import.ts';

let w: IndicatorsWorld;
before(async () => {
  w = await createIndicatorsWorld();
  await w.indicator('ADD', { unit: 'در هر هزار نفر' });
  await w.indicator('DROP', { unit: 'درصد' });
  await w.indicator('CHILD', { level: 'neighborhood' });
});
after(() => w.close());

const newImport = () =>
  inTransaction(w.h.ctx, (tx) => insertDataImport(tx.db, { kind: 'indicators', fileName: 'test.csv', storageKey: null, createdBy: w.secretaryId, now: tx.clock.now().toISOString() }));

async function run(content: string | Buffer, options: Parameters<typeof runIndicatorImport>[3] = {}) {
  const id = await newImport();
  const report = await runIndicatorImport(w.h.ctx, id, Buffer.isBuffer(content) ? content : Buffer.from(content), options);
  return { id, report, row: (await findDataImport(w.db, id))! };
}

const valueOf = async (code: string, placeCode: string, period: string) => {
  const r = await w.db
    .selectFrom('indicator_values as v')
    .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
    .innerJoin('places as p', 'p.id', 'v.place_id')
    .select(['v.value', 'v.import_id'])
    .where('i.code', '=', code).where('p.code', '=', placeCode).where('v.period', '=', period)
    .executeTakeFirst();
  return r ? { value: Number(r.value), importId: r.import_id === null ? null : Number(r.import_id) } : undefined;
};

const auditActions = async (id: number) =>
  (await w.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'data_import').where('subject_id', '=', String(id)).orderBy('id').execute()).map((r) => r.action);

describe('running an import', () => {
  test('one bad row among good ones: nothing is written, the import is rejected with the row report', async () => {
    const before = await w.valueCount();
    const { report, row, id } = await run('indicator,place,period,value\nADD,2601,1400,10\nADD,2602,1400,11\nADD,2603,۱۴۰۰Q۵,12\nADD,2604,1400,13\n');
    assert.equal(report.status, 'rejected');
    assert.equal(await w.valueCount(), before, 'nothing written');
    assert.equal(row.status, 'rejected');
    assert.equal(row.error_count, 1);
    assert.equal(row.imported_rows, 0);
    assert.deepEqual(row.errors.map((e) => [e.row, e.field]), [[4, 'period']]);
    assert.ok(row.finished_at);
    assert.deepEqual(await auditActions(id), ['indicator_import.rejected']);
  });

  test('a good file writes every row in one go, with progress reported through validation and writing', async () => {
    const before = await w.valueCount();
    const lines = ['کد شاخص;کد مکان;دوره;مقدار'];
    const counties = ['2601', '2602', '2603', '2604', '2605', '2606'];
    for (const c of counties) for (let y = 1390; y <= 1404; y++) lines.push(`ADD;${c};${y};${y - 1380}٫5`);
    for (const c of counties) for (let q = 1; q <= 4; q++) lines.push(`DROP;${c};1404Q${q};${q * 10}`);
    const seen: ImportProgress[] = [];
    const { report, row, id } = await run(`\uFEFF${lines.join('\r\n')}\r\n`, { onProgress: (p) => { seen.push(p); }, progressEvery: 25 });
    assert.equal(report.status, 'done', JSON.stringify(report.errors));
    assert.equal(report.kind, 'values');
    assert.equal(report.importedRows, 6 * 15 + 24);
    assert.equal(await w.valueCount(), before + 6 * 15 + 24);
    assert.equal(row.status, 'done');
    assert.equal(row.kind, 'indicator_values');
    assert.equal(row.total_rows, 114);
    assert.equal(row.processed_rows, 114);
    assert.equal(row.imported_rows, 114);
    assert.deepEqual(await valueOf('ADD', '2603', '1404'), { value: 24.5, importId: id });
    assert.equal((await valueOf('DROP', '2606', '1404Q3'))?.value, 30);
    const validating = seen.filter((p) => p.phase === 'validating').map((p) => p.processed);
    assert.deepEqual(validating, [0, 25, 50, 75, 100, 114]);
    assert.equal(seen.filter((p) => p.phase === 'importing').at(-1)?.processed, 114);
    assert.deepEqual(await auditActions(id), ['indicator_import.done']);
  });

  test('re-importing the same cells replaces their values and records the new import', async () => {
    const before = await w.valueCount();
    const { report, id } = await run('indicator,place,period,value\nADD,2603,1404,99\nADD,2603,1405,1\n');
    assert.equal(report.status, 'done');
    assert.equal(await w.valueCount(), before + 1, 'one new cell, one replaced');
    assert.deepEqual(await valueOf('ADD', '2603', '1404'), { value: 99, importId: id });
  });

  test('an XLSX file of values', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('مقادیر');
    s.addRow(['indicator', 'place', 'period', 'value']);
    s.addRow(['CHILD', 9260300001, 140401, 7]);
    s.addRow(['CHILD', '9260300002', '۱۴۰۴۰۲', '۸']);
    const { report } = await run(Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(report.status, 'done', JSON.stringify(report.errors));
    assert.equal((await valueOf('CHILD', '9260300002', '140402'))?.value, 8);
  });

  test('a place of another kind than the indicator’s level is refused', async () => {
    const { report } = await run('indicator,place,period,value\nCHILD,2601,1404,1\n');
    assert.equal(report.status, 'rejected');
    assert.match(report.errors[0]!.message, /شهرستان/);
  });

  test('a catalogue file adds and updates indicators', async () => {
    const { report } = await run('code,name,unit,direction,harm,level,source\nADD,نرخ اعتیاد (ویرایش‌شده),در هر هزار نفر,کمتر بهتر است,ADDICTION,county,بهزیستی\nnew_one,شاخص تازه,درصد,بیشتر بهتر است,,محله,\n');
    assert.equal(report.status, 'done', JSON.stringify(report.errors));
    assert.equal(report.kind, 'catalogue');
    assert.deepEqual([report.inserted, report.updated], [1, 1]);
    const add = await w.db.selectFrom('indicators').select(['name', 'harm', 'source']).where('code', '=', 'ADD').executeTakeFirstOrThrow();
    assert.deepEqual(add, { name: 'نرخ اعتیاد (ویرایش‌شده)', harm: 'ADDICTION', source: 'بهزیستی' });
    const created = await w.db.selectFrom('indicators').select(['level', 'direction']).where('code', '=', 'NEW_ONE').executeTakeFirstOrThrow();
    assert.deepEqual(created, { level: 'neighborhood', direction: 'higher_better' });
  });

  test('a file that is no table, or has an unknown header, is rejected as a whole', async () => {
    const bin = await run(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    assert.equal(bin.report.status, 'rejected');
    assert.equal(bin.row.errors[0]?.field, 'file');
    const header = await run('a,b,c\n1,2,3\n');
    assert.equal(header.report.status, 'rejected');
    assert.deepEqual(header.row.errors.map((e) => e.row), [1]);
  });

  test('too many rows: rejected, nothing written', async () => {
    const before = await w.valueCount();
    const { report } = await run('indicator,place,period,value\nADD,2601,1380,1\nADD,2601,1381,1\nADD,2601,1382,1\n', { maxRows: 2 });
    assert.equal(report.status, 'rejected');
    assert.equal(report.errors.at(-1)?.field, 'file');
    assert.equal(await w.valueCount(), before);
  });

  test('running a finished import again changes nothing', async () => {
    const { id, report } = await run('indicator,place,period,value\nADD,2601,1370,1\n');
    assert.equal(report.status, 'done');
    const before = await w.valueCount();
    const again = await runIndicatorImport(w.h.ctx, id, Buffer.from('indicator,place,period,value\nADD,2601,1371,1\n'));
    assert.equal(again.status, 'done');
    assert.equal(await w.valueCount(), before);
  });

  test('many rows go in batches on both dialects', async () => {
    const before = await w.valueCount();
    const lines = ['indicator,place,period,value'];
    // 6 counties × 12 months × 20 years = 1,440 rows: three batches, and far past PostgreSQL's bind limit in one statement.
    for (const c of ['2601', '2602', '2603', '2604', '2605', '2606']) for (let y = 1380; y < 1400; y++) for (let m = 1; m <= 12; m++) lines.push(`ADD,${c},${y}${String(m).padStart(2, '0')},${m}`);
    const { report, row } = await run(lines.join('\n'));
    assert.equal(report.status, 'done', JSON.stringify(report.errors.slice(0, 3)));
    assert.equal(await w.valueCount(), before + 1440);
    assert.equal(row.imported_rows, 1440);
  });
});
