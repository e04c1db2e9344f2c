// Money is stored as integer rials and shown in rials or tomans (1 toman = 10 rials) as
// configured; where a person confirms an amount it is also written out in words, because a
// slipped zero is easy to miss in digits and hard to miss in words.

import { toAsciiDigits } from './digits.ts';

export type MoneyUnit = 'rial' | 'toman';

const numberFormat = new Intl.NumberFormat('fa-IR');

/** Formats a number with Persian digits and grouping, e.g. `۱٬۲۳۴`. */
export function formatNumber(n: number | bigint): string {
  return numberFormat.format(n);
}

// Number inputs beyond 2^53 have usually already lost digits; a wrong amount shown as if it were
// exact is worse than an error, so such values must come in as bigint.
function toRials(value: number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer (pass a bigint): ${value}`);
  return BigInt(value);
}

function splitTomans(rials: bigint): { negative: boolean; tomans: bigint; rest: bigint } {
  const negative = rials < 0n;
  const abs = negative ? -rials : rials;
  return { negative, tomans: abs / 10n, rest: abs % 10n };
}

/** Formats an amount of rials as `۱٬۵۰۰٬۰۰۰ ریال` or `۱۵۰٬۰۰۰ تومان` (a leftover rial shows as ٫۵). */
export function formatMoney(rials: number | bigint, unit: MoneyUnit): string {
  const value = toRials(rials);
  if (unit === 'rial') return `${formatNumber(value)} ریال`;
  const { negative, tomans, rest } = splitTomans(value);
  // A decimal string keeps bigint precision; dividing as a number would not.
  const decimal = `${negative ? '-' : ''}${tomans}${rest === 0n ? '' : `.${rest}`}` as `${number}`;
  return `${numberFormat.format(decimal)} تومان`;
}

const ONES = ['', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه'];
const TEENS = ['ده', 'یازده', 'دوازده', 'سیزده', 'چهارده', 'پانزده', 'شانزده', 'هفده', 'هجده', 'نوزده'];
const TENS = ['', '', 'بیست', 'سی', 'چهل', 'پنجاه', 'شصت', 'هفتاد', 'هشتاد', 'نود'];
const HUNDREDS = ['', 'صد', 'دویست', 'سیصد', 'چهارصد', 'پانصد', 'ششصد', 'هفتصد', 'هشتصد', 'نهصد'];

const JOIN = ' و ';
const BILLION = 1_000_000_000n;
const LIMIT = BILLION * BILLION;

function below1000(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) parts.push(HUNDREDS[h]!);
  if (rest >= 10 && rest < 20) parts.push(TEENS[rest - 10]!);
  else {
    const t = Math.floor(rest / 10);
    const o = rest % 10;
    if (t > 0) parts.push(TENS[t]!);
    if (o > 0) parts.push(ONES[o]!);
  }
  return parts.join(JOIN);
}

// Groups are named up to میلیون; larger amounts count milliards, so 10^12 reads
// "یک هزار میلیارد" and 2,005×10^9 reads "دو هزار و پنج میلیارد" as people say them.
function belowBillion(n: number): string {
  const parts: string[] = [];
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor(n / 1000) % 1000;
  const units = n % 1000;
  if (millions > 0) parts.push(`${below1000(millions)} میلیون`);
  if (thousands > 0) parts.push(`${below1000(thousands)} هزار`);
  if (units > 0) parts.push(below1000(units));
  return parts.join(JOIN);
}

/**
 * Writes an integer (|n| < 10^18) in Persian words. Thousands are read with an explicit one:
 * 1234 → «یک هزار و دویست و سی و چهار», the form used on cheques and bank forms.
 */
export function numberToPersianWords(n: number | bigint): string {
  const value = toRials(n);
  if (value === 0n) return 'صفر';
  const negative = value < 0n;
  const abs = negative ? -value : value;
  if (abs >= LIMIT) throw new RangeError(`Number too large for words: ${value}`);
  const milliards = Number(abs / BILLION);
  const rest = Number(abs % BILLION);
  const parts: string[] = [];
  if (milliards > 0) parts.push(`${belowBillion(milliards)} میلیارد`);
  if (rest > 0) parts.push(belowBillion(rest));
  return (negative ? 'منفی ' : '') + parts.join(JOIN);
}

/** Writes an amount of rials in words in the given unit, e.g. `یک میلیون و پانصد هزار ریال`. */
export function amountInWords(rials: number | bigint, unit: MoneyUnit): string {
  const value = toRials(rials);
  if (unit === 'rial') return `${numberToPersianWords(value)} ریال`;
  const { negative, tomans, rest } = splitTomans(value);
  const sign = negative ? 'منفی ' : '';
  if (rest === 0n) return `${sign}${numberToPersianWords(tomans)} تومان`;
  if (tomans === 0n) return `${sign}${numberToPersianWords(rest)} ریال`;
  return `${sign}${numberToPersianWords(tomans)} تومان و ${numberToPersianWords(rest)} ریال`;
}

const BIDI_MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// Separators must sit between groups of three: a misplaced one ("1,50,000") is more likely a
// typo in an amount of money than a deliberate number, so it is refused rather than guessed.
const AMOUNT = /^([-\u2212])?(\d{1,3}(?:[, ]\d{3})+|\d+)$/;

/** Parses a typed integer amount (Persian/Arabic/ASCII digits, ٬ , or space grouping); null if not one. */
export function parseAmount(input: string): number | null {
  // NFKC turns NBSP, narrow NBSP and full-width digits into plain ones; formatNumber's own
  // output (LRM and U+2212 before negatives) parses back.
  const text = toAsciiDigits(input.replace(BIDI_MARKS, '').normalize('NFKC')).trim();
  const m = AMOUNT.exec(text);
  if (m === null) return null;
  const magnitude = Number(m[2]!.replace(/[, ]/g, ''));
  if (!Number.isSafeInteger(magnitude)) return null;
  return m[1] !== undefined && magnitude !== 0 ? -magnitude : magnitude;
}
