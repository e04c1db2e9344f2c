import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isolateLtr } from './bidi.ts';
import { normalizePersian } from './normalize.ts';

test('isolates are added around LTR text and removed again by normalization', () => {
  const s = `کد به ${isolateLtr('۰۹۱۲***۴۵۶۷')} فرستاده شد`;
  assert.equal(s.includes('\u2066۰۹۱۲***۴۵۶۷\u2069'), true);
  assert.equal(normalizePersian(s), 'کد به 0912***4567 فرستاده شد');
});
