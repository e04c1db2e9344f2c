// Public surface of the Persian core; other modules import from here, not from the files.

export { toAsciiDigits, toPersianDigits } from './digits.ts';
export { foldHamza, matchKey, normalizePersian, samePersianText } from './normalize.ts';
export {
  currentFiscalYear,
  formatJalaliDate,
  formatJalaliDateTime,
  formatJalaliNumeric,
  gregorianIsoToJalali,
  jalaliDayStartUtc,
  jalaliMonthNames,
  jalaliPartsOf,
  jalaliToGregorianIso,
  parseJalaliDate,
} from './jalali.ts';
export type { JalaliDate, ParseJalaliResult } from './jalali.ts';
export { comparePersian, persianSortKey, sortByPersian } from './collation.ts';
export { amountInWords, formatMoney, formatNumber, numberToPersianWords, parseAmount } from './money.ts';
export type { MoneyUnit } from './money.ts';
