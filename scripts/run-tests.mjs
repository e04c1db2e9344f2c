#!/usr/bin/env node
// Node 20's test runner does not expand globs, so the test files are listed here.
// `npm test` runs unit and integration tests (src/**/*.test.ts[x], migrations/**/*.test.ts);
// `npm run test:e2e` runs the browser tests (e2e/**/*.test.ts).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const e2e = process.argv.includes('--e2e');
const dirs = e2e ? ['e2e'] : ['src', 'migrations', 'scripts', 'bench'];

function walk(dir, out) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, path));
  }
  return out;
}

const files = dirs.flatMap((d) => walk(join(root, d), [])).sort();
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
const extra = process.argv.slice(2).filter((a) => a !== '--e2e');
const args = ['--import', 'tsx', '--test', '--test-concurrency=1', ...extra, ...files];
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
