import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { main } from './main.ts';
import { migrations } from '../migrations/index.ts';

// The CLI runs against its own SQLite file whatever DATABASE_URL the suite was given.
const dir = mkdtempSync(join(tmpdir(), 'mahalle-cli-'));
const db = join(dir, 'cli.db');
const saved = { ...process.env };
let logs: string[] = [];
const realLog = console.log;
const realError = console.error;

before(() => {
  process.env.DATABASE_URL = `sqlite:${db}`;
  process.env.LOG_LEVEL = 'silent';
  console.log = (...a: unknown[]) => { logs.push(a.join(' ')); };
  console.error = (...a: unknown[]) => { logs.push(a.join(' ')); };
});
after(() => {
  console.log = realLog;
  console.error = realError;
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  logs = [];
  const code = await main(args);
  return { code, out: logs.join('\n') };
}

test('--help lists every command', async () => {
  const r = await run('--help');
  assert.equal(r.code, 0);
  for (const c of ['serve', 'migrate', 'seed --demo', 'import places', 'backup', 'user create', 'audit verify']) assert.match(r.out, new RegExp(c));
});

test('migrate, seed, user create, import, backup and audit verify', async () => {
  let r = await run('migrate', '--json');
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.out).version, Object.keys(migrations).at(-1));
  r = await run('seed', '--demo', '--json');
  assert.equal(r.code, 0);
  assert.ok(JSON.parse(r.out).places.inserted > 20);

  r = await run('user', 'create', '--email', 'sec@example.org', '--name', 'دبیر', '--role', 'secretary', '--role', 'council_member', '--password', 'long enough password');
  assert.equal(r.code, 0, r.out);
  await assert.rejects(run('user', 'create', '--email', 'bad', '--name', 'x', '--role', 'king', '--password', 'short'));

  const csv = join(dir, 'villages.csv');
  writeFileSync(csv, 'code,name,kind,parent_code\n2603999001,روستای آزمایشی,village,2603\n');
  r = await run('import', 'places', csv, '--json');
  assert.equal(r.code, 0, r.out);
  assert.equal(JSON.parse(r.out).inserted, 1);
  writeFileSync(csv, 'code,name,kind,parent_code\n2603999002,روستای بی‌والد,village,1234\n');
  r = await run('import', 'places', csv);
  assert.equal(r.code, 1);
  assert.match(r.out, /nothing imported/);

  const backup = join(dir, 'backup', 'copy.db');
  r = await run('backup', backup);
  assert.equal(r.code, 0, r.out);
  assert.ok(existsSync(backup));
  const copy = new SQLite(backup, { readonly: true });
  assert.equal((copy.prepare('select count(*) as n from places').get() as { n: number }).n > 20, true);
  copy.close();

  r = await run('audit', 'verify', '--json');
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.out).ok, true);
  const raw = new SQLite(db);
  raw.exec('drop trigger audit_log_no_update');
  raw.exec("update audit_log set action = 'forged' where id = 2");
  raw.close();
  r = await run('audit', 'verify');
  assert.equal(r.code, 1);
  assert.match(r.out, /BROKEN at entry 2/);
});

test('unknown commands and missing arguments exit with 2', async () => {
  assert.equal((await run('frobnicate')).code, 2);
  assert.equal((await run('import', 'places')).code, 2);
  assert.equal((await run('seed')).code, 2);
});

test('npx mahalle (bin/mahalle.js) runs a command exactly once', async () => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [new URL('../bin/mahalle.js', import.meta.url).pathname, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout.split('Usage: npx mahalle').length - 1, 1);
});

test('moderation export writes the moderators’ decisions as a training file the train command reads', async () => {
  // The demo seed's moderator approves the held demo comments: each is a «clean» example.
  let r = await run('seed', '--demo', '--json');
  assert.equal(r.code, 0);
  const file = join(dir, 'examples.csv');
  r = await run('moderation', 'export', '--out', file, '--json');
  assert.equal(r.code, 0, r.out);
  const { examples } = JSON.parse(r.out) as { examples: number };
  assert.ok(examples >= 3, `examples: ${examples}`);
  const { parseLabelledCsv } = await import('./comments/moderation/cli.ts');
  const { readFileSync } = await import('node:fs');
  const { examples: rows, skipped } = parseLabelledCsv(readFileSync(file, 'utf8'));
  assert.equal(skipped, 0);
  assert.equal(rows.length, examples);
  assert.ok(rows.every((x) => x.label === 0), 'approved comments are clean');
  assert.ok(rows.some((x) => /سرای محله/.test(x.text)));
});
