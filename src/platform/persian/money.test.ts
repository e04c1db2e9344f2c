import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toPersianDigits } from './digits.ts';
import { amountInWords, formatMoney, formatNumber, numberToPersianWords, parseAmount } from './money.ts';

test('formatNumber uses Persian digits and grouping', () => {
  assert.equal(formatNumber(0), '۰');
  assert.equal(formatNumber(1234), '۱٬۲۳۴');
  assert.equal(formatNumber(1_500_000_000), '۱٬۵۰۰٬۰۰۰٬۰۰۰');
  assert.equal(formatNumber(12345678901234567890n), '۱۲٬۳۴۵٬۶۷۸٬۹۰۱٬۲۳۴٬۵۶۷٬۸۹۰');
  assert.equal(formatNumber(2.5), '۲٫۵');
});

test('formatMoney in rials and tomans', () => {
  assert.equal(formatMoney(1_500_000, 'rial'), '۱٬۵۰۰٬۰۰۰ ریال');
  assert.equal(formatMoney(1_500_000, 'toman'), '۱۵۰٬۰۰۰ تومان');
  assert.equal(formatMoney(0, 'toman'), '۰ تومان');
  assert.equal(formatMoney(15, 'toman'), '۱٫۵ تومان');
  assert.equal(formatMoney(5, 'toman'), '۰٫۵ تومان');
  assert.equal(formatMoney(1_500_001n, 'toman'), '۱۵۰٬۰۰۰٫۱ تومان');
  assert.equal(formatMoney(123_456_789_012_345_678_9n, 'toman'), '۱۲۳٬۴۵۶٬۷۸۹٬۰۱۲٬۳۴۵٬۶۷۸٫۹ تومان');
  assert.equal(parseAmount(formatMoney(-150, 'toman').replace(' تومان', '')), -15);
  assert.equal(formatMoney(-15, 'toman').replace(/[\u200E\u200F]/g, ''), '−۱٫۵ تومان');
  assert.throws(() => formatMoney(1.5, 'rial'), RangeError);
  assert.throws(() => formatMoney(Number.NaN, 'rial'), RangeError);
  assert.throws(() => formatMoney(2 ** 60, 'rial'), RangeError);
});

const WORDS: [number | bigint, string][] = [
  [0, 'صفر'],
  [1, 'یک'],
  [9, 'نه'],
  [10, 'ده'],
  [11, 'یازده'],
  [12, 'دوازده'],
  [15, 'پانزده'],
  [16, 'شانزده'],
  [18, 'هجده'],
  [19, 'نوزده'],
  [20, 'بیست'],
  [21, 'بیست و یک'],
  [30, 'سی'],
  [99, 'نود و نه'],
  [100, 'صد'],
  [101, 'صد و یک'],
  [110, 'صد و ده'],
  [115, 'صد و پانزده'],
  [120, 'صد و بیست'],
  [200, 'دویست'],
  [300, 'سیصد'],
  [500, 'پانصد'],
  [999, 'نهصد و نود و نه'],
  [1000, 'یک هزار'],
  [1001, 'یک هزار و یک'],
  [1234, 'یک هزار و دویست و سی و چهار'],
  [2000, 'دو هزار'],
  [10_000, 'ده هزار'],
  [100_000, 'صد هزار'],
  [101_000, 'صد و یک هزار'],
  [1_000_000, 'یک میلیون'],
  [1_000_001, 'یک میلیون و یک'],
  [1_500_000, 'یک میلیون و پانصد هزار'],
  [1_001_000, 'یک میلیون و یک هزار'],
  [1_000_000_000, 'یک میلیارد'],
  [1_500_000_000, 'یک میلیارد و پانصد میلیون'],
  [1_000_000_000_000, 'یک هزار میلیارد'],
  [2_005_000_000_000, 'دو هزار و پنج میلیارد'],
  [1_000_000_000_001, 'یک هزار میلیارد و یک'],
  [1_000_000_000_000_000n, 'یک میلیون میلیارد'],
  [1_500_000_000_000_000n, 'یک میلیون و پانصد هزار میلیارد'],
  [
    999_999_999_999_999_999n,
    'نهصد و نود و نه میلیون و نهصد و نود و نه هزار و نهصد و نود و نه میلیارد و نهصد و نود و نه میلیون و نهصد و نود و نه هزار و نهصد و نود و نه',
  ],
  [-1, 'منفی یک'],
  [-1234, 'منفی یک هزار و دویست و سی و چهار'],
];

test('numberToPersianWords examples', () => {
  for (const [n, words] of WORDS) assert.equal(numberToPersianWords(n), words, String(n));
  assert.equal(numberToPersianWords(1234n), numberToPersianWords(1234));
  assert.throws(() => numberToPersianWords(1_000_000_000_000_000_000n), RangeError);
  assert.throws(() => numberToPersianWords(-1_000_000_000_000_000_000n), RangeError);
  assert.throws(() => numberToPersianWords(1.5), RangeError);
  assert.throws(() => numberToPersianWords(Number.MAX_SAFE_INTEGER + 1), RangeError);
});

// An independent reader of the words, so the property below checks meaning, not just shape.
const VALUES = new Map<string, bigint>();
['یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه'].forEach((w, i) => VALUES.set(w, BigInt(i + 1)));
['ده', 'یازده', 'دوازده', 'سیزده', 'چهارده', 'پانزده', 'شانزده', 'هفده', 'هجده', 'نوزده'].forEach((w, i) =>
  VALUES.set(w, BigInt(i + 10)),
);
['بیست', 'سی', 'چهل', 'پنجاه', 'شصت', 'هفتاد', 'هشتاد', 'نود'].forEach((w, i) => VALUES.set(w, BigInt((i + 2) * 10)));
['صد', 'دویست', 'سیصد', 'چهارصد', 'پانصد', 'ششصد', 'هفتصد', 'هشتصد', 'نهصد'].forEach((w, i) =>
  VALUES.set(w, BigInt((i + 1) * 100)),
);

function readBelowBillion(words: string[]): bigint {
  let total = 0n;
  let group = 0n;
  for (const w of words) {
    if (w === 'و') continue;
    if (w === 'میلیون' || w === 'هزار') {
      assert.ok(group > 0n && group < 1000n);
      total += group * (w === 'میلیون' ? 1_000_000n : 1000n);
      group = 0n;
    } else {
      const v = VALUES.get(w);
      assert.ok(v !== undefined, `unknown word ${w}`);
      group += v;
    }
  }
  return total + group;
}

function readWords(text: string): bigint {
  if (text === 'صفر') return 0n;
  if (text.startsWith('منفی ')) return -readWords(text.slice('منفی '.length));
  const words = text.split(' ');
  const at = words.indexOf('میلیارد');
  if (at < 0) return readBelowBillion(words);
  return readBelowBillion(words.slice(0, at)) * 1_000_000_000n + readBelowBillion(words.slice(at + 1));
}

test('numberToPersianWords reads back to the same number', () => {
  const limit = 10n ** 18n - 1n;
  fc.assert(
    fc.property(fc.oneof(fc.bigInt({ min: -limit, max: limit }), fc.bigInt({ min: -3000n, max: 3000n })), (n) => {
      const words = numberToPersianWords(n);
      assert.doesNotMatch(words, /^ | $| {2}|و و|^و |(^| )و$/);
      assert.equal(readWords(words), n);
    }),
    { numRuns: 3000 },
  );
});

test('amountInWords in rials and tomans', () => {
  assert.equal(amountInWords(1_500_000, 'rial'), 'یک میلیون و پانصد هزار ریال');
  assert.equal(amountInWords(15_000_000, 'toman'), 'یک میلیون و پانصد هزار تومان');
  assert.equal(amountInWords(0, 'toman'), 'صفر تومان');
  assert.equal(amountInWords(0, 'rial'), 'صفر ریال');
  assert.equal(amountInWords(15, 'toman'), 'یک تومان و پنج ریال');
  assert.equal(amountInWords(5, 'toman'), 'پنج ریال');
  assert.equal(amountInWords(-15, 'toman'), 'منفی یک تومان و پنج ریال');
  assert.equal(amountInWords(-20, 'toman'), 'منفی دو تومان');
  assert.equal(amountInWords(10_000_000_000_000n, 'toman'), 'یک هزار میلیارد تومان');
});

test('parseAmount accepts every digit kind and grouping', () => {
  const cases: [string, number | null][] = [
    ['0', 0],
    ['۱۵۰۰۰۰۰', 1_500_000],
    ['١٥٠٠٠٠٠', 1_500_000],
    ['1500000', 1_500_000],
    ['۱٬۵۰۰٬۰۰۰', 1_500_000],
    ['1,500,000', 1_500_000],
    ['۱ ۵۰۰ ۰۰۰', 1_500_000],
    ['۱\u00A0۵۰۰\u202F۰۰۰', 1_500_000],
    ['  ۲۵۰  ', 250],
    ['007', 7],
    ['١,۵٠٠', 1500],
    ['-۱۲', -12],
    ['\u200E\u2212۱۲', -12],
    ['-0', 0],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['9007199254740992', null],
    ['', null],
    ['   ', null],
    ['-', null],
    ['abc', null],
    ['۱۲ ریال', null],
    ['1.5', null],
    ['۱٫۵', null],
    ['1,50,000', null],
    ['1,5000', null],
    ['1,,000', null],
    [',100', null],
    ['100,', null],
    ['1e6', null],
    ['+5', null],
    ['Infinity', null],
    ['0x10', null],
  ];
  for (const [input, expected] of cases) assert.equal(parseAmount(input), expected, JSON.stringify(input));
  assert.ok(Object.is(parseAmount('-0'), 0));
});

test('parseAmount reads back what formatNumber and toPersianDigits write', () => {
  fc.assert(
    fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
      assert.equal(parseAmount(formatNumber(n)), n);
      assert.equal(parseAmount(toPersianDigits(n)), n);
      assert.equal(parseAmount(n.toLocaleString('en-US')), n);
    }),
    { numRuns: 2000 },
  );
});
