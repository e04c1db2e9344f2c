// `mahalle allocate`: the command function on a temporary .pb file, and main()'s exit codes.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../main.ts';
import { allocateCommand, UsageError } from './cli.ts';

// Consul's second published case as a pabulib file: 800/900, 300/800, 200/600 with 1000 to spend.
const pb = [
  'META', 'key;value', 'budget;1000', 'vote_type;approval', 'rule;greedy',
  'PROJECTS', 'project_id;cost;votes;name', 'a;800;3;A', 'b;300;2;B', 'c;200;1;C',
  'VOTES', 'voter_id;vote', '1;a,b,c', '2;a,b', '3;a',
].join('\n');

let dir = '';
let file = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mahalle-allocate-'));
  file = path.join(dir, 'consul.pb');
  await writeFile(file, pb);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sink = () => {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s), text: () => chunks.join('') };
};

test('--json prints method, budget, spent and the selected ids', async () => {
  const out = sink();
  await allocateCommand({ pb: file, method: 'greedy', json: true, output: out });
  assert.deepEqual(JSON.parse(out.text()), { method: 'greedy', budget: 1000, spent: 1000, selected: ['a', 'c'] });
  const ns = sink();
  await allocateCommand({ pb: file, method: 'greedy-no-skip', json: true, output: ns });
  assert.deepEqual(JSON.parse(ns.text()).selected, ['a']);
});

test('text output', async () => {
  const out = sink();
  await allocateCommand({ pb: file, method: 'mes', output: out });
  // 3 voters with 333.33 each: a (800) costs its 3 supporters 266.67 each; b then has voters 1
  // and 2 holding 66.67 each (< 300), and c voter 1 alone (< 200).
  assert.equal(out.text(), 'method: mes\nbudget: 1,000\nspent: 800 (80.0%)\nselected (1): a\n');
});

test('bad arguments are usage errors', async () => {
  await assert.rejects(allocateCommand({ method: 'greedy' }), UsageError);
  await assert.rejects(allocateCommand({ pb: file }), UsageError);
  await assert.rejects(allocateCommand({ pb: file, method: 'lottery' }), /unknown method: lottery/);
});

test('main: exit 0 with JSON, exit 2 with the usage on bad arguments', async () => {
  const logs: string[] = [];
  const realLog = console.log;
  const realError = console.error;
  console.error = (...a: unknown[]) => { logs.push(a.join(' ')); };
  console.log = (...a: unknown[]) => { logs.push(a.join(' ')); };
  try {
    assert.equal(await main(['allocate', '--pb', file, '--method', 'mes-add1', '--json']), 0);
    assert.deepEqual(JSON.parse(logs.join('')).method, 'mes-add1');
    logs.length = 0;
    assert.equal(await main(['allocate', '--pb', file, '--method', 'nope']), 2);
    assert.match(logs.join('\n'), /usage: mahalle allocate --pb FILE.pb --method/);
    assert.equal(await main(['allocate']), 2);
    logs.length = 0;
    assert.equal(await main(['--help']), 0);
    assert.match(logs.join('\n'), /allocate --pb FILE\.pb --method/);
  } finally {
    console.log = realLog;
    console.error = realError;
  }
});
