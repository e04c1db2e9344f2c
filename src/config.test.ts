import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, sqlitePath } from './config.ts';

test('defaults give a working development setup', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 3000);
  assert.equal(c.DATABASE_URL, 'sqlite:./data/mahalle.db');
  assert.equal(sqlitePath(c.DATABASE_URL), './data/mahalle.db');
  assert.equal(c.SMS_PROVIDER, 'log');
  assert.ok(c.sessionSecret.length >= 32);
});

test('postgres URLs select PostgreSQL', () => {
  const c = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
  assert.equal(sqlitePath(c.DATABASE_URL), null);
});

test('every invalid value is listed, in Persian and English', () => {
  try {
    loadConfig({ PORT: 'eighty', BASE_URL: 'not a url', SESSION_DAYS: '0' });
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.deepEqual(err.problems.map((p) => p.split(':')[0]).sort(), ['BASE_URL', 'PORT', 'SESSION_DAYS']);
    assert.match(err.message, /پیکربندی نامعتبر است/);
    assert.match(err.message, /Invalid configuration/);
  }
});

test('production needs a session secret; the HTTP SMS sender needs its URL', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET/);
  assert.throws(() => loadConfig({ SMS_PROVIDER: 'http' }), /SMS_HTTP_URL/);
});

test('README documents every environment variable', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
  const names = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1]!);
  assert.ok(names.length > 10);
  for (const name of names) assert.ok(readme.includes(`\`${name}\``), `README.md does not document ${name}`);
});
