// Persian alphabetical order. Code-point order is wrong for Persian (پ چ ژ گ sort after ی and
// آ/ا are far apart), and neither SQLite nor a default PG collation gets it right, so lists
// that must read alphabetically are sorted here.

import { foldHamza, normalizePersian } from './normalize.ts';

// numeric: 'محله ۲' before 'محله ۱۰', which is what a person scanning a list expects.
const collator = new Intl.Collator('fa', { numeric: true });

/** Compares two strings in Persian alphabetical order after normalizePersian (ي/ك sort as ی/ک). */
export function comparePersian(a: string, b: string): number {
  return collator.compare(foldHamza(normalizePersian(a)), foldHamza(normalizePersian(b)));
}

/** Returns a new array sorted in Persian order by key; stable, each key normalised once. */
export function sortByPersian<T>(items: readonly T[], key: (t: T) => string): T[] {
  const decorated = items.map((item, index) => ({ item, index, k: foldHamza(normalizePersian(key(item))) }));
  decorated.sort((x, y) => collator.compare(x.k, y.k) || x.index - y.index);
  return decorated.map((d) => d.item);
}

const alphabet = 'آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی';
const extraLetters: Record<string, string> = { 'ء': 'ا', 'ئ': 'ی', 'ؤ': 'و' };
const LETTER_BASE = 0xe100;

/**
 * A string whose code-point (byte) order is Persian alphabetical order, so databases can sort
 * and paginate by it: letters map to private-use code points in alphabet order, runs of digits
 * are zero-padded so ۲ comes before ۱۰, and ZWNJ counts as a space.
 */
export function persianSortKey(text: string): string {
  const base = foldHamza(normalizePersian(text)).replace(/\u200c/g, ' ');
  let out = '';
  for (const run of base.match(/\d+|\D/g) ?? []) {
    if (/^\d/.test(run)) {
      out += run.padStart(12, '0');
      continue;
    }
    const folded = extraLetters[run] ?? run;
    const index = alphabet.indexOf(folded);
    // Hamza-carrying letters sort right after their base letter.
    out += index >= 0 ? String.fromCharCode(LETTER_BASE + index * 2 + (folded !== run ? 1 : 0)) : run.toLowerCase();
  }
  return out;
}
