import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toAsciiDigits, toPersianDigits } from './digits.ts';

test('toPersianDigits converts ASCII and Arabic-Indic digits', () => {
  assert.equal(toPersianDigits('0123456789'), '۰۱۲۳۴۵۶۷۸۹');
  assert.equal(toPersianDigits('٠١٢٣٤٥٦٧٨٩'), '۰۱۲۳۴۵۶۷۸۹');
  assert.equal(toPersianDigits('طرح 12 و ٣٤'), 'طرح ۱۲ و ۳۴');
  assert.equal(toPersianDigits(1405), '۱۴۰۵');
  assert.equal(toPersianDigits(-3.5), '-۳.۵');
  assert.equal(toPersianDigits(12345678901234567890n), '۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹۰');
  assert.equal(toPersianDigits('۱۲'), '۱۲');
});

test('toAsciiDigits converts Persian and Arabic-Indic digits and separators', () => {
  assert.equal(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹'), '0123456789');
  assert.equal(toAsciiDigits('٠١٢٣٤٥٦٧٨٩'), '0123456789');
  assert.equal(toAsciiDigits('۱٬۲۳۴٫۵'), '1,234.5');
  assert.equal(toAsciiDigits('abc 42'), 'abc 42');
});

test('digit conversions round-trip', () => {
  fc.assert(
    fc.property(fc.bigInt(), (n) => {
      const persian = toPersianDigits(n);
      assert.match(persian, /^-?[۰-۹]+$/);
      assert.equal(toAsciiDigits(persian), String(n));
    }),
  );
});
