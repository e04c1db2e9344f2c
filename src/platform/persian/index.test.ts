import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as persian from './index.ts';

test('index re-exports the whole Persian API', () => {
  const expected = [
    'amountInWords',
    'comparePersian',
    'currentFiscalYear',
    'foldHamza',
    'formatJalaliDate',
    'formatJalaliDateTime',
    'formatJalaliNumeric',
    'formatMoney',
    'formatNumber',
    'gregorianIsoToJalali',
    'jalaliDayStartUtc',
    'jalaliMonthNames',
    'jalaliPartsOf',
    'jalaliToGregorianIso',
    'matchKey',
    'normalizePersian',
    'numberToPersianWords',
    'parseAmount',
    'parseJalaliDate',
    'persianSortKey',
    'samePersianText',
    'sortByPersian',
    'toAsciiDigits',
    'toPersianDigits',
  ];
  assert.deepEqual(Object.keys(persian).sort(), expected);
});
