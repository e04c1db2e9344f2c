import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueParts, fa } from '../../messages.ts';
import { t } from './t.ts';

const srcDir = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/(messages|fa)\.ts$/.test(name)) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

test('every message key is used somewhere', () => {
  const code = sources(srcDir).join('\n');
  // Keys built from a value (`place.kind.${kind}`, `role.${r}`, `error.${code}.title`) count as used when their prefix is.
  const dynamicPrefixes = [...code.matchAll(/`([a-z_.]+)\.\$\{/g)].map((m) => `${m[1]}.`);
  const unused = Object.keys(fa).filter((key) => !code.includes(`'${key}'`) && !dynamicPrefixes.some((p) => key.startsWith(p)));
  assert.deepEqual(unused, []);
});

test('every message is Persian', () => {
  for (const [key, text] of Object.entries(fa)) assert.match(text, /[\u0600-\u06FF]/, key);
});

test('placeholders are filled and numbers shown in Persian digits', () => {
  assert.equal(t('pager.status', { page: 2, pages: 10 }), 'صفحهٔ ۲ از ۱۰');
});

test('keys built from values exist for every value', async () => {
  const { placeKinds } = await import('../../places/place-kinds.ts');
  const { roles } = await import('../../accounts/roles.ts');
  const { errorStatus } = await import('../http/errors.ts');
  const keys = new Set(Object.keys(fa));
  for (const k of placeKinds) assert.ok(keys.has(`place.kind.${k}`), k);
  for (const r of roles) assert.ok(keys.has(`role.${r}`), r);
  for (const code of Object.keys(errorStatus)) {
    assert.ok(keys.has(`error.${code}.title`), code);
    assert.ok(keys.has(`error.${code}.body`), code);
  }
});

test('no two modules define the same key', () => {
  const seen = new Map<string, string>();
  for (const [part, messages] of Object.entries(catalogueParts)) {
    for (const key of Object.keys(messages)) {
      assert.equal(seen.get(key), undefined, `${key} is in ${seen.get(key)} and ${part}`);
      seen.set(key, part);
    }
  }
});
