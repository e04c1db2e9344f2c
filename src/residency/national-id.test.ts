import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidNationalId, nationalIdHash, parseNationalId, withCheckDigit } from './national-id.ts';

test('the Iranian national ID check digit', () => {
  // s = 0·10+0·9+1·8+3·7+5·6+7·5+9·4+1·3+1·2 = 135, 135 mod 11 = 3, check = 11 − 3 = 8
  assert.ok(isValidNationalId('0013579118'));
  assert.ok(!isValidNationalId('0013579117'));
  // r < 2: the check digit is r itself (s = 1·10 + 1·2 = 12 → r = 1)
  assert.equal(withCheckDigit('100000001'), '1000000011');
  assert.ok(isValidNationalId('1000000011'));
  assert.ok(!isValidNationalId('1111111111'), 'ten equal digits are never issued');
  assert.ok(!isValidNationalId('123'));
});

test('typed IDs: Persian or Arabic digits, dashes, and a spreadsheet that dropped the leading zeros', () => {
  assert.equal(parseNationalId('۰۰۱-۳۵۷۹۱۱-۸'), '0013579118');
  assert.equal(parseNationalId('٠٠١٣٥٧٩١١٨'), '0013579118');
  assert.equal(parseNationalId('13579118'), '0013579118');
  assert.equal(parseNationalId('0013579117'), null);
  assert.equal(parseNationalId('abc'), null);
});

test('stored hashes depend on the server key', () => {
  assert.notEqual(nationalIdHash('a'.repeat(40), '0013579118'), nationalIdHash('b'.repeat(40), '0013579118'));
  assert.match(nationalIdHash('a'.repeat(40), '0013579118'), /^[0-9a-f]{64}$/);
});
