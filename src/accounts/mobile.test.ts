import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskMobile, parseIranMobile } from './mobile.ts';

test('accepts Iranian mobile numbers in every digit kind and prefix', () => {
  for (const input of ['09121234567', '۰۹۱۲۱۲۳۴۵۶۷', '٠٩١٢١٢٣٤٥٦٧', '+989121234567', '00989121234567', '989121234567', '9121234567', '0912 123 4567', '0912-123-4567']) {
    assert.equal(parseIranMobile(input), '09121234567', input);
  }
});

test('refuses what is not a mobile number', () => {
  for (const input of ['', '12345', '02112345678', '0912123456', '091212345678', '0912abc4567', '08121234567', '+19121234567']) {
    assert.equal(parseIranMobile(input), null, input);
  }
});

test('masks the middle of a number', () => {
  assert.equal(maskMobile('09121234567'), '0912***4567');
});
