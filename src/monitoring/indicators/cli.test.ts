import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { importIndicatorsCommand } from './cli.ts';
import { createIndicatorsWorld, type IndicatorsWorld } from './indicators-test-setup.ts';

let w: IndicatorsWorld;
let dir: string;
before(async () => {
  w = await createIndicatorsWorld();
  await w.indicator('ADD');
  dir = await mkdtemp(join(tmpdir(), 'mahalle-indicators-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
  await w.close();
});

/** Runs the command with its output captured; stderr is not a terminal, so progress comes as lines. */
async function cli(content: string, opts: { json?: boolean } = {}) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, content);
  const out: string[] = [];
  let err = '';
  const stderr = new Writable({ write(chunk, _enc, done) { err += String(chunk); done(); } });
  const code = await importIndicatorsCommand(w.h.ctx, file, opts, { out: (l) => out.push(l), err: stderr });
  return { code, out: out.join('\n'), err };
}

test('a good file: exit 0, a summary, progress on stderr', async () => {
  const before = await w.valueCount();
  const r = await cli('indicator,place,period,value\nADD,2601,1403,1\nADD,2602,1403,2\n');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /۲ مقدار/);
  assert.match(r.err, /۱۰۰٪/);
  assert.equal(await w.valueCount(), before + 2);
  const row = await w.db.selectFrom('data_imports').select(['status', 'created_by', 'storage_key']).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'done', created_by: null, storage_key: null });
});

test('a bad file: exit 1, each bad row in Persian, nothing imported', async () => {
  const before = await w.valueCount();
  const lines = ['indicator,place,period,value'];
  for (let i = 0; i < 10; i++) lines.push(`ADD,2603,${1380 + i},${i}`);
  lines[11 - 1] = 'ADD,2603,1395,عدد';
  lines.push('ADD,2603,1380,3');
  const r = await cli(lines.join('\n'));
  assert.equal(r.code, 1);
  assert.equal(await w.valueCount(), before);
  assert.match(r.out, /هیچ چیزی ذخیره نشد: ۲ خطا/);
  assert.match(r.out, /ردیف ۱۱، ستون مقدار: «عدد» عدد نیست/);
  assert.match(r.out, /ردیف ۱۲، ستون دوره: .*۲ و ۱۲/);
});

test('--json prints the report object', async () => {
  const r = await cli('indicator,place,period,value\nNOPE,2603,1403,1\n', { json: true });
  assert.equal(r.code, 1);
  const report = JSON.parse(r.out) as { status: string; errorCount: number; errors: { row: number; field: string }[] };
  assert.equal(report.status, 'rejected');
  assert.deepEqual(report.errors.map((e) => [e.row, e.field]), [[2, 'indicator']]);
});

test('a missing file: exit 2 with a Persian message', async () => {
  const out: string[] = [];
  let err = '';
  const stderr = new Writable({ write(chunk, _enc, done) { err += String(chunk); done(); } });
  const code = await importIndicatorsCommand(w.h.ctx, join(dir, 'absent.csv'), {}, { out: (l) => out.push(l), err: stderr });
  assert.equal(code, 2);
  assert.match(err, /خوانده نشد/);
});
